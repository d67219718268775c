"""What a meeting still lacks before its invite (kallelse) can go out.

One rule with the export: the gaps that stop an invite being written — nobody to
send it (:func:`quorum.store.organiser.invite_organiser`), nobody with an address to
invite — are exactly what the export refuses with, so the meeting never says "ready"
while the export says no. Place and agenda are gaps a host fills too, though an
invite without them can be written.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from enum import StrEnum

from quorum.store.organiser import invite_organiser
from quorum.store.records import Meeting, MeetingStatus, Network, Organisation, Person


class Missing(StrEnum):
    """Each value is also the tail of an i18n key: ``ready.<value>``."""

    ORGANISER = "no_organiser"
    INVITEES = "no_invitees"
    PLACE = "no_place"
    AGENDA = "agenda_empty"


def reachable_invitees(meeting: Meeting, people: Mapping[str, Person]) -> int:
    """How many invitees an invite can reach: roster people still there, guests with
    an address (what the calendar export invites)."""
    count = 0
    for a in meeting.attendance:
        if a.person_id is not None:
            person = people.get(a.person_id)
            count += person is not None and bool(person.email)
        else:
            count += bool(a.guest_email)
    return count


def missing_for_invite(
    meeting: Meeting,
    network: Network,
    people: Mapping[str, Person],
    organisations: Iterable[Organisation],
) -> list[Missing]:
    """The gaps, in the order a host would fill them; empty when ready.

    A meeting that has taken place or is cancelled needs no invite, so it
    lacks nothing. An online link counts as a place.
    """
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        return []
    gaps: list[Missing] = []
    if invite_organiser(meeting, network, people, organisations) is None:
        gaps.append(Missing.ORGANISER)
    if not reachable_invitees(meeting, people):
        gaps.append(Missing.INVITEES)
    if not meeting.place.strip() and not meeting.online_link.strip():
        gaps.append(Missing.PLACE)
    if not meeting.agenda:
        gaps.append(Missing.AGENDA)
    return gaps


def blocks_invite(gap: Missing) -> bool:
    """A gap the export refuses with (the others are for the host to fill)."""
    return gap in (Missing.ORGANISER, Missing.INVITEES)
