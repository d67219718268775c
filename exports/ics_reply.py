"""Reading an iTIP METHOD:REPLY and applying it to a meeting's attendance.

Outlook, Google Calendar and Thunderbird all answer an invite with a small
calendar holding one VEVENT with the meeting's UID and SEQUENCE and one
ATTENDEE whose PARTSTAT is the answer. A user saves that file from the mail
client and imports it; anything we cannot trust is reported and changes nothing.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from icalendar import Calendar, Event

from quorum.store.errors import QuorumError
from quorum.store.i18n import current_language, t
from quorum.store.records import Meeting, Person, Rsvp, replace
from quorum.store.when import long_date

__all__ = ["Reply", "apply_reply", "find_meeting", "parse_reply"]

_RSVP = {
    "ACCEPTED": Rsvp.ACCEPTED,
    "DECLINED": Rsvp.DECLINED,
    "TENTATIVE": Rsvp.TENTATIVE,
    "NEEDS-ACTION": Rsvp.NEEDS_ACTION,
}


@dataclass(frozen=True)
class Reply:
    """One attendee's answer to one version (SEQUENCE) of one invite (UID)."""

    uid: str
    sequence: int
    email: str
    partstat: Rsvp
    comment: str = ""
    name: str = ""


def parse_reply(data: bytes) -> Reply:
    """The reply in ``data``, or a QuorumError saying why it is not one."""
    try:
        text = data.decode("utf-8-sig")  # Windows tools like to start with a BOM
    except UnicodeDecodeError:
        raise QuorumError("error.reply_encoding") from None
    try:
        cal = Calendar.from_ical(text)
    except ValueError as err:
        raise QuorumError("error.reply_unreadable", detail=str(err)[:120]) from None
    if not isinstance(cal, Calendar) or cal.name != "VCALENDAR":
        raise QuorumError("error.reply_unreadable", detail="VCALENDAR")
    method = str(cal.get("METHOD", "")).strip().upper()
    if method != "REPLY":
        raise QuorumError("error.reply_not_reply", method=method or "–")
    events = [c for c in cal.walk("VEVENT") if isinstance(c, Event)]
    if not events:
        raise QuorumError("error.reply_no_event")
    # A reply is about one meeting; a recurring exception would repeat the UID.
    event = events[0]
    uid = str(event.get("UID", "")).strip()
    if not uid:
        raise QuorumError("error.reply_no_uid")
    return _reply_from(event, uid)


def _reply_from(event: Event, uid: str) -> Reply:
    raw_sequence = event.get("SEQUENCE", 0)
    if not isinstance(raw_sequence, int) or raw_sequence < 0:
        # icalendar keeps an unparsable value as vBroken, a str of the raw text.
        raise QuorumError("error.reply_sequence", value=str(raw_sequence))
    attendees = event.get("ATTENDEE", [])
    if not isinstance(attendees, list):
        attendees = [attendees]
    addresses = {_email(a).lower() for a in attendees if _email(a)}
    if len(addresses) != 1:
        raise QuorumError("error.reply_attendee_count", count=len(addresses))
    attendee = next(a for a in attendees if _email(a))
    partstat = str(attendee.params.get("PARTSTAT", "NEEDS-ACTION")).upper()
    if partstat not in _RSVP:
        raise QuorumError("error.reply_partstat", value=partstat)
    comments = event.get("COMMENT", [])
    if not isinstance(comments, list):
        comments = [comments]
    # Outlook and Thunderbird write COMMENT; Google a parameter on the ATTENDEE.
    comment = "\n".join(str(c) for c in comments) or str(
        attendee.params.get("X-RESPONSE-COMMENT", "")
    )
    return Reply(
        uid=uid,
        sequence=raw_sequence,
        email=_email(attendee),
        partstat=_RSVP[partstat],
        comment=comment.strip(),
        name=str(attendee.params.get("CN", "")),
    )


def _email(address: object) -> str:
    value = str(address).strip()
    if value.lower().startswith("mailto:"):
        value = value[len("mailto:") :]
    return value.strip()


def find_meeting(meetings: Iterable[Meeting], reply: Reply) -> Meeting:
    """The meeting the reply answers, found by its invite UID."""
    for meeting in meetings:
        if meeting.uid == reply.uid:
            return meeting
    raise QuorumError("error.reply_unknown_meeting", uid=reply.uid)


def apply_reply(
    meeting: Meeting, people: dict[str, Person], reply: Reply, lang: str | None = None
) -> tuple[Meeting, str]:
    """The meeting with the replying attendee's RSVP set, and a sentence saying so.

    Raises QuorumError, changing nothing, for another meeting's reply, an
    address that is not invited, or an answer to an older SEQUENCE (the
    time or place it accepted may no longer hold).
    """
    if reply.uid != meeting.uid:
        raise QuorumError("error.reply_unknown_meeting", uid=reply.uid)
    lang = lang or current_language()
    when = long_date(meeting.start, lang)
    wanted = reply.email.lower()
    for index, attendance in enumerate(meeting.attendance):  # noqa: B007 - used after break
        person = people.get(attendance.person_id) if attendance.person_id else None
        email = person.email if person else attendance.guest_email
        if email and email.lower() == wanted:
            break
    else:
        raise QuorumError(
            "error.reply_unknown_attendee", email=reply.email, title=meeting.title, date=when
        )
    if reply.sequence < meeting.sequence:
        raise QuorumError(
            # people count versions from 1 (SEQUENCE from 0)
            "error.reply_stale",
            email=reply.email,
            got=reply.sequence + 1,
            current=meeting.sequence + 1,
        )
    updated = list(meeting.attendance)
    updated[index] = replace(attendance, rsvp=reply.partstat)
    name = person.name if person else attendance.guest_name
    sentence = t(
        "reply.applied",
        lang=lang,
        name=name,
        answer=t(f"rsvp.{reply.partstat.value}", lang=lang),
        title=meeting.title,
        date=when,
    )
    if reply.comment:
        sentence += " " + t("reply.comment", lang=lang, comment=reply.comment)
    return replace(meeting, attendance=tuple(updated)), sentence
