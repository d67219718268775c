"""A meeting's minutes or notice in any format, full or public: the one path the CLI,
the export screen and the minutes mail take.

Minutes come from the approved text when they stand approved (``exports.archive``);
the public version is made from whichever document that is (``exports.public``).
A PDF gets its head, foot and metadata here; md, html and txt are the same document
through their renderers.
"""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from quorum.exports.agenda import notice_document
from quorum.exports.archive import minutes_for, minutes_pdf_info, public_foot, stamp_keywords
from quorum.exports.blocks import Document
from quorum.exports.context import DocContext
from quorum.exports.documents import document_context
from quorum.exports.public import public_document
from quorum.exports.render import render
from quorum.exports.render_pdf import PdfInfo
from quorum.exports.render_pdf import render as render_pdf
from quorum.store.gather import MeetingRecords
from quorum.store.when import short_when

__all__ = ["DOC_FORMATS", "DocFormat", "export_document", "public_minutes"]

DocFormat = Literal["md", "html", "txt", "pdf"]
DOC_FORMATS: tuple[DocFormat, ...] = ("md", "html", "txt", "pdf")


def _notice_info(ctx: DocContext, public: bool, now: datetime) -> PdfInfo:
    when = short_when(now.astimezone(ctx.meeting.zone), ctx.lang)
    footer = [ctx.t("archive.printed_foot", when=when)]
    if public:
        footer.insert(0, public_foot(ctx.network.public_omits_guests, ctx.lang))
    return PdfInfo(
        author=ctx.network.name,
        moment=now,
        header=f"{ctx.network.name} · {ctx.t('doc.notice')} {ctx.meeting.day.isoformat()}",
        footer=tuple(footer),
        keywords=stamp_keywords(ctx, None, public),
        page=ctx.t("archive.page", n="{n}", total="{total}"),
    )


def _notice(records: MeetingRecords, lang: str, public: bool) -> tuple[Document, DocContext]:
    ctx = document_context(records, lang=lang)
    doc = notice_document(ctx)
    return (public_document(doc, ctx) if public else doc), ctx


def public_minutes(records: MeetingRecords, lang: str = "") -> Document:
    """The public version of the minutes (for the publication address and the web)."""
    return minutes_for(records, lang=lang, public=True).document


def export_document(
    kind: Literal["minutes", "notice"],
    fmt: DocFormat,
    records: MeetingRecords,
    now: datetime,
    lang: str = "",
    public: bool = False,
) -> bytes:
    """The minutes or the notice of ``records.meeting`` as file bytes (text in UTF-8)."""
    if kind == "minutes":
        minutes = minutes_for(records, lang=lang, public=public)
        if fmt == "pdf":
            return render_pdf(minutes.document, minutes_pdf_info(minutes, now))
        return render(minutes.document, fmt).encode("utf-8")
    doc, ctx = _notice(records, lang, public)
    if fmt == "pdf":
        return render_pdf(doc, _notice_info(ctx, public, now))
    return render(doc, fmt).encode("utf-8")
