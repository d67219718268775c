"""The invitees of one meeting: who is invited, their role, RSVP and presence.

The pane keeps the current :class:`Meeting` in memory, replaces it with
what :mod:`store.invitees` returns for each key, saves the copy through
``app.save_meeting`` and posts :class:`AttendeesPane.Changed` so a host
screen holding the same meeting can take the new copy.

=========  ==========================================
Key        Action
=========  ==========================================
a          invite a person (type to filter)
g          add a guest (name, e-mail, organisation)
m          invite every active member not yet invited
delete     remove the invitee
o          next role (participant, chair, secretary, minutes checker, for information)
y n t u    RSVP: accepted, declined (förhinder), tentative, no answer (the reply's comment
           and where it came from show under the table; ⚠ marks a reply by mail from
           someone else than the invitee, applied on the user's word)
1 2 3 4 0  presence: present, remote, excused, absent, not noted
l / e      arrived late / left early at a time (9:40, 09.40; empty clears)
S / r      open sign-up until a day / register someone (tui/widgets/signup.py)
=========  ==========================================
"""

from __future__ import annotations

from datetime import time
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.message import Message
from textual.widgets import DataTable, Static
from textual.widgets.data_table import CellDoesNotExist

from quorum.store.collate import sort_key
from quorum.store.i18n import t
from quorum.store.invitees import (
    add_guest,
    effective_role,
    invite_members,
    invite_person,
    next_role,
    presence_counts,
    remove_invitee,
    rsvp_counts,
    set_presence,
    set_role,
    set_rsvp,
    set_times,
)
from quorum.store.parse import parse_time
from quorum.store.records import Attendance, Meeting, Presence, Rsvp, replace
from quorum.store.representation import industry_rule_met, represented_orgs
from quorum.store.when import clock
from quorum.tui.cli_terminal import printable
from quorum.tui.dialogs import ChoiceDialog, PromptDialog
from quorum.tui.readonly import refuses_edit
from quorum.tui.translate import translate_bindings
from quorum.tui.widgets.roster_forms import GuestForm
from quorum.tui.widgets.signup import ask_who, ask_window, signup_line

if TYPE_CHECKING:
    from textual import getters

    from quorum.store.store import Store
    from quorum.tui.app import QuorumApp

RSVP_STYLE = {
    Rsvp.ACCEPTED: "green",
    Rsvp.DECLINED: "red",
    Rsvp.TENTATIVE: "yellow",
    Rsvp.NEEDS_ACTION: "dim",
}
PRESENCE_STYLE = {
    Presence.PRESENT: "bold green",
    Presence.REMOTE: "cyan",
    Presence.EXCUSED: "yellow",
    Presence.ABSENT: "red",
    Presence.UNKNOWN: "dim",
}
_ON_ROW = {"remove", "role", "rsvp", "presence", "arrived", "left"}


def _hm(value: time | None) -> str:
    return clock(value) if value else ""


# What the pane changes on a meeting (roles move chair/secretary/minutes checkers; sign-up).
ATTENDANCE_FIELDS = ("attendance", "chair_id", "secretary_id", "adjuster_ids", "signup_until")


class AttendeesPane(Vertical, can_focus=False):
    EDIT_ACTIONS = frozenset(
        {"invite", "guest", "invite_members", "rsvp", "presence", "role", "arrived", "left"}
        | {"remove", "signup_window", "register"}
    )
    BINDINGS = [
        Binding("a", "invite", "rui.key_invite"),
        Binding("g", "guest", "rui.key_guest", show=False),
        Binding("m", "invite_members", "rui.key_invite_members"),
        Binding("y", "rsvp('accepted')", "rui.key_accepted", show=False),
        Binding("n", "rsvp('declined')", "rui.key_declined", show=False),
        Binding("t", "rsvp('tentative')", "rui.key_tentative", show=False),
        Binding("u", "rsvp('needs-action')", "rui.key_no_answer", show=False),
        Binding("1", "presence('present')", "rui.key_present", show=False),
        Binding("2", "presence('remote')", "rui.key_remote", show=False),
        Binding("3", "presence('excused')", "rui.key_excused", show=False),
        Binding("4", "presence('absent')", "rui.key_absent", show=False),
        Binding("0", "presence('unknown')", "rui.key_presence_clear", show=False),
        Binding("o", "role", "rui.key_role", show=False),
        Binding("l", "arrived", "rui.key_arrived", show=False),
        Binding("e", "left", "rui.key_left", show=False),
        Binding("delete", "remove", "rui.key_remove", show=False),
        Binding("S", "signup_window", "flows.signup.key_open", show=False),
        Binding("r", "register", "flows.signup.key_register", show=False),
    ]

    DEFAULT_CSS = """
    AttendeesPane { height: 1fr; }
    AttendeesPane .att-line { height: auto; padding: 0 1; }
    AttendeesPane #att-orgs { color: $text-muted; max-height: 2; }
    AttendeesPane #att-warning { color: $warning; text-style: bold; display: none; }
    AttendeesPane #att-warning.-shown { display: block; }
    AttendeesPane #att-table { height: 1fr; }
    AttendeesPane #att-reply { color: $text-muted; max-height: 3; display: none; }
    AttendeesPane #att-reply.-shown { display: block; }
    """

    if TYPE_CHECKING:
        # Textual's own way to type the app (as MessagePump does): the running QuorumApp.
        app = getters.app(QuorumApp)

    class Changed(Message):
        """The invite list changed; ``meeting`` is the new copy (already being saved)."""

        def __init__(self, meeting: Meeting) -> None:
            super().__init__()
            self.meeting = meeting

    def __init__(self, meeting_id: str, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None

    @property
    def store(self) -> Store:
        return self.app.loaded_store()

    def compose(self) -> ComposeResult:
        yield Static(id="att-counts", classes="att-line")
        yield Static(id="att-orgs", classes="att-line")
        yield Static(id="att-warning", classes="att-line")
        yield DataTable(id="att-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="att-reply", classes="att-line")

    def on_mount(self) -> None:
        table = self.query_one("#att-table", DataTable)
        # Name and organisation are capped so presence still shows at 80 columns.
        widths = {"name": 18, "org": 16}
        for key in ("name", "org", "role", "rsvp", "presence"):
            table.add_column(t(f"rui.att_col_{key}"), key=key, width=widths.get(key))
        self.meeting = self.store.meeting(self.meeting_id)
        self.refresh_view()

    def focus_table(self) -> None:
        self.query_one("#att-table", DataTable).focus()

    # -- view ---------------------------------------------------------------------

    def _names(self) -> tuple[dict[str, Any], dict[str, str]]:
        people = {p.id: p for p in self.store.people()}
        orgs = {o.id: o.name for o in self.store.organisations()}
        return people, orgs

    def _label(
        self, a: Attendance, people: dict[str, Any], orgs: dict[str, str]
    ) -> tuple[str, str]:
        if a.person_id is None:
            return f"{a.guest_name} ({t('rui.guest')})", a.guest_org
        person = people.get(a.person_id)
        if person is None:
            return t("person.removed"), ""
        return person.name, orgs.get(person.org_id or "", "")

    def refresh_view(self) -> None:
        m = self.meeting
        if m is None:
            return
        people, orgs = self._names()
        table = self.query_one("#att-table", DataTable)
        selected = self.selected_key()
        table.clear()
        rows = [(a, *self._label(a, people, orgs)) for a in m.attendance]
        # Roster people by organisation then name; guests after them.
        rows.sort(
            key=lambda r: (r[0].person_id is None, r[2] == "", sort_key(r[2]), sort_key(r[1]))
        )
        for a, name, org in rows:
            times = []
            if a.arrived:
                times.append(t("rui.arrived_at", time=_hm(a.arrived)))
            if a.left:
                times.append(t("rui.left_at", time=_hm(a.left)))
            table.add_row(
                Text(name),
                Text(org),
                Text(t(f"mrole.{effective_role(m, a).value}")),
                Text.assemble(
                    (t(f"rsvp.{a.rsvp.value}"), RSVP_STYLE[a.rsvp]),
                    (" ⚠", "bold yellow") if a.reply_unverified else "",
                    " …" if a.reply_comment else "",
                ),
                Text.assemble(
                    (t(f"presence.{a.presence.value}"), PRESENCE_STYLE[a.presence]),
                    " " + ", ".join(times) if times else "",
                ),
                key=a.key,
            )
        if selected is not None and selected in table.rows:
            table.move_cursor(row=table.get_row_index(selected))
        self._show_summary(m)
        self._show_reply()

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_reply()

    def _show_reply(self) -> None:
        """The highlighted invitee's last calendar reply: from where, and its comment."""
        key = self.selected_key()
        a = self.meeting.attendee(key) if self.meeting is not None and key else None
        text = Text()
        if a is not None and a.reply_source:
            sender = printable(a.reply_from, 80)
            shown = "reply.shown_unverified" if a.reply_unverified else "reply.shown"
            style = "bold yellow" if a.reply_unverified else ""
            text.append(t(shown, source=printable(a.reply_source, 60), sender=sender), style)
        if a is not None and a.reply_comment:
            comment = printable(" ".join(a.reply_comment.split()), 160)
            text.append(("\n" if text else "") + t("reply.shown_comment", comment=comment))
        line = self.query_one("#att-reply", Static)
        line.update(text)
        line.set_class(bool(text), "-shown")

    def _show_summary(self, m: Meeting) -> None:
        store = self.store
        rc, pc = rsvp_counts(m), presence_counts(m)
        rsvp = " · ".join(f"{t(f'rsvp.{r.value}')} {rc[r]}" for r in Rsvp)
        if any(pc[p] for p in Presence if p is not Presence.UNKNOWN):
            shown = (Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED, Presence.ABSENT)
            rsvp += "  |  " + " · ".join(f"{t(f'presence.{p.value}')} {pc[p]}" for p in shown)
        counts = t("rui.att_counts", count=len(m.attendance), answers=rsvp)
        if not m.attendance:
            counts = t("rui.att_empty")
        if line := signup_line(m, self.app.clock().date()):
            counts = f"{line}  |  {counts}"
        self.query_one("#att-counts", Static).update(counts)
        people, orgs = store.people(), store.organisations()
        noted = any(a.presence is not Presence.UNKNOWN for a in m.attendance)
        basis = m
        if not noted:
            # Before the meeting: the organisations of those who said they come.
            basis = replace(
                m,
                attendance=tuple(
                    replace(a, presence=Presence.PRESENT)
                    for a in m.attendance
                    if a.rsvp is Rsvp.ACCEPTED
                ),
            )
        found = represented_orgs(basis, people, orgs)
        names = ", ".join(f"{o.name} ({n})" for o, n in found) or "–"
        key = "rui.att_represented" if noted else "rui.att_coming_from"
        self.query_one("#att-orgs", Static).update(Text(t(key, count=len(found), names=names)))
        network = store.network(m.network_id)
        warning = self.query_one("#att-warning", Static)
        missing = not industry_rule_met(m, network, people, orgs)
        warning.update(t("representation.industry_missing") if missing else "")
        warning.set_class(missing, "-shown")

    def selected_key(self) -> str | None:
        table = self.query_one("#att-table", DataTable)
        if not table.row_count:
            return None
        try:
            return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
        except CellDoesNotExist:
            return None

    # -- changes ------------------------------------------------------------------

    def _apply(self, meeting: Meeting) -> None:
        if meeting == self.meeting:
            return
        self.meeting = meeting
        # Only the attendance fields: the agenda may be edited in another tab.
        self.app.patch_meeting(
            meeting.id, "attendance", **{f: getattr(meeting, f) for f in ATTENDANCE_FIELDS}
        )
        self.refresh_view()
        self.post_message(self.Changed(meeting))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if refuses_edit(self, action):
            return None
        if action == "register":  # only while the meeting takes registrations
            return (self.meeting is not None and self.meeting.signup_until is not None) or None
        if action in _ON_ROW and self.selected_key() is None:
            return None
        return True

    def apply_meeting(self, meeting: Meeting) -> None:
        """Take and save a changed copy of the meeting (the sign-up keys' changes)."""
        self._apply(meeting)

    def action_signup_window(self) -> None:
        ask_window(self)

    def action_register(self) -> None:
        ask_who(self)

    def action_rsvp(self, value: str) -> None:
        key = self.selected_key()
        if self.meeting is not None and key is not None:
            self._apply(set_rsvp(self.meeting, key, Rsvp(value)))

    def action_presence(self, value: str) -> None:
        key = self.selected_key()
        if self.meeting is not None and key is not None:
            self._apply(set_presence(self.meeting, key, Presence(value)))

    def action_role(self) -> None:
        key = self.selected_key()
        if self.meeting is not None and key is not None:
            self._apply(set_role(self.meeting, key, next_role(self.meeting, key)))

    def action_remove(self) -> None:
        key = self.selected_key()
        if self.meeting is not None and key is not None:
            self._apply(remove_invitee(self.meeting, key))

    def action_invite_members(self) -> None:
        if self.meeting is None:
            return
        meeting, added = invite_members(self.meeting, self.store.people())
        self._apply(meeting)
        self.app.notify(t("rui.members_invited", count=added))

    def action_invite(self) -> None:
        if self.meeting is None:
            return
        invited = {a.person_id for a in self.meeting.attendance}
        orgs = {o.id: o.name for o in self.store.organisations()}
        choices = [
            (p.id, " · ".join(x for x in (p.name, orgs.get(p.org_id or "", ""), p.email) if x))
            for p in self.store.people()
            if p.id not in invited and p.active
        ]

        def chosen(pid: str | None) -> None:
            if pid is not None and self.meeting is not None:
                self._apply(invite_person(self.meeting, pid))
                self._select(pid)

        choices.sort(key=lambda c: sort_key(c[1]))
        picker = ChoiceDialog("", choices, filter=True, title=t("rui.invite_title"))
        self.app.push_screen(picker, chosen)

    def action_guest(self) -> None:
        def save(values: dict[str, Any]) -> Meeting:
            assert self.meeting is not None
            return add_guest(self.meeting, values["name"], values["email"], values["org"])

        def done(meeting: Meeting | None) -> None:
            if meeting is not None:
                self._apply(meeting)
                self._select(meeting.attendance[-1].key)

        self.app.push_screen(GuestForm(save), done)

    def _select(self, key: str) -> None:
        table = self.query_one("#att-table", DataTable)
        if key in table.rows:
            table.move_cursor(row=table.get_row_index(key))

    def action_arrived(self) -> None:
        self._ask_time("arrived")

    def action_left(self) -> None:
        self._ask_time("left")

    def _ask_time(self, which: str) -> None:
        key = self.selected_key()
        if self.meeting is None or key is None:
            return
        a = self.meeting.attendee(key)
        assert a is not None
        meeting = self.meeting

        def check(text: str, accepted: bool) -> Meeting:
            value = parse_time(text, field=which) if text.strip() else None
            times = {"arrived": a.arrived, "left": a.left, which: value}
            return set_times(meeting, key, **times)

        name = self.query_one("#att-table", DataTable).get_row(key)[0]
        title = t(f"rui.{which}_title", name=name)
        current = _hm(getattr(a, which))
        prompt = PromptDialog(
            "", current, check, title=title, label=t("rui.time"), hint=t("rui.time_hint")
        )
        self.app.push_screen(prompt, lambda m: self._apply(m) if m is not None else None)
