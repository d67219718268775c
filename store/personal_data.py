"""Personal data of one person: export everything stored about them, or erase them.

Both work on records (pure functions); ``*_in_store`` wrappers read from and
write to a :class:`Store`.

Erasure rules (GDPR "right to erasure", while keeping the network's minutes
true):

- The person record is deleted: they leave the roster of every network, and
  a network they coordinated has no coordinator until one is chosen.
- Meetings not held yet (planned, invited, cancelled): their invite entry is
  removed; chair, secretary, adjuster and presenter are cleared so the
  coordinator picks someone else.
- Meetings held (status held or later, or any presence recorded): their
  attendance entry stays, as a guest named "removed participant" (numbered
  if needed), with the same role, RSVP and presence and no e-mail or
  organisation, so counts stay right and the minutes still say a removed
  participant held the chair. Chair, secretary and adjuster ids are cleared.
- Action items they own keep their text, with the owner "removed participant".
- Their full name and e-mail are replaced by the placeholder in every text
  field (notes, descriptions, decisions, action items, approvals), unless
  someone else stored has the same name: then the name cannot be told apart
  and is left (``Erasure.ambiguous_name`` says so, for the UI to warn).
- Approved versions of minutes (``MinutesVersion``) are not changed: an
  approved protokoll is a record whose text and hash must stay what was
  approved (for a public body it is an allmän handling that must be kept).
  ``Erasure.kept_versions`` counts those that still name the person, so the
  UI can say so rather than let the user believe the name is gone.

Nothing about anyone else changes; the tests check that.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

from quorum.store.codec import to_doc
from quorum.store.errors import NotFound
from quorum.store.i18n import t
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Presence,
    replace,
)
from quorum.store.text_rules import as_stored

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = [
    "HELD_STATUSES",
    "Erasure",
    "erase_person",
    "erase_person_in_store",
    "export_person",
    "export_person_in_store",
    "is_held",
]

HELD_STATUSES = frozenset(
    {MeetingStatus.HELD, MeetingStatus.DRAFTED, MeetingStatus.APPROVED, MeetingStatus.PUBLISHED}
)


def is_held(meeting: Meeting) -> bool:
    """Whether the meeting took place: by status, or because presence was
    recorded (a secretary may take attendance before changing the status)."""
    if meeting.status in HELD_STATUSES:
        return True
    if meeting.status is MeetingStatus.CANCELLED:
        return False
    return any(a.presence is not Presence.UNKNOWN for a in meeting.attendance)


# ---------------------------------------------------------------- finding mentions


def _mention_pattern(person: Person) -> re.Pattern[str]:
    """The person's full name (as capitalised: "Bo" the name, not "bo" the
    Swedish verb) or e-mail (any case), as whole words."""
    name = r"(?<!\w)" + r"\s+".join(re.escape(w) for w in person.name.split()) + r"(?!\w)"
    return re.compile(name + "|" + _email_re(person))


def _email_re(person: Person) -> str:
    # Bounded so that "x.anna@x.se" or "anna@x.se.com", other addresses, are left alone.
    return r"(?<![\w.+-])(?i:" + re.escape(person.email) + r")(?![\w-]|\.\w)"


def _texts(meeting: Meeting) -> Iterable[tuple[str, str, str]]:
    """Every free-text field of a meeting: (agenda item title or "", field, text)."""
    yield "", "documents", meeting.documents
    for item in meeting.agenda:
        yield item.title, "title", item.title
        yield item.title, "description", item.description
        yield item.title, "presenter", item.presenter_text
        yield item.title, "notes", item.notes
        for d in item.decisions:
            yield item.title, "decision", d.text
        for a in item.actions:
            yield item.title, "action", a.text
            yield item.title, "action_owner", a.owner_name
            yield item.title, "action_note", a.done_note
    for ap in meeting.approvals:
        yield "", "approval", ap.name
        yield "", "approval_reason", ap.reason


# ---------------------------------------------------------------- export


def _attendance_doc(a: Attendance) -> dict[str, Any]:
    doc = to_doc(a)
    for key in ("person_id", "guest_name", "guest_email", "guest_org", "erased"):
        doc.pop(key)
    return doc


def export_person(
    person: Person,
    networks: Iterable[Network],
    orgs: Iterable[Organisation],
    meetings: Iterable[Meeting],
) -> dict[str, Any]:
    """Everything stored about ``person`` as JSON-ready data (str, int, bool,
    None, lists and dicts; dates as ISO strings)."""
    nets = {n.id: n for n in networks}
    org = next((o for o in orgs if o.id == person.org_id), None)
    pattern = _mention_pattern(person)
    pid = person.id
    meeting_docs: list[dict[str, Any]] = []
    actions: list[dict[str, Any]] = []
    mentions: list[dict[str, Any]] = []
    for m in meetings:
        base: dict[str, Any] = {
            "meeting_id": m.id,
            "network": nets[m.network_id].name if m.network_id in nets else m.network_id,
            "title": m.title,
            "start": m.start.isoformat(),
            "status": m.status.value,
        }
        attendance = next((a for a in m.attendance if a.person_id == pid), None)
        roles = [
            name
            for name, held in (
                ("chair", m.chair_id == pid),
                ("secretary", m.secretary_id == pid),
                ("adjuster", pid in m.adjuster_ids),
            )
            if held
        ]
        presents = [it.title for it in m.agenda if it.presenter_id == pid]
        if attendance or roles or presents:
            doc = dict(base)
            doc["attendance"] = _attendance_doc(attendance) if attendance else None
            doc["roles"] = roles
            doc["presenter_of"] = presents
            meeting_docs.append(doc)
        for item, action in m.all_actions():
            if action.owner_id == pid:
                actions.append({**base, "item": item.title, **_action_doc(action)})
        for item_title, field_name, text in _texts(m):
            if text and pattern.search(text):
                mentions.append({**base, "item": item_title, "field": field_name, "text": text})
    return {
        "person": to_doc(person),
        "organisation": to_doc(org) if org else None,
        "memberships": [
            {
                "network_id": ms.network_id,
                "network": nets[ms.network_id].name if ms.network_id in nets else None,
                "role": ms.role.value,
            }
            for ms in person.memberships
        ],
        "coordinator_of": [n.name for n in nets.values() if n.coordinator_id == pid],
        "meetings": meeting_docs,
        "action_items": actions,
        "mentions": mentions,
    }


def _action_doc(action: ActionItem) -> dict[str, Any]:
    doc = to_doc(action)
    doc.pop("owner_id")
    doc.pop("owner_name")
    doc["action_id"] = doc.pop("id")
    return doc


def export_person_in_store(store: Store, person_id: str) -> dict[str, Any]:
    """:func:`export_person` with the records read from ``store``."""
    return export_person(
        store.person(person_id), store.networks(), store.organisations(), store.meetings()
    )


# ---------------------------------------------------------------- erase


@dataclass(frozen=True)
class Erasure:
    """What erasing a person changes: save these, delete the person."""

    person: Person
    meetings: tuple[Meeting, ...]
    networks: tuple[Network, ...]
    ambiguous_name: bool = False  # someone else has the same name: text left as is
    kept_versions: int = 0  # approved minutes that still name them (never rewritten)


class _Eraser:
    def __init__(self, person: Person, name_is_unique: bool) -> None:
        self.pid = person.id
        self.pattern = _mention_pattern(person) if name_is_unique else _email_only(person)

    def text(self, value: str, placeholder: str) -> str:
        return self.pattern.sub(placeholder, value) if value else value

    def meeting(self, m: Meeting) -> Meeting:
        placeholder = t("person.removed", lang=m.language)
        held = is_held(m)
        pid = self.pid
        attendance = list(m.attendance)
        if held:
            taken = {a.guest_name for a in attendance if a.person_id is None}
            label, n = placeholder, 1
            while label in taken:
                n += 1
                label = f"{placeholder} ({n})"
            attendance = [
                self._placeholder_attendance(a, m, label) if a.person_id == pid else a
                for a in attendance
            ]
        else:
            attendance = [a for a in attendance if a.person_id != pid]
        agenda = tuple(self._item(it, placeholder, held) for it in m.agenda)
        return replace(
            m,
            attendance=tuple(attendance),
            chair_id=None if m.chair_id == pid else m.chair_id,
            secretary_id=None if m.secretary_id == pid else m.secretary_id,
            adjuster_ids=tuple(i for i in m.adjuster_ids if i != pid),
            agenda=agenda,
            approvals=tuple(
                replace(
                    ap,
                    name=self.text(ap.name, placeholder),
                    reason=self.text(ap.reason, placeholder),
                )
                for ap in m.approvals
            ),
            documents=self.text(m.documents, placeholder),
        )

    def _placeholder_attendance(self, a: Attendance, m: Meeting, label: str) -> Attendance:
        role = a.role
        if m.chair_id == self.pid:
            role = MeetingRole.CHAIR
        elif m.secretary_id == self.pid:
            role = MeetingRole.SECRETARY
        elif self.pid in m.adjuster_ids:
            role = MeetingRole.ADJUSTER
        # A reply's comment, sender and file are the person's words and address: they go.
        return replace(
            a,
            person_id=None,
            guest_name=label,
            guest_email="",
            guest_org="",
            role=role,
            erased=True,
            reply_comment="",
            reply_source="",
            reply_from="",
            reply_unverified=False,
        )

    def _item(self, it: AgendaItem, placeholder: str, held: bool) -> AgendaItem:
        presenter_text = self.text(it.presenter_text, placeholder)
        presenter_id = it.presenter_id
        if presenter_id == self.pid:
            presenter_id = None
            # A held meeting's minutes keep that someone presented; a coming
            # meeting needs a new presenter, so the field is left empty.
            presenter_text = placeholder if held else ""
        return replace(
            it,
            title=self.text(it.title, placeholder),
            description=self.text(it.description, placeholder),
            presenter_id=presenter_id,
            presenter_text=presenter_text,
            notes=self.text(it.notes, placeholder),
            decisions=tuple(replace(d, text=self.text(d.text, placeholder)) for d in it.decisions),
            actions=tuple(self._action(a, placeholder) for a in it.actions),
        )

    def _action(self, a: ActionItem, placeholder: str) -> ActionItem:
        owned = a.owner_id == self.pid
        return replace(
            a,
            text=self.text(a.text, placeholder),
            owner_id=None if owned else a.owner_id,
            owner_name=placeholder if owned else self.text(a.owner_name, placeholder),
            done_note=self.text(a.done_note, placeholder),
        )


def _email_only(person: Person) -> re.Pattern[str]:
    return re.compile(_email_re(person))


def erase_person(
    person: Person,
    people: Iterable[Person],
    networks: Iterable[Network],
    meetings: Iterable[Meeting],
) -> Erasure:
    """Plan the erasure of ``person``: the meetings and networks that change
    (only those), following the rules in this module's docstring."""
    folded = person.name.casefold()
    unique = not any(p.id != person.id and p.name.casefold() == folded for p in people)
    eraser = _Eraser(person, unique)
    changed = []
    # Erasing rewrites stored text and adds only the placeholder: what was stored before
    # the text rule existed is not judged again, or an old archive could not be erased.
    with as_stored():
        for m in meetings:
            new = eraser.meeting(m)
            if new != m:
                changed.append(new)
        nets = tuple(
            replace(n, coordinator_id=None) for n in networks if n.coordinator_id == person.id
        )
    return Erasure(person, tuple(changed), nets, ambiguous_name=not unique)


def erase_person_in_store(store: Store, person_id: str) -> Erasure:
    """Erase a person from ``store`` in one batch: all changes land or none."""
    try:
        person = store.person(person_id)
    except (KeyError, NotFound):
        raise NotFound("error.not_found_person", value=person_id) from None
    erasure = erase_person(person, store.people(), store.networks(), store.meetings())
    mention = _mention_pattern(person)
    kept = sum(1 for v in store.versions() if mention.search(v.document))
    erasure = replace(erasure, kept_versions=kept)
    with store.batch():
        for m in erasure.meetings:
            store.save_meeting(m)
        for n in erasure.networks:
            store.save_network(n)
        for org in store.organisations():
            if org.contact_id == person_id:  # the organisation falls back to its members
                store.save_organisation(replace(org, contact_id=None))
        store.delete_person(person_id)
    return erasure
