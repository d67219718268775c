"""What a calendar file or mail holds, read back before it is written or sent.

Read from the very bytes that will be written, so the preview shows what
members will get: what kind of calendar file it is, its version, subject and
recipients — in words, not iCalendar's (METHOD, UID, SEQUENCE stay in the file). Built in the
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


def _line(key: str, value: str) -> Inline:
    return (Span(f"{t(key)}:", strong=True), Span(value))


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
    method = str(cal.get("METHOD", "")).lower()
    kind = t(f"exportui.sum_kind.{method}") if method in _METHODS else method
    # SEQUENCE counts from 0; people count versions from 1.
    version = int(event.get("SEQUENCE", 0)) + 1
    return Bullets(
        (
            _line("exportui.sum_method", kind),
            _line("exportui.sum_sequence", str(version)),
            _line("exportui.sum_summary", str(event.get("SUMMARY", ""))),
            _recipients(names),
        )
    )


_METHODS = ("request", "cancel", "publish")
_PARTS = {
    "text/plain": "exportui.part.text",
    "text/html": "exportui.part.html",
    "text/calendar": "exportui.part.calendar",
    "application/pdf": "exportui.part.pdf",
}


def _part(content_type: str) -> str:
    key = _PARTS.get(content_type)
    return t(key) if key else t("exportui.part.other", type=content_type)


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
                _line("exportui.sum_parts", ", ".join(_part(p) for p in parts)),
            )
        ),
    ]
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload(decode=True)
            if isinstance(payload, bytes):
                blocks += [Heading(3, t("exportui.sum_calendar")), _calendar_items(payload)]
    return _markdown(title, blocks)
