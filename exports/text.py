"""Text hygiene shared by the document renderers.

Every piece of user text passes :func:`clean` before it reaches a document:
control characters (other than newline and tab) and Unicode noncharacters are
dropped, because HTML parsers report them as errors and mail clients show
them as boxes. Single-line fields (titles, names, places) are further folded
by :func:`one_line` so a stray newline cannot break a heading or a table row.

Markdown escaping (:func:`md_escape`) — the rule, so text survives a CommonMark
renderer unchanged:

* ``\\ ` * _ [ ] < > # | ~ &`` are backslash-escaped wherever they occur
  (emphasis, code, links, raw HTML, headings, table cells, strikethrough,
  entities). CommonMark guarantees a backslash before ASCII punctuation is
  shown as that character alone.
* At the start of a line, ``- + =`` are escaped too (list items, setext
  heading underlines), and so is the ``.``/``)`` of ``12.`` / ``3)`` (ordered
  lists).
* Leading whitespace of each line is dropped (four spaces would start a code
  block) and a multi-line field keeps its line breaks as hard breaks
  (a trailing backslash), blank lines as paragraph breaks.

Other characters are left alone so the Markdown stays readable as plain text.
"""

from __future__ import annotations

import re
import unicodedata

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>#|~&])")
_MD_LINE_START = re.compile(r"^([-+=])")
_MD_ORDERED = re.compile(r"^(\d{1,9})([.)])")


def _keep(ch: str) -> bool:
    if ch in "\n\t":
        return True
    code = ord(ch)
    if 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return False  # noncharacters
    return unicodedata.category(ch) not in ("Cc", "Cs")


def clean(text: str) -> str:
    """User text without characters a document cannot carry; newlines are ``\\n``."""
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    return "".join(ch for ch in text if _keep(ch))


def one_line(text: str) -> str:
    """A single-line field: cleaned, every run of whitespace one space."""
    return " ".join(clean(text).split())


def paragraphs(text: str) -> list[list[str]]:
    """A multi-line field as paragraphs of lines (stripped; blank lines split)."""
    result: list[list[str]] = []
    current: list[str] = []
    for raw in clean(text).split("\n"):
        line = raw.strip()
        if line:
            current.append(line)
        elif current:
            result.append(current)
            current = []
    if current:
        result.append(current)
    return result


def md_escape(text: str) -> str:
    """One line of user text made literal for CommonMark (see module docstring)."""
    line = text.lstrip()
    line = _MD_SPECIAL.sub(r"\\\1", line)
    line = _MD_LINE_START.sub(r"\\\1", line)
    return _MD_ORDERED.sub(r"\1\\\2", line)


def md_block(text: str) -> str:
    """A multi-line field as Markdown paragraphs with hard line breaks."""
    return "\n\n".join("\\\n".join(md_escape(line) for line in para) for para in paragraphs(text))
