"""A :class:`~quorum.exports.blocks.Document` as plain text (an e-mail body, a terminal).

Plain text has no markup to escape; its one escaper (:func:`escape`) makes a
single-line field one line — cleaned of control characters, every run of
whitespace one space — so a stray newline cannot break a heading, a column
or the underline drawn beneath a title.
"""

from __future__ import annotations

from typing import assert_never

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
    signer_line,
    text_bar,
)
from quorum.exports.text import one_line, paragraphs

__all__ = ["escape", "render"]

escape = one_line

_INDENT = "    "


def _inline(inline: Inline) -> str:
    return " ".join(text for text in (escape(s.text) for s in inline) if text)


def _bullets(bullets: Bullets, indent: str = "") -> list[str]:
    lines: list[str] = []
    for item in bullets.items:
        if isinstance(item, Entry):
            lines.append(f"{indent}- {_inline(item.inline)}")
            lines += _bullets(item.children, indent + _INDENT)
        else:
            lines.append(f"{indent}- {_inline(item)}")
    return lines


def _columns(rows: list[list[str]], numeric: frozenset[int] = frozenset()) -> list[str]:
    widths = [max(len(row[i]) for row in rows) for i in range(len(rows[0]))]
    return [
        "  ".join(
            cell.rjust(w) if i in numeric else cell.ljust(w)
            for i, (cell, w) in enumerate(zip(row, widths, strict=True))
        ).rstrip()
        for row in rows
    ]


def _table(table: Table) -> str:
    cells = [[escape(c) for c in row] for row in (table.headers, *table.rows)]
    lines = _columns(cells, table.numeric)
    widths = [max(len(row[i]) for row in cells) for i in range(len(table.headers))]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _chart(chart: Chart) -> str:
    top = max((value for _, value in chart.rows), default=0)
    rows = [[escape(label), text_bar(value, top), str(value)] for label, value in chart.rows]
    return "\n".join(_columns(rows, frozenset({2})))


_SIGN_LINE = "_" * 36  # room for a hand-written signature on a printout


def _signatures(block: Signatures) -> str:
    groups = []
    for heading, signers in block.groups:
        lines = [escape(heading)]
        for signer in signers:
            # Not approved in quorum: a line to sign on by hand, above the name.
            lines += [""] if signer.signed else ["", "", _SIGN_LINE]
            lines.append(escape(signer_line(signer)))
        groups.append("\n".join(lines))
    return "\n\n".join(groups)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        text = escape(block.text)
        if block.level == 1:
            return f"{text}\n{'=' * len(text)}"
        if block.level == 2:
            return f"{text}\n{'-' * len(text)}"
        return text
    if isinstance(block, Fields):
        width = max(len(label) for label, _ in block.rows) + 1
        return "\n".join(f"{label + ':':<{width}} {escape(value)}" for label, value in block.rows)
    if isinstance(block, Text):
        return "\n\n".join("\n".join(p) for p in paragraphs(block.text))
    if isinstance(block, Para):
        return _inline(block.inline)
    if isinstance(block, Bullets):
        return "\n".join(_bullets(block))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _chart(block) if block.rows else ""
    if isinstance(block, Banner):
        return f"*** {escape(block.text)} ***" if escape(block.text) else ""
    if isinstance(block, Signatures):
        return _signatures(block)
    assert_never(block)


def render(doc: Document) -> str:
    chunks = [_block(b) for part in doc.parts for b in part.blocks]
    return "\n\n".join(c for c in chunks if c) + "\n"
