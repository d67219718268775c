"""Cancelling a meeting: refused once held; the secretary before it follows the host."""

from __future__ import annotations

import pytest

from quorum.store.cancelling import cancel, cancel_in_store, repoint_secretary
from quorum.store.errors import QuorumError
from quorum.store.records import MeetingStatus, replace
from quorum.store.rotation import contact_person


def test_a_held_meeting_cannot_be_cancelled(demo_store):
    for meeting in demo_store.meetings():
        if meeting.status in (MeetingStatus.PUBLISHED, MeetingStatus.DRAFTED):
            with pytest.raises(QuorumError) as err:
                cancel(meeting)
            assert "has already been held" in err.value.sentence("en")


def test_cancelling_the_next_meeting_repoints_the_secretary_to_the_host_after(demo_store):
    """Issue 12: the secretary (= next host) was not re-pointed when the next meeting
    was cancelled. Demo: 3 invited, 4 cancelled, 5 and 6 planned."""
    network = demo_store.networks()[0]
    people = demo_store.people()
    nxt, after = demo_store.meeting("5"), demo_store.meeting("6")
    host_of_next = contact_person(nxt.host_org_id, network.id, people)
    host_after = contact_person(after.host_org_id, network.id, people)
    assert host_of_next is not None and host_after is not None
    demo_store.update_meeting("3", secretary_id=host_of_next.id)  # the rule's secretary
    result = cancel_in_store(demo_store, "5")
    assert demo_store.meeting("5").status is MeetingStatus.CANCELLED
    assert result.repointed is not None and result.repointed.id == "3"
    assert demo_store.meeting("3").secretary_id == host_after.id


def test_a_secretary_chosen_by_hand_is_left(demo_store):
    network = demo_store.networks()[0]
    people = demo_store.people()
    first, second = demo_store.meeting("3"), demo_store.meeting("5")
    other = next(p for p in people if p.org_id not in (second.host_org_id, None))
    first = replace(first, secretary_id=other.id)
    meetings = [first if m.id == first.id else m for m in demo_store.meetings(network.id)]
    assert repoint_secretary(cancel(second), meetings, people) is None
