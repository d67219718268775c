"""The readable text of an invitation, shared by the calendar file and the mail.

Plain text only: calendar clients show DESCRIPTION as typed, and a mail body
is read by people, so both get the same lines in the meeting's language.

What it shows is declared in ``store.invite_shows``, which the fingerprint and
the privacy check read too: a declared field with a ``line`` key gets that
line (the meeting's under the time, an agenda item's under the item); the
others have their place in the layout below (title, time, status, documents;
an item's title, clock time, presenter and description).
"""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from quorum.store import invite_shows
from quorum.store.handover import own_description
from quorum.store.i18n import t
from quorum.store.invite_shows import How, Shown
from quorum.store.records import AgendaItem, Meeting, MeetingStatus, Network, Person, web_link
from quorum.store.when import clock, long_date, long_when


def person_name(people: dict[str, Person], person_id: str | None, fallback: str = "") -> str:
    person = people.get(person_id) if person_id else None
    return person.name if person else fallback


def _value(shown: Shown, record: Meeting | AgendaItem, people: dict[str, Person], lang: str) -> str:
    """A declared field's value as the invite says it."""
    value: Any = getattr(record, shown.field)
    if shown.how is How.PERSON:
        return person_name(people, value)
    if shown.how is How.MOMENT and isinstance(value, datetime):
        return t("when.short", lang=lang, date=long_date(value, lang), time=clock(value, lang))
    if shown.how is How.LINK:
        return web_link(str(value or "")) or ""
    return "" if value is None else str(value)


def _own_lines(
    declared: tuple[Shown, ...],
    record: Meeting | AgendaItem,
    people: dict[str, Person],
    lang: str,
) -> list[str]:
    """One line for each declared field that has a line of its own and a value."""
    lines = []
    for shown in declared:
        if shown.line and (value := _value(shown, record, people, lang)).strip():
            lines.append(t(shown.line, lang=lang, value=value))
    return lines


def agenda_lines(meeting: Meeting, people: dict[str, Person], lang: str) -> list[str]:
    """Numbered agenda items with their planned clock time and presenter."""
    lines: list[str] = []
    at = meeting.start
    for n, item in enumerate(meeting.agenda, start=1):
        presenter = person_name(people, item.presenter_id, item.presenter_text)
        key = "ics.item_presenter" if presenter else "ics.item"
        time = clock(at, lang)
        lines.append(t(key, lang=lang, n=n, time=time, title=item.title, presenter=presenter))
        lines += [f"   {row}" for row in _own_lines(invite_shows.AGENDA_ITEM, item, people, lang)]
        lines += [f"   {row}" for row in own_description(item).splitlines() if row.strip()]
        at += timedelta(minutes=item.minutes)
    return lines


def meeting_facts(
    meeting: Meeting, people: dict[str, Person], lang: str, host: str = ""
) -> list[str]:
    """The time, then a line for each declared fact (place, link, chair …), then the host."""
    lines = [t("ics.when", lang=lang, when=long_when(meeting.start, meeting.end, lang))]
    lines += _own_lines(invite_shows.MEETING, meeting, people, lang)
    if host.strip():
        # Only the year plan names the host (the meeting's record holds an id, the
        # plan the organisation's name); an invite itself does not show it.
        lines.append(t("ics.host", lang=lang, name=host))
    return lines


def names_network(meeting: Meeting, network: Network) -> bool:
    """Does the meeting's title already say which network it is?"""
    return network.name.casefold() in meeting.title.casefold()


def headline(meeting: Meeting, network: Network) -> str:
    """ "Network – title", or the title alone when it names the network itself."""
    if names_network(meeting, network):
        return meeting.title
    return f"{network.name} – {meeting.title}"


def invite_description(
    meeting: Meeting, network: Network, people: dict[str, Person], lang: str, host: str = ""
) -> str:
    """The DESCRIPTION of an invite: what, when, where, the agenda, what to read."""
    lines: list[str] = []
    if meeting.status is MeetingStatus.CANCELLED:
        lines += [t("ics.cancelled", lang=lang), ""]
    lines.append(headline(meeting, network))
    lines += meeting_facts(meeting, people, lang, host)
    if meeting.agenda:
        lines += ["", t("ics.agenda", lang=lang), *agenda_lines(meeting, people, lang)]
    if meeting.documents.strip():
        lines += ["", t("ics.documents", lang=lang), meeting.documents.strip()]
    return "\n".join(lines)
