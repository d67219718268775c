"""A network's roster as vCards (3.0) in a CardDAV address book, and back: pure.

One card per person (FN, N, EMAIL, TEL, ORG, TITLE, ROLE: what contacts
programs show and edit), one per member organisation, and one for the network
itself, whose ``X-QUORUM-DATA`` carries the network's settings so that another
installation can join from the server alone. Like the calendar objects
(:mod:`quorum.exports.dav_objects`), quorum's own fields travel in versioned
``X-QUORUM-`` properties and a standard property that differs from what the
data would render is an edit made elsewhere (a new phone number typed on a
phone) and wins.

A person's e-mail and phone reach the card only when ``share`` allows it: a
member can keep them off the network's server (GDPR, data minimisation).

vobject writes and reads the cards (version 3.0: what DAVx⁵, Apple Contacts,
Thunderbird and Nextcloud all read).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import vobject

from quorum.exports.dav_objects import FORMAT_VERSION, decode_data, encode_data
from quorum.store import codec
from quorum.store.i18n import t
from quorum.store.records import Network, Organisation, Person, Role, replace
from quorum.store.sync_model import network_doc, organisation_doc, person_doc

__all__ = ["Card", "network_card", "organisation_card", "person_card", "read_card"]


def _card(uid: str, name: str, kind: str, doc: dict[str, Any]) -> Any:
    card = vobject.vCard()
    card.add("uid").value = uid
    card.add("fn").value = name
    card.add("x-quorum-kind").value = kind
    card.add("x-quorum-version").value = str(FORMAT_VERSION)
    card.add("x-quorum-data").value = encode_data(doc)
    return card


def _serialize(card: Any) -> bytes:
    text: str = card.serialize()
    return text.replace("\r\n", "\n").replace("\n", "\r\n").encode("utf-8")


def _name(name: str) -> Any:
    words = name.split()
    family = words[-1] if len(words) > 1 else ""
    given = " ".join(words[:-1]) if len(words) > 1 else name
    return vobject.vcard.Name(family=family, given=given)


def person_card(
    person: Person,
    org: Organisation | None,
    role: Role,
    share_email: bool,
    share_phone: bool,
    lang: str = "sv",
) -> bytes:
    """The person as the network's address book shows them.

    ``person`` is global: ``org_id`` is the organisation's UID. E-mail and
    phone are left out (of the card and of its data) unless shared.
    """
    doc = person_doc(person, role, {"email": share_email, "phone": share_phone})
    card = _card(person.id, person.name, "person", doc)
    card.add("n").value = _name(person.name)
    if share_email:
        email = card.add("email")
        email.value = person.email
        email.type_param = "INTERNET"
    if share_phone and person.phone.strip():
        tel = card.add("tel")
        tel.value = person.phone
        tel.type_param = "WORK"
    if org is not None:
        card.add("org").value = [org.name]
    if person.title.strip():
        card.add("title").value = person.title
    card.add("role").value = t(f"sync.role.{role.value}", lang=lang)
    return _serialize(card)


def organisation_card(org: Organisation) -> bytes:
    doc = organisation_doc(org)
    card = _card(org.id, org.name, "organisation", doc)
    card.add("n").value = vobject.vcard.Name(family=org.name)
    card.add("org").value = [org.name]
    card.add("x-abshowas").value = "COMPANY"
    return _serialize(card)


def network_card(network: Network) -> bytes:
    """The network itself, with its settings (global: ids are UIDs). No SMTP settings:
    they are one installation's, and hold a user name."""
    doc = network_doc(network)
    card = _card(network.id, network.name, "network", doc)
    card.add("n").value = vobject.vcard.Name(family=network.name)
    card.add("org").value = [network.name]
    if network.organiser.strip():
        card.add("note").value = network.organiser
    card.add("x-abshowas").value = "COMPANY"
    return _serialize(card)


@dataclass(frozen=True)
class Card:
    """One card of the address book as quorum reads it: ``kind`` is ``person``,
    ``organisation``, ``network`` or ``foreign``."""

    kind: str
    uid: str
    person: Person | None = None
    role: Role | None = None
    share: dict[str, bool] = field(default_factory=dict)
    organisation: Organisation | None = None
    network: Network | None = None


def _value(card: Any, name: str) -> str:
    item = getattr(card, name, None)
    if item is None:
        return ""
    value = item.value
    if isinstance(value, list):
        return ";".join(str(v) for v in value)
    return str(value)


def read_card(data: bytes | str) -> Card:
    """Read one card (raises ValueError when unreadable)."""
    text = data if isinstance(data, str) else data.decode("utf-8")
    try:
        card = vobject.readOne(text)
    except Exception as err:  # vobject raises its own ParseError and friends
        raise ValueError(str(err)) from err
    uid = _value(card, "uid")
    kind = _value(card, "x_quorum_kind")
    raw = _value(card, "x_quorum_data")
    if not raw or kind not in ("person", "organisation", "network"):
        return Card("foreign", uid)
    doc = decode_data(raw)
    name = _value(card, "fn")
    if kind == "organisation":
        org = codec.from_doc(Organisation, {**doc, "id": uid})
        if name.strip() and name != org.name:
            org = replace(org, name=name)
        return Card("organisation", uid, organisation=org)
    if kind == "network":
        network = codec.from_doc(Network, {**doc, "id": uid})
        if name.strip() and name != network.name:
            network = replace(network, name=name)
        return Card("network", uid, network=network)
    return _read_person(card, uid, doc, name)


def _read_person(card: Any, uid: str, doc: dict[str, Any], name: str) -> Card:
    share = {k: bool(v) for k, v in dict(doc.pop("share", {})).items()}
    role = Role(doc.pop("role", Role.MEMBER.value))
    email = _value(card, "email").strip()
    # A card without a shared address still needs one to be a Person here:
    # a placeholder no one reads, which quorum never writes back.
    doc["email"] = email or doc.get("email") or f"hidden.{_slug(uid)}@quorum.invalid"
    if share.get("phone", True):
        doc["phone"] = _value(card, "tel")
    person = codec.from_doc(Person, {**doc, "id": uid})
    changes: dict[str, Any] = {}
    if name.strip() and name != person.name:
        changes["name"] = name
    title = _value(card, "title")
    if title != person.title:
        changes["title"] = title
    if changes:
        person = replace(person, **changes)
    return Card("person", uid, person=person, role=role, share=share)


def _slug(uid: str) -> str:
    return "".join(c if c.isalnum() else "-" for c in uid.lower())[:40]
