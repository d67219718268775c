"""Snapshots of the roster screen and the attendees pane on the demo, fixed clock."""

from __future__ import annotations

import pytest

from quorum.store.i18n import set_language
from tests.conftest import DEMO_NOW

SIZES = [(100, 32), (80, 24)]


@pytest.mark.parametrize("size", SIZES)
def test_roster(snap_compare, demo_store, size):
    set_language("sv")
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, press=["r"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_attendees(snap_compare, demo_store, size):
    set_language("sv")
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    # The upcoming meeting: answer, note a presence and a late arrival on the first row.
    assert snap_compare(app, press=["i", "y", "2", "l", *"9.40", "enter"], terminal_size=size)


@pytest.mark.parametrize("size", SIZES)
def test_representation(snap_compare, demo_store, size):
    set_language("sv")
    from quorum.tui.app import QuorumApp

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, press=["r", "v"], terminal_size=size)
