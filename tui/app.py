"""The quorum App: given a store (or a way to open one), it shows the screens.

Opening the database runs in a worker so the first screen paints at once,
even for a large archive; the worker posts :class:`StoreLoaded` and the
handler hands the store to the screens.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import datetime
from pathlib import Path
from typing import Any

from textual import work
from textual.app import App, SystemCommand
from textual.binding import Binding
from textual.screen import Screen

from store.errors import QuorumError
from store.i18n import t
from tui.messages import StoreFailed, StoreLoaded
from tui.translate import translate_bindings

StoreOpener = Callable[[], Any]


class QuorumApp(App[int]):
    CSS_PATH = "app.tcss"
    TITLE = "quorum"
    ENABLE_COMMAND_PALETTE = True

    BINDINGS = [
        Binding("f1", "help", "key.help", show=True),
        Binding("question_mark", "help", "key.help", show=False),
        Binding("ctrl+q", "quit", "key.quit", show=True, priority=True),
    ]

    def __init__(
        self,
        store: Any = None,
        *,
        opener: StoreOpener | None = None,
        clock: Callable[[], datetime] | None = None,
        db_path: Path | None = None,
    ) -> None:
        super().__init__()
        translate_bindings(self)
        self.store: Any = store
        self._opener = opener
        self.db_path = db_path or (store.path if store is not None else None)
        # Tests and snapshots pass a fixed clock; everything else asks now().
        self.clock: Callable[[], datetime] = clock or (lambda: datetime.now().astimezone())

    # -- start-up ---------------------------------------------------------------

    def on_mount(self) -> None:
        from tui.screens.overview import OverviewScreen

        self.push_screen(OverviewScreen())
        if self.store is not None:
            self.post_message(StoreLoaded(self.store))
        elif self._opener is not None:
            self._open_store()

    @work(thread=True, exclusive=True, exit_on_error=False, group="open")
    def _open_store(self) -> None:
        assert self._opener is not None
        try:
            store = self._opener()
            store.meetings()  # build the record cache off the UI thread
        except QuorumError as err:
            self.post_message(StoreFailed(err))
            return
        self.post_message(StoreLoaded(store))

    def on_store_loaded(self, message: StoreLoaded) -> None:
        self.store = message.store
        self.db_path = message.store.path
        if message.store.readonly:
            owner = message.store.lock_owner()
            self.notify(
                t("db.readonly_banner", owner=f"{owner.get('pid', '?')}@{owner.get('host', '?')}"),
                severity="warning",
                timeout=10,
            )
        for screen in self.screen_stack:
            handler = getattr(screen, "store_ready", None)
            if handler is not None:
                handler(message.store)

    def reopen(self) -> None:
        """Open the database again (after a backup was restored)."""
        from tui.screens.overview import OverviewScreen

        self.switch_screen(OverviewScreen())
        self._open_store()

    def on_store_failed(self, message: StoreFailed) -> None:
        from tui.screens.problem import DatabaseProblemScreen

        self.switch_screen(DatabaseProblemScreen(message.error))

    # -- actions ----------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def get_system_commands(self, screen: Screen[Any]) -> Iterable[SystemCommand]:
        from tui.commands import screen_commands

        yield from screen_commands(self, screen)
        yield from super().get_system_commands(screen)

    def action_go_overview(self) -> None:
        from tui.screens.overview import OverviewScreen

        while len(self.screen_stack) > 2 and not isinstance(self.screen, OverviewScreen):
            self.pop_screen()

    def open_meeting(self, meeting_id: str) -> None:
        """Open a meeting's screen (the agenda editor and its tabs)."""
        try:
            from tui.screens.meeting import MeetingScreen
        except ImportError:
            self.notify(t("app.not_yet"), severity="warning")
            return
        self.push_screen(MeetingScreen(meeting_id))
