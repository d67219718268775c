"""Minutes fit for the archive: frozen at approval, rendered from what was approved.

On approval (:func:`approved_version`) the minutes' document is fixed: its
canonical text (``exports.document_json``) and SHA-256 become a
:class:`~quorum.store.records.MinutesVersion`, and a protokoll's § numbers are
fixed on the meeting. From then on every copy of approved minutes — md, html,
txt or PDF, full or public — is rendered from that text
(:func:`minutes_for`), so later edits elsewhere (a renamed organisation, a
deleted earlier meeting) never change an approved protokoll. Reopening the
minutes (with a reason) and approving them again makes the next version; the
earlier ones stay.

A PDF carries its version: the footer prints the version and the full hash,
the XMP metadata holds them as keywords (:func:`stamp_keywords`), which is how
``quorum verify`` finds the version a file claims to be.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import UTC, datetime, time
from typing import Any

from quorum.exports.blocks import Document
from quorum.exports.context import DocContext
from quorum.exports.document_json import digest, from_json, to_json
from quorum.exports.documents import document_context
from quorum.exports.minutes import minutes_document
from quorum.exports.public import public_document
from quorum.exports.render_pdf import PdfInfo
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords
from quorum.store.i18n import t
from quorum.store.live import current_approvals
from quorum.store.records import Formality, Meeting, MeetingStatus, MinutesVersion
from quorum.store.when import short_when

__all__ = [
    "KEY_MEETING",
    "KEY_PUBLIC",
    "KEY_SHA",
    "KEY_VERSION",
    "Minutes",
    "approved_version",
    "current_version",
    "minutes_for",
    "minutes_pdf_info",
    "public_foot",
    "running_head",
    "stamp_keywords",
    "version_pdf_info",
]

KEY_MEETING = "quorum-meeting:"
KEY_VERSION = "quorum-version:"
KEY_SHA = "quorum-sha256:"
KEY_PUBLIC = "quorum-public"


def running_head(ctx: DocContext) -> str:
    """``Teknikcollege Skåne · Protokoll 2027-03-12``: the head of every PDF page."""
    return f"{ctx.network.name} · {ctx.doc_title()} {ctx.meeting.day.isoformat()}"


def approved_version(records: MeetingRecords, approved: Meeting) -> tuple[Meeting, dict[str, Any]]:
    """The meeting as approved, with a protokoll's § numbers fixed, and the fields of its
    new :class:`MinutesVersion` (for ``Store.save_approval``)."""
    if approved.status not in (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED):
        raise ValueError("only approved minutes are frozen")
    fixed = approved
    if approved.formality is Formality.FORMAL:
        ctx = document_context(replace(records, meeting=approved))
        fixed = replace(
            approved, paragraph_first=ctx.first_paragraph, paragraph_count=len(approved.agenda)
        )
    ctx = document_context(replace(records, meeting=fixed))
    text = to_json(minutes_document(ctx))
    given = current_approvals(fixed)
    approved_on = max((a.on for a in given), default=fixed.day)
    fields = {
        "meeting_id": fixed.id,
        "version": 1 + max((v.version for v in records.versions), default=0),
        "approved_on": approved_on,
        "document": text,
        "sha256": digest(text),
        "approved_by": tuple(a.name for a in given),
        "lang": ctx.lang,
        "author": ctx.network.name,
        "running_head": running_head(ctx),
    }
    return fixed, fields


def current_version(records: MeetingRecords) -> MinutesVersion | None:
    """The version in force: the latest, while the minutes stand approved."""
    if records.meeting.status not in (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED):
        return None
    return max(records.versions, key=lambda v: v.version, default=None)


@dataclass(frozen=True)
class Minutes:
    """A meeting's minutes ready to render, and the approved version they are."""

    document: Document
    context: DocContext
    version: MinutesVersion | None  # None: drafts, or a language other than the approved one
    public: bool = False


def minutes_for(records: MeetingRecords, lang: str = "", public: bool = False) -> Minutes:
    """The minutes to export: the approved text when there is one (in its language),
    else rendered from the records; the public version of either with ``public``."""
    ctx = document_context(records, lang=lang)
    version = current_version(records)
    if version is not None and version.lang == ctx.lang:
        if not version.intact:
            raise QuorumError("archive.version_damaged", version=version.version)
        doc = from_json(version.document)
    else:
        version, doc = None, minutes_document(ctx)
    if public:
        doc = public_document(doc, ctx)
    return Minutes(doc, ctx, version, public)


def stamp_keywords(
    ctx: DocContext | None, version: MinutesVersion | None, public: bool
) -> tuple[str, ...]:
    """The machine-readable marks in a PDF's metadata (``quorum verify`` reads them)."""
    keys = ["quorum"]
    if version is not None:
        keys += [f"{KEY_VERSION}{version.version}", f"{KEY_SHA}{version.sha256}"]
    elif ctx is not None:
        keys.append(f"{KEY_MEETING}{ctx.meeting.uid}")
    if public:
        keys.append(KEY_PUBLIC)
    return tuple(keys)


def public_foot(network_omits_names: bool, lang: str) -> str:
    key = "archive.public_foot_names" if network_omits_names else "archive.public_foot"
    return t(key, lang=lang)


def version_pdf_info(version: MinutesVersion, public_line: str = "") -> PdfInfo:
    """Head, foot and metadata of a version's PDF, from the version alone: the same
    version always gives the same file, even after its meeting is changed or gone."""
    lang = version.lang
    footer = [public_line] if public_line else []
    footer += [
        t("archive.version_foot", lang=lang, version=version.version, date=version.approved_on),
        f"SHA-256 {version.sha256}",
    ]
    return PdfInfo(
        author=version.author,
        moment=datetime.combine(version.approved_on, time(12), tzinfo=UTC),
        header=version.running_head,
        footer=tuple(footer),
        keywords=stamp_keywords(None, version, bool(public_line)),
        description=" ".join(footer),
        page=t("archive.page", lang=lang, n="{n}", total="{total}"),
    )


def minutes_pdf_info(minutes: Minutes, now: datetime) -> PdfInfo:
    """Head, foot and metadata of the minutes' PDF."""
    ctx, version = minutes.context, minutes.version
    public_line = public_foot(ctx.network.public_omits_guests, ctx.lang) if minutes.public else ""
    if version is not None:
        return version_pdf_info(version, public_line)
    when = short_when(now.astimezone(ctx.meeting.zone), ctx.lang)
    status = "archive.draft_foot" if not ctx.approved() else "archive.printed_foot"
    footer = tuple(line for line in (public_line, ctx.t(status, when=when)) if line)
    return PdfInfo(
        author=ctx.network.name,
        moment=now,
        header=running_head(ctx),
        footer=footer,
        keywords=stamp_keywords(ctx, None, minutes.public),
        description=" ".join(footer),
        page=ctx.t("archive.page", n="{n}", total="{total}"),
    )
