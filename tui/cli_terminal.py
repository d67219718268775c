"""What the CLI prints is text for a terminal: stored text can never act on it.

A name, a title or a reply's comment may hold an escape sequence (``\\x1b]0;…`` retitles
the window, ``\\x1b[2J`` clears it, U+202E turns the rest of a line around): an archive
written before the text rule (``store/text_rules.py``) may, and a CSV or calendar file
always may. So every sentence and table the CLI writes goes through
:class:`TerminalStream`, which shows such characters as escapes (``\\x1b``) and cuts a
line past :data:`LINE_LIMIT` characters; a stored text put into a sentence is first cut
to :data:`TEXT_LIMIT` by :func:`printable`, saying how much was left out. The bytes of
an exported document (``export … -o -``) are written to the stream underneath as they
are: their renderers have cleaned them for their own format.
"""

from __future__ import annotations

import json
import re
from typing import Any, TextIO, cast

from quorum.store.i18n import t
from quorum.store.text_rules import REFUSED_CHARACTERS, shorten, visible

__all__ = ["LINE_LIMIT", "TEXT_LIMIT", "TerminalStream", "json_text", "printable"]

TEXT_LIMIT = 300  # characters of one stored text in a sentence
CELL_LIMIT = 60  # characters of one cell in a table
LINE_LIMIT = 4000  # characters of any line the CLI prints


def _cut(text: str, limit: int) -> str:
    kept, left = shorten(text, limit)
    return kept + t("text.shortened", count=left) if left else kept


def printable(value: object, limit: int = TEXT_LIMIT) -> str:
    """A stored text as a sentence may show it: cut to ``limit``, every control visible."""
    return visible(_cut(str(value), limit))


def for_terminal(text: str) -> str:
    """Text to print: each line cut to :data:`LINE_LIMIT`, every control shown as an escape
    (a newline stays a line break)."""
    return "\n".join(visible(_cut(line, LINE_LIMIT)) for line in text.split("\n"))


class TerminalStream:
    """A text stream that writes :func:`for_terminal` text to ``raw`` (for print and write)."""

    def __init__(self, raw: TextIO) -> None:
        self.raw = raw

    def write(self, text: str) -> int:
        self.raw.write(for_terminal(text))
        return len(text)

    def flush(self) -> None:
        self.raw.flush()

    def __getattr__(self, name: str) -> Any:  # encoding, isatty … of the stream underneath
        return getattr(self.raw, name)


# JSON already escapes C0 controls, quotes and backslashes; what it leaves raw and a terminal
# may act on (C1 controls, text-reordering characters, line separators, lone surrogates,
# noncharacters) is written as a \u escape, which any JSON reader turns back into the
# same character.
_JSON_RAW = re.compile(f"[{REFUSED_CHARACTERS}\u2028\u2029]")


def _json_escape(match: re.Match[str]) -> str:
    code = ord(match.group())
    if code > 0xFFFF:  # JSON writes a character beyond the basic plane as a surrogate pair
        code -= 0x10000
        return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"
    return f"\\u{code:04x}"


def json_text(data: Any) -> str:
    """``data`` as indented JSON (å ä ö as they are) that is safe on a terminal."""
    return _JSON_RAW.sub(_json_escape, json.dumps(data, ensure_ascii=False, indent=2))


def stream_of(stream: TextIO) -> TextIO:
    """``stream`` wrapped in a :class:`TerminalStream` (once); typed as the text stream
    it stands in for, as ``print(file=…)`` takes it."""
    if isinstance(stream, TerminalStream):
        return stream
    return cast(TextIO, TerminalStream(stream))
