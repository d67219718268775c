"""What a meeting still lacks before its invite (kallelse) can go out."""

from __future__ import annotations

from enum import StrEnum

from quorum.store.records import Meeting, MeetingStatus


class Missing(StrEnum):
    """Each value is also the tail of an i18n key: ``ready.<value>``."""

    INVITEES = "no_invitees"
    PLACE = "no_place"
    AGENDA = "agenda_empty"


def missing_for_invite(meeting: Meeting) -> list[Missing]:
    """The gaps, in the order a host would fill them; empty when ready.

    A meeting that has taken place or is cancelled needs no invite, so it
    lacks nothing. An online link counts as a place.
    """
    if meeting.status not in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        return []
    gaps: list[Missing] = []
    if not meeting.attendance:
        gaps.append(Missing.INVITEES)
    if not meeting.place.strip() and not meeting.online_link.strip():
        gaps.append(Missing.PLACE)
    if not meeting.agenda:
        gaps.append(Missing.AGENDA)
    return gaps
