"""Text hygiene shared by every format's renderer.

Every piece of user text passes :func:`clean` before it reaches a document:
control characters (other than newline and tab), Unicode noncharacters and lone
surrogates are dropped, because HTML parsers report them as errors, mail clients
show them as boxes and CalDAV servers refuse a calendar holding one. Single-line
fields (titles, names, places) are further folded by :func:`one_line` so a stray
newline cannot break a heading, a table row, a calendar's SUMMARY or a mail header.

This is not escaping: each format escapes for itself, once, in its renderer
(``render_md``, ``render_html``, ``render_txt``).
"""

from __future__ import annotations

import re

from quorum.store.text_rules import without_refused

_LINE_BREAKS = re.compile("\r\n|[\r\x85\u2028\u2029]")


def clean(text: str) -> str:
    """User text without characters a document cannot carry; every line break is ``\\n``.

    What goes is what the store refuses at entry (``store/text_rules.py``): control
    characters but tab and newline, lone surrogates, noncharacters and the characters
    that reorder text. Records stored before that rule may still hold them.
    """
    return without_refused(_LINE_BREAKS.sub("\n", text or ""))


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
