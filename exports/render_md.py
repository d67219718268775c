"""A :class:`~quorum.exports.blocks.Document` as Markdown, and Markdown's one escaper.

The escaping rule (:func:`escape`), so text survives a CommonMark renderer
unchanged:

* ``\\ ` * _ [ ] < > # | ~ &`` are backslash-escaped wherever they occur
  (emphasis, code, links, raw HTML, headings, table cells, strikethrough,
  entities). CommonMark guarantees a backslash before ASCII punctuation is
  shown as that character alone.
* At the start of a line, ``- + =`` are escaped too (list items, setext
  heading underlines), and so is the ``.``/``)`` of ``12.`` / ``3)`` when a space or
  the end of the line follows (an ordered list; "09.00" is a Swedish time, not a list).
* Leading whitespace of each line is dropped (four spaces would start a code
  block) and a multi-line field keeps its line breaks as hard breaks
  (a trailing backslash), blank lines as paragraph breaks.

Other characters are left alone so the Markdown stays readable as plain text.
Addresses and web links typed in text stay literal text in CommonMark; a
renderer with GitHub's autolink extension shows them as links with the same
text, which is what a reader expects of an address.
"""

from __future__ import annotations

import re
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
    Span,
    Table,
    Text,
    signer_line,
    text_bar,
)
from quorum.exports.text import one_line, paragraphs

__all__ = ["escape", "render"]

_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_LINE_START = re.compile(r"^([-+=])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_BACKTICKS = re.compile(r"`+")
_INDENT = "    "  # a nested list's indent: past any marker width CommonMark allows


def _escape_line(line: str) -> str:
    line = _SPECIAL.sub(r"\\\1", line.lstrip())
    line = _LINE_START.sub(r"\\\1", line)
    return _ORDERED.sub(r"\1\\\2", line)


def escape(text: str) -> str:
    """A single-line field made literal for CommonMark (see module docstring)."""
    return _escape_line(one_line(text))


def _escape_text(text: str) -> str:
    """A multi-line field as Markdown paragraphs with hard line breaks."""
    return "\n\n".join(
        "\\\n".join(_escape_line(line) for line in para) for para in paragraphs(text)
    )


def _code(text: str) -> str:
    """A code span: fenced by one backtick more than the longest run inside it."""
    text = one_line(text)
    fence = "`" * (1 + max((len(run) for run in _BACKTICKS.findall(text)), default=0))
    if text.startswith("`") or text.endswith("`"):
        text = f" {text} "  # CommonMark strips one space each side
    return f"{fence}{text}{fence}"


def _span(span: Span) -> str:
    if span.code:
        return _code(span.text)
    text = escape(span.text)
    if span.strong:
        return f"**{text}**"
    if span.emphasis:
        return f"*{text}*"
    return text


def _inline(inline: Inline) -> str:
    return " ".join(_span(s) for s in inline if one_line(s.text))


def _bullets(bullets: Bullets, indent: str = "") -> list[str]:
    lines: list[str] = []
    for item in bullets.items:
        if isinstance(item, Entry):
            lines.append(f"{indent}- {_inline(item.inline)}")
            lines += _bullets(item.children, indent + _INDENT)
        else:
            lines.append(f"{indent}- {_inline(item)}")
    return lines


def _table(table: Table) -> str:
    def row(cells: tuple[str, ...]) -> str:
        return "| " + " | ".join(escape(c) for c in cells) + " |"

    rule = "|" + "|".join(
        "---:" if i in table.numeric else "---" for i in range(len(table.headers))
    )
    lines = [row(table.headers), rule + "|", *(row(r) for r in table.rows)]
    return "\n".join(lines)


def _chart(chart: Chart) -> str:
    top = max((value for _, value in chart.rows), default=0)
    lines = [f"{one_line(label)}  {text_bar(value, top)}  {value}" for label, value in chart.rows]
    body = "\n".join(lines)
    # A fenced block ends at a fence at least as long as its opening one.
    fence = "`" * max(3, 1 + max((len(run) for run in _BACKTICKS.findall(body)), default=0))
    return f"{fence}\n{body}\n{fence}"


def _signatures(block: Signatures) -> str:
    groups = []
    for heading, signers in block.groups:
        lines = [f"**{escape(heading)}**", *(escape(signer_line(s)) for s in signers)]
        groups.append("\\\n".join(lines))
    return "\n\n".join(groups)


def _block(block: Block) -> str:
    if isinstance(block, Heading):
        return f"{'#' * block.level} {escape(block.text)}"
    if isinstance(block, Fields):
        return "\\\n".join(f"**{escape(label)}:** {escape(value)}" for label, value in block.rows)
    if isinstance(block, Text):
        return _escape_text(block.text)
    if isinstance(block, Para):
        return _inline(block.inline)
    if isinstance(block, Bullets):
        return "\n".join(_bullets(block))
    if isinstance(block, Table):
        return _table(block)
    if isinstance(block, Chart):
        return _chart(block) if block.rows else ""
    if isinstance(block, Banner):
        # Empty, "****" would be a thematic break (a rule across the page).
        return f"**{escape(block.text)}**" if escape(block.text) else ""
    if isinstance(block, Signatures):
        return _signatures(block)
    assert_never(block)


def render(doc: Document) -> str:
    chunks = [_block(b) for part in doc.parts for b in part.blocks]
    return "\n\n".join(c for c in chunks if c) + "\n"
