"""The records one meeting's documents are made from, read from the store at once.

The store half of exporting: :func:`meeting_records` takes the Store and returns plain
records (:class:`MeetingRecords`); the renderers in ``exports/`` take those and never
see the Store. It lives in store because it is the one that reads the store; the CLI and
the app's export and send screens share it, so both build documents from the same facts.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from quorum.store.records import Meeting, MinutesVersion, Network, Organisation, Person

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = ["MeetingRecords", "meeting_records"]


@dataclass(frozen=True)
class MeetingRecords:
    """A meeting with everything its invite, notice, minutes and mail drafts name."""

    meeting: Meeting
    network: Network
    people: tuple[Person, ...]  # the whole roster: invitees may come from other networks
    organisations: tuple[Organisation, ...]
    meetings: tuple[Meeting, ...]  # the network's: § numbers, the next meeting, open actions
    versions: tuple[MinutesVersion, ...] = ()  # the meeting's approved minutes, oldest first

    @property
    def people_by_id(self) -> dict[str, Person]:
        return {p.id: p for p in self.people}


def meeting_records(store: Store, meeting: Meeting) -> MeetingRecords:
    """``meeting`` (as given: it may hold edits not yet saved) and its network's records."""
    network = store.network(meeting.network_id)
    return MeetingRecords(
        meeting=meeting,
        network=network,
        people=tuple(store.people()),
        organisations=tuple(store.organisations()),
        meetings=tuple(store.meetings(network.id)),
        versions=tuple(store.versions(meeting.id)),
    )
