"""Representation per meeting, the year's heat map, and the industry rule."""

from __future__ import annotations

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from quorum.store.records import (
    Attendance,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Presence,
    Rsvp,
    replace,
)
from quorum.store.representation import industry_rule_met, representation_matrix, represented_orgs

TZ = ZoneInfo("Europe/Stockholm")
NET = Network("1", "Nätverk Gymnasieskola", member_org_ids=("1", "2", "3"), require_industry=True)
ORGS = [
    Organisation("1", "Skövde kommun", OrgKind.MUNICIPALITY),
    Organisation("2", "Åmåls kommun", OrgKind.MUNICIPALITY),
    Organisation("3", "Alingsås kommun", OrgKind.MUNICIPALITY),
    Organisation("4", "Volvo Cars AB", OrgKind.COMPANY),
    Organisation("5", "Högskolan i Skövde", OrgKind.UNIVERSITY),
]
PEOPLE = [
    Person("10", "Anna Berg", "anna@x.se", org_id="1", memberships=(Membership("1"),)),
    Person("11", "Bo Ek", "bo@x.se", org_id="1", memberships=(Membership("1"),)),
    Person("12", "Cia Holm", "cia@x.se", org_id="2", memberships=(Membership("1"),)),
    Person("13", "Dan Volvo", "dan@volvo.se", org_id="4", memberships=(Membership("1"),)),
    Person("14", "Ej medlem", "ej@x.se", org_id="5"),
]


def meeting(mid, day, status=MeetingStatus.HELD, attendance=(), chair_id=None, net="1"):
    return Meeting(
        mid,
        net,
        f"Möte {mid}",
        datetime.combine(day, time(9), TZ),
        datetime.combine(day, time(12), TZ),
        status=status,
        attendance=attendance,
        chair_id=chair_id,
    )


P, R, A, X = Presence.PRESENT, Presence.REMOTE, Presence.ABSENT, Presence.EXCUSED


def test_represented_orgs_per_meeting_counts_present_and_remote_only():
    m = meeting(
        "1",
        date(2027, 2, 5),
        attendance=(
            Attendance("10", presence=P),
            Attendance("11", presence=R),
            Attendance("12", presence=X),
            Attendance("13", presence=A),
            Attendance(guest_name="Gästen", guest_org="högskolan  i skövde", presence=P),
            Attendance(guest_name="Okänd", guest_org="Okänt AB", presence=P),
        ),
    )
    assert [(o.name, n) for o, n in represented_orgs(m, PEOPLE, ORGS)] == [
        ("Högskolan i Skövde", 1),
        ("Skövde kommun", 2),
    ]


def test_year_matrix_rows_columns_and_never():
    meetings = [
        meeting(
            "3", date(2027, 9, 10), status=MeetingStatus.PLANNED, attendance=(Attendance("10"),)
        ),
        meeting(
            "1",
            date(2027, 2, 5),
            attendance=(Attendance("10", presence=P), Attendance("13", presence=R)),
        ),
        meeting(
            "2",
            date(2027, 5, 7),
            status=MeetingStatus.APPROVED,
            attendance=(
                Attendance("10", presence=P),
                Attendance("11", presence=P),
                Attendance(guest_name="G", guest_org="Högskolan i Skövde", presence=P),
            ),
        ),
        meeting("4", date(2027, 6, 4), status=MeetingStatus.CANCELLED),
        meeting("5", date(2026, 12, 4), attendance=(Attendance("12", presence=P),)),
        meeting("6", date(2027, 3, 5), net="2", attendance=(Attendance("12", presence=P),)),
    ]
    mx = representation_matrix(NET, 2027, meetings, PEOPLE, ORGS)
    assert [m.id for m in mx.meetings] == ["1", "2", "3"]
    assert [o.name for o in mx.orgs] == [
        "Alingsås kommun",
        "Högskolan i Skövde",
        "Skövde kommun",
        "Volvo Cars AB",
        "Åmåls kommun",
    ]
    assert mx.cells == (
        (0, 0, None),
        (0, 1, None),
        (1, 2, None),
        (1, 0, None),
        (0, 0, None),
    )
    assert mx.held_count == 2
    assert [o.name for o in mx.never()] == ["Alingsås kommun", "Åmåls kommun"]
    assert mx.attended(2) == 2


def test_matrix_before_any_meeting_is_held_names_nobody():
    mx = representation_matrix(
        NET, 2027, [meeting("1", date(2027, 2, 5), MeetingStatus.INVITED)], PEOPLE, ORGS
    )
    assert mx.cells == ((None,), (None,), (None,), (None,))  # members' orgs 1,2,3,4
    assert mx.never() == []


def test_industry_rule_not_required():
    assert industry_rule_met(
        meeting("1", date(2027, 2, 5)), replace(NET, require_industry=False), PEOPLE, ORGS
    )


@pytest.mark.parametrize(
    "attendance, chair, expected",
    [
        ((Attendance("10", presence=P),), None, False),
        ((Attendance("10", presence=P), Attendance("13", presence=R)), None, True),
        ((Attendance("13", presence=A),), None, False),
        ((), "13", True),  # chair from a company
        ((Attendance("13", presence=X),), "13", False),  # chair sent förhinder
        ((Attendance(guest_name="G", guest_org="Volvo Cars AB", presence=P),), None, True),
    ],
)
def test_industry_rule_when_held(attendance, chair, expected):
    m = meeting("1", date(2027, 2, 5), attendance=attendance, chair_id=chair)
    assert industry_rule_met(m, NET, PEOPLE, ORGS) is expected


def test_industry_rule_before_the_meeting_uses_rsvp():
    coming = meeting(
        "1",
        date(2027, 2, 5),
        MeetingStatus.INVITED,
        attendance=(Attendance("13", rsvp=Rsvp.ACCEPTED),),
    )
    assert industry_rule_met(coming, NET, PEOPLE, ORGS)
    not_answered = replace(coming, attendance=(Attendance("13"),))
    assert not industry_rule_met(not_answered, NET, PEOPLE, ORGS)
    chair_declined = replace(
        coming, chair_id="13", attendance=(Attendance("13", rsvp=Rsvp.DECLINED),)
    )
    assert not industry_rule_met(chair_declined, NET, PEOPLE, ORGS)
