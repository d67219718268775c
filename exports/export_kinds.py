"""What the export screen can write, and each kind prepared from the meeting's records.

:func:`prepare` runs the pure renderers on the records the store gathered
(:func:`quorum.store.gather.meeting_records`) and returns the bytes, a suggested file
name, a Markdown preview and — for an invite or a cancellation — the meeting as it is
once that file has gone out (saved by the caller only after the file is written, so a
failed write never records an invite nobody got). Records in, bytes out, no Store and
no Textual: so it lives in exports, and the export and send screens only show it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from typing import Literal

from quorum.exports.archive import minutes_for, minutes_pdf_info
from quorum.exports.documents import document_context, minutes_sender
from quorum.exports.file_summary import summarize_eml, summarize_ics
from quorum.exports.filenames import document_filename, slug
from quorum.exports.ics import cancel, invite, mark_sent, next_sequence
from quorum.exports.mail import invite_mail
from quorum.exports.mail_minutes import minutes_mail
from quorum.exports.meeting_export import DOC_FORMATS, export_document
from quorum.exports.privacy import personal_data
from quorum.exports.publication import publication_mail
from quorum.exports.render_pdf import render as render_pdf
from quorum.store.cancelling import check_cancelled
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords
from quorum.store.i18n import current_language, knows, t
from quorum.store.live import publish
from quorum.store.records import Formality, Meeting, MeetingStatus
from quorum.store.wording import formal_text


@dataclass(frozen=True)
class ExportKind:
    """One choice in the export list: a document (``doc``) in one format (``ext``)."""

    key: str  # unique, also the i18n suffix: exportui.kind.<key>
    doc: str  # invite | cancel | invite_mail | notice | minutes | minutes_mail | publication
    ext: str  # ics | eml | md | html | txt | pdf
    public: bool = False  # the public version: contacts (and outsiders' names) removed

    def label(self, formality: Formality) -> str:
        """The choice in words; the minutes are called what the network keeps."""
        key = f"exportui.kind.{self.key}"
        return t(key) if knows(key) else formal_text(key, formality)

    @property
    def has_personal_data(self) -> bool:
        """Documents that print names, notes and contacts: checked before writing (the
        public version has already left out what the check would offer to leave out)."""
        return self.doc in ("notice", "minutes", "minutes_mail") and not self.public

    @property
    def marks_sent(self) -> bool:
        """Writing the file records the invite as sent (publication is recorded only
        once the mail has really gone, by SMTP)."""
        return self.doc in ("invite", "invite_mail", "cancel")

    @property
    def mail(self) -> str | None:
        """What ``SendScreen`` sends for this kind, if it is a mail."""
        mails = {"invite_mail": "invite", "minutes_mail": "minutes", "publication": "publication"}
        return mails.get(self.doc)


KINDS: tuple[ExportKind, ...] = (
    ExportKind("invite", "invite", "ics"),
    ExportKind("invite_mail", "invite_mail", "eml"),
    ExportKind("cancel", "cancel", "ics"),
    ExportKind("notice_md", "notice", "md"),
    ExportKind("notice_html", "notice", "html"),
    ExportKind("notice_txt", "notice", "txt"),
    ExportKind("notice_pdf", "notice", "pdf"),
    ExportKind("minutes_md", "minutes", "md"),
    ExportKind("minutes_html", "minutes", "html"),
    ExportKind("minutes_txt", "minutes", "txt"),
    ExportKind("minutes_pdf", "minutes", "pdf"),
    ExportKind("minutes_public_pdf", "minutes", "pdf", public=True),
    ExportKind("minutes_public_html", "minutes", "html", public=True),
    ExportKind("minutes_mail", "minutes_mail", "eml"),
    ExportKind("publication_mail", "publication", "eml"),
)
_BY_KEY = {k.key: k for k in KINDS}
_MINUTED = (
    MeetingStatus.HELD,
    MeetingStatus.DRAFTED,
    MeetingStatus.APPROVED,
    MeetingStatus.PUBLISHED,
)


def kind(key: str) -> ExportKind:
    return _BY_KEY[key]


def default_kind(meeting: Meeting) -> ExportKind:
    """What a user most likely wants next: minutes after the meeting, else the invite."""
    if meeting.status is MeetingStatus.CANCELLED:
        return kind("cancel")
    if meeting.status in _MINUTED:
        return kind("minutes_html")
    return kind("invite")


@dataclass(frozen=True)
class Prepared:
    kind: ExportKind
    data: bytes
    filename: str
    preview: str  # Markdown
    sent: Meeting | None = None  # to save once written (invites and cancellations)


def _calendar_filename(meeting: Meeting, network_name: str, word_key: str, ext: str) -> str:
    word = t(word_key, lang=meeting.language)
    return f"{meeting.day.isoformat()}-{slug(network_name)}-{word}.{ext}"


def prepare(
    export: ExportKind, records: MeetingRecords, now: datetime, redact: bool = False
) -> Prepared:
    """``export`` of ``records.meeting`` rendered; QuorumError with a sentence when it
    cannot be. ``redact`` (the secretary's answer to the personal-data question) makes
    it the public version, as the public kinds are."""
    if export.doc in ("invite", "invite_mail", "cancel"):
        return _prepare_calendar(export, records, now)
    if export.doc == "publication":
        return _prepare_publication(export, records, now)
    public = export.public or redact
    ctx = document_context(records)
    if export.doc == "minutes_mail":
        sender = minutes_sender(ctx.network, records.meeting, dict(ctx.people))
        minutes = minutes_for(records, public=public)
        pdf = render_pdf(minutes.document, minutes_pdf_info(minutes, now))
        data = minutes_mail(ctx, sender, now, document=minutes.document, pdf=pdf)
        return Prepared(export, data, document_filename(ctx, "minutes", "eml"), summarize_eml(data))
    kind: Literal["minutes", "notice"] = "notice" if export.doc == "notice" else "minutes"
    fmt = next(f for f in DOC_FORMATS if f == export.ext)
    data = export_document(kind, fmt, records, now, public=public)
    preview = export_document(kind, "md", records, now, public=public).decode("utf-8")
    name = document_filename(ctx, export.doc, export.ext)
    if public:
        stem, ext = name.rsplit(".", 1)
        name = f"{stem}-{t('exportui.file_public', lang=ctx.lang)}.{ext}"
    return Prepared(export, data, name, preview)


def _prepare_calendar(export: ExportKind, records: MeetingRecords, now: datetime) -> Prepared:
    meeting, network, people = records.meeting, records.network, records.people_by_id
    orgs = records.organisations
    if export.doc == "cancel":
        check_cancelled(meeting)  # exporting never cancels (store.cancelling)
        sent = mark_sent(meeting)
        data = cancel(sent, network, people, None, now, organisations=orgs)
        name = _calendar_filename(meeting, network.name, "exportui.file_cancel", "ics")
        return Prepared(export, data, name, summarize_ics(data), sent)
    if meeting.status is MeetingStatus.CANCELLED:
        raise QuorumError("exportui.invite_cancelled", title=meeting.title)
    sent = mark_sent(meeting)
    data = invite(sent, network, people, None, now, organisations=orgs)
    if export.doc == "invite_mail":
        data = invite_mail(sent, network, people, None, data, now, organisations=orgs)
        name = _calendar_filename(meeting, network.name, "exportui.file_invite", "eml")
        return Prepared(export, data, name, summarize_eml(data), sent)
    name = _calendar_filename(meeting, network.name, "exportui.file_invite", "ics")
    return Prepared(export, data, name, summarize_ics(data), sent)


def _prepare_publication(export: ExportKind, records: MeetingRecords, now: datetime) -> Prepared:
    """The public version to the publication address; once sent, the meeting is published."""
    meeting = records.meeting
    sender = minutes_sender(records.network, meeting, records.people_by_id)
    data = publication_mail(records, sender, now)
    name = _calendar_filename(meeting, records.network.name, "exportui.file_publication", "eml")
    return Prepared(export, data, name, summarize_eml(data), publish(meeting))


def personal_findings(records: MeetingRecords) -> list[str]:
    """The personal data the meeting's documents contain, one described line each."""
    lang = current_language()  # the list is read in the app's language
    ctx = document_context(records, lang=lang)
    return [f.describe(lang) for f in personal_data(ctx)]


def invite_state(meeting: Meeting) -> str:
    """Whether the invite members have is still what the meeting says."""
    if meeting.sent_sequence is None:
        return t("exportui.state_unsent", sequence=next_sequence(meeting))
    upcoming = next_sequence(meeting)
    if upcoming > meeting.sent_sequence:
        return t("exportui.state_outdated", sent=meeting.sent_sequence, sequence=upcoming)
    return t("exportui.state_current", sent=meeting.sent_sequence)
