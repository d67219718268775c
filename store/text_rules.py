"""The one rule for text that enters quorum, and how stored text is shown on a terminal.

**Entry.** Every text field of a record (``store/records.py``) declares a :class:`Rule`,
and the record checks it when it is made (:func:`check`). A value that breaks the rule
is refused with a sentence naming the field; nothing is changed behind the user's back:

* a single-line field (a name, a title, a place) holds no line break and no tab;
* no field holds a control character (C0, DEL, C1) — a multi-line field keeps its tabs
  and newlines (``\\r\\n``, ``\\r``, U+0085, U+2028 and U+2029 become ``\\n``);
* no field holds a lone surrogate (it cannot be written as UTF-8) or a Unicode
  noncharacter (U+FDD0–U+FDEF and the last two code points of every plane: CalDAV
  servers refuse a calendar holding one);
* no field holds a character that reorders the text around it — the bidirectional
  embeddings, overrides and isolates (U+202A–U+202E, U+2066–U+2069), the deprecated
  format characters (U+206A–U+206F) and the interlinear annotation marks
  (U+FFF9–U+FFFB): they can make a name or a link read as something it is not;
* every field has a length limit (:data:`LIMITS`, counted in characters).

U+FEFF (zero width no-break space, also the byte order mark) is removed without a word:
it arrives from files and copy-paste, is invisible and means nothing inside a field.
The other invisible format characters are kept: the zero-width joiner and non-joiner
(U+200D, U+200C) build emoji and write Persian, the left-to-right and right-to-left
marks (U+200E, U+200F) and the soft hyphen (U+00AD) are how such text is typed.

**From a file** (a CSV import, a calendar reply) the same characters are removed
instead (:func:`clean`), and the count is reported to the user.

**Stored text is not judged again.** Records read from the database are made inside
:func:`as_stored` and keep their text as it was stored, so an archive written by an
older quorum always opens; :func:`quorum.store.records.replace` checks only the fields
it changes. Every renderer still cleans for its own format (``exports/text.py``), and
the CLI prints through :func:`visible`.

**Leaving for a terminal.** :func:`visible` shows every character above as an escape
(``\\x1b``, ``\\u202e``) so stored text can never move the cursor, retitle the window or
hide a line, and shortens text past a limit.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass
from typing import Any

from quorum.store.errors import ValidationError

__all__ = [
    "LIMITS",
    "REFUSED_CHARACTERS",
    "Rule",
    "TextRefused",
    "as_stored",
    "check",
    "clean",
    "has_refused",
    "is_stored",
    "shorten",
    "visible",
    "without_refused",
]

# Characters no field may hold (see the module docstring), as one class so a whole
# field is judged by the regex engine: the database's texts add up to megabytes.
_REFUSED_CLASS = (
    "\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f"  # control characters, less tab, newline and CR
    "\ud800-\udfff"  # lone surrogates
    "\ufdd0-\ufdef\ufffe\uffff"  # noncharacters of the basic plane
    "\u202a-\u202e\u2066-\u206f\ufff9-\ufffb"  # text-reordering and deprecated format chars
)
_PLANE_ENDS = "".join(
    f"{chr(plane << 16 | 0xFFFE)}{chr(plane << 16 | 0xFFFF)}" for plane in range(1, 17)
)
# The class as a regex character set, for those who escape these characters (the CLI).
REFUSED_CHARACTERS = f"{_REFUSED_CLASS}{_PLANE_ENDS}"
_REFUSED = re.compile(f"[{REFUSED_CHARACTERS}]")
_LINE_BREAKS = re.compile("\r\n|[\r\n\x85\u2028\u2029]")
_BOM = "\ufeff"
_DIRTY = re.compile(f"[{_REFUSED_CLASS}{_PLANE_ENDS}\t\r\n\x85\u2028\u2029{_BOM}]")


@dataclass(frozen=True)
class Rule:
    """What one text field may hold: one line or several, and how many characters."""

    limit: int
    multiline: bool = False


# The limits, documented here and in README ("What text quorum accepts").
LIMITS = {
    "name": Rule(200),  # people, organisations, networks, guests, templates
    "title": Rule(200),  # meetings, agenda items, a person's job title
    "line": Rule(300),  # places, an organiser, labels
    "short": Rule(100),  # phone numbers, names of environment variables
    "host": Rule(253),  # a server's name (DNS allows 253)
    "email": Rule(254),  # RFC 5321: a path holds at most 254 characters
    "link": Rule(2000),  # what every browser and calendar keeps whole
    "note": Rule(10_000, multiline=True),  # a decision, an action, a reply's comment
    "text": Rule(200_000, multiline=True),  # minutes notes, descriptions, documents
}

_stored: ContextVar[bool] = ContextVar("quorum_text_stored", default=False)


@contextmanager
def as_stored() -> Iterator[None]:
    """Records made inside take their text as it was stored: not judged again."""
    token = _stored.set(True)
    try:
        yield
    finally:
        _stored.reset(token)


def is_stored() -> bool:
    return _stored.get()


class TextRefused(ValidationError):
    """A text field broke the rule; the sentence names the field in the language shown."""

    def sentence(self, lang: str | None = None) -> str:
        from quorum.store.i18n import current_language, t

        label = t(f"field.{self.field}", lang=lang)
        sep = "\u00a0" if (lang or current_language()) == "sv" else ","
        params = {
            k: f"{v:,}".replace(",", sep) if isinstance(v, int) else v
            for k, v in self.params.items()
        }
        return t(self.key, lang=lang, field=label[:1].upper() + label[1:], **params)


def _refusal(char: str) -> str:
    """The kind of a refused character, for the sentence the user reads."""
    code = ord(char)
    if 0xD800 <= code <= 0xDFFF or 0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE:
        return "text.invalid"
    return "text.format" if code >= 0x2000 else "text.control"


def check(value: str, rule: Rule, field: str) -> str:
    """``value`` as the field keeps it, or :class:`TextRefused` saying what is wrong."""
    if not isinstance(value, str):
        raise ValidationError("error.choice_invalid", field=field, value=repr(value)[:40])
    if _BOM in value:
        value = value.replace(_BOM, "")
    if rule.multiline:
        if "\r" in value or "\x85" in value or "\u2028" in value or "\u2029" in value:
            value = _LINE_BREAKS.sub("\n", value)
    elif _LINE_BREAKS.search(value):
        raise TextRefused("text.one_line", field=field)
    elif "\t" in value:
        raise TextRefused("text.control", field=field, code="U+0009")
    if (m := _REFUSED.search(value)) is not None:
        raise TextRefused(_refusal(m.group()), field=field, code=f"U+{ord(m.group()):04X}")
    if len(value) > rule.limit:
        raise TextRefused("text.too_long", field=field, limit=rule.limit, length=len(value))
    return value


def has_refused(value: str) -> bool:
    """Whether ``value`` holds a character no field may hold (line breaks aside)."""
    return _REFUSED.search(value) is not None


def without_refused(value: str) -> str:
    """``value`` without the characters no field may hold (see the module docstring)."""
    return _REFUSED.sub("", value)


def clean(value: str, multiline: bool = False) -> tuple[str, int]:
    """Text from a file made fit for a field, and how many characters were removed.

    A line break in a single-line value becomes a space (the words stay apart, nothing is
    lost that a reader would miss) and is not counted; everything :func:`check` refuses is
    removed and counted. U+FEFF is removed without being counted.
    """
    if _DIRTY.search(value) is None:  # nearly every cell of a file: nothing to do
        return value, 0
    value = value.replace(_BOM, "")
    if multiline:
        value = _LINE_BREAKS.sub("\n", value)
    else:
        value = _LINE_BREAKS.sub(" ", value).replace("\t", " ")
    cleaned, removed = _REFUSED.subn("", value)
    return cleaned, removed


# -- for a terminal ------------------------------------------------------------------

_SHOWN_AS = {"\t": "\\t", "\n": "\\n", "\r": "\\r"}
_INVISIBLE = re.compile(f"[{_REFUSED_CLASS}{_PLANE_ENDS}\t\n\r\x85\u2028\u2029{_BOM}]")


def _escape(match: re.Match[str]) -> str:
    char = match.group()
    if char in _SHOWN_AS:
        return _SHOWN_AS[char]
    code = ord(char)
    if code < 0x100:
        return f"\\x{code:02x}"
    return f"\\u{code:04x}" if code < 0x10000 else f"\\U{code:08x}"


def visible(text: Any, newlines: bool = False) -> str:
    """``text`` fit for a terminal: every control, reordering or invalid character shown as
    an escape (``\\x1b``, ``\\u202e``). With ``newlines`` a ``\\n`` stays a line break."""
    text = str(text)
    if newlines:
        return "\n".join(_INVISIBLE.sub(_escape, line) for line in text.split("\n"))
    return _INVISIBLE.sub(_escape, text)


def shorten(text: str, limit: int) -> tuple[str, int]:
    """``text`` cut to ``limit`` characters, and how many were left out (0 if none)."""
    if len(text) <= limit:
        return text, 0
    return text[:limit], len(text) - limit
