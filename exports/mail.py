"""Mail drafts (.eml, RFC 5322 MIME) that any mail client opens and sends.

Built with the standard library's ``email`` package from structured addresses
(``exports/mail_headers.py``), so headers with å ä ö, commas, quotes or colons in
names are encoded correctly and no name can add a header or lose a recipient.
``X-Unsent: 1`` makes Outlook (and others that honour it) open the file as a
draft to send rather than as a received message.
"""

from __future__ import annotations

import hashlib
from collections.abc import Iterable
from datetime import datetime
from email.message import EmailMessage
from email.utils import format_datetime

from quorum.exports.ics import invitees, organiser_of
from quorum.exports.invite_text import agenda_lines, meeting_facts, names_network
from quorum.exports.mail_headers import mail_address, message_id, policy_for
from quorum.exports.text import one_line
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.i18n import t
from quorum.store.organiser import Organiser
from quorum.store.records import Meeting, Network, Organisation, Person

__all__ = ["invite_body", "invite_mail"]


def invite_body(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Person | Organiser,
    lang: str,
) -> str:
    """The readable text of the invitation mail: greeting, facts, agenda, signature."""
    # A title that names the network already ("Gymnasienätverket – möte v. 49") is
    # not followed by the network's name again.
    intro = "mail.invite_intro_titled" if names_network(meeting, network) else "mail.invite_intro"
    lines = [
        t("mail.greeting", lang=lang),
        "",
        t(intro, lang=lang, title=meeting.title, network=network.name),
        "",
        *meeting_facts(meeting, people, lang),
    ]
    if meeting.agenda:
        lines += ["", t("ics.agenda", lang=lang), *agenda_lines(meeting, people, lang)]
    if meeting.documents.strip():
        lines += ["", t("ics.documents", lang=lang), meeting.documents.strip()]
    lines += ["", t("mail.invite_rsvp", lang=lang), ""]
    lines += [t("mail.signoff", lang=lang), organiser.name]
    return "\n".join(lines) + "\n"


def invite_mail(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Person | Organiser | None,
    ics_bytes: bytes,
    now: datetime,
    lang: str | None = None,
    organisations: Iterable[Organisation] = (),
) -> bytes:
    """The invitation as an .eml draft: text body plus the METHOD:REQUEST calendar part.

    From is the invite's organiser (:func:`quorum.exports.ics.organiser_of`, the same
    as the calendar part's ORGANIZER); when another address sends for them, it is the
    ``Sender:``."""
    lang = lang or meeting.language
    if now.tzinfo is None:
        raise ValidationError("error.naive_datetime", field="now")
    sender = organiser_of(meeting, network, people, organiser, organisations)
    recipients = invitees(meeting, people)
    if not recipients:
        raise QuorumError("error.ics_no_attendees")
    origin = mail_address(sender.name, sender.email)
    to = [mail_address(r.name, r.email) for r in recipients]
    acting = [mail_address("", sender.sent_by)] if sender.sent_by else []
    msg = EmailMessage(policy=policy_for([origin, *to, *acting]))
    msg["From"] = origin
    if acting:
        msg["Sender"] = acting[0]
    msg["To"] = to
    subject = (
        "mail.invite_subject_titled" if names_network(meeting, network) else "mail.invite_subject"
    )
    msg["Subject"] = one_line(
        t(
            subject,
            lang=lang,
            date=meeting.start.date().isoformat(),
            network=network.name,
            title=meeting.title,
        )
    )
    msg["Date"] = format_datetime(now)
    msg["Message-ID"] = message_id("invite", f"{meeting.uid}/{meeting.sequence}", now, origin)
    msg["X-Unsent"] = "1"
    msg.set_content(invite_body(meeting, network, people, sender, lang))
    # The calendar part is an alternative of the text, as Outlook and Google
    # send it; base64 keeps its CRLF lines and folding byte for byte.
    msg.add_alternative(
        ics_bytes,
        maintype="text",
        subtype="calendar",
        params={"method": "REQUEST", "charset": "utf-8"},
    )
    # A boundary from the content, not from random: the same draft twice is
    # the same bytes (renderers are pure), and no part can contain its own hash.
    text = msg.get_body(("plain",))
    assert text is not None  # set just above
    digest = hashlib.sha256(text.get_content().encode() + ics_bytes)
    msg.set_boundary(f"quorum-{digest.hexdigest()[:32]}")
    return msg.as_bytes()
