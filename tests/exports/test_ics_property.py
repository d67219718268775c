"""Hostile text in every field round-trips and can never inject a property or a line."""

from __future__ import annotations

from collections import Counter

from hypothesis import HealthCheck, example, given, settings

from quorum.exports.ics import cancel, invite, year_plan
from quorum.exports.ics_fold import clean_param
from quorum.exports.invite_text import invite_description
from quorum.exports.text import clean, one_line
from quorum.store.records import Person, web_link
from tests.exports.conftest import NOW
from tests.exports.hostile import FIELDS, valid_names, world_with
from tests.exports.ics_checks import check_structure, events, read_with_vobject

# A text that begins with U+FEFF (a zero-width no-break space, pasted from a file
# read without its byte order mark) once lost it: icalendar decodes each value as
# utf-8-sig. Every text field starts with one here.
_BOM = dict.fromkeys(
    ("title", "place", "link", "documents", "item", "presenter", "description"), "\ufeffx"
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIELDS.filter(valid_names))
@example({**_BOM, "person": "\ufeff", "guest": "\ufeff", "network": "\ufeff"})
def test_any_text_round_trips_through_the_invite(texts: dict[str, str]) -> None:
    w = world_with(texts)
    meeting, people = w.march, w.people
    data = invite(meeting, w.network, people, None, NOW)

    names = check_structure(data)
    # No injected property: the event has exactly the properties we write.
    counts = Counter(names)
    # VCALENDAR, VTIMEZONE, DAYLIGHT, STANDARD, VEVENT, VALARM
    assert counts["BEGIN"] == counts["END"] == 6
    assert counts["ATTENDEE"] == 6 and counts["ORGANIZER"] == 1
    assert counts["SUMMARY"] == 1 and counts["DTSTAMP"] == 1 and counts["UID"] == 1
    assert counts["METHOD"] == 1 and counts["URL"] <= 1

    [event] = events(data)
    assert str(event["SUMMARY"]) == one_line(meeting.title)
    place, link = one_line(meeting.place), web_link(one_line(meeting.online_link)) or ""
    expected_location = " / ".join(p for p in (place, link) if p)
    assert str(event.get("LOCATION", "")) == expected_location
    assert str(event["DESCRIPTION"]) == clean(invite_description(meeting, w.network, people, "sv"))
    cns = sorted(a.params.get("CN", "") for a in event["ATTENDEE"])
    expected_cns = sorted(
        clean_param(name)
        for name in [p.name for p in people.values()] + ["Gäst Gästsson", texts["guest"].strip()]
    )
    assert cns == expected_cns

    # An independent parser reads it, with the same text values.
    vevent = read_with_vobject(data).vevent
    assert vevent.uid.value == meeting.uid
    assert vevent.summary.value == one_line(meeting.title)
    assert vevent.description.value == str(event["DESCRIPTION"])
    assert len(vevent.attendee_list) == 6


@settings(max_examples=60, deadline=None)
@given(FIELDS.filter(valid_names))
def test_any_text_is_safe_in_cancel_and_year_plan(texts: dict[str, str]) -> None:
    w = world_with(texts)
    cancelled = cancel(w.march, w.network, w.people, None, NOW)
    plan = year_plan(w.network, [w.march, w.june], w.people, None, 2027, NOW)
    for data, count in ((cancelled, 1), (plan, 2)):
        names = check_structure(data)
        assert names.count("UID") == names.count("DTSTAMP") == count
        assert next(str(e["SUMMARY"]) for e in events(data)) == one_line(w.march.title)
        read_with_vobject(data)
    vcal = read_with_vobject(plan)
    expected = one_line(f"{w.network.name} – möten 2027")
    assert vcal.x_wr_calname.value == expected
    assert "ATTENDEE" not in Counter(check_structure(plan))


def test_a_leading_zero_width_no_break_space_is_kept_in_every_text_value() -> None:
    w = world_with({**_BOM, "person": "\ufeffP", "guest": "\ufeffG", "network": "\ufeffN"})
    data = invite(w.march, w.network, w.people, None, NOW)
    assert data.count(b"\xef\xbb\xbf") >= 5  # written, not only read back
    [event] = events(data)
    vevent = read_with_vobject(data).vevent
    for name in ("SUMMARY", "LOCATION", "DESCRIPTION"):
        assert str(event[name]).startswith("\ufeff"), name
    assert vevent.summary.value == "\ufeffx" and vevent.description.value.startswith("\ufeffN")
    assert {"\ufeffP", "\ufeffG"} <= {a.params.get("CN") for a in event["ATTENDEE"]}


def test_people_with_hostile_names_are_valid_records() -> None:
    # The strategy above relies on records accepting such names at all.
    assert Person("9", 'Ö, "Q"; \\ 😀', "q@example.se").name == 'Ö, "Q"; \\ 😀'
