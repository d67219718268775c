"""Clock times, numbering, moves and undo of the agenda editor."""

from __future__ import annotations

from datetime import datetime
from zoneinfo import ZoneInfo

from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.store.agenda import (
    UndoStack,
    clock_times,
    insert,
    move,
    numbers,
    overrun_minutes,
    planned_end,
    remove,
)
from quorum.store.records import AgendaItem, Formality

START = datetime(2027, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def items(*minutes: int) -> tuple[AgendaItem, ...]:
    return tuple(
        AgendaItem(id=str(n), title=f"Punkt {n}", minutes=m) for n, m in enumerate(minutes)
    )


def test_each_item_starts_when_the_earlier_ones_end():
    times = clock_times(START, items(10, 5, 45))
    assert [f"{t:%H:%M}" for t in times] == ["09:00", "09:10", "09:15"]
    assert f"{planned_end(START, items(10, 5, 45)):%H:%M}" == "10:00"


def test_overrun_is_positive_past_the_end_and_negative_with_time_to_spare():
    end = START.replace(hour=10)
    assert overrun_minutes(START, end, items(30, 40)) == 10
    assert overrun_minutes(START, end, items(30, 20)) == -10
    assert overrun_minutes(START, end, ()) == -60


def test_numbers_are_paragraphs_in_a_protokoll_and_plain_otherwise():
    agenda = items(5, 5, 5)
    assert numbers(agenda, Formality.FORMAL) == ["§ 1", "§ 2", "§ 3"]
    assert numbers(agenda, Formality.INFORMAL) == ["1.", "2.", "3."]


def test_move_up_down_and_clamped_at_the_ends():
    agenda = items(1, 2, 3)
    moved, at = move(agenda, 2, -1)
    assert [i.id for i in moved] == ["0", "2", "1"] and at == 1
    same, at = move(agenda, 0, -1)
    assert same == agenda and at == 0
    same, at = move(agenda, 2, 1)
    assert same == agenda and at == 2
    assert move((), 0, 1) == ((), 0)


@settings(max_examples=150)
@given(st.integers(0, 7), st.integers(-9, 9), st.integers(1, 8))
def test_a_move_keeps_every_item_once(index, delta, size):
    agenda = items(*range(size))
    moved, at = move(agenda, index % size, delta)
    assert sorted(i.id for i in moved) == sorted(i.id for i in agenda)
    assert moved[at] == agenda[index % size]


def test_remove_and_insert_are_inverse():
    agenda = items(1, 2, 3)
    assert insert(remove(agenda, 1), 1, agenda[1]) == agenda
    assert insert(agenda, 99, agenda[0])[-1] == agenda[0]


def test_undo_returns_states_newest_first_and_forgets_past_the_limit():
    stack = UndoStack(limit=2)
    assert stack.pop() is None and not stack
    stack.push(items(1), 0)
    stack.push(items(1, 2), 1)
    stack.push(items(1, 2, 3), 2)
    assert len(stack) == 2
    assert stack.pop() == (items(1, 2, 3), 2)
    assert stack.pop() == (items(1, 2), 1)
    assert stack.pop() is None
