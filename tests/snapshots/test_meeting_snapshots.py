"""Snapshots of the meeting screen and its agenda editor on the demo, fixed clock."""

from __future__ import annotations

import pytest

from quorum.store.records import replace
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW

SIZES = [(100, 32), (80, 24)]


def _opener(meeting_id: str, *keys: str):
    async def run_before(pilot) -> None:
        await pilot.pause()
        pilot.app.open_meeting(meeting_id)
        await pilot.pause()
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_screen_agenda(snap_compare, demo_store, size):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=size, run_before=_opener("3"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_agenda_editor_overrun_on_the_followup_item(snap_compare, demo_store, size):
    # A longer agenda than the meeting: the total turns to the warning colour.
    meeting = demo_store.meeting("3")
    agenda = list(meeting.agenda)
    agenda[6] = replace(agenda[6], minutes=95)
    demo_store.save_meeting(replace(meeting, agenda=tuple(agenda)))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(
        app, terminal_size=size, run_before=_opener("3", "down", "down", "down", "down")
    )


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_screen_details(snap_compare, demo_store, size):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=size, run_before=_opener("3", "2"))


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_meeting_screen_planned_without_invitees(snap_compare, demo_store, size):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=size, run_before=_opener("5", "3"))
