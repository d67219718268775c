"""The readable text of an invitation, shared by the calendar file and the mail.

Plain text only: calendar clients show DESCRIPTION as typed, and a mail body
is read by people, so both get the same lines in the meeting's language.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from quorum.exports.dates import long_date
from quorum.store.i18n import t
from quorum.store.records import Meeting, MeetingStatus, Network, Person


def clock(moment: datetime) -> str:
    return moment.strftime("%H:%M")


def person_name(people: dict[str, Person], person_id: str | None, fallback: str = "") -> str:
    person = people.get(person_id) if person_id else None
    return person.name if person else fallback


def agenda_lines(meeting: Meeting, people: dict[str, Person], lang: str) -> list[str]:
    """Numbered agenda items with their planned clock time and presenter."""
    lines: list[str] = []
    at = meeting.start
    for n, item in enumerate(meeting.agenda, start=1):
        presenter = person_name(people, item.presenter_id, item.presenter_text)
        key = "ics.item_presenter" if presenter else "ics.item"
        lines.append(t(key, lang=lang, n=n, time=clock(at), title=item.title, presenter=presenter))
        lines += [f"   {row}" for row in item.description.splitlines() if row.strip()]
        at += timedelta(minutes=item.minutes)
    return lines


def meeting_facts(
    meeting: Meeting, people: dict[str, Person], lang: str, host: str = ""
) -> list[str]:
    """Time, place, online link, host, chair and secretary: one line each."""
    lines = [
        t(
            "ics.when",
            lang=lang,
            date=long_date(meeting.start, lang),
            start=clock(meeting.start),
            end=clock(meeting.end),
        )
    ]
    if meeting.place.strip():
        lines.append(t("ics.place", lang=lang, place=meeting.place))
    if meeting.online_link.strip():
        lines.append(t("ics.online", lang=lang, link=meeting.online_link))
    if host.strip():
        lines.append(t("ics.host", lang=lang, name=host))
    if chair := person_name(people, meeting.chair_id):
        lines.append(t("ics.chair", lang=lang, name=chair))
    if secretary := person_name(people, meeting.secretary_id):
        lines.append(t("ics.secretary", lang=lang, name=secretary))
    return lines


def invite_description(
    meeting: Meeting, network: Network, people: dict[str, Person], lang: str, host: str = ""
) -> str:
    """The DESCRIPTION of an invite: what, when, where, the agenda, what to read."""
    lines: list[str] = []
    if meeting.status is MeetingStatus.CANCELLED:
        lines += [t("ics.cancelled", lang=lang), ""]
    lines.append(f"{network.name} – {meeting.title}")
    lines += meeting_facts(meeting, people, lang, host)
    if meeting.agenda:
        lines += ["", t("ics.agenda", lang=lang), *agenda_lines(meeting, people, lang)]
    if meeting.documents.strip():
        lines += ["", t("ics.documents", lang=lang), meeting.documents.strip()]
    return "\n".join(lines)
