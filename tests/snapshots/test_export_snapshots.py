"""Snapshots of the export screen on the demo's upcoming meeting, fixed clock and UID."""

from __future__ import annotations

import pytest

from quorum.store.records import replace
from tests.conftest import DEMO_NOW


@pytest.mark.parametrize("size", [(100, 32), (80, 24)])
def test_export_screen(snap_compare, demo_store, size):
    from quorum.tui.app import QuorumApp

    # The demo's UIDs are random; the preview shows it.
    demo_store.save_meeting(replace(demo_store.meeting("3"), uid="demo-meeting-3@quorum"))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)

    async def open_export(pilot) -> None:
        await pilot.pause()
        app.screen.query_one("#meetings").focus()
        await pilot.press("x")
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()

    assert snap_compare(app, terminal_size=size, run_before=open_export)
