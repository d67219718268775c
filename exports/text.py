"""Text hygiene shared by every format's renderer.

Every piece of user text passes :func:`clean` before it reaches a document:
control characters (other than newline and tab) and Unicode noncharacters are
dropped, because HTML parsers report them as errors and mail clients show
them as boxes. Single-line fields (titles, names, places) are further folded
by :func:`one_line` so a stray newline cannot break a heading or a table row.

This is not escaping: each format escapes for itself, once, in its renderer
(``render_md``, ``render_html``, ``render_txt``).
"""

from __future__ import annotations

import unicodedata


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
