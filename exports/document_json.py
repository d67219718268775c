"""A :class:`~quorum.exports.blocks.Document` as canonical JSON, and back.

Approved minutes are kept as this text (``MinutesVersion.document``): every
format is rendered from it, so a justerat protokoll reads the same in ten
years whatever happens to the records it was made from, and its SHA-256
(:func:`digest`) names exactly one content. Canonical: keys sorted, no
spaces, UTF-8 as is — the same document always gives the same bytes.
"""

from __future__ import annotations

import hashlib
import json
from typing import Any

from quorum.exports.blocks import (
    Banner,
    Block,
    Bullets,
    Chart,
    Document,
    Entry,
    Fields,
    Heading,
    Inline,
    Para,
    Part,
    Signatures,
    Signer,
    Span,
    Table,
    Text,
)

__all__ = ["digest", "from_json", "to_json"]

_FORMAT = 1  # bumped if the shape below ever changes; older texts stay readable


def _inline(inline: Inline) -> list[dict[str, Any]]:
    return [
        {"text": s.text, "strong": s.strong, "emphasis": s.emphasis, "code": s.code} for s in inline
    ]


def _bullets(bullets: Bullets) -> list[dict[str, Any]]:
    return [
        {"inline": _inline(i.inline), "children": _bullets(i.children)}
        if isinstance(i, Entry)
        else {"inline": _inline(i)}
        for i in bullets.items
    ]


def _block(block: Block) -> dict[str, Any]:
    match block:
        case Heading(level, text):
            return {"kind": "heading", "level": level, "text": text}
        case Fields(rows):
            return {"kind": "fields", "rows": [list(r) for r in rows]}
        case Text(text):
            return {"kind": "text", "text": text}
        case Para(inline, css):
            return {"kind": "para", "inline": _inline(inline), "css": css}
        case Bullets():
            return {"kind": "bullets", "items": _bullets(block)}
        case Table(headers, rows, numeric):
            return {
                "kind": "table",
                "headers": list(headers),
                "rows": [list(r) for r in rows],
                "numeric": sorted(numeric),
            }
        case Chart(label, headers, rows):
            return {
                "kind": "chart",
                "label": label,
                "headers": list(headers),
                "rows": [list(r) for r in rows],
            }
        case Banner(text):
            return {"kind": "banner", "text": text}
        case Signatures(groups):
            return {
                "kind": "signatures",
                "groups": [
                    [heading, [{"name": s.name, "role": s.role, "signed": s.signed} for s in ss]]
                    for heading, ss in groups
                ],
            }
    raise TypeError(f"not a block: {block!r}")  # mypy's assert_never cannot see through match


def to_json(doc: Document) -> str:
    data = {
        "format": _FORMAT,
        "lang": doc.lang,
        "title": doc.title,
        "parts": [
            {"page_break": p.page_break, "blocks": [_block(b) for b in p.blocks]} for p in doc.parts
        ],
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":"))


def digest(text: str) -> str:
    """The SHA-256 of a document's JSON text, as 64 hex digits."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()


def _read_inline(data: list[dict[str, Any]]) -> Inline:
    return tuple(
        Span(str(s["text"]), bool(s["strong"]), bool(s["emphasis"]), bool(s["code"])) for s in data
    )


def _read_bullets(items: list[dict[str, Any]]) -> Bullets:
    return Bullets(
        tuple(
            Entry(_read_inline(i["inline"]), _read_bullets(i["children"]))
            if "children" in i
            else _read_inline(i["inline"])
            for i in items
        )
    )


def _read_block(d: dict[str, Any]) -> Block:
    kind = d["kind"]
    if kind == "heading":
        return Heading(int(d["level"]), str(d["text"]))
    if kind == "fields":
        return Fields(tuple((str(a), str(b)) for a, b in d["rows"]))
    if kind == "text":
        return Text(str(d["text"]))
    if kind == "para":
        return Para(_read_inline(d["inline"]), str(d["css"]))
    if kind == "bullets":
        return _read_bullets(d["items"])
    if kind == "table":
        return Table(
            tuple(map(str, d["headers"])),
            tuple(tuple(map(str, r)) for r in d["rows"]),
            frozenset(int(n) for n in d["numeric"]),
        )
    if kind == "chart":
        names, values = d["headers"]
        return Chart(
            str(d["label"]),
            (str(names), str(values)),
            tuple((str(a), int(b)) for a, b in d["rows"]),
        )
    if kind == "banner":
        return Banner(str(d["text"]))
    if kind == "signatures":
        return Signatures(
            tuple(
                (str(heading), tuple(Signer(s["name"], s["role"], s["signed"]) for s in signers))
                for heading, signers in d["groups"]
            )
        )
    raise ValueError(f"unknown block kind {kind!r}")


def from_json(text: str) -> Document:
    """The document a :func:`to_json` text holds; ValueError if it holds none."""
    try:
        data = json.loads(text)
        parts = tuple(
            Part(tuple(_read_block(b) for b in p["blocks"]), bool(p["page_break"]))
            for p in data["parts"]
        )
        return Document(lang=str(data["lang"]), title=str(data["title"]), parts=parts)
    except (KeyError, TypeError, ValueError) as err:
        raise ValueError(f"not a quorum document: {err}") from None
