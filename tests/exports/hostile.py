"""Hostile text for property tests: every field of a meeting filled by hypothesis."""

from __future__ import annotations

from hypothesis import strategies as st

from quorum.store.errors import ValidationError
from quorum.store.records import AgendaItem, Attendance, replace
from tests.exports.conftest import World, build_world

# Text that hurts calendars: separators, escapes, line breaks, quotes, emoji,
# Swedish letters, right-to-left script and combining marks, mixed with anything.
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
    ]
)
_TEXT = st.lists(st.one_of(_NASTY, st.text(max_size=8)), max_size=12).map("".join)
_NONEMPTY = _TEXT.filter(lambda s: s.strip())
_WORLD = build_world()


def world_with(texts: dict[str, str]) -> World:
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
