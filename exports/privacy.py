"""Personal data in a document: find it before publishing, and leave contacts out.

Names are those of the people the document mentions (roles, attendance,
owners, presenters, approvals, guests) and of known people typed into free
text. E-mail addresses and Swedish phone numbers are found anywhere in the
text (``exports.contacts``, which also leaves them out of a publication copy).
"""

from __future__ import annotations

from dataclasses import dataclass

from quorum.exports.contacts import emails_in, phones_in
from quorum.exports.context import DocContext
from quorum.exports.text import clean
from quorum.store.i18n import t
from quorum.store.records import Presence


@dataclass(frozen=True)
class Finding:
    kind: str  # "name" | "email" | "phone"
    value: str
    where: str  # a short, translated place in the document ("punkt § 3", "närvaro")

    def describe(self, lang: str) -> str:
        return f"{t(f'privacy.{self.kind}', lang=lang)}: {self.value} ({self.where})"


def _free_texts(ctx: DocContext) -> list[tuple[str, str]]:
    """(where, text) for every piece of free text the documents print."""
    m = ctx.meeting
    header = ctx.t("privacy.in_header")
    texts = [(header, m.title), (header, m.place), (header, m.online_link), (header, m.documents)]
    for index, item in enumerate(m.agenda):
        where = ctx.t("privacy.in_item", number=ctx.item_number(index))
        texts += [(where, item.title), (where, item.description), (where, item.notes)]
        texts += [(where, d.text) for d in item.decisions]
        texts += [(where, a.text) for a in item.actions]
        texts += [(where, a.owner_name) for a in item.actions]
        texts.append((where, item.presenter_text))
    texts += [(ctx.t("privacy.in_actions"), a.text) for _, _, a in ctx.open_actions]
    texts += [(ctx.t("privacy.in_approval"), a.reason) for a in m.approvals]
    return [(w, s) for w, s in texts if s]


def _listed_presence(ctx: DocContext) -> set[Presence]:
    """The attendance groups the minutes list."""
    shown = {Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED}
    return shown | {Presence.ABSENT} if ctx.show_absent else shown


def _named(ctx: DocContext) -> list[tuple[str, str]]:
    """(where, name) for the people the documents name in their own right."""
    m = ctx.meeting
    header, attendance = ctx.t("privacy.in_header"), ctx.t("privacy.in_attendance")
    ids = [(header, m.chair_id), (header, m.secretary_id)] + [(header, a) for a in m.adjuster_ids]
    listed = [a for a in m.attendance if a.presence in _listed_presence(ctx)]
    ids += [(attendance, a.person_id) for a in listed]
    names = [(w, ctx.people[i].name) for w, i in ids if i and i in ctx.people]
    names += [(attendance, a.guest_name) for a in listed if a.person_id is None]
    for index, item in enumerate(m.agenda):
        where = ctx.t("privacy.in_item", number=ctx.item_number(index))
        if item.presenter_id in ctx.people:
            names.append((where, ctx.people[item.presenter_id].name))
        for action in item.actions:
            if action.owner_id in ctx.people:
                names.append((where, ctx.people[action.owner_id].name))
    for _, _, action in ctx.open_actions:
        if action.owner_id in ctx.people:
            names.append((ctx.t("privacy.in_actions"), ctx.people[action.owner_id].name))
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
