"""Two campuses under one coordinating network (seed 004), for the sign-up tests."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.records import Membership, Role
from quorum.store.store import Store

ZONE = ZoneInfo("Europe/Stockholm")


def build_campuses(store: Store, day: date) -> None:
    """RUN with Västra and Östra, a coordinator on each campus, a network of its own
    with one member, and a meeting of Västra on ``day`` (meeting "1")."""
    run = store.add_network(name="RUN gymnasiesamverkan", organiser="Mittuniversitetet")
    west = store.add_network(name="Nätverk Västra", parent_id=run.id)
    east = store.add_network(name="Nätverk Östra", parent_id=run.id)
    other = store.add_network(name="Helt annat nätverk")
    for name, email, network in (
        ("Gertrud Alirani", "gertrud@miun.example.se", west),
        ("Catarina Karlsson", "catarina@miun.example.se", east),
    ):
        store.add_person(
            name=name, email=email, memberships=(Membership(network.id, Role.COORDINATOR),)
        )
    store.add_person(
        name="Utan Koppling", email="utan@example.se", memberships=(Membership(other.id),)
    )
    start = datetime.combine(day, time(13), ZONE)
    store.add_meeting(
        network_id=west.id,
        title="Nätverksträff Västra",
        start=start,
        end=start + timedelta(hours=3),
        tz="Europe/Stockholm",
    )
