"""Pure helpers of the agenda editor: clock times, numbering, moves, undo.

The editor widget keeps no arithmetic of its own; everything it shows about
time and order comes from here so it can be tested without a terminal.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta

from quorum.store.records import AgendaItem, Formality

Agenda = tuple[AgendaItem, ...]


def clock_times(start: datetime, items: Sequence[AgendaItem]) -> list[datetime]:
    """When each item begins if every earlier item keeps its planned minutes."""
    times: list[datetime] = []
    at = start
    for item in items:
        times.append(at)
        at += timedelta(minutes=item.minutes)
    return times


def planned_end(start: datetime, items: Sequence[AgendaItem]) -> datetime:
    return start + timedelta(minutes=sum(i.minutes for i in items))


def overrun_minutes(start: datetime, end: datetime, items: Sequence[AgendaItem]) -> int:
    """Minutes the agenda runs past the meeting's end (negative: time to spare)."""
    return int((planned_end(start, items) - end).total_seconds() // 60)


def numbers(items: Sequence[AgendaItem], formality: Formality, first: int = 1) -> list[str]:
    """Item numbers, computed from the order: § 14, § 15 … in a protokoll (``first``: where
    the network's year has come to), 1. 2. … otherwise."""
    if formality == Formality.FORMAL:
        return [f"§ {n}" for n in range(first, first + len(items))]
    return [f"{n}." for n in range(1, len(items) + 1)]


def move(items: Agenda, index: int, delta: int) -> tuple[Agenda, int]:
    """Move the item at ``index`` by ``delta`` places; clamped at both ends.

    Returns the new agenda and the item's new index.
    """
    if not items or not 0 <= index < len(items):
        return items, index
    target = max(0, min(len(items) - 1, index + delta))
    if target == index:
        return items, index
    rest = list(items)
    item = rest.pop(index)
    rest.insert(target, item)
    return tuple(rest), target


def remove(items: Agenda, index: int) -> Agenda:
    return items[:index] + items[index + 1 :]


def insert(items: Agenda, index: int, item: AgendaItem) -> Agenda:
    index = max(0, min(len(items), index))
    return (*items[:index], item, *items[index:])


def replace_item(items: Agenda, item: AgendaItem) -> Agenda:
    return tuple(item if i.id == item.id else i for i in items)


@dataclass
class UndoStack:
    """Earlier versions of the agenda, newest last, with the cursor to restore."""

    limit: int = 100
    _states: list[tuple[Agenda, int]] = field(default_factory=list)

    def push(self, agenda: Agenda, cursor: int = 0) -> None:
        self._states.append((agenda, cursor))
        del self._states[: -self.limit]

    def pop(self) -> tuple[Agenda, int] | None:
        return self._states.pop() if self._states else None

    def __len__(self) -> int:
        return len(self._states)

    def __bool__(self) -> bool:
        return bool(self._states)
