"""A whole demo meeting by keyboard: start, presence, notes, decisions, action
items, a deferred item, end, review, approval — and the file holds it all."""

from __future__ import annotations

from datetime import date, timedelta

from textual.widgets import TextArea

from quorum.store.handover import followup_text, open_actions
from quorum.store.records import ItemState, MeetingStatus, Presence
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.screens.live import LiveScreen
from quorum.tui.screens.review import ReviewScreen
from tests.conftest import DEMO_NOW, DEMO_TODAY


class Clock:
    """A clock the test moves forward, so item times are known."""

    def __init__(self) -> None:
        self.now = DEMO_NOW

    def __call__(self):
        return self.now

    def advance(self, minutes: float) -> None:
        self.now += timedelta(minutes=minutes)


def keys_for(text: str) -> list[str]:
    return ["space" if c == " " else c for c in text]


async def type_text(pilot, text: str) -> None:
    await pilot.press(*keys_for(text))


async def test_a_whole_meeting_by_keyboard(demo_store, db_path):
    clock = Clock()
    app = QuorumApp(demo_store, clock=clock)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.open_live("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)

        # Start: the demo meeting is planned weeks ahead, so quorum asks first; it is
        # started anyway (down to the second choice), then the notes editor takes the keys.
        await pilot.press("s", "down", "enter")
        await pilot.pause()
        assert isinstance(screen.focused, TextArea)
        # Presence: roll call on the attendance list.
        await pilot.press("escape", "w", "p", "p", "r", "e", "a", "escape")
        await pilot.press("i")
        await type_text(pilot, "Ordföranden hälsade välkommen. Närvaro: åäö ÅÄÖ")
        clock.advance(6)
        await pilot.press("ctrl+n")  # to item 2 while typing
        await type_text(pilot, "Till justerare valdes Erik Sandvik.")
        clock.advance(4)
        await pilot.press("ctrl+n")
        await type_text(pilot, "Dagordningen gicks igenom.")
        await pilot.press("ctrl+r")  # a decision, still from the notes
        await type_text(pilot, "Dagordningen godkändes.")
        await pilot.press("enter")
        await pilot.pause()
        # Command mode: jump to item 7, an action item with owner and date.
        clock.advance(5)
        await pilot.press("escape", "7", "i")
        await type_text(pilot, "Utkastet diskuterades. Synpunkter till Lena.")
        await pilot.press("escape", "a")
        await type_text(pilot, "Skicka synpunkter på utkastet")
        await pilot.press("enter")
        await type_text(pilot, "lena")
        await pilot.press("enter")
        await type_text(pilot, "30/4")
        await pilot.press("enter")
        await pilot.press("ctrl+t")  # a second one with a relative date
        await type_text(pilot, "Boka lokal")
        await pilot.press("enter")
        await type_text(pilot, "linnea")
        await pilot.press("enter", "+", "2", "w", "enter")
        await pilot.pause()
        # Item 8 is deferred to the next meeting; item 7 marked done.
        await pilot.press("x")
        clock.advance(40)
        await pilot.press("n", "l")
        # A break that is not counted.
        await pilot.press("space")
        clock.advance(15)
        await pilot.press("space")
        clock.advance(2)
        await pilot.press("e", "enter")  # end the meeting -> review
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        review = app.screen
        await pilot.press("d")  # minutes drafted
        await pilot.press("a")  # approval: the adjuster is proposed
        await pilot.pause()
        await pilot.press("enter", "enter")
        await pilot.pause()
        assert review.meeting.status == MeetingStatus.APPROVED
        app.saver.flush()
        await pilot.press("ctrl+q")
    demo_store.close()

    with Store.open(db_path, readonly=True) as store:
        m = store.meeting("3")
    assert m.status == MeetingStatus.APPROVED
    assert m.actual_start == DEMO_NOW and m.actual_end == clock.now
    assert m.agenda[0].notes == "Ordföranden hälsade välkommen. Närvaro: åäö ÅÄÖ"
    assert m.agenda[1].notes == "Till justerare valdes Erik Sandvik."
    assert [d.text for d in m.agenda[2].decisions] == ["Dagordningen godkändes."]
    assert m.agenda[6].notes == "Utkastet diskuterades. Synpunkter till Lena."
    first, second = m.agenda[6].actions
    assert store_name(db_path, first.owner_id) == "Lena Öberg"
    assert first.due == date(2027, 4, 30)
    assert store_name(db_path, second.owner_id) == "Linnea Borg"
    assert second.due == DEMO_NOW.date() + timedelta(weeks=2)
    assert m.agenda[6].state == ItemState.DONE
    assert m.agenda[7].state == ItemState.DEFERRED
    assert [a.presence for a in m.attendance[:5]] == [
        Presence.PRESENT,
        Presence.PRESENT,
        Presence.REMOTE,
        Presence.EXCUSED,
        Presence.ABSENT,
    ]
    # Time per item: 6 and 4 minutes, 5 on item 3, 40 on item 7, 2 on item 8;
    # the 15-minute break counts nowhere.
    spent = [i.spent_seconds for i in m.agenda]
    assert spent[:3] == [360, 240, 300] and spent[6] == 2400 and spent[7] == 120
    assert sum(spent) == (360 + 240 + 300 + 2400 + 120)
    assert m.approvals[0].name == "Erik Sandvik"
    # Hand-over: the next (not cancelled) meeting is ready, with the item
    # deferred here carried in and the new action items in its follow-up item.
    with Store.open(db_path, readonly=True) as store:
        nxt = next(
            x
            for x in store.meetings("1")
            if x.start > m.start and x.status != MeetingStatus.CANCELLED
        )
        names = {p.id: p.name for p in store.people()}
        followed_up = followup_text(open_actions(store.meetings("1"), nxt.start), names, "sv")
    assert nxt.host_org_id and nxt.secretary_id
    assert any(i.deferred_from == "3" for i in nxt.agenda)
    assert any(i.followup for i in nxt.agenda)
    # Its follow-up lists the action items opened here, derived from them (no copy).
    assert "Skicka synpunkter på utkastet — Lena Öberg" in followed_up


def store_name(db_path, person_id: str | None) -> str:
    with Store.open(db_path, readonly=True) as store:
        return store.person(person_id).name if person_id else ""


async def test_quitting_right_after_typing_keeps_the_text(demo_store, db_path):
    from quorum.store import live

    demo_store.save_meeting(live.start(demo_store.meeting("3"), DEMO_NOW))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the resume offer: carry on
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await type_text(pilot, "sista ordet")
        await pilot.press("ctrl+q")  # before the debounce fired
    demo_store.close()
    with Store.open(db_path, readonly=True) as store:
        assert store.meeting("3").agenda[0].notes == "sista ordet"


async def test_reopening_approved_minutes_needs_a_reason_and_is_recorded(demo_store, db_path):
    from quorum.store import live

    m = live.end(live.start(demo_store.meeting("3"), DEMO_NOW), DEMO_NOW + timedelta(hours=2))
    m = live.approve(live.mark_drafted(m), "Erik Sandvik", DEMO_TODAY)
    demo_store.save_meeting(m)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(ReviewScreen("3"))
        await pilot.pause()
        await pilot.press("enter")  # fixing text is refused while locked
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("o", "enter", "enter")  # no reason: refused, dialog stays
        await pilot.pause()
        assert app.screen.message_of("reason")
        await type_text(pilot, "Fel datum")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("enter")  # now item 1 opens for editing
        await pilot.pause()
        await type_text(pilot, "Rättat.")
        await pilot.press("escape")
        await pilot.pause()
        app.saver.flush()
    demo_store.close()
    with Store.open(db_path, readonly=True) as store:
        after = store.meeting("3")
    assert after.status == MeetingStatus.DRAFTED
    assert after.approvals[-1].reopened and after.approvals[-1].reason == "Fel datum"
    assert after.agenda[0].notes == "Rättat."


async def test_a_meeting_without_agenda_opens_and_refuses_quietly(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_live("5")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("s", "d", "a", "x", "n", "p", "ctrl+r", "v", "e", "w")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert demo_store.meeting("5").actual_start is None
        await pilot.press("q")
        await pilot.pause()
        assert not isinstance(app.screen, LiveScreen)
