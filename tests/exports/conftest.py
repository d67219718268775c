"""Realistic Swedish records for the export tests: a network, its people, meetings."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, datetime
from zoneinfo import ZoneInfo

import pytest

from quorum.store.records import (
    AgendaItem,
    Attendance,
    ItemKind,
    Meeting,
    MeetingRole,
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Role,
    Rsvp,
)

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NOW = datetime(2027, 2, 20, 14, 30, 15, tzinfo=UTC)


@dataclass(frozen=True)
class World:
    network: Network
    organisations: dict[str, Organisation]
    people: dict[str, Person]
    march: Meeting  # winter time (CET)
    june: Meeting  # summer time (CEST)

    @property
    def coordinator(self) -> Person:
        return self.people["1"]


def build_world() -> World:
    network = Network(
        id="1",
        name="Gymnasienätverket Skaraborg-exempel",
        organiser="Skaraborgs Kommunalförbund",
        coordinator_id="1",
        publication_email="webb@skaraborg.example.se",
        default_place="Stadshuset, Skövde",
        tz="Europe/Stockholm",
    )
    organisations = {
        "1": Organisation("1", "Skövde kommun", OrgKind.MUNICIPALITY),
        "2": Organisation("2", "Lidköpings kommun", OrgKind.MUNICIPALITY),
        "3": Organisation("3", "Högskolan i Skövde", OrgKind.UNIVERSITY),
    }
    member = (Membership("1", Role.MEMBER),)
    people = {
        "1": Person(
            "1",
            "Åsa Öberg",
            "asa.oberg@skaraborg.example.se",
            "1",
            "processledare",
            memberships=(Membership("1", Role.COORDINATOR),),
        ),
        "2": Person(
            "2",
            "Lindström, Björn",
            "bjorn.lindstrom@lidkoping.example.se",
            "2",
            "rektor",
            memberships=member,
        ),
        "3": Person(
            "3",
            "Märta Ängström",
            "marta.angstrom@skovde.example.se",
            "1",
            "SYV",
            memberships=member,
        ),
        "4": Person(
            "4", 'Jönsson; Per "PJ"', "per.jonsson@his.example.se", "3", memberships=member
        ),
    }
    agenda = (
        AgendaItem("a1", "Mötets öppnande", ItemKind.STANDING, presenter_id="1", minutes=10),
        AgendaItem(
            "a2",
            "Uppföljning av åtgärder",
            ItemKind.STANDING,
            minutes=20,
            followup=True,
        ),
        AgendaItem(
            "a3",
            "Gemensam antagning 2028: förslag, synpunkter; beslut",
            ItemKind.DECISION,
            presenter_text="Karin från antagningskansliet",
            minutes=45,
            description="Underlaget skickas ut en vecka innan.\nLäs särskilt avsnitt 3.",
        ),
        AgendaItem("a4", "Övriga frågor", ItemKind.STANDING, minutes=15),
    )
    attendance = (
        Attendance(person_id="1", role=MeetingRole.CHAIR, rsvp=Rsvp.ACCEPTED),
        Attendance(person_id="2", role=MeetingRole.PARTICIPANT),
        Attendance(person_id="3", role=MeetingRole.SECRETARY, rsvp=Rsvp.TENTATIVE),
        Attendance(person_id="4", role=MeetingRole.OPTIONAL, rsvp=Rsvp.DECLINED),
        Attendance(guest_name="Gäst Gästsson", guest_email="gast@foretag.example.se"),
        Attendance(guest_name="Utan Adress"),  # a guest without e-mail is not invited
    )
    march = Meeting(
        id="1",
        network_id="1",
        title="Nätverksträff",
        start=datetime(2027, 3, 12, 9, 0, tzinfo=STOCKHOLM),
        end=datetime(2027, 3, 12, 12, 0, tzinfo=STOCKHOLM),
        place="Stadshuset, sal 3; Skövde",
        online_link="https://meet.example.se/j/123?pwd=a,b",
        host_org_id="1",
        chair_id="1",
        secretary_id="3",
        uid="c0ffee0001@quorum",
        agenda=agenda,
        attendance=attendance,
        documents="Verksamhetsplan 2027 (bifogad)",
    )
    june = Meeting(
        id="2",
        network_id="1",
        title="Nätverksträff – sommar",
        start=datetime(2027, 6, 11, 13, 0, tzinfo=STOCKHOLM),
        end=datetime(2027, 6, 11, 16, 0, tzinfo=STOCKHOLM),
        place="Högskolan i Skövde, hus G",
        host_org_id="3",
        chair_id="1",
        uid="c0ffee0002@quorum",
        agenda=agenda[:2],
        attendance=attendance[:3],
        language="sv",
    )
    return World(network, organisations, people, march, june)


@pytest.fixture
def world() -> World:
    return build_world()
