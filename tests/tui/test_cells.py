"""One rule for text cut to fit a line: cells, not characters, and "…" when cut."""

from __future__ import annotations

from rich.cells import cell_len

from quorum.tui.cells import clip


def test_text_that_fits_is_left_as_it_is() -> None:
    assert clip("Nätverksträff", 13) == "Nätverksträff"
    assert clip("Nätverksträff", None) == "Nätverksträff"


def test_a_cut_ends_in_an_ellipsis_within_the_width() -> None:
    assert clip("Nätverksträff v. 19", 10) == "Nätverkst…"
    wide = clip("会議の議事録と出席者", 7)  # two cells a character: never cut through one
    assert wide.endswith("…") and cell_len(wide) <= 7
