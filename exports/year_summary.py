"""The year summary for annual reporting (verksamhetsberättelse): meetings,
attendance per organisation, decisions, and action items done/open, with a
small chart of attendance per meeting. Markdown and self-contained HTML."""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from html import escape

from quorum.exports.tabular import md_cell, md_table
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

__all__ = [
    "MeetingLine",
    "OrgLine",
    "YearStats",
    "year_stats",
    "year_summary_html",
    "year_summary_markdown",
]

_HELD = {MeetingStatus.HELD, MeetingStatus.DRAFTED, MeetingStatus.APPROVED, MeetingStatus.PUBLISHED}
_THERE = {Presence.PRESENT, Presence.REMOTE}
_BAR_WIDTH = 20


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


def _bar(value: int, top: int) -> str:
    filled = round(_BAR_WIDTH * value / top) if top else 0
    return "█" * filled + "░" * (_BAR_WIDTH - filled)


def _sentences(s: YearStats, lang: str) -> dict[str, str]:
    """The counting sentences, shared by the Markdown and the HTML."""
    done, open_ = len(s.actions_done), len(s.actions_open)
    return {
        "meetings": t(
            "summary.meetings_count",
            lang=lang,
            held=s.held,
            total=len(s.meetings),
            cancelled=s.cancelled,
        ),
        "decisions": t("summary.decisions_count", lang=lang, count=len(s.decisions)),
        "actions": t("summary.actions_count", lang=lang, total=done + open_, done=done, open=open_),
    }


def _cols(lang: str, *keys: str) -> list[str]:
    return [t(f"export.col.{k}", lang=lang) for k in keys]


def _owner(a: ActionItem, persons: dict[str, Person]) -> str:
    p = persons.get(a.owner_id) if a.owner_id else None
    return p.name if p else a.owner_name


def year_summary_markdown(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    lang = lang or network.language
    folks = list(people)
    persons = {p.id: p for p in folks}
    s = year_stats(network, meetings, organisations, folks, year, lang)
    say = _sentences(s, lang)
    out = [f"# {md_cell(t('summary.title', lang=lang, network=network.name, year=year))}", ""]

    out += [f"## {t('summary.meetings', lang=lang)}", ""]
    out += [say["meetings"], ""]
    if s.meetings:
        out.append(
            md_table(
                _cols(lang, "date", "meeting", "host", "status", "present"),
                (
                    [
                        ml.meeting.day.isoformat(),
                        ml.meeting.title,
                        ml.host,
                        t(f"status.{ml.meeting.status.value}", lang=lang),
                        ml.present,
                    ]
                    for ml in s.meetings
                ),
            )
        )
        out.append("")
        out += [f"### {t('summary.chart', lang=lang)}", "", "```"]
        top = max((ml.present for ml in s.meetings), default=0)
        for ml in s.meetings:
            out.append(f"{ml.meeting.day.isoformat()}  {_bar(ml.present, top)}  {ml.present}")
        out += ["```", ""]

    out += [f"## {t('summary.attendance', lang=lang)}", ""]
    if s.organisations:
        out.append(
            md_table(
                _cols(lang, "organisation", "meetings_attended", "person_attendances"),
                ([o.name, o.meetings_attended, o.attendances] for o in s.organisations),
            )
        )
    else:
        out.append(t("summary.none", lang=lang))
    out.append("")

    out += [f"## {t('summary.decisions', lang=lang)}", ""]
    out += [say["decisions"], ""]
    for m, it, d in s.decisions:
        out.append(f"- {m.day.isoformat()}, {md_cell(it.title)}: {md_cell(d.text)}")
    if s.decisions:
        out.append("")

    out += [f"## {t('summary.actions', lang=lang)}", ""]
    out += [say["actions"], ""]
    if s.actions_open:
        out += [f"### {t('summary.actions_open', lang=lang)}", ""]
        out.append(
            md_table(
                _cols(lang, "action", "owner", "due", "meeting"),
                (
                    [
                        a.text,
                        _owner(a, persons),
                        a.due.isoformat() if a.due else "",
                        m.day.isoformat(),
                    ]
                    for m, _, a in s.actions_open
                ),
            )
        )
        out.append("")
    return "\n".join(out)


_CSS = """
body { font-family: system-ui, sans-serif; max-width: 50rem; margin: 2rem auto; padding: 0 1rem;
       color: #1a1a1a; line-height: 1.45; }
table { border-collapse: collapse; width: 100%; margin: .5rem 0 1.5rem; }
th, td { text-align: left; padding: .25rem .5rem; border-bottom: 1px solid #ccc;
         vertical-align: top; }
td.num { text-align: right; font-variant-numeric: tabular-nums; }
.bar { background: #e6e6e6; height: 1rem; min-width: 10rem; }
.bar span { display: block; height: 100%; background: #2a6f97; }
@media print { body { margin: 0; }
               .bar span { print-color-adjust: exact; -webkit-print-color-adjust: exact; } }
"""


def _table(header: list[str], rows: Iterable[list[object]], numeric: set[int] = frozenset()) -> str:
    head = "".join(f'<th scope="col">{escape(h)}</th>' for h in header)
    body = []
    for row in rows:
        cells = "".join(
            ('<td class="num">' if i in numeric else "<td>") + f"{escape(str(v))}</td>"
            for i, v in enumerate(row)
        )
        body.append(f"<tr>{cells}</tr>")
    return f"<table><thead><tr>{head}</tr></thead><tbody>{''.join(body)}</tbody></table>"


def year_summary_html(
    network: Network,
    meetings: Iterable[Meeting],
    organisations: Iterable[Organisation],
    people: Iterable[Person],
    year: int,
    lang: str | None = None,
) -> str:
    lang = lang or network.language
    folks = list(people)
    persons = {p.id: p for p in folks}
    s = year_stats(network, meetings, organisations, folks, year, lang)
    title = t("summary.title", lang=lang, network=network.name, year=year)
    col = lambda k: t(f"export.col.{k}", lang=lang)  # noqa: E731
    parts = [f"<h1>{escape(title)}</h1>", f"<h2>{escape(t('summary.meetings', lang=lang))}</h2>"]
    say = _sentences(s, lang)
    parts.append(f"<p>{escape(say['meetings'])}</p>")
    if s.meetings:
        parts.append(
            _table(
                [col("date"), col("meeting"), col("host"), col("status"), col("present")],
                (
                    [
                        ml.meeting.day.isoformat(),
                        ml.meeting.title,
                        ml.host,
                        t(f"status.{ml.meeting.status.value}", lang=lang),
                        ml.present,
                    ]
                    for ml in s.meetings
                ),
                numeric={4},
            )
        )
        top = max((ml.present for ml in s.meetings), default=0)
        rows = []
        for ml in s.meetings:
            pct = round(100 * ml.present / top) if top else 0
            rows.append(
                f"<tr><td>{escape(ml.meeting.day.isoformat())}</td>"
                '<td><div class="bar" role="presentation">'
                f'<span style="width: {pct}%"></span></div></td>'
                f'<td class="num">{ml.present}</td></tr>'
            )
        chart = escape(t("summary.chart", lang=lang))
        parts.append(
            f'<h3 id="chart">{chart}</h3><table aria-labelledby="chart"><thead><tr>'
            f'<th scope="col">{escape(col("date"))}</th><th scope="col"></th>'
            f'<th scope="col">{escape(col("present"))}</th></tr></thead>'
            f"<tbody>{''.join(rows)}</tbody></table>"
        )
    parts.append(f"<h2>{escape(t('summary.attendance', lang=lang))}</h2>")
    if s.organisations:
        parts.append(
            _table(
                [col("organisation"), col("meetings_attended"), col("person_attendances")],
                ([o.name, o.meetings_attended, o.attendances] for o in s.organisations),
                numeric={1, 2},
            )
        )
    else:
        parts.append(f"<p>{escape(t('summary.none', lang=lang))}</p>")
    parts.append(f"<h2>{escape(t('summary.decisions', lang=lang))}</h2>")
    parts.append(f"<p>{escape(say['decisions'])}</p>")
    if s.decisions:
        parts.append(
            _table(
                [col("date"), col("item"), col("decision")],
                ([m.day.isoformat(), it.title, d.text] for m, it, d in s.decisions),
            )
        )
    parts.append(f"<h2>{escape(t('summary.actions', lang=lang))}</h2>")
    parts.append(f"<p>{escape(say['actions'])}</p>")
    if s.actions_open:
        parts.append(f"<h3>{escape(t('summary.actions_open', lang=lang))}</h3>")
        parts.append(
            _table(
                [col("action"), col("owner"), col("due"), col("meeting")],
                (
                    [
                        a.text,
                        _owner(a, persons),
                        a.due.isoformat() if a.due else "",
                        m.day.isoformat(),
                    ]
                    for m, _, a in s.actions_open
                ),
            )
        )
    return (
        f'<!DOCTYPE html>\n<html lang="{escape(lang)}">\n<head>\n<meta charset="utf-8">\n'
        f'<meta name="viewport" content="width=device-width, initial-scale=1">\n'
        f"<title>{escape(title)}</title>\n<style>{_CSS}</style>\n</head>\n<body>\n<main>\n"
        + "\n".join(parts)
        + "\n</main>\n</body>\n</html>\n"
    )
