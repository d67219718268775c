"""Cancelling on the meeting screen: a held meeting is refused; cancelling the next
meeting re-points the secretary of the one before it; approved minutes sent by hand are
marked published in the review (issue 12)."""

from __future__ import annotations

from quorum.store.records import MeetingStatus
from quorum.store.rotation import contact_person
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog
from quorum.tui.screens.meeting import MeetingScreen
from tests.conftest import DEMO_NOW


async def _meeting_screen(app: QuorumApp, pilot, meeting_id: str) -> MeetingScreen:
    await pilot.pause()
    app.open_meeting(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


async def test_a_held_meeting_is_not_cancelled(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await _meeting_screen(app, pilot, "1")  # published minutes
        assert screen.check_action("cancel_meeting", ()) is None  # greyed: it was held
        await pilot.press("X")
        await pilot.pause()
        assert app.screen is screen  # no question
        app.saver.flush()
    assert demo_store.meeting("1").status is MeetingStatus.PUBLISHED


async def test_cancelling_repoints_the_secretary_before_it(demo_store):
    network = demo_store.networks()[0]
    people = demo_store.people()
    host_of_5 = contact_person(demo_store.meeting("5").host_org_id, network.id, people)
    host_of_6 = contact_person(demo_store.meeting("6").host_org_id, network.id, people)
    assert host_of_5 is not None and host_of_6 is not None
    demo_store.update_meeting("3", secretary_id=host_of_5.id)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await _meeting_screen(app, pilot, "5")
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        app.saver.flush()
    assert demo_store.meeting("5").status is MeetingStatus.CANCELLED
    assert demo_store.meeting("3").secretary_id == host_of_6.id


async def test_approved_minutes_sent_by_hand_are_marked_published_in_the_review(demo_store):
    demo_store.update_meeting("2", status=MeetingStatus.APPROVED)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.open_review("2")
        await pilot.pause()
        await pilot.press("P")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "utbildning@example.se" in app.screen.question
        await pilot.press("y")
        await pilot.pause()
        app.saver.flush()
    assert demo_store.meeting("2").status is MeetingStatus.PUBLISHED
