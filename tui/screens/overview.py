"""The first screen: the networks, and each network's meetings, upcoming first."""

from __future__ import annotations

from collections.abc import Iterable
from datetime import datetime
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import DataTable, Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quorum.store.i18n import t
from quorum.store.records import Meeting, MeetingStatus
from quorum.store.signup import ordered_networks
from quorum.store.when import clock, clock_span
from quorum.store.wording import short_status
from quorum.tui.screens.base import QuorumScreen

if TYPE_CHECKING:
    from quorum.store.store import Store

STATUS_STYLE = {
    MeetingStatus.PLANNED: "",
    MeetingStatus.INVITED: "bold",
    MeetingStatus.HELD: "",
    MeetingStatus.DRAFTED: "italic",
    MeetingStatus.APPROVED: "",
    MeetingStatus.PUBLISHED: "dim",
    MeetingStatus.CANCELLED: "dim strike",
}


# What a blank database cannot do yet: hidden from the footer until a network exists.
_NEEDS_A_NETWORK = {
    "open_meeting",
    "new_meeting",
    "export",
    "open_attendees",
    "open_live",
    "open_replies",
    "open_year_plan",
}


def resume_text(meeting: Meeting) -> str:
    """The offer to carry on with a meeting left live: where the secretary was."""
    assert meeting.actual_start is not None
    item = meeting.agenda[meeting.current_item] if meeting.agenda else None
    return t(
        "live.resume.text",
        title=meeting.title,
        day=meeting.day.isoformat(),
        time=clock(meeting.actual_start.astimezone(meeting.zone)),
        number=meeting.current_item + 1,
        item=item.title if item else "",
    )


def weekday_short(day: datetime) -> str:
    return t(f"weekday.{day.weekday()}")[:3]


def split_upcoming(meetings: list[Meeting], now: datetime) -> tuple[list[Meeting], list[Meeting]]:
    """Upcoming meetings soonest first, then past ones newest first."""
    upcoming = [m for m in meetings if m.end >= now]
    past = [m for m in meetings if m.end < now]
    return sorted(upcoming, key=lambda m: m.start), sorted(
        past, key=lambda m: m.start, reverse=True
    )


class OverviewScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"new_meeting", "first_network", "sync_network"})
    # The meetings are what a user opens; the network list is one tab away.
    AUTO_FOCUS = "#meetings"

    # The footer holds what matters at 80 columns: on a blank database, how to begin (N).
    BINDINGS = [
        Binding("enter", "open_meeting", "key.open", show=True),
        Binding("N", "first_network", "overview.key_new_network", show=True),
        Binding("n", "new_meeting", "overview.key_new_meeting", show=True),
        Binding("x", "export", "exportui.key_export_dialog", show=True),
        Binding("p", "open_year_plan", "cmd.year_plan", show=True),
        Binding("e", "app.network_settings", "overview.key_edit_network", show=True),
        Binding("r", "app.open_roster", "cmd.roster", show=False),
        Binding("R", "open_replies", "exportui.key_replies", show=False),
        Binding("tab", "app.focus_next", "key.switch_pane", show=False),
        Binding("i", "open_attendees", "rui.key_invitees", show=False),
        Binding("N,ctrl+n", "app.new_network", "overview.key_new_network", show=False),
        Binding("L", "open_live", "meeting.key_live", show=False),
        Binding("S", "sync_network", "syncui.key_sync_network", show=False),
    ]

    DEFAULT_CSS = """
    OverviewScreen #networks { height: auto; max-height: 7; border: round $primary-darken-2; }
    OverviewScreen #networks:focus-within { border: round $accent; }
    OverviewScreen #right { border: round $primary-darken-2; height: 1fr; }
    OverviewScreen #right:focus-within { border: round $accent; }
    OverviewScreen #meetings { height: 1fr; }
    OverviewScreen #status { height: 1; color: $text-muted; padding: 0 1; }
    OverviewScreen #guide { height: 1fr; padding: 1 2; display: none; }
    OverviewScreen.-empty #guide { display: block; }
    OverviewScreen.-empty #meetings, OverviewScreen.-empty #status { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._meeting_rows: list[str] = []

    def compose(self) -> ComposeResult:
        yield Header()
        with Vertical():
            yield OptionList(id="networks")
            with Vertical(id="right"):
                yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
                yield Static(id="status")
                yield Static(Text(t("overview.guide")), id="guide")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "quorum"
        self.sub_title = t("overview.title")
        self.query_one("#networks").border_title = t("col.network")
        self.query_one("#right").border_title = t("col.meetings")
        table = self.query_one("#meetings", DataTable)
        # The title last: a long one is cut at the edge, never the status or the host.
        for key in ("col.date", "col.time", "col.status", "col.host", "col.title"):
            table.add_column(t(key), key=key)
        if self.app.store is not None:
            self.store_ready(self.app.store)
        else:
            self.query_one("#status", Static).update(t("app.loading", path=self.app.db_path or ""))

    # -- data ---------------------------------------------------------------------

    def store_ready(self, store: Store) -> None:
        self._store = store
        self.refresh_data()
        self._offer_resume()

    def _offer_resume(self) -> None:
        """A meeting left live (closed or killed mid-meeting): offer to carry on, once,
        on the same item with the text there."""
        from quorum.store.live import is_live
        from quorum.tui.dialogs import ConfirmDialog

        if self.app.resume_offered:
            return
        self.app.resume_offered = True
        running = [m for m in self.store.meetings() if is_live(m)]
        if not running:
            return
        meeting = running[-1]

        def answer(yes: bool | None) -> None:
            if yes:
                self.app.open_live(meeting.id)

        offer = ConfirmDialog(
            resume_text(meeting),
            t("live.key.resume"),
            no=t("live.key.later"),
            title=t("live.resume.title"),
            width="narrow",
        )
        self.app.push_screen(offer, answer)

    def action_open_live(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.app.open_live(meeting_id)

    def refresh_data(self) -> None:
        # Sub-networks (campuses) right under their coordinating network, indented.
        networks = [n for n, _ in ordered_networks(self.store.networks())]
        sub = {n.id for n, is_sub in ordered_networks(networks) if is_sub}
        options = self.query_one("#networks", OptionList)
        selected = options.highlighted
        options.clear_options()
        for n in networks:
            # Text: a name is no markup.
            name = Text(f"  ↳ {n.name}" if n.id in sub else n.name)
            options.add_option(Option(name, id=n.id))
        # A blank database opens on the guide: create a network, add members, plan.
        self.set_class(not networks, "-empty")
        self.refresh_bindings()
        if not networks:
            return
        options.highlighted = selected if selected is not None and selected < len(networks) else 0
        self._show_network(networks[options.highlighted or 0].id)
        if self.focused is None:
            self.query_one("#meetings", DataTable).focus()

    def _show_network(self, network_id: str) -> None:
        now = self.app.clock()
        meetings = self.store.meetings(network_id)
        upcoming, past = split_upcoming(meetings, now)
        orgs = {o.id: o.name for o in self.store.organisations()}
        table = self.query_one("#meetings", DataTable)
        table.clear()
        self._meeting_rows = []
        for group in (upcoming, past):
            for m in group:
                style = STATUS_STYLE.get(m.status, "")
                table.add_row(
                    Text(f"{m.day.isoformat()} {weekday_short(m.start)}", style=style),
                    Text(clock_span(m.start, m.end), style=style),
                    Text(short_status(m.status), style=style),
                    Text(orgs.get(m.host_org_id or "", ""), style=style),
                    Text(m.title, style=style),
                    key=m.id,
                )
                self._meeting_rows.append(m.id)
        status = self.query_one("#status", Static)
        if not meetings:
            status.update(t("overview.no_meetings"))
        else:
            status.update(t("overview.counts", upcoming=len(upcoming), past=len(past)))

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and self.app.store is not None:
            self._show_network(str(event.option.id))

    def selected_network_id(self) -> str | None:
        options = self.query_one("#networks", OptionList)
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def selected_meeting_id(self) -> str | None:
        table = self.query_one("#meetings", DataTable)
        if not self._meeting_rows or table.cursor_row is None:
            return None
        return self._meeting_rows[table.cursor_row]

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#meetings", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.app.open_meeting(meeting_id)

    def action_export(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None and self.app.store is not None:
            from quorum.tui.screens.export import ExportScreen

            self.app.push_screen(ExportScreen(meeting_id))

    def action_open_replies(self) -> None:
        self.app.action_open_replies()

    def action_open_attendees(self) -> None:
        from quorum.tui.screens.attendees import AttendeesScreen

        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.app.push_screen(AttendeesScreen(meeting_id))

    def palette_commands(self) -> Iterable[SystemCommand]:
        network_id = self.selected_network_id()
        if network_id is None or self.app.store is None:
            return

        def open_representation() -> None:
            from quorum.tui.screens.representation import RepresentationScreen

            year = self.app.clock().year
            self.app.push_screen(RepresentationScreen(str(network_id), year))

        yield SystemCommand(
            t("rui.key_representation"), t("rui.representation_help"), open_representation
        )

    def on_screen_resume(self) -> None:
        if self.app.store is not None:
            self.refresh_data()

    def action_open_year_plan(self) -> None:
        self.app.action_open_year_plan()

    def action_first_network(self) -> None:
        self.app.action_new_network()

    def action_sync_network(self) -> None:
        from quorum.tui.screens.sync import SyncScreen

        network_id = self.selected_network_id()
        if network_id is not None:
            self.app.push_screen(SyncScreen(network_id))

    def action_new_meeting(self) -> None:
        from quorum.tui.screens.new_meeting import NewMeetingDialog

        network_id = self.selected_network_id()
        if network_id is None:
            self.notify(t("new.no_network"), severity="warning")
            return

        def created(meeting_id: str | None) -> None:
            if meeting_id is not None:
                self.refresh_data()
                self.app.open_meeting(meeting_id)

        dialog = NewMeetingDialog(self.store, network_id, self.app.clock().date())
        self.app.push_screen(dialog, created)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        empty = self.app.store is None or self.has_class("-empty")
        if action == "first_network":
            # Shown (and the N it shares with "new network") only while there is none.
            return empty
        if empty and action in _NEEDS_A_NETWORK:
            return False
        if action == "new_meeting" and self.selected_network_id() is None:
            return None
        return True
