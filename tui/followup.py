"""The follow-up item as the app shows it: the open action items of the meeting's
network before it, as they are in the store now (``store.handover`` keeps no copy)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from quorum.store.handover import followup_text, open_actions
from quorum.store.records import Meeting

if TYPE_CHECKING:
    from quorum.store.store import Store


def followup_now(store: Store, meeting: Meeting) -> str:
    """One line per open action item of the earlier meetings, in the meeting's language
    (as the rest of its agenda)."""
    names = {p.id: p.name for p in store.people()}
    found = open_actions(store.meetings(meeting.network_id), meeting.start)
    return followup_text(found, names, meeting.language)
