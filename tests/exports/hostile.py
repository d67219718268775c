"""Hostile text for property tests: every field of a meeting filled by hypothesis."""

from __future__ import annotations

from hypothesis import strategies as st

from quorum.store.errors import ValidationError
from quorum.store.records import AgendaItem, Attendance, replace
from quorum.store.text_rules import as_stored
from tests.exports.conftest import World, build_world

# Text that hurts calendars: separators, escapes, line breaks, quotes, emoji,
# Swedish letters, right-to-left script and combining marks, control characters and
# noncharacters, markup and spreadsheet formulas, mixed with anything.
_NASTY = st.sampled_from(
    [
        ",",
        ";",
        ":",
        "\\",
        "\\n",
        "\\N",
        "\n",
        "\r\n",
        "\r",
        '"',
        "'",
        "^",
        "^n",
        "😀",
        "👩‍👩‍👧",
        "å",
        "ä",
        "ö",
        "Å",
        "é",
        "e\u0301",
        "שלום",
        "مرحبا",
        "\u202e",
        "\u2028",
        "\t",
        "BEGIN:VEVENT",
        "\r\nATTENDEE:mailto:x@y.se",
        "=",
        " ",
        # noncharacters (a CalDAV server refuses a calendar holding one), terminal
        # control sequences, NUL, C1 controls and the next-line character
        "\ufffe",
        "\U0001ffff",
        "\ufdd0",
        "\x1b[31m",
        "\x1b]0;title\x07",
        "\x00",
        "\x9b2J",
        "\x85",
        "<script>alert(1)</script>",
        "=cmd|' /C calc'!A0",
    ]
)
_TEXT = st.lists(st.one_of(_NASTY, st.text(max_size=8)), max_size=12).map("".join)
_NONEMPTY = _TEXT.filter(lambda s: s.strip())
_WORLD = build_world()


def world_with(texts: dict[str, str]) -> World:
    """The world with ``texts`` in its fields, as an archive may hold them: the text rule
    refuses most of this at entry (tests/store/test_text_rules.py), but an archive written
    before it holds anything, and every export must still be safe with it."""
    with as_stored():
        return _world_with(texts)


def _world_with(texts: dict[str, str]) -> World:
    w = _WORLD
    people = dict(w.people)
    people["2"] = replace(people["2"], name=texts["person"])
    item = AgendaItem(
        "h1",
        texts["item"],
        presenter_text=texts["presenter"],
        description=texts["description"],
    )
    guest = Attendance(guest_name=texts["guest"], guest_email="gast2@example.se")
    meeting = replace(
        w.march,
        title=texts["title"],
        place=texts["place"],
        online_link=texts["link"],
        documents=texts["documents"],
        agenda=(*w.march.agenda, item),
        attendance=(*w.march.attendance, guest),
    )
    network = replace(w.network, name=texts["network"])
    return World(network, w.organisations, people, meeting, w.june)


FIELDS = st.fixed_dictionaries(
    {
        "title": _NONEMPTY,
        "place": _TEXT,
        "link": _TEXT,
        "documents": _TEXT,
        "item": _NONEMPTY,
        "presenter": _TEXT,
        "description": _TEXT,
        "person": _NONEMPTY,
        "guest": _NONEMPTY,
        "network": _NONEMPTY,
    }
)


def valid_names(texts: dict[str, str]) -> bool:
    try:
        world_with(texts)
    except ValidationError:  # a record refused the value (e.g. only whitespace)
        return False
    return True
