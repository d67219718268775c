"""A read-only list of a meeting's invitees with role and RSVP, and the counts."""

from __future__ import annotations

from collections import Counter

from textual.app import ComposeResult
from textual.containers import Vertical
from textual.widgets import DataTable, Static

from store.i18n import t
from store.records import Meeting, Rsvp


class InviteeList(Vertical):
    DEFAULT_CSS = """
    InviteeList { height: 1fr; }
    InviteeList #invitee-counts { height: auto; padding: 0 1; color: $text-muted; }
    InviteeList DataTable { height: 1fr; }
    """

    def __init__(self, meeting: Meeting, names: dict[str, str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.names = names

    def compose(self) -> ComposeResult:
        yield Static(id="invitee-counts")
        yield DataTable(id="invitee-table", cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for key in ("col.name", "col.role", "col.status"):
            table.add_column(t(key), key=key)
        self.show(self.meeting)

    def show(self, meeting: Meeting) -> None:
        self.meeting = meeting
        table = self.query_one(DataTable)
        table.clear()
        for a in meeting.attendance:
            name = self.names.get(a.person_id or "", "") or f"{a.guest_name} ({t('attendees.guest')})"
            table.add_row(name, t(f"mrole.{a.role.value}"), t(f"rsvp.{a.rsvp.value}"), key=a.key)
        counts = Counter(a.rsvp for a in meeting.attendance)
        self.query_one("#invitee-counts", Static).update(
            t(
                "attendees.counts",
                total=len(meeting.attendance),
                accepted=counts[Rsvp.ACCEPTED],
                tentative=counts[Rsvp.TENTATIVE],
                declined=counts[Rsvp.DECLINED],
                waiting=counts[Rsvp.NEEDS_ACTION],
            )
            if meeting.attendance
            else t("attendees.none")
        )
