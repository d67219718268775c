"""Two installations of quorum sharing one network: the coordinator's and the host's."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Attendance,
    ItemKind,
    Membership,
    OrgKind,
    Role,
    replace,
)
from quorum.store.store import Store
from quorum.store.sync import snapshot
from quorum.tui.sync_wiring import ExportConversions

STOCKHOLM = ZoneInfo("Europe/Stockholm")
NETWORK = "Gymnasienätverket Skaraborg"


def coordinator_store(path: Path) -> tuple[Store, str]:
    """The coordinator's installation: the network, its member organisations and people."""
    store = Store.open(path)
    skovde = store.add_organisation(name="Skövde kommun", kind=OrgKind.MUNICIPALITY)
    lidkoping = store.add_organisation(name="Lidköpings kommun", kind=OrgKind.MUNICIPALITY)
    network = store.add_network(
        name=NETWORK,
        organiser="Skaraborgs Kommunalförbund",
        publication_email="utbildning@skaraborg.example.se",
        member_org_ids=(skovde.id, lidkoping.id),
    )
    asa = store.add_person(
        name="Åsa Öberg",
        email="asa.oberg@skaraborg.example.se",
        org_id=skovde.id,
        title="processledare",
        memberships=(Membership(network.id, Role.COORDINATOR),),
    )
    store.save_network(replace(network, coordinator_id=asa.id))
    return store, network.id


def add_members(store: Store, network_id: str) -> None:
    orgs = {o.name: o.id for o in store.organisations()}
    store.add_person(
        name="Björn Lindström",
        email="bjorn.lindstrom@lidkoping.example.se",
        org_id=orgs["Lidköpings kommun"],
        title="rektor",
        memberships=(Membership(network_id, Role.MEMBER),),
    )
    store.add_person(
        name="Märta Ängström",
        email="marta.angstrom@skovde.example.se",
        org_id=orgs["Skövde kommun"],
        title="SYV",
        phone="0500-49 80 00",
        memberships=(Membership(network_id, Role.MEMBER),),
    )


def plan_meeting(store: Store, network_id: str) -> str:
    """The host prepares the agenda of the next meeting and invites everyone."""
    people = store.people(network_id)
    org = next(o for o in store.organisations() if o.name == "Lidköpings kommun")
    meeting = store.add_meeting(
        network_id=network_id,
        title="Nätverksträff",
        start=datetime(2027, 3, 12, 9, 0, tzinfo=STOCKHOLM),
        end=datetime(2027, 3, 12, 12, 0, tzinfo=STOCKHOLM),
        place="Stadshuset, Lidköping",
        host_org_id=org.id,
        agenda=(
            AgendaItem("a1", "Mötets öppnande", ItemKind.STANDING, minutes=5),
            AgendaItem("a2", "Gemensam antagning 2028", ItemKind.DECISION, minutes=45),
            AgendaItem("a3", "Övriga frågor", ItemKind.STANDING, minutes=15),
        ),
        attendance=tuple(Attendance(person_id=p.id) for p in people),
    )
    return meeting.uid


def record_minutes(store: Store, network_id: str, uid: str) -> None:
    """The secretary's notes, a decision and two action items."""
    meeting = next(m for m in store.meetings(network_id) if m.uid == uid)
    marta = next(p for p in store.people(network_id) if p.name == "Märta Ängström")
    item = replace(
        meeting.agenda[1],
        notes="Förslaget diskuterades. Skövde och Lidköping är positiva.",
        actions=(
            ActionItem(
                "act1",
                "Skicka förslaget till skolcheferna",
                owner_id=marta.id,
                due=date(2027, 4, 1),
            ),
            ActionItem("act2", "Boka lokal till nästa träff", owner_name="Värden"),
        ),
    )
    store.save_meeting(meeting.with_item(item))


def view(store: Store, network_id: str) -> dict[str, dict]:
    return snapshot(store, network_id, ExportConversions(store))
