"""A small network year shared by the planning export tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Presence,
)

TZ = ZoneInfo("Europe/Stockholm")
NETWORK = Network(id="n1", name="SYV-nätverket Skaraborg", member_org_ids=("o1", "o2", "o3"))
ORGS = [
    Organisation("o1", "Skövde"),
    Organisation("o2", "Lidköping"),
    Organisation("o3", "=Falköping"),
]
PEOPLE = [
    Person("p1", "Anna Berg", "anna@skovde.se", org_id="o1", memberships=(Membership("n1"),)),
    Person("p2", "Bo Ek", "bo@lidkoping.se", org_id="o2", memberships=(Membership("n1"),)),
    Person("p3", "Cia Öst", "cia@falkoping.se", org_id="o3", memberships=(Membership("n1"),)),
]


def meeting(mid: str, day: date, host: str | None, **kw: object) -> Meeting:
    start = datetime.combine(day, time(9), TZ)
    fields: dict[str, object] = dict(
        id=mid,
        network_id="n1",
        title=f"Nätverksträff {mid}",
        start=start,
        end=start + timedelta(hours=3),
        host_org_id=host,
        place="Stadshuset",
    )
    fields.update(kw)
    return Meeting(**fields)  # type: ignore[arg-type]


def present(*ids: str) -> tuple[Attendance, ...]:
    return tuple(Attendance(person_id=i, presence=Presence.PRESENT) for i in ids)


MEETINGS = [
    meeting(
        "1",
        date(2026, 2, 20),
        "o1",
        status=MeetingStatus.APPROVED,
        attendance=(
            *present("p1", "p2", "p3"),
            Attendance(guest_name="Gäst Gästsson", guest_org="Volvo", presence=Presence.REMOTE),
        ),
        agenda=(
            AgendaItem(
                "a1",
                "Budget | plan",
                decisions=(
                    Decision("d1", "Nätverket godkänner budgeten."),
                    Decision("d2", "=SUM(A1:A9) är ingen formel här"),
                ),
                actions=(
                    ActionItem("x1", "Skicka budgeten", owner_id="p1", due=date(2026, 3, 1)),
                    ActionItem("x2", "Boka lokal", status=ActionStatus.DONE),
                ),
            ),
        ),
    ),
    meeting(
        "2",
        date(2026, 4, 17),
        "o2",
        status=MeetingStatus.HELD,
        secretary_id="p3",
        attendance=present("p1", "p2"),
        agenda=(
            AgendaItem(
                "b1",
                "PRAO <script>",
                decisions=(Decision("d3", "PRAO-veckan blir v. 47 & <b>alla</b> är med."),),
            ),
        ),
    ),
    meeting(
        "3",
        date(2026, 5, 8),
        "o3",
        status=MeetingStatus.CANCELLED,
        agenda=(AgendaItem("c1", "Inställt", decisions=(Decision("d4", "Räknas inte"),)),),
    ),
    meeting("4", date(2026, 9, 18), "o3"),
    meeting(
        "5",
        date(2025, 11, 14),
        "o3",
        agenda=(AgendaItem("e1", "Förra året", decisions=(Decision("d5", "Beslut från 2025"),)),),
    ),
    meeting("6", date(2026, 10, 2), "o1", network_id="n2"),
]
