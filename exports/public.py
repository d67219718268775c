"""The public version of a document: for the web, with personal data left out.

What the personal-data check (``exports.privacy``) flags is removed from every
piece of text in the document — labels, names, notes, tables, the signature
block: e-mail addresses and phone numbers always, and the names of people
outside the network (guests, invitees from elsewhere) when the network has
chosen so (``Network.public_omits_guests``). Members act in their official
role and stay named. The document says at its top that it is the public
version, so no one mistakes it for the full one.

It works on a finished :class:`~quorum.exports.blocks.Document`, so an approved
protokoll's public version is made from the approved text itself
(``MinutesVersion.document``), never from records edited since.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from typing import Any

from quorum.exports.blocks import Banner, Document, Part
from quorum.exports.contacts import redact
from quorum.exports.context import DocContext
from quorum.exports.document_json import from_json, to_json
from quorum.store.records import Role

__all__ = ["outsiders", "public_document"]

_NOT_TEXT = {"kind", "css", "format", "lang"}


def outsiders(ctx: DocContext) -> tuple[set[str], set[str]]:
    """(names of people outside the network the meeting names, names of its members)."""
    network_id = ctx.network.id
    members = {
        p.name for p in ctx.people.values() if p.role_in(network_id) not in (None, Role.GUEST)
    }
    m = ctx.meeting
    named: set[str] = {a.guest_name for a in m.attendance if a.person_id is None}
    ids = [a.person_id for a in m.attendance]
    ids += [item.presenter_id for item in m.agenda]
    ids += [action.owner_id for _, action in m.all_actions()]
    for pid in ids:
        person = ctx.people.get(pid) if pid else None
        if person is not None and person.name not in members:
            named.add(person.name)
    return {n for n in named if n.strip()} - members, members


def _name_remover(ctx: DocContext) -> Callable[[str], str]:
    hidden, kept = outsiders(ctx)
    if not hidden:
        return lambda text: text
    # Longest first, members too: "Per Holm" (a member) is matched whole before a
    # guest called "Per" could be found inside it, and is left as it is.
    names = sorted(hidden | kept, key=len, reverse=True)
    pattern = re.compile(
        r"(?<!\w)(" + "|".join(re.escape(n) for n in names) + r")(?!\w)", re.IGNORECASE
    )
    folded = {n.casefold() for n in hidden}
    marker = ctx.t("public.name_removed")

    def remove(text: str) -> str:
        return pattern.sub(
            lambda m: marker if m.group(0).casefold() in folded else m.group(0), text
        )

    return remove


def _walk(value: Any, change: Callable[[str], str], key: str = "") -> Any:
    if isinstance(value, str):
        return value if key in _NOT_TEXT else change(value)
    if isinstance(value, list):
        return [_walk(v, change, key) for v in value]
    if isinstance(value, dict):
        return {k: _walk(v, change, k) for k, v in value.items()}
    return value


def public_document(doc: Document, ctx: DocContext) -> Document:
    """``doc`` with e-mail addresses, phone numbers and (if the network chose so) the
    names of people outside the network removed, marked as the public version."""
    remove_names = _name_remover(ctx) if ctx.network.public_omits_guests else (lambda text: text)

    def change(text: str) -> str:
        return remove_names(redact(text, ctx.lang))

    data = _walk(json.loads(to_json(doc)), change)
    cleaned = from_json(json.dumps(data, ensure_ascii=False))
    banner = Banner(
        ctx.t("public.banner_names" if ctx.network.public_omits_guests else "public.banner")
    )
    parts = list(cleaned.parts) or [Part(())]
    parts[0] = Part((banner, *parts[0].blocks), parts[0].page_break)
    title = ctx.t("public.title", title=cleaned.title)
    return Document(lang=cleaned.lang, title=title, parts=tuple(parts))
