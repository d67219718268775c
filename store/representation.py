"""Which organisations came to a network's meetings.

Per meeting: the organisations represented (someone present or remote).
Across a year: a matrix organisations × meetings for the heat map, so the
coordinator sees who never comes. And the industry rule: a network may
require that the chair or someone present comes from a company.

An organisation is represented through a roster person's organisation, or
through a guest whose organisation text names a stored organisation
(case and spacing ignored).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from quorum.store.collate import sort_key
from quorum.store.personal_data import is_held
from quorum.store.records import (
    Attendance,
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    OrgKind,
    Person,
    Presence,
    Rsvp,
)

__all__ = [
    "PRESENT",
    "RepresentationMatrix",
    "attendee_org_id",
    "industry_rule_met",
    "representation_matrix",
    "represented_orgs",
]

PRESENT = frozenset({Presence.PRESENT, Presence.REMOTE})


def _fold(name: str) -> str:
    return " ".join(name.casefold().split())


class _Lookup:
    def __init__(self, people: Iterable[Person], orgs: Iterable[Organisation]) -> None:
        self.people = {p.id: p for p in people}
        self.orgs = {o.id: o for o in orgs}
        self.by_name = {_fold(o.name): o.id for o in self.orgs.values()}

    def org_id(self, a: Attendance) -> str | None:
        if a.person_id is not None:
            person = self.people.get(a.person_id)
            return person.org_id if person else None
        return self.by_name.get(_fold(a.guest_org)) if a.guest_org else None


def attendee_org_id(
    attendance: Attendance, people: Iterable[Person], orgs: Iterable[Organisation]
) -> str | None:
    """The stored organisation an invitee belongs to, if any."""
    return _Lookup(people, orgs).org_id(attendance)


def _counts(meeting: Meeting, lookup: _Lookup) -> dict[str, int]:
    counts: dict[str, int] = {}
    for a in meeting.attendance:
        if a.presence in PRESENT and (org_id := lookup.org_id(a)) is not None:
            counts[org_id] = counts.get(org_id, 0) + 1
    return counts


def represented_orgs(
    meeting: Meeting, people: Iterable[Person], orgs: Iterable[Organisation]
) -> list[tuple[Organisation, int]]:
    """Organisations with someone present or remote, with how many, in
    Swedish alphabetical order."""
    lookup = _Lookup(people, orgs)
    counts = _counts(meeting, lookup)
    found = [(lookup.orgs[i], n) for i, n in counts.items() if i in lookup.orgs]
    return sorted(found, key=lambda pair: sort_key(pair[0].name))


@dataclass(frozen=True)
class RepresentationMatrix:
    """Organisations (rows) × meetings (columns) of one network and year.

    ``cells[r][c]`` is how many from organisation ``r`` were present at
    meeting ``c``, or ``None`` when the meeting has not been held (nothing
    to show yet). Cancelled meetings are not columns.
    """

    network_id: str
    year: int
    orgs: tuple[Organisation, ...]
    meetings: tuple[Meeting, ...]
    cells: tuple[tuple[int | None, ...], ...]

    @property
    def held_count(self) -> int:
        return sum(1 for m in self.meetings if is_held(m))

    def attended(self, row: int) -> int:
        """At how many held meetings organisation ``row`` was represented."""
        return sum(1 for n in self.cells[row] if n)

    def never(self) -> list[Organisation]:
        """Organisations not represented at any meeting held this year (none
        when no meeting has been held yet)."""
        if not self.held_count:
            return []
        return [o for i, o in enumerate(self.orgs) if self.attended(i) == 0]


def representation_matrix(
    network: Network,
    year: int,
    meetings: Iterable[Meeting],
    people: Iterable[Person],
    orgs: Iterable[Organisation],
) -> RepresentationMatrix:
    """The year's heat map data. Rows: the network's member organisations,
    the organisations of its members, and any other organisation represented
    at one of its meetings."""
    people = list(people)
    lookup = _Lookup(people, orgs)
    columns = sorted(
        (
            m
            for m in meetings
            if m.network_id == network.id
            and m.start.year == year
            and m.status is not MeetingStatus.CANCELLED
        ),
        key=lambda m: m.start,
    )
    counts = [_counts(m, lookup) if is_held(m) else None for m in columns]
    row_ids = set(network.member_org_ids)
    row_ids |= {p.org_id for p in people if p.org_id and p.role_in(network.id) is not None}
    for c in counts:
        row_ids |= set(c or ())
    rows = sorted(
        (lookup.orgs[i] for i in row_ids if i in lookup.orgs), key=lambda o: sort_key(o.name)
    )
    cells = tuple(tuple(None if c is None else c.get(o.id, 0) for c in counts) for o in rows)
    return RepresentationMatrix(network.id, year, tuple(rows), tuple(columns), cells)


def industry_rule_met(
    meeting: Meeting,
    network: Network,
    people: Iterable[Person],
    orgs: Iterable[Organisation],
) -> bool:
    """Whether the network's industry rule holds for the meeting.

    Always true when the network has no such rule. Otherwise the chair (if
    not absent or declined) or someone else must come from a company: present
    or remote once the meeting is held; before that, someone who has accepted
    (so the meeting screen can warn in time, not only afterwards).
    """
    if not network.require_industry:
        return True
    lookup = _Lookup(people, orgs)

    def from_company(org_id: str | None) -> bool:
        org = lookup.orgs.get(org_id or "")
        return org is not None and org.kind is OrgKind.COMPANY

    held = is_held(meeting)
    chair = lookup.people.get(meeting.chair_id or "")
    if chair is not None and from_company(chair.org_id):
        entry = meeting.attendee(chair.id)
        # A chair who sent förhinder, or did not come, does not count.
        stayed_away = entry is not None and (
            entry.presence in (Presence.ABSENT, Presence.EXCUSED)
            if held
            else entry.rsvp is Rsvp.DECLINED
        )
        if not stayed_away:
            return True
    for a in meeting.attendance:
        coming = a.presence in PRESENT if held else a.rsvp is Rsvp.ACCEPTED
        if coming and from_company(lookup.org_id(a)):
            return True
    return False
