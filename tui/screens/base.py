"""Base screens: translated bindings and the store handed down from the app."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, TypeVar

from textual.screen import ModalScreen, Screen

from quorum.tui.translate import translate_bindings

if TYPE_CHECKING:
    from quorum.store.store import Store

R = TypeVar("R")


class QuorumScreen(Screen[Any]):
    """A full screen of quorum. ``BINDINGS`` descriptions are i18n keys."""

    def __init__(self, store: Store | None = None, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
        self._store = store

    @property
    def store(self) -> Store:
        return self._store if self._store is not None else self.app.store  # type: ignore[attr-defined]


class QuorumModal(ModalScreen[R]):
    """A dialog returning a value with ``dismiss``."""

    def __init__(self, **kwargs: Any) -> None:
        super().__init__(**kwargs)
        translate_bindings(self)
