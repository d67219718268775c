"""The pure rules of live minutes: clock, items, open questions, approval and lock."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.store import live
from quorum.store.errors import ValidationError
from quorum.store.records import (
    AgendaItem,
    Attendance,
    Formality,
    ItemState,
    Meeting,
    MeetingStatus,
    Presence,
)

TZ = ZoneInfo("Europe/Stockholm")
T0 = datetime(2027, 3, 12, 9, 0, tzinfo=TZ)


def meeting(**fields) -> Meeting:
    agenda = tuple(AgendaItem(id=f"i{n}", title=f"Punkt {n}", minutes=10) for n in range(1, 5))
    base = dict(
        id="1",
        network_id="1",
        title="Nätverksträff",
        start=T0,
        end=T0 + timedelta(hours=2),
        agenda=agenda,
        attendance=(Attendance(person_id="7"), Attendance(person_id="8")),
        status=MeetingStatus.INVITED,
    )
    base.update(fields)
    return Meeting(**base)


def at(minutes: float) -> datetime:
    return T0 + timedelta(minutes=minutes)


def test_start_stamps_the_real_start_and_the_first_item():
    m = live.start(meeting(), at(3))
    assert m.actual_start == at(3) and m.item_started_at == at(3)
    assert live.is_live(m) and not live.is_paused(m)
    assert live.start(m, at(9)) == m  # starting twice changes nothing


def test_moving_on_banks_the_time_spent_on_each_item():
    m = live.start(meeting(), at(0))
    m = live.go_to(m, 1, at(12))
    m = live.go_to(m, 2, at(20))
    m = live.go_to(m, 1, at(25))  # back to item 2: its time adds up
    m = live.go_to(m, 2, at(26))
    assert [i.spent_seconds for i in m.agenda] == [720, 540, 300, 0]
    assert m.current_item == 2 and m.item_started_at == at(26)
    assert live.item_seconds(m, 2, at(30)) == 300 + 240


def test_a_break_is_not_counted():
    m = live.start(meeting(), at(0))
    m = live.pause(m, at(5))
    assert live.is_paused(m) and m.item_started_at is None
    assert live.item_seconds(m, 0, at(20)) == 300
    m = live.go_to(m, 1, at(20))  # changing item during the break counts nothing
    m = live.resume(m, at(25))
    m = live.go_to(m, 2, at(27))
    assert [i.spent_seconds for i in m.agenda][:3] == [300, 120, 0]


def test_behind_counts_late_start_overruns_and_savings():
    m = live.start(meeting(), at(5))  # five minutes late
    assert live.behind_seconds(m, at(5)) == 300
    m = live.go_to(m, 1, at(20))  # item 1: 15 of 10 minutes
    assert live.behind_seconds(m, at(20)) == 600
    m = live.go_to(m, 2, at(24))  # item 2: 4 of 10 minutes, six saved
    assert live.behind_seconds(m, at(24)) == 240
    assert live.behind_seconds(m, at(40)) == 240 + 360  # item 3 now runs over


def test_end_stamps_the_end_and_makes_the_meeting_held():
    m = live.start(meeting(), at(0))
    m = live.end(m, at(7))
    assert m.status == MeetingStatus.HELD and m.actual_end == at(7)
    assert m.agenda[0].spent_seconds == 420 and not live.is_live(m)
    with pytest.raises(ValidationError):
        live.end(m, at(8))
    with pytest.raises(ValidationError):
        live.start(m, at(8))


def test_go_to_refuses_a_missing_item():
    with pytest.raises(ValidationError) as err:
        live.go_to(meeting(), 9, at(0))
    assert err.value.key == "live.error.no_such_item"


def test_minutes_edits_decisions_actions_states_presence():
    m = live.start(meeting(), at(0))
    m = live.set_notes(m, 0, "Ordföranden öppnade mötet.")
    m = live.add_decision(m, 0, "Dagordningen godkändes.")
    m = live.add_action(m, 0, "Skicka utkast", owner_id="7", due=date(2027, 4, 30))
    m = live.toggle_state(m, 1, ItemState.DEFERRED)
    m = live.set_presence(m, "8", Presence.REMOTE)
    assert m.agenda[0].notes == "Ordföranden öppnade mötet."
    assert m.agenda[0].decisions[0].text == "Dagordningen godkändes."
    assert m.agenda[0].actions[0].owner_id == "7"
    assert m.agenda[1].state == ItemState.DEFERRED
    assert live.toggle_state(m, 1, ItemState.DEFERRED).agenda[1].state == ItemState.OPEN
    assert m.attendee("8").presence == Presence.REMOTE


def test_open_questions_name_items_without_notes_and_incomplete_actions():
    m = meeting()
    m = live.set_notes(m, 0, "Anteckning")
    m = live.add_action(m, 0, "Utan ägare", due=date(2027, 4, 1))
    m = live.add_action(m, 0, "Utan datum", owner_name="Extern")
    m = live.toggle_state(m, 3, ItemState.DEFERRED)
    keys = [(q.key, q.item_number, q.text) for q in live.open_questions(m)]
    assert ("live.q.no_owner", 1, "Utan ägare") in keys
    assert ("live.q.no_due", 1, "Utan datum") in keys
    assert [n for k, n, _ in keys if k == "live.q.no_notes"] == [2, 3]  # 4 is deferred


def held(**fields) -> Meeting:
    return live.end(live.start(meeting(**fields), at(0)), at(60))


def test_informal_minutes_need_one_approval_and_then_lock():
    m = live.mark_drafted(held())
    m = live.approve(m, "Sofia Ekström", date(2027, 3, 20))
    assert m.status == MeetingStatus.APPROVED and live.is_locked(m)
    with pytest.raises(ValidationError) as err:
        live.set_notes(m, 0, "ändrat")
    assert err.value.key == "live.error.locked.informal"
    assert live.set_notes(m, 0, "") == m  # saving unchanged text is not an edit


def test_formal_minutes_need_every_adjuster():
    m = live.mark_drafted(held(formality=Formality.FORMAL, adjuster_ids=("7", "8")))
    m = live.approve(m, "Sofia", date(2027, 3, 20))
    assert m.status == MeetingStatus.DRAFTED
    with pytest.raises(ValidationError):
        live.approve(m, "sofia", date(2027, 3, 21))
    m = live.approve(m, "Erik", date(2027, 3, 22))
    assert m.status == MeetingStatus.APPROVED
    assert [a.name for a in m.approvals] == ["Sofia", "Erik"]


def test_reopening_is_recorded_and_needs_a_reason():
    m = live.approve(live.mark_drafted(held()), "Sofia", date(2027, 3, 20))
    with pytest.raises(ValidationError):
        live.reopen(m, "Jonas", date(2027, 3, 25), "  ")
    m = live.reopen(m, "Jonas", date(2027, 3, 25), "Fel datum i punkt 3")
    assert m.status == MeetingStatus.DRAFTED and not live.is_locked(m)
    assert m.approvals[-1].reopened and m.approvals[-1].reason == "Fel datum i punkt 3"
    assert live.current_approvals(m) == []
    m = live.set_notes(m, 2, "rättat")
    assert live.approve(m, "Sofia", date(2027, 3, 26)).status == MeetingStatus.APPROVED


def test_status_moves_only_forward_in_order():
    with pytest.raises(ValidationError):
        live.mark_drafted(meeting())
    with pytest.raises(ValidationError):
        live.approve(held(), "Sofia", date(2027, 3, 20))
    with pytest.raises(ValidationError):
        live.reopen(held(), "Sofia", date(2027, 3, 20), "x")
