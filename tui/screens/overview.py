"""The first screen: the networks, and each network's meetings, upcoming first.

It is also quorum's first frame. Before the database is open it shows the rows the
sidecar keeps (``store/sidecar.py``: each meeting's summary as of the last
checkpoint, and the names of the networks and organisations) in two cheap stand-ins
(``tui/widgets/first_frame.py``), so the overview the user will work in is on screen
as fast as a bare Textual app; right after that frame the real OptionList and
DataTable take their place (``_become_real``), and once the store is loaded (on a
background thread) the rows come from it, redrawn only if they differ. Keys pressed
before the store is loaded wait for it (``QuorumApp.when_loaded``).
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Header, Static

from quorum.store.i18n import t
from quorum.store.summary import MeetingSummary
from quorum.store.when import clock
from quorum.tui.overview_listing import (
    COLUMNS,
    ROWS_PER_STEP,
    Listing,
    RowCells,
    column_widths,
    split_upcoming,
)
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.first_frame import FirstNetworks, FirstRows

if TYPE_CHECKING:
    from textual.widgets import DataTable, OptionList

    from quorum.store.records import Meeting
    from quorum.store.store import Store


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
        Binding("L", "open_live", "live.title", show=False),
        Binding("S", "sync_network", "syncui.key_sync_network", show=False),
    ]

    DEFAULT_CSS = """
    OverviewScreen #networks, OverviewScreen #networks-first {
        height: auto; max-height: 7; border: round $primary-darken-2;
    }
    OverviewScreen #networks:focus-within { border: round $accent; }
    OverviewScreen #right { border: round $primary-darken-2; height: 1fr; }
    OverviewScreen #right:focus-within { border: round $accent; }
    OverviewScreen #meetings, OverviewScreen #meetings-first { height: 1fr; }
    OverviewScreen #status { height: 1; color: $text-muted; padding: 0 1; }
    OverviewScreen #guide { height: 1fr; padding: 1 2; display: none; }
    OverviewScreen.-empty #guide { display: block; }
    OverviewScreen.-empty #meetings, OverviewScreen.-empty #meetings-first,
    OverviewScreen.-empty #status { display: none; }
    """

    def __init__(self) -> None:
        super().__init__()
        self._meeting_rows: list[str] = []
        self._listing: Listing | None = None
        self._shown: tuple[object, ...] | None = None  # what the table shows, to skip redraws
        # Until _become_real: the stand-ins of tui/widgets/first_frame.py are shown.
        self._first_frame = False

    def compose(self) -> ComposeResult:
        yield Header()
        self._first_frame = self.app.store is None
        with Vertical():
            if self._first_frame:
                yield from self._compose_first_frame()
            else:
                from textual.widgets import DataTable, OptionList

                yield OptionList(id="networks")
                with Vertical(id="right"):
                    yield DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
                    yield Static(id="status")
                    yield Static(Text(t("overview.guide")), id="guide")
        yield Footer()

    def _compose_first_frame(self) -> ComposeResult:
        preview = self.app.preview
        self._listing = listing = Listing.of_first_frame(preview) if preview else None
        networks = listing.networks if listing else []
        rows: list[MeetingSummary] = []
        if listing and networks:
            upcoming, past = split_upcoming(listing.summaries(networks[0][0]), self.app.clock())
            rows = upcoming + past
        self._meeting_rows = [m.id for m in rows]
        cells = RowCells(listing.org_names if listing else {})
        widths = column_widths(rows, cells, preview, self._table_room())
        cells.fit(widths)
        yield FirstNetworks([name for _, name in networks], id="networks-first")
        with Vertical(id="right"):
            yield FirstRows(
                [t(key) for key in COLUMNS],
                widths,
                len(rows),
                lambda index: cells.plain(rows[index]),
                id="meetings-first",
            )
            yield Static(self._counts(rows, listing is None), id="status")
            yield Static(Text(t("overview.guide")), id="guide")

    def _counts(self, rows: list[MeetingSummary], loading: bool) -> str:
        if loading:
            return t("app.loading", path=self.app.db_path or "")
        if self._listing is not None and not self._listing.networks:
            return ""  # hidden: a blank database shows the guide instead
        if not rows:
            return t("overview.no_meetings")
        assert self._listing is not None
        now = self.app.clock()
        upcoming, past = self._listing.counts(
            [m for m in rows if m.ends >= now], [m for m in rows if m.ends < now]
        )
        return t("overview.counts", upcoming=upcoming, past=past)

    def on_mount(self) -> None:
        self.title = "quorum"
        self.sub_title = t("overview.title")
        self.query_one("#right").border_title = t("col.meetings")
        if self._first_frame:
            self.query_one("#networks-first").border_title = t("col.network")
            self.query_one("#meetings-first").focus()
            # A blank database opens on the guide: create a network, add members, plan.
            self.set_class(self._listing is not None and not self._listing.networks, "-empty")
            self.call_after_refresh(self._after_first_frame)
            return
        self.query_one("#networks").border_title = t("col.network")
        if self.app.store is not None:
            self.store_ready(self.app.store)

    def _after_first_frame(self) -> None:
        # The sidecar's rows were in that frame.
        if self._listing is not None and self.app.overview_ready():
            return
        self.app.first_frame_shown()
        self.call_later(self._become_real)

    async def _become_real(self) -> None:
        """Put the real OptionList and DataTable where the first frame's stand-ins are,
        filled and styled the same, in one refresh."""
        from textual.widget import MountError
        from textual.widgets import DataTable, OptionList

        first_networks = self.query_one("#networks-first", FirstNetworks)
        first_rows = self.query_one("#meetings-first", FirstRows)
        networks = OptionList(id="networks")
        table: DataTable[object] = DataTable(id="meetings", cursor_type="row", zebra_stripes=True)
        networks.display = table.display = False
        try:
            await self.query_one(Vertical).mount(networks, before=first_networks)
            await self.query_one("#right").mount(table, before=first_rows)
        except MountError:
            return  # the app is closing (quit in the first moments)
        networks.border_title = t("col.network")
        selected = self.selected_meeting_id()
        had_focus = first_rows.has_focus
        self._first_frame = False
        self._shown = None
        self.refresh_data(selected)
        # Shown as the screen's rules say (a blank database hides the table for its guide).
        networks.styles.clear_rule("display")
        table.styles.clear_rule("display")
        first_networks.display = first_rows.display = False
        if had_focus or self.focused is None:
            table.focus()
        await first_networks.remove()
        await first_rows.remove()

    # -- data ---------------------------------------------------------------------

    def store_ready(self, store: Store) -> None:
        self._store = store
        self._listing = Listing.of_store(store)
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
        running = [s for s in self.store.summaries() if s.live]
        if not running:
            return
        meeting = self.store.meeting(running[-1].id)
        if not is_live(meeting):
            return

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

    def refresh_data(self, select: str | None = None) -> None:
        if self.app.store is not None:
            self._listing = Listing.of_store(self.app.store)
        listing = self._listing
        if listing is None or self._first_frame:
            return  # the stand-ins show the first frame; _become_real fills the rest
        networks = listing.networks
        options = self._networks()
        selected = options.highlighted
        if [(o.id, str(o.prompt)) for o in options.options] != networks:
            from textual.widgets.option_list import Option

            options.clear_options()
            # Text: a name is no markup.
            options.add_options(Option(Text(name), id=network_id) for network_id, name in networks)
        # A blank database opens on the guide: create a network, add members, plan.
        self.set_class(not networks, "-empty")
        self.refresh_bindings()
        if not networks:
            table = self._table()
            table.clear(columns=True)
            self._shown = None
            self._meeting_rows = []
            self._add_columns([], RowCells({}), None)
            self._rows_shown()
            return
        options.highlighted = selected if selected is not None and selected < len(networks) else 0
        self._show_network(networks[options.highlighted or 0][0], select)
        if self.focused is None:
            self._table().focus()

    def _networks(self) -> OptionList:
        from textual.widgets import OptionList

        return self.query_one("#networks", OptionList)

    def _table(self) -> DataTable[object]:
        from textual.widgets import DataTable

        return self.query_one("#meetings", DataTable)

    def _show_network(self, network_id: str, select: str | None = None) -> None:
        listing = self._listing
        if listing is None or self._first_frame:
            return
        now = self.app.clock()
        meetings = listing.summaries(network_id)
        upcoming, past = split_upcoming(meetings, now)
        shown = (network_id, *upcoming, *past, tuple(sorted(listing.org_names.items())))
        if shown != self._shown:
            # Rebuilt only when it changed: the store loaded after the first frame
            # usually lists exactly what the sidecar did.
            self._shown = shown
            table = self._table()
            select = select or self.selected_meeting_id()
            rows = upcoming + past
            cells = RowCells(listing.org_names)
            table.clear(columns=True)
            self._add_columns(rows, cells, listing)
            self._meeting_rows = [m.id for m in rows]
            self._add_rows(shown, rows, cells, select)
        status = self.query_one("#status", Static)
        if not meetings:
            status.update(t("overview.no_meetings"))
        else:
            coming, held = listing.counts(upcoming, past)
            status.update(t("overview.counts", upcoming=coming, past=held))
        self._rows_shown()

    def _table_room(self) -> int:
        """The cells a row of the meetings table has: the screen less the box's border
        and the scrollbar a long list gets."""
        return self.app.size.width - 2 - 1

    def _add_columns(
        self, rows: list[MeetingSummary], cells: RowCells, listing: Listing | None
    ) -> None:
        table = self._table()
        frame = listing.frame if listing is not None else None
        widths = column_widths(rows, cells, frame, self._table_room())
        cells.fit(widths)
        for key, width in zip(COLUMNS, widths, strict=True):
            table.add_column(t(key), key=key, width=width)

    def _add_rows(
        self,
        shown: tuple[object, ...],
        rows: list[MeetingSummary],
        cells: RowCells,
        selected: str | None,
    ) -> None:
        if shown is not self._shown:
            return  # another network (or a newer listing) is being shown
        table = self._table()
        for m in rows[:ROWS_PER_STEP]:
            table.add_row(*cells(m), key=m.id)
        if selected is not None and selected in self._meeting_rows:
            at = self._meeting_rows.index(selected)
            if at < table.row_count:  # stay on the meeting the user was on
                table.move_cursor(row=at, animate=False)
                selected = None
        if len(rows) > ROWS_PER_STEP:
            self.call_later(self._add_rows, shown, rows[ROWS_PER_STEP:], cells, selected)

    def _rows_shown(self) -> None:
        self.call_after_refresh(self.app.overview_ready)

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id and self.app.store is not None:
            self._show_network(str(event.option.id))

    def selected_network_id(self) -> str | None:
        if self._first_frame:
            networks = self._listing.networks if self._listing else []
            return networks[0][0] if networks else None
        options = self._networks()
        if options.highlighted is None or options.option_count == 0:
            return None
        return options.get_option_at_index(options.highlighted).id

    def selected_meeting_id(self) -> str | None:
        if self._first_frame:
            cursor = self.query_one("#meetings-first", FirstRows).cursor_row
        else:
            table = self._table()
            if not table.row_count or table.cursor_row is None:
                return None
            cursor = table.cursor_row
        return self._meeting_rows[cursor] if 0 <= cursor < len(self._meeting_rows) else None

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self._table().focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    def action_open_meeting(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.app.open_meeting(meeting_id)

    def action_export(self) -> None:
        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            from quorum.tui.screens.export import ExportScreen

            self.app.when_loaded(lambda: self.app.push_screen(ExportScreen(meeting_id)))

    def action_open_replies(self) -> None:
        self.app.action_open_replies()

    def action_open_attendees(self) -> None:
        from quorum.tui.screens.attendees import AttendeesScreen

        meeting_id = self.selected_meeting_id()
        if meeting_id is not None:
            self.app.when_loaded(lambda: self.app.push_screen(AttendeesScreen(meeting_id)))

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

        def ask() -> None:
            dialog = NewMeetingDialog(self.store, network_id, self.app.clock().date())
            self.app.push_screen(dialog, created)

        self.app.when_loaded(ask)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        # Before the store is open (the first frame) the keys wait for it (when_loaded).
        empty = self.has_class("-empty")
        if action == "first_network":
            # Shown (and the N it shares with "new network") only while there is none.
            return empty
        if empty and action in _NEEDS_A_NETWORK:
            return False
        if action == "new_meeting" and self.selected_network_id() is None:
            return None
        return True
