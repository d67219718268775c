"""The year's meeting dates with hosts and secretaries, for the organiser.

Works on meetings (created ones, or the year plan's previews from
``store.new_meeting.preview_meetings``). The secretary is the meeting's own if
set; otherwise, by the networks' rule, the host of the following meeting.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, time

from quorum.exports.blocks import Block, Document, Heading, Para, Part, Table, plain
from quorum.exports.render import render
from quorum.exports.tabular import to_csv
from quorum.store.i18n import t
from quorum.store.records import Meeting, MeetingStatus, Network, Organisation, Person, web_link
from quorum.store.when import clock_span, week

__all__ = [
    "DateRow",
    "date_list_csv",
    "date_list_document",
    "date_list_text",
    "date_rows",
]


@dataclass(frozen=True)
class DateRow:
    meeting_id: str
    day: date
    week: int
    weekday: int
    start: time  # local to the network's zone
    end: time
    place: str
    host: str
    secretary: str


def date_rows(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
) -> list[DateRow]:
    """The network's meetings of ``year`` that are not cancelled, by date."""
    orgs = {o.id: o.name for o in organisations}
    persons = {p.id: p for p in people}
    ours = sorted(
        (
            m
            for m in meetings
            if m.network_id == network.id
            and m.day.year == year
            and m.status != MeetingStatus.CANCELLED
        ),
        key=lambda m: m.start,
    )
    rows = []
    for i, m in enumerate(ours):
        following = ours[i + 1] if i + 1 < len(ours) else None
        rows.append(
            DateRow(
                meeting_id=m.id,
                day=m.day,
                week=m.day.isocalendar().week,
                weekday=m.day.weekday(),
                start=m.start.astimezone(m.zone).time(),
                end=m.end.astimezone(m.zone).time(),
                place=m.place or web_link(m.online_link) or "",
                host=orgs.get(m.host_org_id, m.host_org_id or "") if m.host_org_id else "",
                secretary=_secretary(m, following, orgs, persons),
            )
        )
    return rows


def _secretary(
    m: Meeting, following: Meeting | None, orgs: dict[str, str], persons: dict[str, Person]
) -> str:
    person = persons.get(m.secretary_id) if m.secretary_id else None
    if person is not None:
        org = orgs.get(person.org_id or "", "")
        return f"{person.name} ({org})" if org else person.name
    if following is not None and following.host_org_id:
        return orgs.get(following.host_org_id, following.host_org_id)
    return ""


def _header(lang: str) -> list[str]:
    keys = ("week", "date", "weekday", "time", "place", "host", "secretary")
    return [t(f"export.col.{k}", lang=lang) for k in keys]


def _cells(r: DateRow, lang: str) -> list[str]:
    return [
        week(r.week, lang),
        r.day.isoformat(),
        t(f"weekday.{r.weekday}", lang=lang),
        clock_span(r.start, r.end, lang),
        r.place,
        r.host,
        r.secretary,
    ]


def date_list_document(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> Document:
    """The dates as a document: a title, the table and the secretary rule."""
    lang = lang or network.language
    rows = date_rows(network, meetings, organisations, people, year)
    title = t("datelist.title", lang=lang, network=network.name, year=year)
    blocks: list[Block] = [Heading(1, title)]
    if rows:
        blocks.append(Table(tuple(_header(lang)), tuple(tuple(_cells(r, lang)) for r in rows)))
        blocks.append(Para(plain(t("datelist.footer", lang=lang))))
    else:
        blocks.append(Para(plain(t("datelist.empty", lang=lang, year=year))))
    return Document(lang=lang, title=title, parts=(Part(tuple(blocks)),))


def date_list_text(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    """Plain text with aligned columns, for an e-mail to the organiser."""
    doc = date_list_document(network, meetings, organisations, people, year, lang)
    return render(doc, "txt")


def date_list_csv(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    """CSV (semicolons, UTF-8 with BOM) of the same rows."""
    lang = lang or network.language
    rows = date_rows(network, meetings, organisations, people, year)
    return to_csv(_header(lang), (_cells(r, lang) for r in rows))
