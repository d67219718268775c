"""The base of quorum's full screens: translated bindings, the typed app, the store.

Dialogs have their own base, :class:`quorum.tui.dialogs.QuorumDialog`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from textual import events, on
from textual.css.query import NoMatches
from textual.screen import Screen

from quorum.tui.readonly import refuses_edit, show_banner
from quorum.tui.translate import translate_bindings
from quorum.tui.widgets.save_banner import SaveBanner

if TYPE_CHECKING:
    from textual import getters

    from quorum.store.store import Store
    from quorum.tui.app import QuorumApp


class QuorumScreen(Screen[Any]):
    """A full screen of quorum. ``BINDINGS`` descriptions are i18n keys.

    ``EDIT_ACTIONS`` are the actions that change the database: disabled while it is
    read-only (:mod:`quorum.tui.readonly`), when ``check_action`` asks
    :meth:`refuses_edit` first.
    """

    EDIT_ACTIONS: frozenset[str] = frozenset()

    if TYPE_CHECKING:
        # Textual's own way to type the app (as MessagePump does): the running QuorumApp.
        app = getters.app(QuorumApp)

    def __init__(self, store: Store | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._store = store

    @property
    def store(self) -> Store:
        """The store given to the screen, else the app's (opened before any screen but
        the first is shown)."""
        return self._store if self._store is not None else self.app.loaded_store()

    def on_mount(self) -> None:
        # Every class's on_mount runs (Textual walks the MRO): the subclasses' too.
        show_banner(self)

    def refuses_edit(self, action: str) -> bool:
        return refuses_edit(self, action)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if self.refuses_edit(action) else True

    @on(events.ScreenResume)
    def sync_save_banner(self) -> None:
        """Show the app's save problem on top of this screen, or take the banner away."""
        problem = self.app.save_problem
        try:
            banner = self.query_one(SaveBanner)
        except NoMatches:
            if problem is not None:
                self.mount(SaveBanner(*problem), before=0)
            return
        if problem is None:
            banner.remove()
        else:
            banner.show(*problem)

    def store_ready(self, store: Store) -> None:
        """The database was opened while this screen was shown (the first screen)."""

    def help_text(self) -> str:
        """What the help screen says first about this screen (e.g. its modes), if anything."""
        return ""

    def selected_network_id(self) -> str | None:
        """The network the user has highlighted here, for screens opened from this one."""
        return None
