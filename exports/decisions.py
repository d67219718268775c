"""The decisions register of a network: every decision with its date,
meeting and agenda item, oldest first, optionally filtered by text (all
words, Swedish-aware, as in search). A document in every format (through the
document model, so user text is escaped once per format) and CSV for a
spreadsheet."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from quorum.exports.blocks import Block, Document, Heading, Para, Part, Span, Table, plain
from quorum.exports.render import render
from quorum.exports.tabular import to_csv
from quorum.store.i18n import t
from quorum.store.records import Meeting, MeetingStatus, Network
from quorum.store.search import fold, terms

__all__ = [
    "DecisionRow",
    "decision_rows",
    "decisions_csv",
    "decisions_document",
    "decisions_markdown",
]


@dataclass(frozen=True)
class DecisionRow:
    day: date
    meeting_id: str
    meeting_title: str
    item_id: str
    item_title: str
    decision_id: str
    text: str


def decision_rows(
    network: Network, meetings: Iterable[Meeting], query: str = ""
) -> list[DecisionRow]:
    """Decisions of the network's meetings (cancelled ones have none that
    count), oldest first; with ``query``, only those whose decision text,
    item title or meeting title holds every word of it."""
    words = terms(query)
    rows = []
    for m in sorted(meetings, key=lambda m: m.start):
        if m.network_id != network.id or m.status == MeetingStatus.CANCELLED:
            continue
        for item, d in m.all_decisions():
            haystack = fold(f"{d.text}\n{item.title}\n{m.title}")
            if all(w in haystack for w in words):
                rows.append(DecisionRow(m.day, m.id, m.title, item.id, item.title, d.id, d.text))
    return rows


def _header(lang: str) -> list[str]:
    return [t(f"export.col.{k}", lang=lang) for k in ("date", "meeting", "item", "decision")]


def decisions_document(
    network: Network, meetings: Iterable[Meeting], query: str = "", lang: str | None = None
) -> Document:
    """The register as a document: title, the filter if any, a table and the count."""
    lang = lang or network.language
    rows = decision_rows(network, meetings, query)
    title = t("decisions.title", lang=lang, network=network.name)
    blocks: list[Block] = [Heading(1, title)]
    if query.strip():
        filtered = t("decisions.filtered", lang=lang, query=query.strip())
        blocks.append(Para((Span(filtered, emphasis=True),)))
    if not rows:
        blocks.append(Para(plain(t("decisions.empty", lang=lang))))
    else:
        cells = tuple((r.day.isoformat(), r.meeting_title, r.item_title, r.text) for r in rows)
        blocks.append(Table(tuple(_header(lang)), cells))
        blocks.append(Para(plain(t("decisions.count", lang=lang, count=len(rows)))))
    return Document(lang=lang, title=title, parts=(Part(tuple(blocks)),))


def decisions_markdown(
    network: Network, meetings: Iterable[Meeting], query: str = "", lang: str | None = None
) -> str:
    return render(decisions_document(network, meetings, query, lang), "md")


def decisions_csv(
    network: Network, meetings: Iterable[Meeting], query: str = "", lang: str | None = None
) -> str:
    lang = lang or network.language
    rows = decision_rows(network, meetings, query)
    header = ["id", *_header(lang)]
    return to_csv(
        header,
        (
            [
                f"{r.meeting_id}/{r.item_id}/{r.decision_id}",
                r.day.isoformat(),
                r.meeting_title,
                r.item_title,
                r.text,
            ]
            for r in rows
        ),
    )
