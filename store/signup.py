"""Open sign-up, as the university networks run their meetings (seed 004: "Nätverk
Västra den 7 maj. Anmäl dig här."), and sub-networks under one coordinating body.

A meeting is open for registration until a deadline (``Meeting.signup_until``, the last
day one may register). Anyone on the roster of its network family may register — the
coordinating network and its sub-networks, e.g. both campuses — and so may a guest; by
hand, or by accepting the calendar invite (``exports.ics_reply``). A registration is an
invitee who answered yes: the list of registered people is the meeting's accepted
invitees. After the deadline a registration is still possible, but only when asked for
(``late``): the error is a warning the app lets the user accept.

A network may be part of another (``Network.parent_id``): the parent is the coordinating
body, its children the sub-networks. One level deep, never a cycle.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date

from quorum.store.errors import ValidationError
from quorum.store.records import (
    Attendance,
    Meeting,
    MeetingStatus,
    Network,
    Person,
    Rsvp,
    replace,
)

__all__ = [
    "LateRegistration",
    "close_signup",
    "family_ids",
    "in_family",
    "is_open",
    "open_signup",
    "ordered_networks",
    "register",
    "registered",
    "set_parent",
]

_DONE = (
    MeetingStatus.HELD,
    MeetingStatus.DRAFTED,
    MeetingStatus.APPROVED,
    MeetingStatus.PUBLISHED,
    MeetingStatus.CANCELLED,
)


class LateRegistration(ValidationError):
    """The deadline has passed: said as a warning, which the user may accept."""

    level = "warning"


# -- the meeting's registration ------------------------------------------------------------


def open_signup(meeting: Meeting, until: date) -> Meeting:
    """``meeting`` open for registration up to and including ``until``."""
    if meeting.status in _DONE or meeting.actual_start is not None:
        raise ValidationError("flows.signup.not_open_done", date=meeting.day.isoformat())
    if until > meeting.day:
        raise ValidationError(
            "flows.signup.after_meeting", until=until.isoformat(), date=meeting.day.isoformat()
        )
    return replace(meeting, signup_until=until)


def close_signup(meeting: Meeting) -> Meeting:
    return replace(meeting, signup_until=None)


def is_open(meeting: Meeting, today: date) -> bool:
    return meeting.signup_until is not None and today <= meeting.signup_until


def registered(meeting: Meeting) -> list[Attendance]:
    """The people registered: the invitees who said yes."""
    return [a for a in meeting.attendance if a.rsvp is Rsvp.ACCEPTED]


def register(
    meeting: Meeting,
    today: date,
    *,
    person: Person | None = None,
    guest_name: str = "",
    guest_email: str = "",
    guest_org: str = "",
    late: bool = False,
) -> Meeting:
    """``meeting`` with one more registration: a roster ``person``, else a guest.

    Someone already invited is marked as registered; a guest is recognised by e-mail.
    Refused when the meeting is not open for registration; after the deadline a
    :class:`LateRegistration` unless ``late``.
    """
    until = meeting.signup_until
    if until is None or meeting.status in _DONE:
        raise ValidationError("flows.signup.closed_meeting", title=meeting.title)
    if today > until and not late:
        raise LateRegistration("flows.signup.late", until=until.isoformat())
    if person is not None:
        key = person.id
        entry = Attendance(person_id=person.id, rsvp=Rsvp.ACCEPTED)
    else:
        entry = Attendance(
            guest_name=guest_name, guest_email=guest_email, guest_org=guest_org, rsvp=Rsvp.ACCEPTED
        )
        key = _guest_key(meeting, entry)
    attendance = list(meeting.attendance)
    for index, a in enumerate(attendance):
        if a.key == key:
            attendance[index] = replace(a, rsvp=Rsvp.ACCEPTED)
            break
    else:
        attendance.append(entry)
    return replace(meeting, attendance=tuple(attendance))


def _guest_key(meeting: Meeting, entry: Attendance) -> str:
    """The key of the guest already listed with the same e-mail (any case), else the new one's."""
    wanted = entry.guest_email.casefold()
    for a in meeting.attendance:
        if wanted and a.person_id is None and a.guest_email.casefold() == wanted:
            return a.key
    return entry.key


# -- sub-networks ------------------------------------------------------------------------


def family_ids(networks: Iterable[Network], network_id: str) -> set[str]:
    """The network, its coordinating network and every sub-network of that one (or of
    this one): the rosters whose people may register for its meetings."""
    nets = list(networks)
    by_id = {n.id: n for n in nets}
    own = by_id.get(network_id)
    top = own.parent_id if own is not None and own.parent_id in by_id else network_id
    return {top} | {n.id for n in nets if n.parent_id == top}


def in_family(person: Person, family: set[str]) -> bool:
    return any(m.network_id in family for m in person.memberships)


def set_parent(networks: Sequence[Network], network: Network, parent_id: str | None) -> Network:
    """``network`` as a sub-network of ``parent_id`` (None: on its own). One level deep:
    a coordinating network is part of no other, and nothing is part of itself."""
    if parent_id in (None, ""):
        return replace(network, parent_id=None)
    by_id = {n.id: n for n in networks}
    parent = by_id.get(str(parent_id))
    if parent is None:
        raise ValidationError("error.not_found_network", field="parent_id", value=str(parent_id))
    has_children = any(n.parent_id == network.id for n in networks)
    if parent.id == network.id or parent.parent_id is not None or has_children:
        raise ValidationError("flows.subnet.one_level", field="parent_id", name=parent.name)
    return replace(network, parent_id=parent.id)


def ordered_networks(networks: Sequence[Network]) -> list[tuple[Network, bool]]:
    """The networks in their order with each sub-network right after its coordinating
    network: (network, is a sub-network)."""
    ids = {n.id for n in networks}
    tops = [n for n in networks if n.parent_id not in ids]
    out: list[tuple[Network, bool]] = []
    for top in tops:
        out.append((top, False))
        out += [(n, True) for n in networks if n.parent_id == top.id]
    return out
