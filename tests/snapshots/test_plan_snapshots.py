"""Snapshots of the year plan and the action items on the demo, fixed clock,
both sizes and languages."""

from __future__ import annotations

import pytest

from quorum.store.i18n import set_language
from tests.conftest import DEMO_NOW

SIZES = [(100, 32), (80, 24)]


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_year_plan(snap_compare, demo_store, size, lang):
    set_language(lang)
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=size, press=["p"])


@pytest.mark.parametrize("size", SIZES)
@pytest.mark.parametrize("lang", ["sv", "en"])
def test_actions(snap_compare, demo_store, size, lang):
    set_language(lang)
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)

    async def open_actions(pilot):
        app.action_open_actions()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_actions)
