"""The minutes as an e-mail draft (.eml) that opens in any mail client.

To: every attendee who was there or sent their apologies (present, remote,
excused) and has an e-mail address. The publication address gets the public version
instead (:mod:`exports.publication`), never this full copy.
The body is the minutes as text and HTML alternatives; the minutes are also
attached as .html and .md, and as PDF when the caller made one. The document is
the caller's when given (approved minutes are their approved text, the
publication copy their public version: ``exports.meeting_export``), else the
minutes rendered from the records. ``X-Unsent: 1`` makes Outlook and Thunderbird open
it as a draft ready to send.
"""

from __future__ import annotations

import hashlib
from datetime import datetime
from email.headerregistry import Address
from email.message import EmailMessage
from email.utils import format_datetime

from quorum.exports.blocks import Document
from quorum.exports.context import DocContext
from quorum.exports.filenames import document_filename
from quorum.exports.mail_headers import mail_address, message_id, policy_for
from quorum.exports.minutes import minutes_document
from quorum.exports.render import render
from quorum.exports.text import one_line
from quorum.store.records import Presence

_TOLD = (Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED)


def minutes_subject(ctx: DocContext) -> str:
    kind = ctx.t("doc.subject_formal_minutes" if ctx.formal else "doc.subject_minutes")
    return f"{ctx.held_day.isoformat()} {one_line(ctx.network.name)} – {kind}"


def minutes_recipients(ctx: DocContext) -> list[Address]:
    """Attendees told of the meeting's outcome, no duplicates."""
    seen: set[str] = set()
    result: list[Address] = []

    def add(name: str, email: str) -> None:
        if email and email.casefold() not in seen:
            seen.add(email.casefold())
            result.append(mail_address(one_line(name), email))

    for a in ctx.meeting.attendance:
        if a.presence not in _TOLD:
            continue
        if a.person_id is None:
            add(a.guest_name, a.guest_email)
        elif (person := ctx.people.get(a.person_id)) is not None:
            add(person.name, person.email)
    return result


def minutes_mail(
    ctx: DocContext,
    sender: Address,
    now: datetime,
    document: Document | None = None,
    pdf: bytes | None = None,
) -> bytes:
    """The minutes as an RFC 5322 message (CRLF line ends), ready to be opened or sent."""
    doc = document if document is not None else minutes_document(ctx)
    to = minutes_recipients(ctx)
    msg = EmailMessage(policy=policy_for([sender, *to]))
    msg["From"] = sender
    msg["To"] = to
    msg["Subject"] = minutes_subject(ctx)
    msg["Date"] = format_datetime(now)
    # Derived from the meeting and ``now`` (not random) so the draft is reproducible.
    msg["Message-ID"] = message_id("minutes", ctx.meeting.uid, now, sender)
    msg["X-Unsent"] = "1"
    html_doc = render(doc, "html")
    msg.set_content(render(doc, "txt"), charset="utf-8")
    msg.add_alternative(html_doc, subtype="html", charset="utf-8")
    msg.add_attachment(
        html_doc.encode("utf-8"),
        maintype="text",
        subtype="html",
        filename=document_filename(ctx, "minutes", "html"),
        params={"charset": "utf-8"},
    )
    msg.add_attachment(
        render(doc, "md").encode("utf-8"),
        maintype="text",
        subtype="markdown",
        filename=document_filename(ctx, "minutes", "md"),
        params={"charset": "utf-8"},
    )
    if pdf is not None:
        msg.add_attachment(
            pdf,
            maintype="application",
            subtype="pdf",
            filename=document_filename(ctx, "minutes", "pdf"),
        )
    # Fixed MIME boundaries keep the draft reproducible; "=_" never occurs in
    # quoted-printable or base64 content, so the boundary cannot clash.
    tag = hashlib.sha256(ctx.meeting.uid.encode()).hexdigest()[:16]
    msg.set_boundary(f"=_quorum_{tag}_mixed")
    for part in msg.walk():
        if part.get_content_type() == "multipart/alternative":
            part.set_boundary(f"=_quorum_{tag}_alt")
    return msg.as_bytes()
