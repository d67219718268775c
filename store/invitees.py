"""Changing a meeting's invite list: pure functions, meeting in, meeting out.

The attendees pane keeps one :class:`Meeting` in memory and replaces it with
what these functions return, then saves the copy. Keeping the rules here
keeps them testable without a terminal and shared with the CLI.

A meeting names its chair, secretary and minutes checkers (justerare) twice: as ids on the
meeting (what the minutes and the invite use) and as each invitee's role.
:func:`set_role` keeps the two in step; :func:`effective_role` reads them
with the meeting's ids winning, since older data set only those.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from datetime import time

from quorum.store.records import (
    Attendance,
    Meeting,
    MeetingRole,
    Person,
    Presence,
    Rsvp,
    replace,
)

__all__ = [
    "ROLE_CYCLE",
    "add_guest",
    "effective_role",
    "invite_members",
    "invite_person",
    "next_role",
    "presence_counts",
    "remove_invitee",
    "rsvp_counts",
    "set_presence",
    "set_role",
    "set_rsvp",
    "set_times",
]

ROLE_CYCLE = (
    MeetingRole.PARTICIPANT,
    MeetingRole.CHAIR,
    MeetingRole.SECRETARY,
    MeetingRole.ADJUSTER,
    MeetingRole.OPTIONAL,
)


def effective_role(meeting: Meeting, a: Attendance) -> MeetingRole:
    """The invitee's role, the meeting's chair/secretary/adjuster ids first."""
    pid = a.person_id
    if pid is not None:
        if pid == meeting.chair_id:
            return MeetingRole.CHAIR
        if pid == meeting.secretary_id:
            return MeetingRole.SECRETARY
        if pid in meeting.adjuster_ids:
            return MeetingRole.ADJUSTER
    return a.role


def invite_members(meeting: Meeting, people: Iterable[Person]) -> tuple[Meeting, int]:
    """Add every active member of the meeting's network who is not invited
    yet; returns the meeting and how many were added."""
    invited = {a.person_id for a in meeting.attendance}
    added = tuple(
        Attendance(person_id=p.id)
        for p in people
        if p.active and p.role_in(meeting.network_id) is not None and p.id not in invited
    )
    return replace(meeting, attendance=meeting.attendance + added), len(added)


def invite_person(meeting: Meeting, person_id: str) -> Meeting:
    if meeting.attendee(person_id) is not None:
        return meeting
    return replace(meeting, attendance=(*meeting.attendance, Attendance(person_id=person_id)))


def add_guest(meeting: Meeting, name: str, email: str = "", org: str = "") -> Meeting:
    """Add a guest (validated by :class:`Attendance`: a name is required, the
    e-mail address must be valid when given)."""
    guest = Attendance(guest_name=name, guest_email=email, guest_org=org.strip())
    if meeting.attendee(guest.key) is not None:
        return meeting
    return replace(meeting, attendance=(*meeting.attendance, guest))


def remove_invitee(meeting: Meeting, key: str) -> Meeting:
    """Take someone off the list; a chair, secretary or adjuster also loses that task."""
    gone = meeting.attendee(key)
    if gone is None:
        return meeting
    pid = gone.person_id
    return replace(
        meeting,
        attendance=tuple(a for a in meeting.attendance if a.key != key),
        chair_id=None if pid and meeting.chair_id == pid else meeting.chair_id,
        secretary_id=None if pid and meeting.secretary_id == pid else meeting.secretary_id,
        adjuster_ids=tuple(i for i in meeting.adjuster_ids if i != pid),
    )


def _update(meeting: Meeting, key: str, change: Callable[[Attendance], Attendance]) -> Meeting:
    return replace(
        meeting,
        attendance=tuple(change(a) if a.key == key else a for a in meeting.attendance),
    )


def next_role(meeting: Meeting, key: str) -> MeetingRole:
    a = meeting.attendee(key)
    current = effective_role(meeting, a) if a else MeetingRole.PARTICIPANT
    return ROLE_CYCLE[(ROLE_CYCLE.index(current) + 1) % len(ROLE_CYCLE)]


def set_role(meeting: Meeting, key: str, role: MeetingRole) -> Meeting:
    """Give an invitee a role. One chair and one secretary: a previous holder
    becomes a participant. Roster people also update the meeting's ids."""
    a = meeting.attendee(key)
    if a is None:
        return meeting
    attendance = []
    for other in meeting.attendance:
        if other.key == key:
            other = replace(other, role=role)
        elif role in (MeetingRole.CHAIR, MeetingRole.SECRETARY) and (
            effective_role(meeting, other) is role
        ):
            other = replace(other, role=MeetingRole.PARTICIPANT)
        attendance.append(other)
    pid = a.person_id
    chair_id, secretary_id, adjusters = meeting.chair_id, meeting.secretary_id, meeting.adjuster_ids
    if role is MeetingRole.CHAIR:
        chair_id = pid
    elif chair_id is not None and chair_id == pid:
        chair_id = None
    if role is MeetingRole.SECRETARY:
        secretary_id = pid
    elif secretary_id is not None and secretary_id == pid:
        secretary_id = None
    adjusters = tuple(i for i in adjusters if i != pid)
    if role is MeetingRole.ADJUSTER and pid is not None:
        adjusters += (pid,)
    return replace(
        meeting,
        attendance=tuple(attendance),
        chair_id=chair_id,
        secretary_id=secretary_id,
        adjuster_ids=adjusters,
    )


def set_rsvp(meeting: Meeting, key: str, rsvp: Rsvp) -> Meeting:
    """The answer set by hand: it no longer comes from a reply (its comment stays)."""
    return _update(
        meeting,
        key,
        lambda a: replace(a, rsvp=rsvp, reply_source="", reply_from="", reply_unverified=False),
    )


def set_presence(meeting: Meeting, key: str, presence: Presence) -> Meeting:
    return _update(meeting, key, lambda a: replace(a, presence=presence))


def set_times(
    meeting: Meeting, key: str, arrived: time | None = None, left: time | None = None
) -> Meeting:
    """Note a late arrival and/or an early leave (None clears). Raises
    ``ValidationError`` when the leave comes before the arrival."""
    return _update(meeting, key, lambda a: replace(a, arrived=arrived, left=left))


def rsvp_counts(meeting: Meeting) -> dict[Rsvp, int]:
    counts = {r: 0 for r in Rsvp}
    for a in meeting.attendance:
        counts[a.rsvp] += 1
    return counts


def presence_counts(meeting: Meeting) -> dict[Presence, int]:
    counts = {p: 0 for p in Presence}
    for a in meeting.attendance:
        counts[a.presence] += 1
    return counts
