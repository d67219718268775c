"""A small network of five municipalities shared by the year-plan and hand-over tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.records import (
    EasterBreak,
    Meeting,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    SchoolBreaks,
)

TZ = ZoneInfo("Europe/Stockholm")
ORGS = [
    Organisation("o1", "Skövde"),
    Organisation("o2", "Lidköping"),
    Organisation("o3", "Falköping"),
    Organisation("o4", "Mariestad"),
    Organisation("o5", "Skara"),
]


# A network that keeps no school breaks: for tests of the other rules alone.
NO_BREAKS = SchoolBreaks(
    sportlov_week=None, pasklov=EasterBreak.NONE, hostlov_week=None, jullov=False, sommarlov=False
)


def network(**kw: object) -> Network:
    fields: dict[str, object] = dict(
        id="n1",
        name="SYV-nätverket Skaraborg",
        weekday=4,
        min_meetings=4,
        member_org_ids=("o1", "o2", "o3", "o4", "o5"),
    )
    fields.update(kw)
    return Network(**fields)  # type: ignore[arg-type]


def meeting(mid: str, day: date, host: str | None = None, **kw: object) -> Meeting:
    start = datetime.combine(day, time(9), TZ)
    return Meeting(
        id=mid,
        network_id=kw.pop("network_id", "n1"),  # type: ignore[arg-type]
        title=f"Möte {mid}",
        start=start,
        end=start + timedelta(hours=3),
        host_org_id=host,
        **kw,  # type: ignore[arg-type]
    )


PEOPLE = [
    Person(
        "p1",
        "Anna Berg",
        "anna@skovde.se",
        org_id="o1",
        memberships=(Membership("n1", Role.MEMBER),),
    ),
    Person("p2", "Bo Ek", "bo@skovde.se", org_id="o1", memberships=(Membership("n1", Role.CHAIR),)),
    Person(
        "p3",
        "Cia Dahl",
        "cia@lidkoping.se",
        org_id="o2",
        memberships=(Membership("n1", Role.GUEST),),
    ),
    Person(
        "p4",
        "Dan Åberg",
        "dan@falkoping.se",
        org_id="o3",
        memberships=(Membership("n1", Role.MEMBER),),
    ),
]
