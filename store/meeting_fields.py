"""A meeting's fields by name, for ``quorum meeting set MEETING FIELD=VALUE``, and the
one rule for cancelling a meeting (``quorum cancel`` and the meeting screen's ``X``).

Like :mod:`quorum.store.network_fields`: each field reads the value as typed and
returns the meeting with it set, so the record's own rules run. Status is no field:
a meeting is invited by sending its invite, held by its minutes, cancelled by
:func:`cancelled`.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from quorum.store.field_values import (
    NONE_WORDS,
    apply_assignments,
    parse_choice,
    parse_org,
    parse_person,
    parse_time_range,
)
from quorum.store.i18n import t
from quorum.store.network_fields import FORMALITY_WORDS
from quorum.store.parse import combine, parse_date
from quorum.store.records import (
    Formality,
    Meeting,
    Organisation,
    Person,
    replace,
)

__all__ = ["MEETING_FIELDS", "apply_meeting_settings"]


@dataclass(frozen=True)
class Roster:
    people: Sequence[Person]
    organisations: Sequence[Organisation]


Write = Callable[[Meeting, str, Roster], Meeting]


@dataclass(frozen=True)
class MeetingField:
    name: str
    write: Write

    def help(self, lang: str | None = None) -> str:
        return t(f"field.meeting.{self.name}", lang=lang)


def _text(attr: str) -> Write:
    def write(m: Meeting, text: str, roster: Roster) -> Meeting:
        return _set(m, attr, " ".join(text.split()))

    return write


def _set(meeting: Meeting, attr: str, value: Any) -> Meeting:
    """``meeting`` with ``attr`` set (a name chosen at run time, so typed loosely)."""
    fields: dict[str, Any] = {attr: value}
    return replace(meeting, **fields)


def _documents(m: Meeting, text: str, roster: Roster) -> Meeting:
    return replace(m, documents=text.strip())


def _date(m: Meeting, text: str, roster: Roster) -> Meeting:
    day = parse_date(text, m.day, field="date")
    return _at(m, combine(day, m.start.time(), m.tz), m.end - m.start)


def _time(m: Meeting, text: str, roster: Roster) -> Meeting:
    start, minutes = parse_time_range(text)
    return _at(m, combine(m.day, start, m.tz), timedelta(minutes=minutes))


def _at(m: Meeting, start: datetime, length: timedelta) -> Meeting:
    return replace(m, start=start, end=start + length)


def _host(m: Meeting, text: str, roster: Roster) -> Meeting:
    org = parse_org(text, roster.organisations, "host")
    return replace(m, host_org_id=org.id if org else None)


def _person(attr: str, field: str) -> Write:
    def write(m: Meeting, text: str, roster: Roster) -> Meeting:
        person = parse_person(text, roster.people, field)
        return _set(m, attr, person.id if person else None)

    return write


def _checkers(m: Meeting, text: str, roster: Roster) -> Meeting:
    if " ".join(text.split()).casefold() in NONE_WORDS:
        return replace(m, adjuster_ids=())
    found = [parse_person(part, roster.people, "checkers") for part in text.split(",")]
    ids = tuple(dict.fromkeys(p.id for p in found if p is not None))
    return replace(m, adjuster_ids=ids)


def _formality(m: Meeting, text: str, roster: Roster) -> Meeting:
    return replace(m, formality=parse_choice(Formality, text, "formality", FORMALITY_WORDS))


def _language(m: Meeting, text: str, roster: Roster) -> Meeting:
    return replace(m, language=text.strip().casefold())


MEETING_FIELDS: tuple[MeetingField, ...] = (
    MeetingField("title", _text("title")),
    MeetingField("date", _date),
    MeetingField("time", _time),
    MeetingField("place", _text("place")),
    MeetingField("link", _text("online_link")),
    MeetingField("host", _host),
    MeetingField("chair", _person("chair_id", "chair")),
    MeetingField("secretary", _person("secretary_id", "secretary")),
    MeetingField("checkers", _checkers),
    MeetingField("formality", _formality),
    MeetingField("language", _language),
    MeetingField("documents", _documents),
)


def apply_meeting_settings(
    meeting: Meeting,
    assignments: Sequence[str],
    people: Sequence[Person],
    organisations: Sequence[Organisation],
) -> Meeting:
    """``meeting`` with each ``FIELD=VALUE`` set in turn."""
    roster = Roster(people, organisations)
    writers = {f.name: _writer(f, roster) for f in MEETING_FIELDS}
    return apply_assignments(meeting, assignments, writers)


def _writer(field: MeetingField, roster: Roster) -> Callable[[Meeting, str], Meeting]:
    return lambda meeting, text: field.write(meeting, text, roster)
