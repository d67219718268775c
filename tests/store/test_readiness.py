"""What a meeting lacks before its invite can go out."""

from __future__ import annotations

from datetime import datetime, timedelta
from zoneinfo import ZoneInfo

from quorum.store.readiness import Missing, missing_for_invite
from quorum.store.records import AgendaItem, Attendance, Meeting, MeetingStatus, replace

START = datetime(2027, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


def meeting(**fields) -> Meeting:
    return Meeting(
        id="1",
        network_id="1",
        title="Nätverksträff",
        start=START,
        end=START + timedelta(hours=3),
        **fields,
    )


def test_a_bare_meeting_lacks_invitees_place_and_agenda_in_that_order():
    assert missing_for_invite(meeting()) == [Missing.INVITEES, Missing.PLACE, Missing.AGENDA]


def test_a_complete_meeting_lacks_nothing_and_a_link_counts_as_a_place():
    full = meeting(
        place="Stadshuset",
        agenda=(AgendaItem(id="a", title="Öppnande"),),
        attendance=(Attendance(guest_name="Nora", guest_email="nora@example.org"),),
    )
    assert missing_for_invite(full) == []
    online = replace(full, place="", online_link="https://meet.example.se/x")
    assert missing_for_invite(online) == []
    assert missing_for_invite(replace(full, place="  ")) == [Missing.PLACE]


def test_held_and_cancelled_meetings_need_no_invite():
    for status in (MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.PUBLISHED):
        assert missing_for_invite(meeting(status=status)) == []
    assert missing_for_invite(meeting(status=MeetingStatus.INVITED)) != []
