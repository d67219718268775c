"""Which network a screen works on: the one highlighted on the overview."""

from __future__ import annotations

from typing import Any

from quorum.store.records import Network


def current_network(app: Any, network_id: str | None = None) -> Network | None:
    """``network_id``'s network; else the overview's highlighted one; else the first."""
    store = app.store
    if network_id is not None:
        return store.network(network_id)  # type: ignore[no-any-return]
    for screen in reversed(app.screen_stack):
        picked = getattr(screen, "selected_network_id", None)
        if picked is not None:
            chosen = picked()
            if chosen is not None:
                return store.network(chosen)  # type: ignore[no-any-return]
    networks = store.networks()
    return networks[0] if networks else None
