"""The invite-list rules the attendees pane relies on."""

from __future__ import annotations

from datetime import time

import pytest

from quorum.store.errors import ValidationError
from quorum.store.invitees import (
    add_guest,
    effective_role,
    invite_members,
    next_role,
    presence_counts,
    remove_invitee,
    rsvp_counts,
    set_role,
    set_rsvp,
    set_times,
)
from quorum.store.records import MeetingRole, Presence, Rsvp, replace


def test_invite_members_adds_only_missing_active_members(demo_store):
    people = demo_store.people()
    empty = next(m for m in demo_store.meetings("1") if not m.attendance)
    demo_store.save_person(replace(people[1], active=False))
    meeting, added = invite_members(empty, demo_store.people())
    active = [p for p in demo_store.people("1") if p.active]
    assert added == len(active) == len(meeting.attendance)
    again, added_again = invite_members(meeting, demo_store.people())
    assert added_again == 0 and again == meeting
    assert meeting.attendee(people[1].id) is None


def test_one_chair_and_the_meeting_ids_follow(demo_store):
    m = demo_store.meeting("3")
    old_chair = m.chair_id
    someone = next(a for a in m.attendance if a.person_id not in (old_chair, m.secretary_id))
    m2 = set_role(m, someone.key, MeetingRole.CHAIR)
    assert m2.chair_id == someone.person_id
    assert effective_role(m2, m2.attendee(old_chair)) is MeetingRole.PARTICIPANT
    assert [a.key for a in m2.attendance if effective_role(m2, a) is MeetingRole.CHAIR] == [
        someone.key
    ]
    m3 = set_role(m2, someone.key, next_role(m2, someone.key))
    assert m3.chair_id is None and m3.secretary_id == someone.person_id
    m4 = set_role(m3, someone.key, MeetingRole.ADJUSTER)
    assert someone.person_id in m4.adjuster_ids and m4.secretary_id is None
    m5 = remove_invitee(m4, someone.key)
    assert someone.person_id not in m5.adjuster_ids and m5.attendee(someone.key) is None


def test_guests_counts_and_times(demo_store):
    m = demo_store.meeting("3")
    with pytest.raises(ValidationError) as err:
        add_guest(m, "  ")
    assert err.value.field == "guest_name"
    m = add_guest(m, "Gun", "gun@example.org", "Nordverk AB")
    key = "guest:gun@example.org"
    assert add_guest(m, "Gun", "gun@example.org") == m  # no double entry
    before = rsvp_counts(m)[Rsvp.ACCEPTED]
    m = set_rsvp(m, key, Rsvp.ACCEPTED)
    assert rsvp_counts(m)[Rsvp.ACCEPTED] == before + 1
    assert sum(rsvp_counts(m).values()) == len(m.attendance)
    assert presence_counts(m)[Presence.UNKNOWN] == len(m.attendance)
    m = set_times(m, key, arrived=time(9, 40))
    with pytest.raises(ValidationError):
        set_times(m, key, arrived=time(9, 40), left=time(9, 0))
