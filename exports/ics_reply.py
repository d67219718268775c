"""Reading an iTIP METHOD:REPLY and applying it to a meeting's attendance.

Outlook, Google Calendar and Thunderbird all answer an invite with a small
calendar holding one VEVENT with the meeting's UID and SEQUENCE and one
ATTENDEE whose PARTSTAT is the answer. A user saves that file from the mail
client — or the whole mail (.eml) — and imports it; anything we cannot trust is
reported and changes nothing:

* a file over :data:`MAX_REPLY_BYTES` is refused unread (the caller reads with
  ``store.files.read_limited``);
* a reply that came as a mail must come from the invitee it answers for: when the
  mail's From is another address, the reply is *unverified* and changes nothing
  unless the user confirms it (:class:`UnverifiedReply`, ``accept_unverified``);
  applied, it stays marked so on the attendance;
* the reply's comment (COMMENT, or Google's X-RESPONSE-COMMENT) is stored with the
  attendance, cleaned by the text rule (``store/text_rules.py``: what it refuses is
  removed and counted) and cut to the rule's length;
* the sentence always names whose answer changed, and from what.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from email import message_from_string
from email.policy import default

from icalendar import Calendar, Event

from quorum.store.errors import QuorumError
from quorum.store.i18n import current_language, t
from quorum.store.records import Meeting, Person, Rsvp, replace
from quorum.store.signup import register
from quorum.store.text_rules import LIMITS, clean, shorten
from quorum.store.when import long_date

__all__ = [
    "MAX_REPLY_BYTES",
    "Reply",
    "UnverifiedReply",
    "apply_reply",
    "find_meeting",
    "parse_reply",
]

MAX_REPLY_BYTES = 1024 * 1024  # a reply is a few kB; a mail with it rarely 100 kB
_SHOWN_COMMENT = 500  # characters of a comment quoted in the sentence

_RSVP = {
    "ACCEPTED": Rsvp.ACCEPTED,
    "DECLINED": Rsvp.DECLINED,
    "TENTATIVE": Rsvp.TENTATIVE,
    "NEEDS-ACTION": Rsvp.NEEDS_ACTION,
}
_CALENDAR_TYPES = ("text/calendar", "application/ics")


class UnverifiedReply(QuorumError):
    """A reply by mail whose sender is not the invitee it answers for."""


@dataclass(frozen=True)
class Reply:
    """One attendee's answer to one version (SEQUENCE) of one invite (UID)."""

    uid: str
    sequence: int
    email: str
    partstat: Rsvp
    comment: str = ""
    name: str = ""
    sender: str | None = None  # the From of the mail it came in; None for a calendar file
    removed: int = 0  # characters of the comment the text rule removed
    cut: int = 0  # characters of the comment past its length limit

    @property
    def verified(self) -> bool:
        """Whether the mail came from the invitee it answers for (a calendar file: yes —
        the user saved it from their own mail)."""
        return self.sender is None or self.sender.casefold() == self.email.casefold()


def parse_reply(data: bytes) -> Reply:
    """The reply in ``data`` — a calendar file, or a mail holding one — or a QuorumError
    saying why it is not one."""
    head = data.lstrip(b"\xef\xbb\xbf \t\r\n")[:6].upper()
    if head.startswith(b"BEGIN:"):
        return _parse_calendar(data)
    return _parse_mail(data)


def _parse_mail(data: bytes) -> Reply:
    """The reply carried by a mail (iMIP), with the mail's sender."""
    # UTF-8 headers (RFC 6532) are read as UTF-8; anything else keeps its bytes.
    msg = message_from_string(data.decode("utf-8", "surrogateescape"), policy=default)
    if not any(msg.get(name) for name in ("From", "Content-Type", "MIME-Version")):
        raise QuorumError("error.reply_unreadable", detail="VCALENDAR")  # nor a mail
    calendars = [
        part
        for part in msg.walk()
        if part.get_content_type() in _CALENDAR_TYPES
        or str(part.get_filename() or "").lower().endswith(".ics")
    ]
    if not calendars:
        raise QuorumError("reply.mail_without_calendar")
    senders = [a.addr_spec for a in getattr(msg.get("From"), "addresses", ()) if a.addr_spec]
    sender = senders[0] if senders else ""
    last: QuorumError | None = None
    for part in calendars:
        payload = part.get_payload(decode=True)
        if not isinstance(payload, bytes):
            continue
        try:
            reply = _parse_calendar(payload)
        except QuorumError as err:
            last = err  # an invitation forwarded beside the reply, say
            continue
        return replace(reply, sender=clean(sender)[0])
    raise last or QuorumError("reply.mail_without_calendar")


def _parse_calendar(data: bytes) -> Reply:
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
    # From a file: what the text rule refuses is removed (and counted), not refused.
    comment, removed = clean(comment.strip(), multiline=True)
    comment, cut = shorten(comment, LIMITS["note"].limit)
    return Reply(
        uid=uid,
        sequence=raw_sequence,
        email=_email(attendee),
        partstat=_RSVP[partstat],
        comment=comment,
        name=clean(str(attendee.params.get("CN", "")))[0],
        removed=removed,
        cut=cut,
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
    meeting: Meeting,
    people: dict[str, Person],
    reply: Reply,
    lang: str | None = None,
    source: str = "",
    accept_unverified: bool = False,
    today: date | None = None,
) -> tuple[Meeting, str]:
    """The meeting with the replying attendee's RSVP and comment set, and a sentence
    saying whose answer changed and from what. ``source`` is the file it came in.

    Raises QuorumError, changing nothing, for another meeting's reply, an address that
    is not invited, or an answer to an older SEQUENCE (the time or place it accepted may
    no longer hold); :class:`UnverifiedReply` for a mail from someone else than the
    invitee, unless ``accept_unverified`` (the user confirmed it). A meeting open for
    registration (``store.signup``) takes a yes from anyone as a registration, up to its
    deadline (``today`` tells; without it the deadline is not checked).
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
        if meeting.signup_until is not None and reply.partstat is Rsvp.ACCEPTED:
            return _registration(meeting, people, reply, lang, today, accept_unverified)
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
    name = person.name if person else attendance.guest_name
    if not reply.verified and not accept_unverified:
        raise UnverifiedReply(
            "reply.unverified", name=name, email=reply.email, sender=reply.sender or "–"
        )
    updated = list(meeting.attendance)
    updated[index] = replace(
        attendance,
        rsvp=reply.partstat,
        reply_comment=reply.comment,
        reply_source=clean(source)[0][: LIMITS["line"].limit],
        reply_from=(reply.sender or reply.email)[: LIMITS["line"].limit],
        reply_unverified=not reply.verified,
    )
    return replace(meeting, attendance=tuple(updated)), _sentence(
        meeting, reply, name, attendance.rsvp, when, lang
    )


def _sentence(meeting: Meeting, reply: Reply, name: str, before: Rsvp, when: str, lang: str) -> str:
    sentence = t(
        "reply.applied",
        lang=lang,
        name=name,
        answer=t(f"rsvp.{reply.partstat.value}", lang=lang),
        title=meeting.title,
        date=when,
    )
    if before not in (reply.partstat, Rsvp.NEEDS_ACTION):
        sentence += " " + t("reply.before", lang=lang, answer=t(f"rsvp.{before.value}", lang=lang))
    if reply.comment:
        shown, left = shorten(reply.comment, _SHOWN_COMMENT)
        sentence += " " + t("reply.comment", lang=lang, comment=shown + ("…" if left else ""))
    if reply.removed:
        sentence += " " + t("reply.comment_removed", lang=lang, count=reply.removed)
    if reply.cut:
        sentence += " " + t("reply.comment_cut", lang=lang, count=reply.cut)
    if not reply.verified:
        sentence += " " + t("reply.marked_unverified", lang=lang, sender=reply.sender or "–")
    return sentence


def _registration(
    meeting: Meeting,
    people: dict[str, Person],
    reply: Reply,
    lang: str,
    today: date | None,
    accept_unverified: bool,
) -> tuple[Meeting, str]:
    """A yes from someone not invited to a meeting open for registration: a roster
    person known by the address, else a guest named as the calendar names them."""
    wanted = reply.email.casefold()
    person = next((p for p in people.values() if p.email.casefold() == wanted), None)
    name = person.name if person else (reply.name.strip() or reply.email)
    if not reply.verified and not accept_unverified:
        raise UnverifiedReply(
            "reply.unverified", name=name, email=reply.email, sender=reply.sender or "–"
        )
    registered = register(
        meeting,
        today or meeting.signup_until or meeting.day,
        person=person,
        guest_name=name,
        guest_email=reply.email,
    )
    return registered, t("flows.signup.registered", lang=lang, name=name)
