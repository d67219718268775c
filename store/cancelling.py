"""Cancelling a meeting: the one rule for every way it is done (the meeting screen,
the command line), and what it changes beside the meeting.

* A meeting that has been held (status held or later, or started live) cannot be
  cancelled: its minutes exist. Exporting a cancellation never cancels by itself; the
  meeting is cancelled first, here, and the cancellation (.ics) is written after.
* The secretary follows the host: the minutes of a meeting are written by the host of
  the *next* meeting ("värd för nästkommande möte"). When the next meeting is cancelled,
  the meeting before it gets the host of the meeting after the cancelled one as its
  secretary — unless someone else was chosen for it by hand.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from quorum.store.errors import QuorumError
from quorum.store.records import Meeting, MeetingStatus, Person, replace
from quorum.store.rotation import contact_person
from quorum.store.wording import status_notice

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = [
    "Cancelled",
    "cancel",
    "cancel_in_store",
    "check_cancelled",
    "repoint_secretary",
    "was_held",
]

_HELD = (MeetingStatus.HELD, MeetingStatus.DRAFTED, MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)


def was_held(meeting: Meeting) -> bool:
    """Has the meeting taken place (live minutes started, or minutes made)?"""
    return meeting.status in _HELD or meeting.actual_start is not None


def cancel(meeting: Meeting) -> Meeting:
    """``meeting`` cancelled (one already cancelled stays as it is); QuorumError with a
    sentence for one that has been held."""
    if was_held(meeting):
        raise QuorumError(
            "cancel.error_held",
            title=meeting.title,
            date=meeting.day.isoformat(),
            status=status_notice(meeting),
        )
    return replace(meeting, status=MeetingStatus.CANCELLED)


def check_cancelled(meeting: Meeting) -> None:
    """Refuse to write the cancellation of a meeting that is not cancelled: exporting
    never cancels by itself."""
    if meeting.status is not MeetingStatus.CANCELLED:
        raise QuorumError(
            "flows.cancel.not_cancelled",
            title=meeting.title,
            date=meeting.day.isoformat(),
            id=meeting.id,
            status=status_notice(meeting),
        )


def _live(meetings: Iterable[Meeting], network_id: str) -> list[Meeting]:
    return sorted(
        (
            m
            for m in meetings
            if m.network_id == network_id and m.status is not MeetingStatus.CANCELLED
        ),
        key=lambda m: m.start,
    )


def repoint_secretary(
    cancelled: Meeting, meetings: Sequence[Meeting], people: Iterable[Person]
) -> Meeting | None:
    """The meeting before ``cancelled`` with the secretary the rule now gives it, or
    None when nothing changes (no such meeting, it was held, or its secretary was not
    the cancelled meeting's host)."""
    people = list(people)
    others = _live((m for m in meetings if m.id != cancelled.id), cancelled.network_id)
    before = [m for m in others if m.start < cancelled.start]
    after = [m for m in others if m.start > cancelled.start]
    if not before or was_held(before[-1]):
        return None
    previous = before[-1]
    by_id = {p.id: p for p in people}
    current = by_id.get(previous.secretary_id or "")
    # Only a secretary the rule gave (the cancelled meeting's host) follows the rule.
    if previous.secretary_id is not None and (
        current is None or current.org_id != cancelled.host_org_id
    ):
        return None
    following = after[0] if after else None
    contact = (
        contact_person(following.host_org_id, cancelled.network_id, people)
        if following is not None
        else None
    )
    new_id = contact.id if contact is not None else None
    if new_id is None or new_id == previous.secretary_id:
        return None
    return replace(previous, secretary_id=new_id)


@dataclass(frozen=True)
class Cancelled:
    meeting: Meeting  # as cancelled
    repointed: Meeting | None  # the meeting before it, with its new secretary


def cancel_in_store(store: Store, meeting_id: str) -> Cancelled:
    """Cancel ``meeting_id`` and re-point the secretary before it, in one batch (the
    meeting screen and ``quorum cancel`` both come here)."""
    with store.batch():
        meeting = cancel(store.meeting(meeting_id))
        store.update_meeting(meeting.id, status=meeting.status)
        repointed = repoint_secretary(meeting, store.meetings(meeting.network_id), store.people())
        if repointed is not None:
            store.update_meeting(repointed.id, secretary_id=repointed.secretary_id)
    return Cancelled(meeting, repointed)
