"""A readable summary of a calendar file or mail before it is written or sent.

Read back from the very bytes that will be written, so the preview shows
what members will get: method, UID, SEQUENCE, subject and recipients. Bytes in,
Markdown out: a renderer like the others in exports.
"""

from __future__ import annotations

import re
from email import message_from_bytes
from email.policy import default
from email.utils import getaddresses

from icalendar import Calendar

from quorum.store.i18n import t

_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]<>()#+\-.!|~])")


def md_escape(text: str) -> str:
    """User text shown literally by a Markdown viewer, on one line."""
    return _MD_SPECIAL.sub(r"\\\1", " ".join(text.split()))


def _line(key: str, value: str) -> str:
    return f"- **{t(key)}:** {value}"


def _recipients(names: list[str]) -> list[str]:
    lines = [_line("exportui.sum_recipients", str(len(names)))]
    lines += [f"    - {md_escape(n)}" for n in names]
    return lines


def _calendar_lines(data: bytes) -> list[str]:
    cal = Calendar.from_ical(data)
    event = next(iter(cal.walk("VEVENT")))
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    names = [
        f"{a.params.get('CN', '')} <{str(a).removeprefix('mailto:')}>".strip() for a in attendees
    ]
    lines = [
        _line("exportui.sum_method", md_escape(str(cal.get("METHOD", "")))),
        _line("exportui.sum_status", md_escape(str(event.get("STATUS", "")))),
        _line("exportui.sum_uid", f"`{event.get('UID', '')}`"),
        _line("exportui.sum_sequence", str(event.get("SEQUENCE", 0))),
        _line("exportui.sum_summary", md_escape(str(event.get("SUMMARY", "")))),
    ]
    return lines + _recipients(names)


def summarize_ics(data: bytes) -> str:
    return "\n".join([f"## {t('exportui.sum_calendar')}", "", *_calendar_lines(data)]) + "\n"


def summarize_eml(data: bytes) -> str:
    msg = message_from_bytes(data, policy=default)
    to = [
        f"{name} <{addr}>" if name else addr for name, addr in getaddresses(msg.get_all("To", []))
    ]
    lines = [
        f"## {t('exportui.sum_mail')}",
        "",
        _line("exportui.sum_subject", md_escape(str(msg.get("Subject", "")))),
        _line("exportui.sum_from", md_escape(str(msg.get("From", "")))),
        *_recipients(to),
    ]
    parts = [p.get_content_type() for p in msg.walk() if not p.is_multipart()]
    lines.append(_line("exportui.sum_parts", md_escape(", ".join(parts))))
    for part in msg.walk():
        if part.get_content_type() == "text/calendar":
            payload = part.get_payload(decode=True)  # bytes: a leaf part, decoded
            if isinstance(payload, bytes):
                lines += ["", f"### {t('exportui.sum_calendar')}", ""]
                lines += _calendar_lines(payload)
    return "\n".join(lines) + "\n"
