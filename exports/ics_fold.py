"""Serialising a calendar: TEXT escaping, CRLF, and folding that clients survive.

RFC 5545 folds content lines at 75 octets. icalendar 7.3 already avoids
folding between a backslash and the character it escapes, but it can still
fold inside an escaped backslash pair (``\\\\``) and between a letter and its
combining accent or the parts of an emoji. Google drops events whose escapes
are split, and a split grapheme shows as garbage in some clients, so we fold
every line again ourselves, keeping those units whole.

We also join each content line ourselves (:func:`content_line`): icalendar's
own (``Contentline.from_parts``) decodes a value's bytes as ``utf-8-sig``, so
a value that begins with U+FEFF — a zero-width no-break space a user pasted —
silently lost it (icalendar decodes that way to read files that start with a
byte order mark, PR collective/icalendar#700). A value is ours to decode: it
is UTF-8, and every character in it stays.
"""

from __future__ import annotations

import unicodedata

from icalendar import Calendar, vText
from icalendar.parser import Parameters

from quorum.exports.text import one_line

LIMIT = 75  # octets per physical line, excluding CRLF
_ZWJ = "\u200d"


class Text(vText):
    """A TEXT value escaped exactly per RFC 5545 §3.3.11.

    icalendar 7.3 first turns a literal ``\\N`` into a newline before escaping,
    so a path like ``C:\\Nyheter`` would come back broken; we escape ourselves.
    """

    __slots__ = ()

    def to_ical(self) -> bytes:
        escaped = (
            self.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")
        )
        return escaped.encode("utf-8")


def clean_param(value: str) -> str:
    """A name fit for a parameter value (CN): one line, and no backslash.

    RFC 5545 has no escapes in parameters, yet parsers (icalendar among them)
    read a backslash there as one: ``CN=x\\;ROLE=CHAIR`` loses its ROLE. A name
    keeps its look with a full-width backslash instead.
    """
    return one_line(value).replace("\\", "\uff3c")


def _joins_previous(char: str, previous: str) -> bool:
    """Whether ``char`` belongs to the same visible character as ``previous``."""
    if previous == _ZWJ or char == _ZWJ:
        return True
    if unicodedata.combining(char) or unicodedata.category(char) in ("Mn", "Me", "Mc"):
        return True
    code = ord(char)
    return (
        0xFE00 <= code <= 0xFE0F  # variation selectors (emoji presentation)
        or 0x1F3FB <= code <= 0x1F3FF  # skin-tone modifiers
        or 0xE0020 <= code <= 0xE007F  # tag characters (flag sequences)
    )


def value_start(line: str) -> int:
    """Index of the colon that ends the name and parameters (quotes may hold colons)."""
    quoted = False
    for i, char in enumerate(line):
        if char == '"':
            quoted = not quoted
        elif char == ":" and not quoted:
            return i
    return len(line)


def _units(line: str) -> list[str]:
    """Split a content line into units a fold must not cut.

    A unit is an escape — ``^x`` (RFC 6868) among the parameters, ``\\x`` in
    the value — or a base character with its combining marks and joiners.
    """
    units: list[str] = []
    colon = value_start(line)
    i = 0
    while i < len(line):
        char = line[i]
        escape = "^" if i < colon else "\\"
        if char == escape and i + 1 < len(line):
            units.append(line[i : i + 2])
            i += 2
            continue
        if units and _joins_previous(char, units[-1][-1]):
            units[-1] += char
        else:
            units.append(char)
        i += 1
    return units


def fold_line(line: str) -> str:
    """Fold one unfolded content line into CRLF-separated physical lines."""
    rows: list[str] = []
    current, size = "", 0
    for unit in _units(line):
        width = len(unit.encode("utf-8"))
        # A continuation line starts with a space, which counts towards the limit.
        limit = LIMIT - 1 if rows else LIMIT
        if current and size + width > limit:
            rows.append(current)
            current, size = "", 0
            limit = LIMIT - 1
        if width > limit:
            # A unit longer than a whole line (a pathological run of combining
            # marks): cut it between code points, which is still valid UTF-8.
            for char in unit:
                char_width = len(char.encode("utf-8"))
                if current and size + char_width > limit:
                    rows.append(current)
                    current, size = "", 0
                    limit = LIMIT - 1
                current += char
                size += char_width
            continue
        current += unit
        size += width
    rows.append(current)
    return "\r\n ".join(rows)


def _text(value: bytes | str) -> str:
    return value.decode("utf-8") if isinstance(value, bytes) else value


def content_line(name: str, value: object) -> str:
    """One unfolded content line: ``NAME;PARAMS:VALUE``, nothing of the value dropped."""
    if hasattr(value, "to_ical"):  # every property value (our Text included)
        ical = _text(value.to_ical())
    elif isinstance(value, bytes):  # BEGIN and END carry the component's name
        ical = _text(value)
    else:
        ical = _text(vText(str(value)).to_ical())
    params = getattr(value, "params", None)
    rendered = _text(params.to_ical(sorted=True)) if isinstance(params, Parameters) else ""
    return f"{name};{rendered}:{ical}" if rendered else f"{name}:{ical}"


def serialize(cal: Calendar) -> bytes:
    """The calendar as UTF-8 bytes with CRLF line ends and safe folding."""
    lines = [fold_line(content_line(name, value)) for name, value in cal.property_items()]
    return ("\r\n".join(lines) + "\r\n").encode("utf-8")
