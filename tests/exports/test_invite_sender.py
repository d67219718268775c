"""Who sends the invite (issue 12): the host's contact by default, as the seeds say,
or the coordinator; SENT-BY and ``Sender:`` when another address sends for them; the
organiser never asked to reply to their own invite; the network named once."""

from __future__ import annotations

import email
from email.message import EmailMessage
from email.policy import default

import pytest

from quorum.exports.ics import invite
from quorum.exports.invite_text import invite_description
from quorum.exports.mail import invite_mail
from quorum.store.organiser import OrganiserSource, invite_organiser
from quorum.store.records import (
    Attendance,
    InviteSender,
    Membership,
    Person,
    Role,
    SmtpSettings,
    replace,
)
from tests.exports.conftest import NOW, World
from tests.exports.ics_checks import check_structure, only_event, read_with_vobject


def _orgs(world: World) -> tuple:  # type: ignore[type-arg]
    return tuple(world.organisations.values())


def _event(world: World, meeting=None, network=None):  # type: ignore[no-untyped-def]
    data = invite(
        meeting or world.june,
        network or world.network,
        world.people,
        None,
        NOW,
        organisations=_orgs(world),
    )
    check_structure(data)
    read_with_vobject(data)
    return only_event(data)


def _mail(world: World, meeting=None, network=None) -> EmailMessage:  # type: ignore[no-untyped-def]
    meeting, network = meeting or world.june, network or world.network
    ics = invite(meeting, network, world.people, None, NOW, organisations=_orgs(world))
    raw = invite_mail(meeting, network, world.people, None, ics, NOW, organisations=_orgs(world))
    msg = email.message_from_bytes(raw, policy=default)
    assert isinstance(msg, EmailMessage)
    return msg


def test_the_host_organisations_contact_organises_by_default(world: World) -> None:
    # June is hosted by Högskolan i Skövde, whose one member is Per Jönsson.
    assert world.network.invite_sender is InviteSender.HOST
    event = _event(world)
    assert str(event["ORGANIZER"]) == "mailto:per.jonsson@his.example.se"
    assert "SENT-BY" not in event["ORGANIZER"].params
    [sender] = _mail(world)["From"].addresses
    assert sender.addr_spec == "per.jonsson@his.example.se"


def test_an_organisation_may_name_its_contact(world: World) -> None:
    # Skövde (the March host) has Åsa and Märta; it names Märta.
    orgs = {**world.organisations, "1": replace(world.organisations["1"], contact_id="3")}
    found = invite_organiser(world.march, world.network, world.people, orgs.values())
    assert found is not None and found.person.name == "Märta Ängström"
    assert found.source is OrganiserSource.HOST
    # A named contact who has left (inactive) is passed over for the others.
    people = {**world.people, "3": replace(world.people["3"], active=False)}
    found = invite_organiser(world.march, world.network, people, orgs.values())
    assert found is not None and found.person.name == "Åsa Öberg"


def test_a_network_may_choose_its_coordinator(world: World) -> None:
    network = replace(world.network, invite_sender=InviteSender.COORDINATOR)
    event = _event(world, network=network)
    assert str(event["ORGANIZER"]) == "mailto:asa.oberg@skaraborg.example.se"
    [sender] = _mail(world, network=network)["From"].addresses
    assert sender.addr_spec == "asa.oberg@skaraborg.example.se"


def test_without_a_host_contact_the_coordinator_stands_in(world: World) -> None:
    found = invite_organiser(
        replace(world.june, host_org_id=None), world.network, world.people, _orgs(world)
    )
    assert found is not None
    assert (found.person.name, found.source) == ("Åsa Öberg", OrganiserSource.COORDINATOR)


def test_another_sending_address_is_sent_by(world: World) -> None:
    smtp = SmtpSettings("smtp.skaraborg.example.se", sender="utbildning@skaraborg.example.se")
    network = replace(world.network, smtp=smtp)
    event = _event(world, network=network)
    organizer = event["ORGANIZER"]
    assert str(organizer) == "mailto:per.jonsson@his.example.se"
    assert organizer.params["SENT-BY"] == "mailto:utbildning@skaraborg.example.se"
    msg = _mail(world, network=network)
    assert msg["From"].addresses[0].addr_spec == "per.jonsson@his.example.se"
    assert msg["Sender"].addresses[0].addr_spec == "utbildning@skaraborg.example.se"
    # The organiser's own address sends: no SENT-BY, no Sender.
    own = replace(network, smtp=replace(smtp, sender="PER.JONSSON@his.example.se"))
    assert "SENT-BY" not in _event(world, network=own)["ORGANIZER"].params
    assert _mail(world, network=own)["Sender"] is None


@pytest.mark.parametrize("sender", list(InviteSender))
def test_the_organiser_is_not_asked_to_reply(world: World, sender: InviteSender) -> None:
    network = replace(world.network, invite_sender=sender)
    host_contact = world.people["4"]  # Per, invited to June as well
    june = replace(world.june, attendance=(*world.june.attendance, Attendance(person_id="4")))
    event = _event(world, meeting=june, network=network)
    organiser = str(event["ORGANIZER"])
    expected = host_contact.email if sender is InviteSender.HOST else world.coordinator.email
    assert organiser == f"mailto:{expected}"
    for attendee in event["ATTENDEE"]:
        mine = str(attendee) == organiser
        assert attendee.params["RSVP"] == ("FALSE" if mine else "TRUE"), attendee
        if mine:
            assert attendee.params["PARTSTAT"] != "NEEDS-ACTION"


def test_a_title_that_names_the_network_is_not_followed_by_it_again(world: World) -> None:
    # The defect: "Nätverk … – nätverksträff v. 49" gave the network's name twice in the
    # invite's description, the mail's subject and its body.
    name = world.network.name
    titled = replace(world.june, title=f"{name} – nätverksträff v. 23")
    description = invite_description(titled, world.network, world.people, "sv")
    assert description.count(name) == 1
    msg = _mail(world, meeting=titled)
    assert str(msg["Subject"]).count(name) == 1
    body = msg.get_body(("plain",))
    assert body is not None and body.get_content().count(name) == 1
    # A plain title still says which network it is.
    plain = _mail(world)
    assert name in str(plain["Subject"])
    assert name in invite_description(world.june, world.network, world.people, "sv")


def test_a_coordinator_who_is_also_a_member_elsewhere_is_one_person(world: World) -> None:
    # Roles in other networks do not make the coordinator a host contact here.
    other = Person(
        "9",
        "Ola Annan",
        "ola@his.example.se",
        "3",
        memberships=(Membership("2", Role.COORDINATOR),),
    )
    people = {**world.people, "9": other}
    found = invite_organiser(world.june, world.network, people, _orgs(world))
    assert found is not None and found.person.id == "4"
