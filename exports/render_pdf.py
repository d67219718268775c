"""A :class:`~quorum.exports.blocks.Document` as an archival PDF (PDF/A-2a and PDF/UA-1).

Typst (the ``typst`` wheel: the typesetter itself, no system library) lays the
page out from ``pdf_document.typ``. Why no typst escaper: the user's text never
becomes typst markup. The document goes to typst as JSON in ``sys.inputs``
and the template places each value as a string, which typst draws literally —
``#import``, ``$``, ``*``, ``_``, ``<``, ``@``, ``=`` or ``]`` in a note print as
typed, and no rule about line starts or nesting can be got wrong. What this
module's :func:`escape` does instead is what the page needs:

* :func:`~quorum.exports.text.one_line` / :func:`~quorum.exports.text.paragraphs`,
  as in every format: no control characters, single-line fields on one line;
* every character the font cannot draw becomes □ (:mod:`exports.font_cover`):
  PDF/A forbids a glyph-less character and typst refuses to write one;
* a run of more than 30 characters without a space gets invisible break
  points, so a 2,000-character name wraps instead of running off the page.

The font is DejaVu Sans, shipped in ``exports/fonts`` (its licence beside it)
and embedded in every file; system fonts are ignored, so the same document
gives the same bytes on every machine (``quorum verify`` relies on that).
Typst tags the structure (headings, lists, tables) and writes the XMP
metadata PDF/A asks for: title, author (the network), date, language.
"""

from __future__ import annotations

import json
import threading
import unicodedata
from dataclasses import dataclass
from datetime import UTC, datetime
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
    Signatures,
    Table,
    Text,
    signer_name,
)
from quorum.exports.font_cover import FONT_DIR, shown
from quorum.exports.text import one_line, paragraphs
from quorum.store.errors import QuorumError

__all__ = ["STANDARDS", "PdfInfo", "escape", "render"]

TEMPLATE = FONT_DIR.parent / "pdf_document.typ"
STANDARDS = ["a-2a", "ua-1"]  # PDF/A-2 level a (tagged, Unicode) and PDF/UA-1 together
_LONG = 30  # a run longer than this without a space gets break points
_STEP = 20
_ZWSP = "\u200b"


@dataclass(frozen=True)
class PdfInfo:
    """What the page and the metadata say beyond the document itself."""

    author: str  # the network: XMP dc:creator
    moment: datetime  # the document's date (the approval, else now): XMP dates
    header: str = ""  # the running head on every page
    footer: tuple[str, ...] = ()  # lines at the foot of every page (version, hash)
    keywords: tuple[str, ...] = ()  # XMP pdf:Keywords (the version's machine-readable mark)
    description: str = ""  # XMP dc:description
    page: str = "{n} ({total})"  # the page number: "3 (4)" as Swedish documents write it


def _breakable(text: str) -> str:
    """Break points (zero-width spaces) inside long runs without a space."""
    words = text.split(" ")
    if all(len(w) <= _LONG for w in words):
        return text
    out = []
    for word in words:
        if len(word) <= _LONG:
            out.append(word)
            continue
        pieces, run = [], 0
        for ch in word:
            # Never between a letter and its combining mark.
            if run >= _STEP and not unicodedata.combining(ch):
                pieces.append(_ZWSP)
                run = 0
            pieces.append(ch)
            run += 1
        out.append("".join(pieces))
    return " ".join(out)


def escape(text: str, bold: bool = False, italic: bool = False) -> str:
    """A single-line field as the page can draw it (see module docstring)."""
    return _breakable(shown(one_line(text), bold, italic))


def _line(text: str, bold: bool = False) -> str:
    return _breakable(shown(text, bold))


def _spans(inline: Inline) -> list[dict[str, Any]]:
    return [
        {
            "t": escape(s.text, s.strong, s.emphasis),
            "b": s.strong,
            "i": s.emphasis,
            "c": s.code,
        }
        for s in inline
        if one_line(s.text)
    ]


def _items(bullets: Bullets) -> list[dict[str, Any]]:
    return [
        {"spans": _spans(i.inline), "children": _items(i.children)}
        if isinstance(i, Entry)
        else {"spans": _spans(i), "children": []}
        for i in bullets.items
    ]


def _widths(table: Table) -> list[str]:
    """A column of long text takes the room left; the rest are as wide as their text."""
    columns = list(zip(table.headers, *table.rows, strict=True))
    longest = [max(len(one_line(c)) for c in col) for col in columns]
    wide = [n > 24 for n in longest]
    if not any(wide):
        wide[longest.index(max(longest))] = True
    return ["1fr" if w else "auto" for w in wide]


def _block(block: Block) -> dict[str, Any] | None:
    if isinstance(block, Heading):
        return {"k": "h", "l": block.level, "t": escape(block.text, bold=True)}
    if isinstance(block, Fields):
        rows = [[escape(label, bold=True), escape(value)] for label, value in block.rows]
        return {"k": "fields", "rows": rows}
    if isinstance(block, Text):
        paras = [[_line(line) for line in p] for p in paragraphs(block.text)]
        return {"k": "text", "paras": paras} if paras else None
    if isinstance(block, Para):
        spans = _spans(block.inline)
        return {"k": "para", "spans": spans, "decision": block.css == "decision"} if spans else None
    if isinstance(block, Bullets):
        return {"k": "list", "items": _items(block)} if block.items else None
    if isinstance(block, Table):
        return {
            "k": "table",
            "headers": [escape(h, bold=True) for h in block.headers],
            "rows": [[escape(c) for c in row] for row in block.rows],
            "numeric": sorted(block.numeric),
            "widths": _widths(block),
        }
    if isinstance(block, Chart):
        if not block.rows:
            return None
        top = max(value for _, value in block.rows)
        bars: list[list[Any]] = [
            [escape(label), value, round(max(0, value) / top, 4) if top > 0 else 0]
            for label, value in block.rows
        ]
        headers = [escape(h, bold=True) for h in block.headers]
        return {"k": "chart", "label": escape(block.label), "headers": headers, "rows": bars}
    if isinstance(block, Banner):
        text = escape(block.text, bold=True)
        return {"k": "banner", "t": text} if text else None
    if isinstance(block, Signatures):
        groups = [
            {
                "heading": escape(heading, bold=True),
                "signers": [
                    {"line": escape(signer_name(s)), "signed": escape(s.signed)} for s in signers
                ],
            }
            for heading, signers in block.groups
        ]
        return {"k": "sign", "groups": groups}
    raise TypeError(f"not a block: {block!r}")


def typst_input(doc: Document, info: PdfInfo) -> str:
    """The JSON the template reads (``sys.inputs.doc``)."""
    parts = []
    for part in doc.parts:
        blocks = [b for b in (_block(block) for block in part.blocks) if b is not None]
        parts.append({"break": part.page_break, "blocks": blocks})
    data = {
        "lang": doc.lang if doc.lang in ("sv", "en") else "sv",
        # Metadata is not drawn: cleaned, but no glyph markers and no break points.
        "title": one_line(doc.title) or "quorum",
        "author": one_line(info.author) or "quorum",
        "description": one_line(info.description),
        "keywords": [one_line(k) for k in info.keywords],
        "header": escape(info.header),
        "footer": [escape(line) for line in info.footer if one_line(line)],
        "page": one_line(info.page),
        "parts": parts,
    }
    return json.dumps(data, ensure_ascii=False, sort_keys=True)


# One compiler for the process: it has read the template and the fonts once. Typst's
# compiler is not documented as thread-safe, and exports run in worker threads.
_compiler: Any = None
_lock = threading.Lock()


def _compile(source: str, moment: datetime) -> bytes:
    global _compiler
    try:
        import typst
    except ImportError as err:  # a platform with no typst wheel
        raise QuorumError("doc.pdf_unavailable", detail=str(err)) from None
    with _lock:
        if _compiler is None:
            _compiler = typst.Compiler(
                str(TEMPLATE),
                root=str(TEMPLATE.parent),
                font_paths=[str(FONT_DIR)],
                ignore_system_fonts=True,
            )
        try:
            data = _compiler.compile(
                format="pdf",
                sys_inputs={"doc": source},
                pdf_standards=STANDARDS,
                timestamp=moment.astimezone(UTC).replace(microsecond=0),
            )
        except typst.TypstError as err:
            raise QuorumError("doc.pdf_failed", detail=f"{err.message} {err.diagnostic}") from None
    assert isinstance(data, bytes)
    return data


def render(doc: Document, info: PdfInfo) -> bytes:
    """The PDF of ``doc``; the same document and info always give the same bytes."""
    return _compile(typst_input(doc, info), info.moment)
