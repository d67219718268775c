"""Who sends a meeting's invite: the one rule the export, the mail and the meeting's
"ready to send" all follow.

The seeds say "Värd för kommande möte … ansvarar för att kalenderinbjudan skickas
ut": by default the contact person of the meeting's host organisation is the invite's
ORGANIZER and the mail's sender. A network may choose its coordinator instead
(:class:`InviteSender`). Whoever is chosen must be there with an e-mail address; when
they are not, the other one stands in, then the meeting's chair — and the meeting
screen says who will send, so nobody is surprised.

An organisation's contact is the person it names (``Organisation.contact_id``), else
the person :func:`quorum.store.rotation.contact_person` picks from its members.

When the mail leaves through an SMTP account with another address (the network's
``SmtpSettings.sender``, e.g. the coordinator's or a shared mailbox), that address
sends *for* the organiser: the invite says ``SENT-BY`` and the mail ``Sender:``.
Pure: records in, a value out.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import StrEnum

from quorum.store.records import InviteSender, Meeting, Network, Organisation, Person
from quorum.store.rotation import contact_person

__all__ = ["Organiser", "OrganiserSource", "host_contact", "invite_organiser", "sent_by"]


class OrganiserSource(StrEnum):
    """Why this person organises; also the tail of the key ``organiser.source.<value>``."""

    HOST = "host"
    COORDINATOR = "coordinator"
    CHAIR = "chair"


@dataclass(frozen=True)
class Organiser:
    """The invite's ORGANIZER, and the address that sends for them if another."""

    person: Person
    source: OrganiserSource
    sent_by: str = ""  # an e-mail address, or "" when the organiser sends

    @property
    def email(self) -> str:
        return self.person.email

    @property
    def name(self) -> str:
        return self.person.name


def host_contact(
    org_id: str | None,
    network_id: str,
    people: Mapping[str, Person],
    organisations: Iterable[Organisation],
) -> Person | None:
    """The person who speaks for organisation ``org_id`` in the network: the one it
    names (if still active), else the first of its members by role and name."""
    if org_id is None:
        return None
    org = next((o for o in organisations if o.id == org_id), None)
    if org is not None and org.contact_id:
        named = people.get(org.contact_id)
        if named is not None and named.active and named.email:
            return named
    return contact_person(org_id, network_id, people.values())


def invite_organiser(
    meeting: Meeting,
    network: Network,
    people: Mapping[str, Person],
    organisations: Iterable[Organisation],
) -> Organiser | None:
    """Who organises ``meeting``'s invite, or None when nobody with an address can."""
    host = host_contact(meeting.host_org_id, network.id, people, organisations)
    coordinator = people.get(network.coordinator_id or "")
    chair = people.get(meeting.chair_id or "")
    candidates = [
        (host, OrganiserSource.HOST),
        (coordinator, OrganiserSource.COORDINATOR),
    ]
    if network.invite_sender is InviteSender.COORDINATOR:
        candidates.reverse()
    candidates.append((chair, OrganiserSource.CHAIR))
    for person, source in candidates:
        if person is not None and person.email:
            return Organiser(person, source, sent_by(network, person))
    return None


def sent_by(network: Network, person: Person) -> str:
    """The address that sends for ``person``: the network's SMTP sender when it is
    another one, else "" (they send themselves)."""
    sender = network.smtp.sender if network.smtp else ""
    if sender and sender.casefold() != person.email.casefold():
        return sender
    return ""
