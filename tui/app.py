"""The quorum App: given a store (or a way to open one), it shows the screens.

The first frame is the overview painted from the sidecar (``preview``: the rows as
the last checkpoint left them), before the database is opened. Opening it runs on a
background thread, which posts :class:`StoreLoaded`; the handler hands the store to
the screens and runs what was asked meanwhile (:meth:`QuorumApp.when_loaded`).
Then, on another background thread, the archive is verified against its sidecar, the
day's backup made (``Store.maintain``) and the search index kept beside the archive
brought up to date (``Store.keep_search_index``). Both are daemon threads rather than
Textual workers: Textual's thread workers run in asyncio's executor, which the app
waits for on exit, and quitting must not wait for a scan or a backup.

Screens are imported inside the methods that open them: start-up loads only
the first screen, and mypy still sees every constructor call.
"""

from __future__ import annotations

import contextlib
import os
import threading
from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.notifications import SeverityLevel
from textual.screen import Screen

from quorum.store.errors import DatabaseUnreadable, QuorumError, WriteFailed, as_quorum_error
from quorum.store.i18n import t
from quorum.tui.messages import Announce, SaveFinished, StoreFailed, StoreLoaded
from quorum.tui.saver import Saver
from quorum.tui.translate import translate_bindings

if TYPE_CHECKING:
    from textual.message import Message

    from quorum.store.records import Meeting, Network
    from quorum.store.sidecar import FirstFrame
    from quorum.store.store import Store

StoreOpener = Callable[[], "Store"]
# The start-up benchmark (tests/bench/run.py) sets this to "ready" (exit once the
# overview has painted its rows) or "loaded" (quit, as ctrl+q does, once the database
# is open: the time to quit).
EXIT_AFTER_ENV = "QUORUM_EXIT_AFTER"


class QuorumApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "quorum"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "key.help", show=True),
        Binding("question_mark", "help", "key.help", show=False),
        # Not in the footer (80 columns hold the keys of the screen); in help and palette.
        Binding("ctrl+q", "quit", "key.quit", show=False, priority=True),
        # Ours, so Textual does not add its own English "palette" entry.
        Binding(
            "ctrl+p",
            "command_palette",
            "key.palette",
            show=False,
            priority=True,
            tooltip="key.palette_tooltip",
        ),
    ]

    def __init__(
        self,
        store: Store | None = None,
        *,
        opener: StoreOpener | None = None,
        clock: Callable[[], datetime] | None = None,
        db_path: Path | None = None,
        preview: FirstFrame | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        # None until the worker has opened the database (the first screen paints first).
        self.store: Store | None = store
        self._opener = opener
        # The sidecar read before the database was opened: the first frame's rows.
        self.preview = preview
        # What the user asked for last before the store was loaded (run once it is).
        self._waiting: Callable[[], Any] | None = None
        self._maintained: Store | None = None  # the store whose maintenance was started
        self._opening_started = False
        self.db_path = db_path or (store.path if store is not None else None)
        # Tests and snapshots pass a fixed clock; everything else asks now().
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now().astimezone())
        self.saver = Saver(on_done=self._save_done)
        # A meeting left live is offered for resumption once per run (tests switch it off).
        self.resume_offered = False
        # The sentence of the banner every screen shows while saves fail (and whether it
        # is only a warning: the changes are safe in the journal); None when all is saved.
        self.save_problem: tuple[str, bool] | None = None

    # -- saving -----------------------------------------------------------------

    def save(self, key: str, fn: Callable[[], Any]) -> None:
        """Run ``fn`` (a store write) on the saver thread; typing goes on meanwhile.

        ``key`` coalesces: a newer save of the same key replaces a waiting one.
        """
        self.saver.submit(key, fn)

    def save_meeting(self, meeting: Meeting) -> None:
        store = self.loaded_store()
        self.save(f"meeting:{meeting.id}", lambda: store.save_meeting(meeting))

    def patch_meeting(self, meeting_id: str, part: str, **fields: Any) -> None:
        """Save only ``fields`` onto the stored meeting (see Store.update_meeting).

        ``part`` names the editor; a newer save of the same part replaces a waiting one.
        """
        store = self.loaded_store()
        self.save(
            f"meeting:{meeting_id}:{part}", lambda: store.update_meeting(meeting_id, **fields)
        )

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = False,
    ) -> None:
        """Textual's notify with markup off by default: a notification quotes names, titles
        and paths, and ``[/]`` or ``[@click=…]`` in them must stay text (and never crash)."""
        super().notify(message, title=title, severity=severity, timeout=timeout, markup=markup)

    def loaded_store(self) -> Store:
        """The store, for code that runs only once it is loaded (screens open after)."""
        if self.store is None:
            raise RuntimeError("the database is not open yet")
        return self.store

    def _save_done(self, key: str, error: BaseException | None) -> None:
        self.post_message(SaveFinished(key, error))

    def on_announce(self, message: Announce) -> None:
        self.notify(message.text, severity=message.severity)

    def on_save_finished(self, message: SaveFinished) -> None:
        error = message.error
        if isinstance(error, WriteFailed):
            # Kept by the saver and tried again: a banner until a save lands.
            self._show_save_problem(t("save.failing", detail=error.sentence()), warning=False)
            return
        if error is not None:
            detail = as_quorum_error(error).sentence()
            self.notify(t("app.save_failed", detail=detail), severity="error", timeout=15)
        fold = self.store.db.fold_error if self.store is not None else None
        if fold is not None:
            self._show_save_problem(t("save.fold_failing", detail=fold.sentence()), warning=True)
        elif self.save_problem is not None and self.saver.failure is None:
            self._show_save_problem(None)
            self.notify(t("save.recovered"))

    def _show_save_problem(self, text: str | None, warning: bool = False) -> None:
        self.save_problem = None if text is None else (text, warning)
        from quorum.tui.screens.base import QuorumScreen

        if isinstance(self.screen, QuorumScreen):
            self.screen.sync_save_banner()

    async def action_quit(self) -> None:
        # Everything typed is saved before the app goes.
        if self.saver.flush() or self.saver.failure is None:
            self.exit(0)
            return
        from quorum.tui.dialogs import ConfirmDialog

        failure = self.saver.failure

        def answered(quit_anyway: bool | None) -> None:
            if quit_anyway:
                self.exit(0)
            else:
                self.saver.retry_now()

        question = t("save.quit_unsaved", detail=failure.sentence())
        dialog = ConfirmDialog(
            question, t("save.quit_anyway"), danger=True, no=t("save.keep_trying")
        )
        self.push_screen(dialog, answered)

    def on_unmount(self) -> None:
        self.saver.close()

    # -- start-up ---------------------------------------------------------------

    def on_mount(self) -> None:
        from quorum.tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())
        if self.store is not None:
            self.post_message(StoreLoaded(self.store))

    def _post(self, message: Message) -> None:
        """From a background thread: a message for the app, unless it has gone."""
        with contextlib.suppress(RuntimeError):  # the event loop closed meanwhile
            self.post_message(message)

    def _in_background(self, name: str, fn: Callable[[], None]) -> None:
        threading.Thread(target=fn, name=name, daemon=True).start()

    def _open_store(self) -> None:
        self._in_background("quorum-open", self._opening)

    def _opening(self) -> None:
        assert self._opener is not None
        store: Store | None = None
        try:
            store = self._opener()
            # Off the UI thread: the small tables the overview reads first.
            store.networks()
            store.organisations()
        except Exception as err:  # any error ends on the problem screen, never "Loading …"
            if store is not None:
                self._close_quietly(store)
            self._failed(err)
            return
        self._post(StoreLoaded(store))

    def _maintaining(self, store: Store) -> None:
        try:
            honest = store.maintain()
            # The search index kept beside the archive, so search opens at once.
            store.keep_search_index()
        except DatabaseUnreadable as err:  # read again, the archive did not read
            self._failed(err)
            return
        except (QuorumError, OSError) as err:
            detail = as_quorum_error(err).sentence()
            self._post(Announce(t("storage.maintenance_failed", detail=detail), "warning"))
            return
        if not honest:
            # The sidecar did not describe the file: what is shown came from it.
            self._post(Announce(t("storage.read_again"), "warning"))
            self._post(StoreLoaded(store))

    def when_loaded(self, action: Callable[[], Any]) -> None:
        """Run ``action`` now if the store is loaded, else as soon as it is: a key
        pressed on the first frame is not lost (only the last such request waits, so
        an impatient second ``enter`` does not open the meeting twice)."""
        if self.store is not None:
            action()
        else:
            self._waiting = action

    def first_frame_shown(self) -> None:
        """The overview's first frame is on screen: open the database now (its own
        thread; the first frame, from the sidecar or saying "Loading …", came first)."""
        if self.store is None and self._opener is not None and not self._opening_started:
            self._opening_started = True
            self._open_store()

    def overview_ready(self) -> bool:
        """The overview has painted its rows (the start-up benchmark's "ready"): True
        when the app leaves now (nothing more is started then)."""
        if os.environ.get(EXIT_AFTER_ENV) == "ready":
            self.exit(0)
            return True
        return False

    def _failed(self, err: Exception) -> None:
        """Off the UI thread: the error's sentence and what restore can do for it."""
        from quorum.store.recovery import remedy

        error = as_quorum_error(err)
        found = remedy(error) if isinstance(error, DatabaseUnreadable) else ("", None)
        self._post(StoreFailed(error, found))

    def _close_quietly(self, store: Store) -> None:
        """Close a store the app gives up on; its saves are in the journal either way."""
        self.saver.flush()
        # A checkpoint that fails here leaves the changes in the journal for the next open.
        with contextlib.suppress(QuorumError):
            store.close()

    def on_store_loaded(self, message: StoreLoaded) -> None:
        self.store = message.store
        self.db_path = message.store.path
        reason = message.store.db.readonly_reason
        if reason is not None:  # a folder or file that cannot be written: the save banner
            banner = QuorumError("db.readonly_reason_banner", **reason.params).sentence()
            self._show_save_problem(banner, warning=True)
        from quorum.tui.readonly import show_banner
        from quorum.tui.screens.base import QuorumScreen

        for screen in self.screen_stack:
            if isinstance(screen, QuorumScreen):
                screen.store_ready(message.store)
                show_banner(screen)  # read-only: said on every screen for as long as it lasts
        waiting, self._waiting = self._waiting, None
        if waiting is not None:
            waiting()
        if os.environ.get(EXIT_AFTER_ENV) == "loaded":
            self.call_after_refresh(self.action_quit)
        store = message.store
        leaving = os.environ.get(EXIT_AFTER_ENV) in ("ready", "loaded")  # the benchmark's
        if self._opener is not None and store is not self._maintained and not leaving:
            self._maintained = store
            self._in_background("quorum-maintain", lambda: self._maintaining(store))

    def reopen(self) -> None:
        """Open the database again (after a backup was restored)."""
        from quorum.tui.screens.overview import OverviewScreen

        self.switch_screen(OverviewScreen())
        self._open_store()

    def on_store_failed(self, message: StoreFailed) -> None:
        from quorum.tui.screens.problem import DatabaseProblemScreen

        self._waiting = None
        if self.store is not None:  # found while running (a record a hand edit broke)
            store, self.store = self.store, None
            self._close_quietly(store)
        while len(self.screen_stack) > 2:
            self.pop_screen()
        self.switch_screen(DatabaseProblemScreen(message.error, message.remedy))

    # -- actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from quorum.tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from quorum.tui.commands import screen_commands
        from quorum.tui.palette import system_commands

        yield from screen_commands(self, screen)
        yield from system_commands(self, screen)

    def action_command_palette(self) -> None:
        from quorum.tui.palette import QuorumPalette

        # CommandPalette.is_open, which mypy will not take an App[int] for.
        if self.use_command_palette and not self.screen.has_class("--textual-command-palette"):
            self.push_screen(QuorumPalette(id="--command-palette"))

    def action_change_theme(self) -> None:
        from textual.theme import ThemeProvider

        from quorum.tui.palette import QuorumPalette

        self.push_screen(
            QuorumPalette(providers=[ThemeProvider], placeholder=t("palette.theme_placeholder"))
        )

    def action_help_quit(self) -> None:
        # Textual's answer to ctrl+c outside a text field, in the user's language.
        self.notify(t("app.how_to_quit"), title=t("app.how_to_quit_title"))

    def action_go_overview(self) -> None:
        from quorum.tui.screens.overview import OverviewScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, OverviewScreen):
            self.pop_screen()

    # Screens open through these methods (or the screen that leads to them), each
    # imported where it is opened. Nothing opens before the database is loaded: a
    # request made on the first frame waits for it (when_loaded).

    def open_meeting(self, meeting_id: str) -> None:
        """The meeting: details, agenda editor, attendees, status."""
        from quorum.tui.screens.meeting import MeetingScreen

        self.when_loaded(lambda: self.push_screen(MeetingScreen(meeting_id)))

    def open_live(self, meeting_id: str, *, instead: bool = False) -> None:
        """Live minutes during the meeting (``instead`` of the current screen: from review)."""
        from quorum.tui.screens.live import LiveScreen

        self.when_loaded(lambda: self._show(LiveScreen(meeting_id), instead))

    def open_review(self, meeting_id: str, meeting: Meeting | None = None) -> None:
        """Review and approval of the minutes, instead of the live screen."""
        from quorum.tui.screens.review import ReviewScreen

        self.when_loaded(lambda: self._show(ReviewScreen(meeting_id, meeting), instead=True))

    def open_network_settings(self, network_id: str, section: str = "general") -> None:
        """A network's settings, ``section`` highlighted."""
        from quorum.tui.screens.network import NetworkSettingsScreen

        self.when_loaded(lambda: self.push_screen(NetworkSettingsScreen(network_id, section)))

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        from quorum.tui.readonly import read_only

        if action == "new_network" and read_only(self):
            return None  # another quorum has the database: nothing new can be written
        if action == "network_settings":
            # Settings of a network that exists; a blank database starts with N.
            return self.store is not None and bool(self.store.networks())
        return True

    def action_network_settings(self) -> None:
        """The settings of the network in view."""
        from quorum.tui.context import current_network

        if self.store is None:
            return
        network = current_network(self)
        if network is not None:
            self.open_network_settings(network.id)

    def action_new_network(self) -> None:
        """Ask for a new network's name and meeting days, create it, then show its
        settings with the members to add next."""
        from quorum.tui.widgets.network_forms import NewNetworkForm

        def ask() -> None:
            store = self.loaded_store()

            def create(fields: dict[str, Any]) -> Network:
                self.saver.flush()  # its id is needed at once, after every earlier save
                return store.add_network(**fields)

            def created(network: Network | None) -> None:
                if network is not None:
                    self.notify(t("netui.created", name=network.name))
                    self.open_network_settings(network.id, "members")

            self.push_screen(NewNetworkForm(create), created)

        self.when_loaded(ask)

    def _show(self, screen: Screen[Any], instead: bool) -> None:
        if instead:
            self.switch_screen(screen)
        else:
            self.push_screen(screen)

    def action_open_roster(self) -> None:
        from quorum.tui.screens.roster import RosterScreen

        self.when_loaded(lambda: self.push_screen(RosterScreen()))

    def action_open_year_plan(self) -> None:
        from quorum.tui.screens.year_plan import YearPlanScreen

        self.when_loaded(lambda: self.push_screen(YearPlanScreen()))

    def action_open_actions(self) -> None:
        from quorum.tui.screens.actions import ActionsScreen

        self.when_loaded(lambda: self.push_screen(ActionsScreen()))

    def action_open_decisions(self) -> None:
        from quorum.tui.screens.decisions import DecisionsScreen

        self.when_loaded(lambda: self.push_screen(DecisionsScreen()))

    def action_open_search(self) -> None:
        from quorum.tui.screens.search import SearchScreen

        self.when_loaded(lambda: self.push_screen(SearchScreen()))

    def action_open_replies(self) -> None:
        from quorum.tui.screens.replies import RepliesScreen

        self.when_loaded(lambda: self.push_screen(RepliesScreen()))
