"""Snapshots of the first screen on the demo, fixed clock, both sizes and languages."""

from __future__ import annotations

import pytest

from quorum.store.i18n import set_language
from tests.conftest import DEMO_NOW


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_overview(snap_compare, demo_store, size, lang):
    set_language(lang)
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=size)
