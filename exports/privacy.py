"""Personal data in a document: find it before publishing, and leave contacts out.

Names are those of the people the document mentions (roles, attendance,
owners, presenters, approvals, guests) and of known people typed into free
text. E-mail addresses and Swedish phone numbers are found anywhere in the
text (``exports.contacts``, which also leaves them out of a publication copy).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from quorum.exports.contacts import emails_in, phones_in
from quorum.exports.context import DocContext
from quorum.exports.text import clean
from quorum.store import invite_shows
from quorum.store.i18n import t
from quorum.store.invite_shows import How, Shown
from quorum.store.records import Presence


@dataclass(frozen=True)
class Finding:
    kind: str  # "name" | "email" | "phone"
    value: str
    where: str  # a short, translated place in the document ("punkt § 3", "närvaro")

    def describe(self, lang: str) -> str:
        return f"{t(f'privacy.{self.kind}', lang=lang)}: {self.value} ({self.where})"


def _declared(declared: tuple[Shown, ...], record: object, *hows: How) -> list[Any]:
    """The values of ``record``'s fields that the invite shows as one of ``hows``."""
    return [getattr(record, s.field) for s in declared if s.how in hows]


def _free_texts(ctx: DocContext) -> list[tuple[str, str]]:
    """(where, text) for every piece of free text the documents print.

    The notice prints what the invite shows (``store.invite_shows``, read here
    so a text added there is checked too); the minutes print that and more.
    """
    m = ctx.meeting
    header = ctx.t("privacy.in_header")
    texts = [(header, text) for text in _declared(invite_shows.MEETING, m, How.TEXT, How.LINK)]
    for index, item in enumerate(m.agenda):
        where = ctx.t("privacy.in_item", number=ctx.item_number(index))
        texts += [
            (where, text) for text in _declared(invite_shows.AGENDA_ITEM, item, How.TEXT, How.LINK)
        ]
        texts.append((where, item.notes))
        texts += [(where, d.text) for d in item.decisions]
        texts += [(where, a.text) for a in item.actions]
        texts += [(where, a.owner_name) for a in item.actions]
    texts += [(ctx.t("privacy.in_actions"), a.text) for _, _, a in ctx.open_actions]
    texts += [(ctx.t("privacy.in_approval"), a.reason) for a in m.approvals]
    return [(w, s) for w, s in texts if s]


def _listed_presence(ctx: DocContext) -> set[Presence]:
    """The attendance groups the minutes list."""
    shown = {Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED}
    return shown | {Presence.ABSENT} if ctx.show_absent else shown


def _named(ctx: DocContext) -> list[tuple[str, str]]:
    """(where, name) for the people the documents name in their own right.

    The people the invite shows (``store.invite_shows``), then those only the
    minutes name: adjusters, attendance, action owners, approvals.
    """
    m = ctx.meeting
    header, attendance = ctx.t("privacy.in_header"), ctx.t("privacy.in_attendance")

    def named(where: str, ids: list[str | None]) -> list[tuple[str, str]]:
        return [(where, ctx.people[i].name) for i in ids if i and i in ctx.people]

    names = named(header, [*_declared(invite_shows.MEETING, m, How.PERSON), *m.adjuster_ids])
    listed = [a for a in m.attendance if a.presence in _listed_presence(ctx)]
    names += named(attendance, [a.person_id for a in listed])
    names += [(attendance, a.guest_name) for a in listed if a.person_id is None and not a.erased]
    for index, item in enumerate(m.agenda):
        where = ctx.t("privacy.in_item", number=ctx.item_number(index))
        names += named(where, _declared(invite_shows.AGENDA_ITEM, item, How.PERSON))
        names += named(where, [action.owner_id for action in item.actions])
    names += named(ctx.t("privacy.in_actions"), [a.owner_id for _, _, a in ctx.open_actions])
    names += [(ctx.t("privacy.in_approval"), a.name) for a in m.approvals]
    return names


def personal_data(ctx: DocContext) -> list[Finding]:
    """The personal data the minutes and notice of ``ctx`` contain, first place each is seen.

    With ``ctx.redact_contacts`` the e-mail addresses and phone numbers are left
    out of the documents, so they are not listed either.
    """
    found: dict[tuple[str, str], Finding] = {}

    def add(kind: str, value: str, where: str) -> None:
        found.setdefault((kind, value.casefold()), Finding(kind, value, where))

    for where, name in _named(ctx):
        add("name", name, where)
    known = {p.name for p in ctx.people.values()} | {n for _, n in _named(ctx)}
    for where, text in _free_texts(ctx):
        folded = clean(text).casefold()
        for name in sorted(known):
            if name.casefold() in folded:
                add("name", name, where)
        if not ctx.redact_contacts:
            for email in emails_in(text):
                add("email", email, where)
            for phone in phones_in(text):
                add("phone", phone, where)
    if not ctx.redact_contacts:
        for where, contact in _contacts(ctx):
            for email in emails_in(contact):
                add("email", email, where)
            for phone in phones_in(contact):
                add("phone", phone, where)
    order = {"name": 0, "email": 1, "phone": 2}
    return sorted(found.values(), key=lambda f: order[f.kind])


def _contacts(ctx: DocContext) -> list[tuple[str, str]]:
    """The contact line the documents print (the secretary's, else the chair's)."""
    person = ctx.contact()
    if person is None:
        return []
    return [(ctx.t("privacy.in_header"), f"{person.email} {person.phone}")]
