"""What a meeting lacks before its invite can go out: the same rule as the export."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.exports.ics import invite
from quorum.store.errors import QuorumError
from quorum.store.readiness import Missing, blocks_invite, missing_for_invite
from quorum.store.records import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    replace,
)

START = datetime(2027, 3, 12, 9, 0, tzinfo=ZoneInfo("Europe/Stockholm"))
NETWORK = Network("1", "Nätverket")
ORGS = (Organisation("1", "Skövde kommun"),)
HOST_CONTACT = Person(
    "1", "Anna Berg", "anna@skovde.example.se", org_id="1", memberships=(Membership("1"),)
)
PEOPLE = {"1": HOST_CONTACT}


def meeting(**fields) -> Meeting:
    fields.setdefault("host_org_id", "1")
    return Meeting(
        id="1",
        network_id="1",
        title="Nätverksträff",
        start=START,
        end=START + timedelta(hours=3),
        **fields,
    )


def gaps(m: Meeting, network: Network = NETWORK, people=PEOPLE) -> list[Missing]:
    return missing_for_invite(m, network, people, ORGS)


def test_a_bare_meeting_lacks_invitees_place_and_agenda_in_that_order():
    assert gaps(meeting()) == [Missing.INVITEES, Missing.PLACE, Missing.AGENDA]
    assert gaps(meeting(host_org_id=None)) == [
        Missing.ORGANISER,
        Missing.INVITEES,
        Missing.PLACE,
        Missing.AGENDA,
    ]


FULL = meeting(
    place="Stadshuset",
    agenda=(AgendaItem(id="a", title="Öppnande"),),
    attendance=(Attendance(guest_name="Nora", guest_email="nora@example.org"),),
)


def test_a_complete_meeting_lacks_nothing_and_a_link_counts_as_a_place():
    assert gaps(FULL) == []
    online = replace(FULL, place="", online_link="https://meet.example.se/x")
    assert gaps(online) == []
    assert gaps(replace(FULL, place="  ")) == [Missing.PLACE]


def test_a_guest_without_an_address_cannot_be_invited():
    lonely = replace(FULL, attendance=(Attendance(guest_name="Utan Adress"),))
    assert gaps(lonely) == [Missing.INVITEES]


def test_held_and_cancelled_meetings_need_no_invite():
    for status in (MeetingStatus.HELD, MeetingStatus.CANCELLED, MeetingStatus.PUBLISHED):
        assert gaps(meeting(status=status)) == []
    assert gaps(meeting(status=MeetingStatus.INVITED)) != []


# The defect: "ready to send the notice" in the header while the export refused for want
# of an organiser. Every case below is judged by both; they must agree.
COORDINATOR = Person(
    "2", "Åsa Öberg", "asa@example.se", memberships=(Membership("1", Role.COORDINATOR),)
)
CASES = {
    "host contact": (FULL, NETWORK, PEOPLE),
    "no host, no coordinator": (replace(FULL, host_org_id=None), NETWORK, PEOPLE),
    "no host, a coordinator": (
        replace(FULL, host_org_id=None),
        replace(NETWORK, coordinator_id="2"),
        {**PEOPLE, "2": COORDINATOR},
    ),
    "host without members": (FULL, NETWORK, {}),
    "only a guest without address": (
        replace(FULL, attendance=(Attendance(guest_name="Utan Adress"),)),
        NETWORK,
        PEOPLE,
    ),
    "a chair stands in": (
        replace(FULL, host_org_id=None, chair_id="2"),
        NETWORK,
        {**PEOPLE, "2": COORDINATOR},
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_readiness_and_the_export_agree(case: str):
    m, network, people = CASES[case]
    blocked = [g for g in missing_for_invite(m, network, people, ORGS) if blocks_invite(g)]
    try:
        invite(m, network, dict(people), None, datetime.now(UTC), organisations=ORGS)
    except QuorumError:
        assert blocked, f"{case}: the export refused while the meeting said ready"
    else:
        assert not blocked, f"{case}: the meeting said {blocked} while the export worked"
