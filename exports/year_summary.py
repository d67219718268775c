"""The year summary for annual reporting (verksamhetsberättelse): meetings,
attendance per organisation, decisions, and action items done/open, with a
small chart of attendance per meeting. Built in the document model, so it
renders in every format (Markdown and self-contained HTML are offered) with
user text escaped once per format."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from datetime import datetime

from quorum.exports.blocks import Block, Chart, Document, Heading, Para, Part, Table, plain
from quorum.exports.render import render
from quorum.store.i18n import t
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Decision,
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Presence,
)
from quorum.store.when import short_when
from quorum.store.wording import meeting_status

__all__ = [
    "MeetingLine",
    "OrgLine",
    "YearStats",
    "year_stats",
    "year_summary_document",
    "year_summary_html",
    "year_summary_markdown",
    "year_summary_pdf",
]

_HELD = {MeetingStatus.HELD, MeetingStatus.DRAFTED, MeetingStatus.APPROVED, MeetingStatus.PUBLISHED}
_THERE = {Presence.PRESENT, Presence.REMOTE}


@dataclass(frozen=True)
class MeetingLine:
    meeting: Meeting
    host: str
    present: int
    invited: int


@dataclass(frozen=True)
class OrgLine:
    name: str
    meetings_attended: int  # held meetings with at least one person there
    attendances: int  # people present, summed over the meetings


@dataclass(frozen=True)
class YearStats:
    year: int
    meetings: tuple[MeetingLine, ...]  # not cancelled, by date
    cancelled: int
    held: int
    organisations: tuple[OrgLine, ...]  # most attendances first
    decisions: tuple[tuple[Meeting, AgendaItem, Decision], ...]
    actions_done: tuple[tuple[Meeting, AgendaItem, ActionItem], ...]
    actions_open: tuple[tuple[Meeting, AgendaItem, ActionItem], ...]


def year_stats(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> YearStats:
    """The numbers of the summary; people without an organisation and guests
    without one are counted under a label in ``lang``."""
    orgs = {o.id: o.name for o in organisations}
    persons = {p.id: p for p in people}
    ours = sorted(
        (m for m in meetings if m.network_id == network.id and m.day.year == year),
        key=lambda m: m.start,
    )
    live = [m for m in ours if m.status != MeetingStatus.CANCELLED]
    held = [m for m in live if m.status in _HELD]
    lines = []
    org_meetings: dict[str, int] = defaultdict(int)
    org_people: dict[str, int] = defaultdict(int)
    for m in live:
        there = [a for a in m.attendance if a.presence in _THERE]
        host = orgs.get(m.host_org_id, m.host_org_id) if m.host_org_id else ""
        lines.append(MeetingLine(m, host or "", len(there), len(m.attendance)))
        if m not in held:
            continue
        seen: set[str] = set()
        for a in there:
            person = persons.get(a.person_id) if a.person_id else None
            if person is not None:
                name = orgs.get(person.org_id or "", "") or t("summary.no_org", lang=lang)
            else:
                name = a.guest_org or t("summary.guests", lang=lang)
            org_people[name] += 1
            seen.add(name)
        for name in seen:
            org_meetings[name] += 1
    org_lines = sorted(
        (OrgLine(n, org_meetings[n], org_people[n]) for n in org_people),
        key=lambda o: (-o.attendances, o.name.casefold()),
    )
    decisions = tuple((m, it, d) for m in live for it, d in m.all_decisions())
    actions = [(m, it, a) for m in live for it, a in m.all_actions()]
    return YearStats(
        year=year,
        meetings=tuple(lines),
        cancelled=len(ours) - len(live),
        held=len(held),
        organisations=tuple(org_lines),
        decisions=decisions,
        actions_done=tuple(x for x in actions if x[2].status == ActionStatus.DONE),
        actions_open=tuple(x for x in actions if x[2].status == ActionStatus.OPEN),
    )


def _sentences(s: YearStats, lang: str) -> dict[str, str]:
    """The counting sentences under the headings."""
    done, open_ = len(s.actions_done), len(s.actions_open)
    return {
        "meetings": t(
            "summary.meetings_count",
            lang=lang,
            total=t("n.meetings", lang=lang, count=len(s.meetings)),
            held=t("summary.held", lang=lang, count=s.held),
            cancelled=t("summary.cancelled", lang=lang, count=s.cancelled),
        ),
        "decisions": t("summary.decisions_count", lang=lang, count=len(s.decisions)),
        "actions": t(
            "summary.actions_count",
            lang=lang,
            total=t("n.actions", lang=lang, count=done + open_),
            done=t("summary.done", lang=lang, count=done),
            open=t("summary.open", lang=lang, count=open_),
        ),
    }


def _cols(lang: str, *keys: str) -> tuple[str, ...]:
    return tuple(t(f"export.col.{k}", lang=lang) for k in keys)


def _owner(a: ActionItem, persons: dict[str, Person]) -> str:
    p = persons.get(a.owner_id) if a.owner_id else None
    return p.name if p else a.owner_name


def _meetings(s: YearStats, lang: str, say: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, t("summary.meetings", lang=lang)),
        Para(plain(say["meetings"])),
    ]
    if not s.meetings:
        return blocks
    rows = tuple(
        (
            ml.meeting.day.isoformat(),
            ml.meeting.title,
            ml.host,
            meeting_status(ml.meeting, lang),
            str(ml.present),
        )
        for ml in s.meetings
    )
    chart = t("summary.chart", lang=lang)
    bars = tuple((ml.meeting.day.isoformat(), ml.present) for ml in s.meetings)
    return [
        *blocks,
        Table(_cols(lang, "date", "meeting", "host", "status", "present"), rows, frozenset({4})),
        Heading(3, chart),
        Chart(chart, (t("export.col.date", lang=lang), t("export.col.present", lang=lang)), bars),
    ]


def _attendance(s: YearStats, lang: str) -> list[Block]:
    blocks: list[Block] = [Heading(2, t("summary.attendance", lang=lang))]
    if not s.organisations:
        return [*blocks, Para(plain(t("summary.none", lang=lang)))]
    rows = tuple((o.name, str(o.meetings_attended), str(o.attendances)) for o in s.organisations)
    headers = _cols(lang, "organisation", "meetings_attended", "person_attendances")
    return [*blocks, Table(headers, rows, frozenset({1, 2}))]


def _decisions(s: YearStats, lang: str, say: dict[str, str]) -> list[Block]:
    blocks: list[Block] = [
        Heading(2, t("summary.decisions", lang=lang)),
        Para(plain(say["decisions"])),
    ]
    if s.decisions:
        rows = tuple((m.day.isoformat(), it.title, d.text) for m, it, d in s.decisions)
        blocks.append(Table(_cols(lang, "date", "item", "decision"), rows))
    return blocks


def _actions(
    s: YearStats, lang: str, say: dict[str, str], persons: dict[str, Person]
) -> list[Block]:
    blocks: list[Block] = [Heading(2, t("summary.actions", lang=lang)), Para(plain(say["actions"]))]
    if s.actions_open:
        rows = tuple(
            (a.text, _owner(a, persons), a.due.isoformat() if a.due else "", m.day.isoformat())
            for m, _, a in s.actions_open
        )
        blocks.append(Heading(3, t("summary.actions_open", lang=lang)))
        blocks.append(Table(_cols(lang, "action", "owner", "due", "meeting"), rows))
    return blocks


def year_summary_document(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> Document:
    """The summary: meetings with a chart of attendance, organisations, decisions, actions."""
    lang = lang or network.language
    folks = list(people)
    persons = {p.id: p for p in folks}
    s = year_stats(network, meetings, organisations, folks, year, lang)
    say = _sentences(s, lang)
    title = t("summary.title", lang=lang, network=network.name, year=year)
    blocks: list[Block] = [
        Heading(1, title),
        *_meetings(s, lang, say),
        *_attendance(s, lang),
        *_decisions(s, lang, say),
        *_actions(s, lang, say, persons),
    ]
    return Document(lang=lang, title=title, parts=(Part(tuple(blocks)),))


def year_summary_markdown(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    doc = year_summary_document(network, meetings, organisations, people, year, lang)
    return render(doc, "md")


def year_summary_html(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    doc = year_summary_document(network, meetings, organisations, people, year, lang)
    return render(doc, "html")


def year_summary_pdf(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    now: datetime,
    lang: str | None = None,
) -> bytes:
    """The summary as PDF/A, for the archive copy of the year summary (årssammanställning)."""
    from quorum.exports.render_pdf import PdfInfo
    from quorum.exports.render_pdf import render as render_pdf

    lang = lang or network.language
    doc = year_summary_document(network, meetings, organisations, people, year, lang)
    when = short_when(now.astimezone(network.zone), lang)
    info = PdfInfo(
        author=network.name,
        moment=now,
        header=doc.title,
        footer=(t("archive.printed_foot", lang=lang, when=when),),
        keywords=("quorum", f"quorum-summary:{year}"),
        page=t("archive.page", lang=lang, n="{n}", total="{total}"),
    )
    return render_pdf(doc, info)
