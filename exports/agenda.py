"""The notice of a meeting with its agenda (kallelse med dagordning).

Date, time, place and online link; the time plan (each item's clock time is
the meeting's start plus the minutes planned before it) with presenters; and
the documents to read before. :func:`notice_markdown`, :func:`notice_html`
and :func:`notice_text` render the same document.
"""

from __future__ import annotations

from datetime import UTC, timedelta

from quorum.exports.blocks import (
    Block,
    Document,
    Fields,
    Heading,
    Para,
    Part,
    Table,
    Text,
    plain,
)
from quorum.exports.context import DocContext
from quorum.exports.minutes import followup_blocks, header_fields
from quorum.exports.render import render
from quorum.store.handover import own_description
from quorum.store.wording import by_formality


def _contact(ctx: DocContext) -> list[tuple[str, str]]:
    person = ctx.contact()
    if person is None:
        return []
    parts = [person.name, ctx.user(person.email), ctx.user(person.phone)]
    return [(ctx.t("doc.contact"), ", ".join(p for p in parts if p))]


def _time_plan(ctx: DocContext) -> list[Block]:
    m = ctx.meeting
    heading = ctx.t(by_formality("doc.time_plan", m.formality))
    blocks: list[Block] = [Heading(2, heading)]
    rows = []
    at = m.start.astimezone(UTC)  # elapsed time, so a plan across a DST change stays true
    for index, item in enumerate(m.agenda):
        presenter = ctx.person_name(item.presenter_id) or item.presenter_text
        rows.append(
            (
                ctx.clock(at),
                f"{index + 1}. {ctx.user(item.title)}",
                ctx.user(presenter),
                ctx.t("doc.minutes_short", minutes=item.minutes),
            )
        )
        at += timedelta(minutes=item.minutes)
    if rows:
        headers = ("doc.clock", "doc.item", "doc.presenter", "doc.length")
        blocks.append(Table(tuple(ctx.t(h) for h in headers), tuple(rows)))
        blocks.append(Para(plain(ctx.t("doc.ends", time=ctx.clock(at)))))
    else:
        blocks.append(Para(plain(ctx.t("doc.no_items"))))
    for index, item in enumerate(m.agenda):
        description = own_description(item)
        if description.strip() or item.followup:
            blocks.append(Heading(3, f"{index + 1}. {ctx.user(item.title)}"))
        if description.strip():
            blocks.append(Text(ctx.user(description)))
        if item.followup:
            blocks += followup_blocks(ctx)
    return blocks


def _documents(ctx: DocContext) -> list[Block]:
    blocks: list[Block] = [Heading(2, ctx.t("doc.documents"))]
    if ctx.meeting.documents.strip():
        return [*blocks, Text(ctx.user(ctx.meeting.documents))]
    return [*blocks, Para(plain(ctx.t("doc.no_documents")))]


def notice_document(ctx: DocContext) -> Document:
    m = ctx.meeting
    title = f"{ctx.t('doc.notice')}: {ctx.user(m.title)}"
    roles = [
        (ctx.t("doc.chair"), ctx.person_name(m.chair_id) or ctx.t("doc.not_set")),
        (ctx.t("doc.secretary"), ctx.person_name(m.secretary_id) or ctx.t("doc.not_set")),
    ]
    fields = Fields(tuple(header_fields(ctx) + roles + _contact(ctx)))
    head: list[Block] = [Heading(1, title), fields]
    parts = (Part(tuple(head)), Part(tuple(_time_plan(ctx))), Part(tuple(_documents(ctx))))
    return Document(lang=ctx.lang, title=title, parts=parts)


def notice_markdown(ctx: DocContext) -> str:
    return render(notice_document(ctx), "md")


def notice_html(ctx: DocContext) -> str:
    return render(notice_document(ctx), "html")


def notice_text(ctx: DocContext) -> str:
    return render(notice_document(ctx), "txt")
