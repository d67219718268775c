"""The minutes for publication: the public version, mailed to the network's publication
address ("skickas in till utbildning@skaraborg.se för publicering").

:func:`public_minutes` is the one function that makes the public document: the minutes
with what the personal-data check finds in free text left out (e-mail addresses and
phone numbers, :mod:`exports.contacts`). A richer public version (a PDF, more left out)
replaces what this function returns; everything that publishes goes through it.

Only approved minutes are published. The members' own mail (:mod:`exports.mail_minutes`)
goes to the attendees; the publication address gets this one.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.message import EmailMessage
from email.policy import SMTP
from email.utils import format_datetime, parseaddr

from quorum.exports.blocks import Document
from quorum.exports.context import DocContext
from quorum.exports.documents import document_context
from quorum.exports.filenames import document_filename
from quorum.exports.mail_headers import address_list, mail_address
from quorum.exports.minutes import minutes_document
from quorum.exports.render import render
from quorum.exports.text import one_line
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords
from quorum.store.records import MeetingStatus

__all__ = ["public_context", "public_minutes", "publication_mail", "publication_subject"]

_PUBLISHABLE = (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)


def public_context(records: MeetingRecords, lang: str = "") -> DocContext:
    """What the public version prints: contacts in free text left out."""
    return document_context(records, lang=lang, redact_contacts=True)


def public_minutes(records: MeetingRecords, lang: str = "") -> Document:
    """The public version of the minutes of ``records.meeting``."""
    return minutes_document(public_context(records, lang))


def publication_subject(ctx: DocContext) -> str:
    kind = ctx.t("doc.subject_formal_minutes" if ctx.formal else "doc.subject_minutes")
    return ctx.t(
        "flows.publish.subject",
        date=ctx.held_day.isoformat(),
        network=one_line(ctx.network.name),
        kind=kind,
    )


def publication_mail(records: MeetingRecords, sender: str, now: datetime) -> bytes:
    """The public version as a mail to the publication address (an .eml draft);
    QuorumError with a sentence when there is no address or the minutes are not approved."""
    meeting, network = records.meeting, records.network
    if not network.publication_email:
        raise QuorumError("flows.publish.no_address", network=network.name)
    if meeting.status not in _PUBLISHABLE:
        raise QuorumError(
            "flows.publish.not_approved", title=meeting.title, date=meeting.day.isoformat()
        )
    ctx = public_context(records)
    document = public_minutes(records)
    msg = EmailMessage(policy=SMTP)
    name, addr = parseaddr(sender)
    msg["From"] = mail_address(name, addr) if addr else sender
    msg.set_raw("To", address_list([mail_address(network.name, network.publication_email)]))
    msg["Subject"] = publication_subject(ctx)
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = f"<publication.{now.strftime('%Y%m%dT%H%M%S')}.{meeting.uid}>"
    msg["X-Unsent"] = "1"
    html = render(document, "html")
    intro = ctx.t("flows.publish.body", network=network.name)
    msg.set_content(f"{intro}\n\n{render(document, 'txt')}", charset="utf-8")
    msg.add_attachment(
        html.encode("utf-8"),
        maintype="text",
        subtype="html",
        filename=document_filename(ctx, "minutes", "html"),
    )
    # A boundary from the meeting, not random: the same draft twice is the same bytes.
    tag = hashlib.sha256(f"publication:{meeting.uid}".encode()).hexdigest()[:16]
    msg.set_boundary(f"=_quorum_{tag}_mixed")
    return msg.as_bytes(policy=SMTP)
