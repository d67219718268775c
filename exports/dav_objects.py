"""A network's calendar objects on a CalDAV server, and back: pure conversions.

What other programs show and edit travels in standard properties; everything
quorum needs beyond them travels in versioned ``X-QUORUM-`` properties, so a
round trip through a server loses nothing:

- a meeting is a VEVENT built by :mod:`quorum.exports.ics`'s own builders
  (same UID and SEQUENCE as the invites, VTIMEZONE, agenda in DESCRIPTION,
  ORGANIZER and ATTENDEEs with their answers);
- an action item is a VTODO (SUMMARY, owner as ATTENDEE, DUE, STATUS and
  COMPLETED, RELATED-TO its meeting), so owners can tick it off in Thunderbird,
  Apple Reminders, Nextcloud Tasks or DAVx⁵;
- approved minutes are a VJOURNAL related to the meeting (the public text).

``X-QUORUM-DATA`` holds the record as JSON, zlib-compressed and base64-encoded
(``v1:`` + ASCII): servers re-serialise what they store (Radicale through
vobject), and plain ASCII survives any escaping and folding they do. Reading an
object starts from that data and then takes every standard property that
differs from what the data would render: that is an edit made in another
program (a due date moved in Thunderbird, a task completed on a phone).

The records given here are "global": their ids are the synced objects' UIDs,
not this installation's short ids (``store/sync_model.py`` translates).
ATTENDEE and ORGANIZER carry ``SCHEDULE-AGENT=CLIENT`` (RFC 6638): a server
with scheduling (Nextcloud, SOGo) must not mail invitations on every sync;
quorum sends its invites itself.
"""

from __future__ import annotations

import base64
import json
import zlib
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from typing import Any

from icalendar import Calendar, Event, Journal, Todo

from quorum.exports.ics import _address, _calendar, _event, _finish, invitees, next_sequence
from quorum.exports.ics_fold import Text, serialize
from quorum.exports.text import clean, one_line
from quorum.store import codec
from quorum.store.organiser import Organiser, OrganiserSource
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    MeetingStatus,
    Network,
    Person,
    Rsvp,
    replace,
)
from quorum.store.sync_model import action_doc, action_uid, meeting_doc, minutes_uid

__all__ = [
    "FORMAT_VERSION",
    "CalendarObject",
    "action_uid",
    "decode_data",
    "encode_data",
    "event",
    "journal",
    "minutes_uid",
    "read_calendar_object",
    "todo",
]

FORMAT_VERSION = 1
_PARTSTAT = {
    "NEEDS-ACTION": Rsvp.NEEDS_ACTION,
    "ACCEPTED": Rsvp.ACCEPTED,
    "DECLINED": Rsvp.DECLINED,
    "TENTATIVE": Rsvp.TENTATIVE,
}


def encode_data(doc: dict[str, Any]) -> str:
    raw = json.dumps(doc, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
    return "v1:" + base64.b64encode(zlib.compress(raw.encode("utf-8"), 9)).decode("ascii")


def decode_data(value: str) -> dict[str, Any]:
    version, _, payload = value.strip().partition(":")
    if version != "v1":
        raise ValueError(f"unknown X-QUORUM-DATA version {version!r}")
    doc = json.loads(zlib.decompress(base64.b64decode(payload)).decode("utf-8"))
    if not isinstance(doc, dict):
        raise ValueError("X-QUORUM-DATA is not an object")
    return doc


def _mark(component: Any, kind: str, doc: dict[str, Any] | None) -> None:
    component.add("X-QUORUM-KIND", kind)
    component.add("X-QUORUM-VERSION", str(FORMAT_VERSION))
    if doc is not None:
        component.add("X-QUORUM-DATA", encode_data(doc))


def _no_scheduling(component: Any) -> None:
    for name in ("ORGANIZER", "ATTENDEE"):
        values = component.get(name)
        if values is None:
            continue
        for address in values if isinstance(values, list) else [values]:
            address.params["SCHEDULE-AGENT"] = "CLIENT"


def event(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Organiser | None,
    now: datetime,
) -> bytes:
    """The meeting as a VEVENT in a VCALENDAR, ready for a PUT."""
    cal = _calendar("PUBLISH")
    del cal["METHOD"]  # a stored calendar object has no METHOD (RFC 4791 §4.1)
    who = organiser or Organiser(
        Person(id="-", name=network.name, email="noreply@quorum.invalid"),
        OrganiserSource.COORDINATOR,
    )
    # No host in SUMMARY (the invites' year plan puts it there): SUMMARY is the title,
    # so a title edited in another program reads back as exactly that.
    vevent = _event(meeting, network, people, who, now, meeting.language)
    if organiser is None:
        del vevent["ORGANIZER"]
    vevent.add("SEQUENCE", next_sequence(meeting))
    cancelled = meeting.status is MeetingStatus.CANCELLED
    vevent.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
    if organiser is not None:
        for invitee in invitees(meeting, people):
            if _undeliverable(invitee.email):
                continue
            address = _address(invitee.name, invitee.email)
            address.params["CUTYPE"] = "INDIVIDUAL"
            address.params["PARTSTAT"] = _partstat(invitee.rsvp)
            vevent.add("ATTENDEE", address)
    _no_scheduling(vevent)
    _mark(vevent, "meeting", meeting_doc(meeting))
    return _finish(cal, [vevent], {meeting.tz: {meeting.start.year}})


def _undeliverable(email: str) -> bool:
    """An address no one reads: ``.invalid`` is reserved (RFC 2606); quorum puts it
    where a member chose not to share their e-mail with the network."""
    return email.lower().endswith(".invalid")


def _partstat(rsvp: Rsvp) -> str:
    return next(k for k, v in _PARTSTAT.items() if v is rsvp)


def todo(
    meeting: Meeting,
    item: AgendaItem,
    action: ActionItem,
    owner: Person | None,
    now: datetime,
    position: int = 0,
) -> bytes:
    """An action item as a VTODO related to its meeting."""
    cal = _calendar("PUBLISH")
    del cal["METHOD"]
    vtodo = Todo()
    vtodo.add("UID", action_uid(meeting.uid, action.id))
    vtodo.add("DTSTAMP", now.astimezone(UTC).replace(microsecond=0))
    vtodo.add("SUMMARY", Text(clean(action.text)))
    vtodo.add("DESCRIPTION", Text(clean(f"{meeting.title} – {item.title}")))
    vtodo.add("RELATED-TO", meeting.uid)
    if action.due is not None:
        vtodo.add("DUE", action.due)
    done = action.status is ActionStatus.DONE
    vtodo.add("STATUS", "COMPLETED" if done else "NEEDS-ACTION")
    if done:
        vtodo.add("PERCENT-COMPLETE", 100)
        if action.done_on is not None:
            vtodo.add("COMPLETED", _completed_at(action.done_on, meeting))
    if owner is not None and not _undeliverable(owner.email):
        address = _address(owner.name, owner.email)
        address.params["ROLE"] = "REQ-PARTICIPANT"
        vtodo.add("ATTENDEE", address)
    _no_scheduling(vtodo)
    _mark(vtodo, "action", action_doc(action, item.id, meeting.uid, position))
    cal.add_component(vtodo)
    return serialize(cal)


def _completed_at(day: date, meeting: Meeting) -> datetime:
    # COMPLETED is a UTC date-time; noon in the meeting's zone keeps the day.
    return datetime(day.year, day.month, day.day, 12, tzinfo=meeting.zone).astimezone(UTC)


def journal(meeting: Meeting, title: str, text: str, now: datetime) -> bytes:
    """Approved minutes as a VJOURNAL related to the meeting (the public text)."""
    cal = _calendar("PUBLISH")
    del cal["METHOD"]
    vjournal = Journal()
    vjournal.add("UID", minutes_uid(meeting.uid))
    vjournal.add("DTSTAMP", now.astimezone(UTC).replace(microsecond=0))
    vjournal.add("DTSTART", meeting.start.date())
    vjournal.add("SUMMARY", Text(one_line(title)))
    vjournal.add("DESCRIPTION", Text(clean(text)))
    vjournal.add("RELATED-TO", meeting.uid)
    vjournal.add("STATUS", "FINAL")
    vjournal.add("CLASS", "PUBLIC")
    _mark(vjournal, "minutes", None)
    cal.add_component(vjournal)
    return serialize(cal)


@dataclass(frozen=True)
class CalendarObject:
    """What one calendar object on the server holds, as quorum reads it.

    ``kind`` is ``meeting``, ``action``, ``minutes`` or ``foreign`` (an object
    quorum did not write and does not read). ``rsvps`` and ``owner_email``
    are answers given in other programs, by e-mail address, for the caller to
    match against its people.
    """

    kind: str
    uid: str
    meeting: Meeting | None = None
    action: ActionItem | None = None
    item_id: str = ""
    meeting_uid: str = ""
    rsvps: dict[str, Rsvp] = field(default_factory=dict)
    owner_email: str = ""
    owner_name: str = ""
    position: int = 0


def read_calendar_object(data: bytes | str) -> CalendarObject:
    """Read one object of the network's calendar (raises ValueError when unreadable)."""
    cal = Calendar.from_ical(data if isinstance(data, str) else data.decode("utf-8"))
    for component in cal.subcomponents:
        if component.name not in ("VEVENT", "VTODO", "VJOURNAL"):
            continue
        uid = str(component.get("UID", ""))
        kind = str(component.get("X-QUORUM-KIND", ""))
        raw = component.get("X-QUORUM-DATA")
        if kind == "meeting" and raw is not None and isinstance(component, Event):
            return _read_event(component, uid, decode_data(str(raw)))
        if kind == "action" and raw is not None and isinstance(component, Todo):
            return _read_todo(component, uid, decode_data(str(raw)))
        if kind == "minutes":
            return CalendarObject("minutes", uid, meeting_uid=str(component.get("RELATED-TO", "")))
        return CalendarObject("foreign", uid)
    return CalendarObject("foreign", "")


def _moment(value: Any, meeting: Meeting) -> datetime | None:
    moment = getattr(value, "dt", None)
    if isinstance(moment, datetime):
        if moment.tzinfo is None:
            moment = moment.replace(tzinfo=meeting.zone)
        return moment.astimezone(meeting.zone)
    return None


def _read_event(component: Event, uid: str, doc: dict[str, Any]) -> CalendarObject:
    meeting = codec.from_doc(Meeting, {**doc, "id": uid, "network_id": ""})
    changes: dict[str, Any] = {}
    summary = str(component.get("SUMMARY", ""))
    if summary.strip() and summary != clean(meeting.title):
        changes["title"] = summary
    start = _moment(component.get("DTSTART"), meeting)
    end = _moment(component.get("DTEND"), meeting)
    if start is not None and start != meeting.start.replace(microsecond=0):
        changes["start"] = start
        if end is None:
            changes["end"] = start + (meeting.end - meeting.start)
    if end is not None and end != meeting.end.replace(microsecond=0):
        changes["end"] = end
    place, link = clean(meeting.place).strip(), clean(meeting.online_link).strip()
    rendered = " / ".join(part for part in (place, link) if part)
    location = str(component.get("LOCATION", ""))
    if location != rendered:
        suffix = f" / {link}"
        changes["place"] = (
            location[: -len(suffix)] if link and location.endswith(suffix) else location
        )
    status = str(component.get("STATUS", "")).upper()
    if status == "CANCELLED" and meeting.status is not MeetingStatus.CANCELLED:
        changes["status"] = MeetingStatus.CANCELLED
    elif status and status != "CANCELLED" and meeting.status is MeetingStatus.CANCELLED:
        changes["status"] = MeetingStatus.PLANNED
    if changes:
        meeting = replace(meeting, **changes)
    rsvps: dict[str, Rsvp] = {}
    attendees = component.get("ATTENDEE", [])
    for address in attendees if isinstance(attendees, list) else [attendees]:
        email = _email(address)
        partstat = str(address.params.get("PARTSTAT", "NEEDS-ACTION")).upper()
        if email and partstat in _PARTSTAT:
            rsvps[email] = _PARTSTAT[partstat]
    return CalendarObject("meeting", uid, meeting=meeting, meeting_uid=uid, rsvps=rsvps)


def _email(address: Any) -> str:
    text = str(address).strip()
    return text[7:].strip().lower() if text.lower().startswith("mailto:") else ""


def _action_id(uid: str, meeting_uid: str) -> str:
    suffix = "." + meeting_uid
    return uid[: -len(suffix)] if meeting_uid and uid.endswith(suffix) else uid


def _read_todo(component: Todo, uid: str, doc: dict[str, Any]) -> CalendarObject:
    item_id = str(doc.pop("item_id", ""))
    position = int(doc.pop("position", 0))
    meeting_uid = str(doc.pop("meeting_uid", "")) or str(component.get("RELATED-TO", ""))
    action = codec.from_doc(ActionItem, {**doc, "id": _action_id(uid, meeting_uid)})
    changes: dict[str, Any] = {}
    summary = str(component.get("SUMMARY", ""))
    if summary.strip() and summary != clean(action.text):
        changes["text"] = summary
    due_value = getattr(component.get("DUE"), "dt", None)
    due = due_value.date() if isinstance(due_value, datetime) else due_value
    if due != action.due:
        changes["due"] = due
    status = str(component.get("STATUS", "NEEDS-ACTION")).upper()
    completed = getattr(component.get("COMPLETED"), "dt", None)
    if status == "COMPLETED" and action.status is not ActionStatus.DONE:
        changes["status"] = ActionStatus.DONE
        if isinstance(completed, datetime):
            changes["done_on"] = completed.date()
        elif isinstance(completed, date):
            changes["done_on"] = completed
    elif status != "COMPLETED" and action.status is ActionStatus.DONE:
        changes["status"] = ActionStatus.OPEN
        changes["done_on"] = None
    if changes:
        action = replace(action, **changes)
    owner_email = owner_name = ""
    attendees = component.get("ATTENDEE", [])
    for address in attendees if isinstance(attendees, list) else [attendees]:
        owner_email = _email(address)
        owner_name = str(address.params.get("CN", ""))
        break
    return CalendarObject(
        "action",
        uid,
        action=action,
        item_id=item_id,
        meeting_uid=meeting_uid,
        owner_email=owner_email,
        owner_name=owner_name,
        position=position,
    )
