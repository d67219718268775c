"""The synced form of a network's records, and the field-by-field merge: pure.

Two installations of quorum give the same person or meeting different short
ids ("3" here, "12" there), so what travels is *global*: every reference is
the referenced object's UID (a meeting's own ``uid``; a UID quorum gives each
person, organisation and network when it first syncs it). :class:`Refs`
translates both ways.

What is compared and merged is a *sync document*: the record as JSON-ready
data (``codec.to_doc``), without what is one installation's own (live timer
state, SMTP settings, the action items of a meeting, which are objects of their
own), flattened so that every agenda item's and invitee's fields are keys of
their own. :func:`merge3` merges two edited versions against the last synced
one key by key: changes that do not overlap merge, a key changed on both sides
to different values is a conflict.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from quorum.store import codec
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    Network,
    Organisation,
    Person,
    Role,
    replace,
)

__all__ = [
    "MEETING_LOCAL_FIELDS",
    "Refs",
    "action_doc",
    "action_uid",
    "flatten",
    "meeting_doc",
    "merge3",
    "minutes_uid",
    "network_doc",
    "organisation_doc",
    "person_doc",
    "unflatten",
]

# One installation's live-minutes state: never synced.
MEETING_LOCAL_FIELDS = ("current_item", "paused_at", "item_started_at")
_ORDER = "#order"


@dataclass
class Refs:
    """Local id <-> UID of the people, organisations, meetings and the network."""

    people: dict[str, str] = field(default_factory=dict)
    orgs: dict[str, str] = field(default_factory=dict)
    meetings: dict[str, str] = field(default_factory=dict)
    networks: dict[str, str] = field(default_factory=dict)

    def back(self, table: str) -> dict[str, str]:
        return {uid: local for local, uid in getattr(self, table).items()}


def _one(value: str | None, table: dict[str, str]) -> str | None:
    return table.get(value) if value else None


def _many(values: tuple[str, ...], table: dict[str, str]) -> tuple[str, ...]:
    return tuple(table[v] for v in values if v in table)


def _meeting_refs(
    meeting: Meeting,
    people: dict[str, str],
    meetings: dict[str, str],
    orgs: dict[str, str],
    network: str,
    own_id: str,
) -> Meeting:
    agenda = tuple(
        replace(
            item,
            presenter_id=_one(item.presenter_id, people),
            deferred_from=_one(item.deferred_from, meetings),
            actions=tuple(replace(a, owner_id=_one(a.owner_id, people)) for a in item.actions),
        )
        for item in meeting.agenda
    )
    attendance = tuple(_attendee(a, people) for a in meeting.attendance)
    return replace(
        meeting,
        id=own_id,
        network_id=network,
        host_org_id=_one(meeting.host_org_id, orgs),
        chair_id=_one(meeting.chair_id, people),
        secretary_id=_one(meeting.secretary_id, people),
        adjuster_ids=_many(meeting.adjuster_ids, people),
        agenda=agenda,
        attendance=attendance,
    )


def _attendee(a: Attendance, people: dict[str, str]) -> Attendance:
    if a.person_id is None:
        return a
    mapped = people.get(a.person_id)
    if mapped is None:  # someone this side does not know: keep them as a guest
        return replace(a, person_id=None, guest_name=a.guest_name or "?")
    return replace(a, person_id=mapped)


def global_meeting(meeting: Meeting, refs: Refs) -> Meeting:
    return _meeting_refs(
        meeting,
        refs.people,
        refs.meetings,
        refs.orgs,
        refs.networks.get(meeting.network_id, meeting.network_id),
        meeting.uid,
    )


def local_meeting(meeting: Meeting, refs: Refs, local_id: str, network_id: str) -> Meeting:
    return _meeting_refs(
        meeting,
        refs.back("people"),
        refs.back("meetings"),
        refs.back("orgs"),
        network_id,
        local_id,
    )


def global_person(person: Person, refs: Refs) -> Person:
    return replace(
        person, id=refs.people[person.id], org_id=_one(person.org_id, refs.orgs), memberships=()
    )


def global_network(network: Network, refs: Refs) -> Network:
    return replace(
        network,
        id=refs.networks[network.id],
        coordinator_id=_one(network.coordinator_id, refs.people),
        member_org_ids=_many(network.member_org_ids, refs.orgs),
        rotation_opt_out=_many(network.rotation_opt_out, refs.orgs),
        smtp=None,
    )


def local_network(network: Network, refs: Refs, local_id: str) -> Network:
    return replace(
        network,
        id=local_id,
        coordinator_id=_one(network.coordinator_id, refs.back("people")),
        member_org_ids=_many(network.member_org_ids, refs.back("orgs")),
        rotation_opt_out=_many(network.rotation_opt_out, refs.back("orgs")),
    )


# ---------------------------------------------------------------- sync documents


def action_uid(meeting_uid: str, action_id: str) -> str:
    """The UID of an action item's VTODO: stable, and unique across meetings."""
    return f"{action_id}.{meeting_uid}"


def minutes_uid(meeting_uid: str) -> str:
    return f"minutes.{meeting_uid}"


def meeting_doc(meeting: Meeting) -> dict[str, Any]:
    """A (global) meeting as synced: no local state, no action items."""
    doc = codec.to_doc(meeting)
    for name in (*MEETING_LOCAL_FIELDS, "id", "network_id"):
        doc.pop(name, None)
    for item in doc["agenda"]:
        item.pop("actions", None)
    return doc


def action_doc(
    action: ActionItem, item_id: str, meeting_uid: str, position: int = 0
) -> dict[str, Any]:
    """An action item as synced: where it belongs (meeting, agenda item, place in the item)."""
    doc = codec.to_doc(action)
    doc.pop("id")
    doc["item_id"] = item_id
    doc["meeting_uid"] = meeting_uid
    doc["position"] = position
    return doc


def action_position(meeting: Meeting, action_id: str) -> int:
    for item in meeting.agenda:
        for n, action in enumerate(item.actions):
            if action.id == action_id:
                return n
    return 0


def person_doc(person: Person, role: Role, share: dict[str, bool]) -> dict[str, Any]:
    """A (global) person as the network's address book holds them."""
    doc = codec.to_doc(person)
    for name in ("id", "memberships"):
        doc.pop(name)
    doc["role"] = role.value
    email, phone = share.get("email", True), share.get("phone", True)
    doc["share"] = {"email": email, "phone": phone}
    if not email:
        doc.pop("email")
    if not phone:
        doc.pop("phone")
    return doc


def organisation_doc(org: Organisation) -> dict[str, Any]:
    doc = codec.to_doc(org)
    doc.pop("id")
    return doc


def network_doc(network: Network) -> dict[str, Any]:
    doc = codec.to_doc(network)
    for name in ("id", "smtp"):
        doc.pop(name)
    return doc


def meeting_from_doc(doc: dict[str, Any], uid: str, network_uid: str) -> Meeting:
    """The global meeting a sync document describes (without action items)."""
    return codec.from_doc(Meeting, {**doc, "id": uid, "network_id": network_uid})


def with_actions(meeting: Meeting, source: Meeting | None) -> Meeting:
    """``meeting`` with the action items of ``source``'s agenda items of the same id."""
    if source is None:
        return meeting
    kept = {item.id: item.actions for item in source.agenda}
    return replace(
        meeting, agenda=tuple(replace(i, actions=kept.get(i.id, ())) for i in meeting.agenda)
    )


def with_local_state(meeting: Meeting, source: Meeting | None) -> Meeting:
    if source is None:
        return meeting
    return replace(meeting, **{name: getattr(source, name) for name in MEETING_LOCAL_FIELDS})


def put_action(meeting: Meeting, item_id: str, action: ActionItem, position: int = -1) -> Meeting:
    """``meeting`` with ``action`` in the agenda item ``item_id`` (replacing one of the
    same id wherever it was), at ``position`` when given, else where it was or last.
    An item that no longer exists: the first item."""
    if not meeting.agenda:
        return meeting
    index = next((n for n, i in enumerate(meeting.agenda) if i.id == item_id), 0)
    was = next((n for n, a in enumerate(meeting.agenda[index].actions) if a.id == action.id), -1)
    agenda = [
        replace(i, actions=tuple(a for a in i.actions if a.id != action.id)) for i in meeting.agenda
    ]
    actions = list(agenda[index].actions)
    place = position if position >= 0 else was
    if place >= 0:
        actions.insert(min(place, len(actions)), action)
    else:
        actions.append(action)
    agenda[index] = replace(agenda[index], actions=tuple(actions))
    return replace(meeting, agenda=tuple(agenda))


def drop_action(meeting: Meeting, action_id: str) -> Meeting:
    return replace(
        meeting,
        agenda=tuple(
            replace(i, actions=tuple(a for a in i.actions if a.id != action_id))
            for i in meeting.agenda
        ),
    )


def actions_of(meeting: Meeting) -> list[tuple[AgendaItem, ActionItem]]:
    return meeting.all_actions()


# ---------------------------------------------------------------- flatten and merge


def _attendance_key(doc: dict[str, Any]) -> str:
    return str(doc.get("person_id") or f"guest:{doc.get('guest_email') or doc.get('guest_name')}")


def _item_key(doc: dict[str, Any]) -> str:
    return str(doc["id"])


_LISTS: dict[str, Callable[[dict[str, Any]], str]] = {
    "agenda": _item_key,
    "attendance": _attendance_key,
}


def flatten(doc: dict[str, Any]) -> dict[str, Any]:
    """``doc`` with each agenda item's and invitee's fields as keys of their own."""
    flat: dict[str, Any] = {}
    for key, value in doc.items():
        keyer = _LISTS.get(key)
        if keyer is None or not isinstance(value, list):
            flat[key] = value
            continue
        order = []
        for element in value:
            element_key = keyer(element)
            order.append(element_key)
            for name, inner in element.items():
                flat[f"{key}/{element_key}/{name}"] = inner
        flat[key + _ORDER] = order
    return flat


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    doc: dict[str, Any] = {}
    elements: dict[str, dict[str, dict[str, Any]]] = {}
    for key, value in flat.items():
        if key.endswith(_ORDER):
            continue
        head, sep, rest = key.partition("/")
        if sep and head in _LISTS:
            element_key, _, name = rest.rpartition("/")
            elements.setdefault(head, {}).setdefault(element_key, {})[name] = value
        else:
            doc[key] = value
    for head in _LISTS:
        order = flat.get(head + _ORDER)
        if order is None:
            continue
        found = elements.get(head, {})
        doc[head] = [found[k] for k in order if k in found]
    return doc


_MISSING = object()


def merge3(
    base: dict[str, Any], local: dict[str, Any], remote: dict[str, Any]
) -> tuple[dict[str, Any], list[str]]:
    """Merge two flattened versions against their common ancestor.

    A key changed on one side only takes that side's value; a key changed on
    both sides to the same value is no conflict; to different values it is,
    and the merge keeps the local value for it. The order of agenda items and
    invitees merges too: what one side added is kept, what one side removed
    goes, and the local order wins.
    """
    merged: dict[str, Any] = {}
    conflicts: list[str] = []
    for key in sorted(set(base) | set(local) | set(remote)):
        b, lo, r = base.get(key, _MISSING), local.get(key, _MISSING), remote.get(key, _MISSING)
        if key.endswith(_ORDER):
            value: Any = _merge_order(b, lo, r)
        elif lo == r or r == b:
            value = lo
        elif lo == b:
            value = r
        else:
            conflicts.append(key)
            value = lo
        if value is not _MISSING:
            merged[key] = value
    return merged, conflicts


def _merge_order(b: Any, lo: Any, r: Any) -> Any:
    if lo == r or r == b:
        return lo
    if lo == b:
        return r
    base = list(b) if isinstance(b, list) else []
    mine = list(lo) if isinstance(lo, list) else []
    theirs = list(r) if isinstance(r, list) else []
    kept = [k for k in mine if not (k in base and k not in theirs)]
    return kept + [k for k in theirs if k not in base and k not in kept]


def field_names(keys: list[str]) -> list[str]:
    """The conflicting keys as a user reads them (``agenda/1a2b/title`` -> ``title``)."""
    return [k.rpartition("/")[2] for k in keys]


def record_fields(record: Any) -> dict[str, Any]:
    """A record's fields except its id: for ``Store.add_*``."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record) if f.name != "id"}
