"""Structural checks on exported calendar bytes, shared by the ics tests.

Each check is one of issue 6's rules, tested on the raw bytes (what a client
receives), not on icalendar's view of them.
"""

from __future__ import annotations

import io
import unicodedata

import vobject
from icalendar import Calendar, Event

from quorum.exports.ics_fold import value_start


def physical_lines(data: bytes) -> list[bytes]:
    assert data.endswith(b"\r\n"), "the file must end with CRLF"
    body = data[:-2]
    assert b"\n" not in body.replace(b"\r\n", b""), "a bare LF"
    assert b"\r" not in body.replace(b"\r\n", b""), "a bare CR"
    return body.split(b"\r\n")


def logical_lines(data: bytes) -> list[tuple[str, list[int]]]:
    """Unfolded content lines, each with the offsets where it was folded."""
    result: list[tuple[str, list[int]]] = []
    for raw in physical_lines(data):
        assert len(raw) <= 75, f"line longer than 75 octets: {raw!r}"
        text = raw.decode("utf-8")  # each physical line alone: no split character
        if text.startswith(" "):
            line, folds = result[-1]
            folds.append(len(line))
            result[-1] = (line + text[1:], folds)
        else:
            result.append((text, []))
    return result


def _run_before(line: str, position: int, char: str) -> int:
    run = 0
    while position - run - 1 >= 0 and line[position - run - 1] == char:
        run += 1
    return run


def check_structure(data: bytes) -> list[str]:
    """Assert the file is well formed; return the property names in order."""
    names = []
    for line, folds in logical_lines(data):
        head = line.split(":", 1)[0].split(";", 1)[0]
        assert head and head.replace("-", "").isalnum() and head.upper() == head, line
        names.append(head)
        colon = value_start(line)
        for at in folds:
            # An odd run of \ (in the value) or ^ (in parameters) before the
            # fold means an escape was cut in two.
            escape = "^" if at <= colon else "\\"
            assert _run_before(line, at, escape) % 2 == 0, f"escape split in {line!r}"
            following = line[at]
            assert not unicodedata.combining(following) and following != "\u200d", (
                f"fold before a combining character in {line!r}"
            )
    assert names[0] == "BEGIN" and names[-1] == "END"
    assert_no_refused_characters(data.decode("utf-8"))
    return names


def assert_no_refused_characters(text: str) -> None:
    """No control character (but tab, CR and LF), noncharacter or lone surrogate: RFC 5545
    allows none in a value, and CalDAV servers refuse a calendar holding a noncharacter."""
    for char in text:
        code = ord(char)
        assert char in "\t\r\n" or unicodedata.category(char) not in ("Cc", "Cs"), repr(char)
        assert not (0xFDD0 <= code <= 0xFDEF or (code & 0xFFFE) == 0xFFFE), f"U+{code:04X}"


def parse(data: bytes) -> Calendar:
    cal = Calendar.from_ical(data)
    assert isinstance(cal, Calendar)
    return cal


def events(data: bytes) -> list[Event]:
    return [e for e in parse(data).walk("VEVENT")]


def only_event(data: bytes) -> Event:
    found = events(data)
    assert len(found) == 1
    return found[0]


def read_with_vobject(data: bytes) -> vobject.base.Component:
    """An independent parser (vobject) must read every file we export."""
    return vobject.readOne(io.StringIO(data.decode("utf-8")))
