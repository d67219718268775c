"""Live minutes, the defects of issue 12: starting on another day than planned asks
first and the minutes keep one date; the replies feed the attendance list."""

from __future__ import annotations

from datetime import datetime, timedelta

from quorum.exports.documents import document_context
from quorum.exports.minutes import minutes_markdown
from quorum.store import live
from quorum.store.gather import meeting_records
from quorum.store.records import Presence, Rsvp, replace
from quorum.store.store import Store
from quorum.store.when import long_date
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ChoiceDialog
from quorum.tui.screens.live import LiveScreen
from quorum.tui.widgets.attendance_list import AttendanceList
from tests.conftest import DEMO_NOW


def _on_its_day(store: Store, meeting_id: str = "3") -> datetime:
    """A clock at 09:05 on the meeting's planned day."""
    m = store.meeting(meeting_id)
    return m.start.astimezone(m.zone) + timedelta(minutes=5)


async def _open_live(app: QuorumApp, pilot, meeting_id: str = "3") -> LiveScreen:
    await pilot.pause()
    app.open_live(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, LiveScreen)
    return app.screen


async def _start_asks(app: QuorumApp, pilot) -> ChoiceDialog:
    """Open meeting 3 live and press s: the question of another day."""
    await _open_live(app, pilot)
    await pilot.press("s")
    await pilot.pause()
    assert isinstance(app.screen, ChoiceDialog)
    return app.screen


# -- starting on another day --------------------------------------------------------


async def test_starting_on_another_day_asks_and_escape_starts_nothing(demo_store, db_path):
    planned = demo_store.meeting("3").day
    assert DEMO_NOW.date() != planned  # the demo's upcoming meeting is weeks away
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _start_asks(app, pilot)
        assert planned.isoformat() in dialog.question
        await pilot.press("escape")
        await pilot.pause()
        app.saver.flush()
    assert demo_store.meeting("3").actual_start is None


async def test_moving_to_today_keeps_one_date_in_review_and_export(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await _start_asks(app, pilot)
        await pilot.press("enter")  # the first choice: move to today and start
        await pilot.pause()
        app.saver.flush()
    m = demo_store.meeting("3")
    assert m.day == DEMO_NOW.date()
    assert m.actual_start == DEMO_NOW
    assert m.start.hour == 9  # the planned time of day is kept


async def test_starting_anyway_shows_the_day_it_was_held_beside_its_times(demo_store):
    planned = demo_store.meeting("3").day
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        dialog = await _start_asks(app, pilot)
        dialog.dismiss("anyway")
        await pilot.pause()
        app.saver.flush()
    m = demo_store.meeting("3")
    assert m.day == planned and m.actual_start == DEMO_NOW
    ended = live.end(m, DEMO_NOW + timedelta(hours=1))
    text = minutes_markdown(document_context(meeting_records(demo_store, ended), lang="en"))
    # The recorded times (10:00–11:00 on 25 November) stand beside their own date.
    assert "25 November 2026" in text and "10:00–11:00" in text
    assert f"(planned for {long_date(planned, 'en')})" in text


async def test_on_its_own_day_the_meeting_starts_without_a_question(demo_store):
    clock = _on_its_day(demo_store)
    app = QuorumApp(demo_store, clock=lambda: clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await _open_live(app, pilot)
        await pilot.press("s")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        app.saver.flush()
    assert demo_store.meeting("3").actual_start == clock


def test_a_late_start_on_another_day_is_not_days_behind(demo_store):
    m = demo_store.meeting("3")
    started = live.start(m, DEMO_NOW)  # 10:00 on another day; planned 09:00
    assert live.behind_seconds(started, DEMO_NOW) == 3600


# -- replies feed the attendance list --------------------------------------------------


def _with_replies(store: Store) -> tuple[str, str]:
    """Meeting 3 with one invitee who declined and one who accepted."""
    m = store.meeting("3")
    first, second = m.attendance[0], m.attendance[1]
    attendance = (
        replace(first, rsvp=Rsvp.DECLINED),
        replace(second, rsvp=Rsvp.ACCEPTED),
        *m.attendance[2:],
    )
    store.save_meeting(replace(m, attendance=attendance))
    return first.key, second.key


async def test_the_attendance_list_shows_what_the_replies_said(demo_store):
    declined, accepted = _with_replies(demo_store)
    clock = _on_its_day(demo_store)
    app = QuorumApp(demo_store, clock=lambda: clock)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await _open_live(app, pilot)
        lines = screen.query_one(AttendanceList)
        text = [str(lines.get_option_at_index(i).prompt) for i in range(lines.option_count)]
        assert text[0].startswith("declined")  # declined: not "?"
        assert text[1].startswith("coming")
        no_answer = next(
            i for i, a in enumerate(screen.meeting.attendance) if a.rsvp is Rsvp.NEEDS_ACTION
        )
        assert text[no_answer].startswith("?")
        await pilot.press("s")
        await pilot.pause()
        app.saver.flush()
    m = demo_store.meeting("3")
    # Started: the apology is noted as such; an acceptance is no presence yet.
    assert m.attendee(declined).presence is Presence.EXCUSED
    assert m.attendee(accepted).presence is Presence.UNKNOWN
