"""The live screen and the projector view, mid-meeting, at 100x32 and 80x24 (fixed clock)."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from textual.widgets import TextArea

from quorum.store import live
from quorum.store.records import Presence
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW

NOW = DEMO_NOW + timedelta(minutes=19)


def mid_meeting(store) -> None:
    """Meeting 3 at item 3, running over: presence, notes, a decision, an action item."""
    m = live.start(store.meeting("3"), DEMO_NOW)
    m = live.set_notes(m, 0, "Ordföranden hälsade välkommen.")
    m = live.go_to(m, 1, DEMO_NOW + timedelta(minutes=6))
    m = live.set_notes(m, 1, "Till justerare valdes Erik Sandvik.")
    m = live.go_to(m, 2, DEMO_NOW + timedelta(minutes=12))
    m = live.set_notes(m, 2, "Dagordningen gicks igenom; övriga frågor: lovskolor i sommar.")
    m = live.add_decision(m, 2, "Dagordningen godkändes med tillägg.")
    m = live.add_action(m, 2, "Skicka ut dagordningen", owner_name="Karin", due=date(2026, 12, 1))
    for a, p in zip(
        m.attendance[:6],
        [
            Presence.PRESENT,
            Presence.PRESENT,
            Presence.REMOTE,
            Presence.EXCUSED,
            Presence.PRESENT,
            Presence.ABSENT,
        ],
        strict=False,
    ):
        m = live.set_presence(m, a.key, p)
    store.save_meeting(m)


def make_app(store) -> QuorumApp:
    mid_meeting(store)
    app = QuorumApp(store, clock=lambda: NOW)
    app.resume_offered = True  # the offer has its own test; here the screens
    return app


async def open_live(pilot) -> None:
    await pilot.pause()
    pilot.app.open_live("3")
    await pilot.pause()
    notes = pilot.app.screen.query_one("#notes", TextArea)
    notes.cursor_blink = False
    pilot.app.screen.query_one("#agenda").focus()
    await pilot.pause()


async def open_projector(pilot) -> None:
    await open_live(pilot)
    await pilot.press("v")
    await pilot.pause()


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_live_screen(snap_compare, demo_store, size):
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=open_live)


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_projector_view(snap_compare, demo_store, size):
    assert snap_compare(make_app(demo_store), terminal_size=size, run_before=open_projector)
