"""The minutes for publication: the public version, mailed to the network's publication
address ("skickas in till utbildning@skaraborg.se för publicering").

The document is the public version :func:`exports.meeting_export.public_minutes` makes
(what the personal-data check finds is left out, see :mod:`exports.public`); the mail
carries it as text, HTML and PDF/A. Only approved minutes are published, from their
approved text. The members' own mail (:mod:`exports.mail_minutes`) goes to the
attendees; the publication address gets this one.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from quorum.exports.context import DocContext
from quorum.exports.documents import document_context
from quorum.exports.filenames import document_filename
from quorum.exports.mail_headers import mail_address, message_id, policy_for
from quorum.exports.meeting_export import export_document, public_minutes
from quorum.exports.render import render
from quorum.exports.text import one_line
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords
from quorum.store.records import MeetingStatus

__all__ = ["publication_mail", "publication_subject"]

_PUBLISHABLE = (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)


def publication_subject(ctx: DocContext) -> str:
    kind = ctx.t("doc.subject_formal_minutes" if ctx.formal else "doc.subject_minutes")
    return ctx.t(
        "flows.publish.subject",
        date=ctx.held_day.isoformat(),
        network=one_line(ctx.network.name),
        kind=kind,
    )


def publication_mail(records: MeetingRecords, sender: Address, now: datetime) -> bytes:
    """The public version as a mail to the publication address (an .eml draft);
    QuorumError with a sentence when there is no address or the minutes are not approved."""
    meeting, network = records.meeting, records.network
    if not network.publication_email:
        raise QuorumError("flows.publish.no_address", network=network.name)
    if meeting.status not in _PUBLISHABLE:
        raise QuorumError(
            "flows.publish.not_approved", title=meeting.title, date=meeting.day.isoformat()
        )
    ctx = document_context(records)
    document = public_minutes(records)
    recipient = mail_address(network.name, network.publication_email)
    msg = EmailMessage(policy=policy_for([sender, recipient]))
    msg["From"] = sender
    msg["To"] = [recipient]
    msg["Subject"] = publication_subject(ctx)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id("publication", meeting.uid, now, sender)
    msg["X-Unsent"] = "1"
    intro = ctx.t("flows.publish.body", network=network.name)
    msg.set_content(f"{intro}\n\n{render(document, 'txt')}", charset="utf-8")

    def named(ext: str) -> str:
        stem = document_filename(ctx, "minutes", ext).rsplit(".", 1)[0]
        return f"{stem}-{ctx.t('exportui.file_public')}.{ext}"

    msg.add_attachment(
        render(document, "html").encode("utf-8"),
        maintype="text",
        subtype="html",
        filename=named("html"),
        params={"charset": "utf-8"},
    )
    msg.add_attachment(
        export_document("minutes", "pdf", records, now, public=True),
        maintype="application",
        subtype="pdf",
        filename=named("pdf"),
    )
    # A boundary from the meeting, not random: the same draft twice is the same bytes.
    tag = hashlib.sha256(f"publication:{meeting.uid}".encode()).hexdigest()[:16]
    msg.set_boundary(f"=_quorum_{tag}_mixed")
    return msg.as_bytes()
