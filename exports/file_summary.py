"""What a calendar file or mail holds, read back before it is written or sent.

Read from the very bytes that will be written, so the preview shows what
members will get: method, UID, SEQUENCE, subject and recipients. Built in the
document model like every document, so names and subjects are escaped once,
by the Markdown renderer, for the preview that shows it.
"""

from __future__ import annotations

from email import message_from_string
from email.policy import default

from icalendar import Calendar

from quorum.exports.blocks import (
    Block,
    Bullets,
    Document,
    Entry,
    Heading,
    Inline,
    Part,
    Span,
    plain,
)
from quorum.exports.render import render
from quorum.store.i18n import current_language, t

__all__ = ["summarize_eml", "summarize_ics"]


def _line(key: str, value: str, code: bool = False) -> Inline:
    return (Span(f"{t(key)}:", strong=True), Span(value, code=code))


def _recipients(names: list[str]) -> Entry:
    return Entry(
        _line("exportui.sum_recipients", str(len(names))),
        Bullets(tuple(plain(n) for n in names)),
    )


def _calendar_items(data: bytes) -> Bullets:
    cal = Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    names = [
        f"{a.params.get('CN', '')} <{str(a).removeprefix('mailto:')}>".strip() for a in attendees
    ]
    return Bullets(
        (
            _line("exportui.sum_method", str(cal.get("METHOD", ""))),
            _line("exportui.sum_status", str(event.get("STATUS", ""))),
            _line("exportui.sum_uid", str(event.get("UID", "")), code=True),
            _line("exportui.sum_sequence", str(event.get("SEQUENCE", 0))),
            _line("exportui.sum_summary", str(event.get("SUMMARY", ""))),
            _recipients(names),
        )
    )


def _markdown(title: str, blocks: list[Block]) -> str:
    return render(Document(current_language(), title, (Part(tuple(blocks)),)), "md")


def summarize_ics(data: bytes) -> str:
    title = t("exportui.sum_calendar")
    return _markdown(title, [Heading(2, title), _calendar_items(data)])


def summarize_eml(data: bytes) -> str:
    # Read as UTF-8: a draft to a mailbox name with å ä ö has UTF-8 headers (RFC 6532).
    msg = message_from_string(data.decode("utf-8", "surrogateescape"), policy=default)
    to = [
        f"{a.display_name} <{a.addr_spec}>" if a.display_name else a.addr_spec
        for header in msg.get_all("To", [])
        for a in getattr(header, "addresses", ())
    ]
    parts = [p.get_content_type() for p in msg.walk() if not p.is_multipart()]
    title = t("exportui.sum_mail")
    blocks: list[Block] = [
        Heading(2, title),
        Bullets(
            (
                _line("exportui.sum_subject", str(msg.get("Subject", ""))),
                _line("exportui.sum_from", str(msg.get("From", ""))),
                _recipients(to),
                _line("exportui.sum_parts", ", ".join(parts)),
            )
        ),
    ]
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                blocks += [Heading(3, t("exportui.sum_calendar")), _calendar_items(payload)]
    return _markdown(title, blocks)
