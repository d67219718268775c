"""Which network a screen works on: the one highlighted on the overview."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quorum.store.records import Network
from quorum.tui.screens.base import QuorumScreen

if TYPE_CHECKING:
    from quorum.tui.app import QuorumApp


def current_network(app: QuorumApp, network_id: str | None = None) -> Network | None:
    """``network_id``'s network; else the overview's highlighted one; else the first."""
    store = app.loaded_store()
    if network_id is not None:
        return store.network(network_id)
    for screen in reversed(app.screen_stack):
        if isinstance(screen, QuorumScreen) and (chosen := screen.selected_network_id()):
            return store.network(chosen)
    networks = store.networks()
    return networks[0] if networks else None
