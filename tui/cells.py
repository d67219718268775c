"""Text cut to a number of terminal cells, its end shown as "…".

One rule for every list and table that must fit a line: counted in cells, as the
terminal shows them (a wide character takes two), never cut through one.
"""

from __future__ import annotations

from rich.cells import cell_len, set_cell_size


def clip(text: str, width: int | None) -> str:
    """``text`` in ``width`` cells (None: as it is), its end shown as "…" when it is cut."""
    if width is None or cell_len(text) <= width:
        return text
    return set_cell_size(text, max(0, width - 1)) + "…"
