"""Calendar files for meetings: invite, update, cancel and a network's year plan.

Pure renderers: records and ``now`` in, iCalendar bytes out. The rules they
keep come from RFC 5545/5546 and from clients' bug trackers (issue 6):

- a REQUEST has one VEVENT, one ORGANIZER and at least one ATTENDEE; a
  PUBLISH has an ORGANIZER and no ATTENDEE;
- the ORGANIZER is who :func:`quorum.store.organiser.invite_organiser` says (the host's
  contact by default), with SENT-BY when another address sends for them; the organiser
  is never asked to reply to their own invite (RSVP=FALSE on their ATTENDEE);
- the UID is the meeting's and never changes; SEQUENCE goes up whenever what
  the invite shows changed since the last one sent (:func:`next_sequence`);
- times carry the zone's TZID and a VTIMEZONE written with RRULEs;
- text is escaped and folded so that no client cuts or shifts it.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta

from icalendar import Alarm, Calendar, Event, vCalAddress

from quorum.exports.ics_fold import Text, clean_param, serialize
from quorum.exports.ics_tz import vtimezone
from quorum.exports.invite_text import invite_description
from quorum.exports.text import clean, one_line
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.i18n import t
from quorum.store.organiser import Organiser, OrganiserSource, invite_organiser, sent_by
from quorum.store.records import (
    Meeting,
    MeetingRole,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Rsvp,
    replace,
    web_link,
)
from quorum.store.when import clock

__all__ = [
    "Invitee",
    "cancel",
    "cancel_sequence",
    "invite",
    "invitees",
    "mark_sent",
    "next_sequence",
    "organiser_of",
    "year_plan",
]

PRODID = "-//quorum//quorum calendar export//SV"
_ROLE = {
    MeetingRole.CHAIR: "CHAIR",
    MeetingRole.SECRETARY: "REQ-PARTICIPANT",
    MeetingRole.ADJUSTER: "REQ-PARTICIPANT",
    MeetingRole.PARTICIPANT: "REQ-PARTICIPANT",
    MeetingRole.OPTIONAL: "OPT-PARTICIPANT",
}
_PARTSTAT = {
    Rsvp.NEEDS_ACTION: "NEEDS-ACTION",
    Rsvp.ACCEPTED: "ACCEPTED",
    Rsvp.DECLINED: "DECLINED",
    Rsvp.TENTATIVE: "TENTATIVE",
}


@dataclass(frozen=True)
class Invitee:
    """One ATTENDEE of an invite: a roster person or a guest with an address."""

    name: str
    email: str
    role: MeetingRole
    rsvp: Rsvp


def invitees(meeting: Meeting, people: Mapping[str, Person]) -> list[Invitee]:
    """The invitees a calendar or mail can reach: those with an e-mail address.

    The same address twice (a person also added as a guest) is invited once.
    """
    found: list[Invitee] = []
    seen: set[str] = set()
    for a in meeting.attendance:
        if a.person_id is not None:
            person = people.get(a.person_id)
            if person is None or not person.email:
                continue
            name, email = person.name, person.email
        else:
            name, email = a.guest_name, a.guest_email
        if not email or email.lower() in seen:
            continue
        seen.add(email.lower())
        found.append(Invitee(name, email, a.role, a.rsvp))
    return found


def organiser_of(
    meeting: Meeting,
    network: Network,
    people: Mapping[str, Person],
    organiser: Person | Organiser | None = None,
    organisations: Iterable[Organisation] = (),
) -> Organiser:
    """The invite's organiser: ``organiser`` when given (a person stands as
    coordinator), else the network's rule; QuorumError when nobody can."""
    if isinstance(organiser, Organiser):
        return organiser
    if organiser is not None:
        return Organiser(organiser, OrganiserSource.COORDINATOR, sent_by(network, organiser))
    found = invite_organiser(meeting, network, people, organisations)
    if found is None:
        raise QuorumError("error.ics_no_organiser")
    return found


def next_sequence(meeting: Meeting) -> int:
    """The SEQUENCE the next export of this meeting carries.

    It stays put while what the invite shows (``store.invite_shows``) is
    unchanged since the last one sent, and goes one above the sent SEQUENCE as
    soon as any of it changed; it never goes down.
    """
    if meeting.sent_sequence is None:
        return meeting.sequence
    if meeting.invite_outdated:
        return max(meeting.sequence, meeting.sent_sequence + 1)
    return max(meeting.sequence, meeting.sent_sequence)


def cancel_sequence(meeting: Meeting) -> int:
    """The SEQUENCE of a cancellation: above that of every invite sent (RFC 5546 §2.1.4),
    or a client keeps the meeting. A cancellation sent again goes one higher still."""
    if meeting.sent_sequence is None:
        return meeting.sequence
    return max(meeting.sequence, meeting.sent_sequence + 1)


def mark_sent(meeting: Meeting) -> Meeting:
    """The meeting as it is once its invite (or cancellation) has been sent."""
    cancelled = meeting.status is MeetingStatus.CANCELLED
    sequence = cancel_sequence(meeting) if cancelled else next_sequence(meeting)
    status = MeetingStatus.INVITED if meeting.status is MeetingStatus.PLANNED else meeting.status
    sent = replace(meeting, status=status, sequence=sequence, sent_sequence=sequence)
    return replace(sent, sent_fingerprint=sent.invite_fingerprint())


def invite(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Person | Organiser | None,
    now: datetime,
    lang: str | None = None,
    organisations: Iterable[Organisation] = (),
) -> bytes:
    """METHOD:REQUEST for a new meeting or an update of one (same UID).

    Without ``organiser``, the network's rule picks one (:func:`organiser_of`);
    ``organisations`` name the host's contact person."""
    lang = lang or meeting.language
    cal = _calendar("REQUEST")
    who = organiser_of(meeting, network, people, organiser, organisations)
    event = _event(meeting, network, people, who, now, lang)
    event.add("SEQUENCE", next_sequence(meeting))
    event.add("STATUS", "CONFIRMED")
    _add_attendees(event, meeting, people, who)
    return _finish(cal, [event], {meeting.tz: {meeting.start.year}})


def cancel(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Person | Organiser | None,
    now: datetime,
    lang: str | None = None,
    sequence: int | None = None,
    organisations: Iterable[Organisation] = (),
) -> bytes:
    """METHOD:CANCEL: the same UID, STATUS:CANCELLED and a SEQUENCE above the last sent.

    ``meeting`` is best the one :func:`mark_sent` returned for the cancelled meeting: its
    SEQUENCE is the cancellation's. Given a meeting not yet marked, the SEQUENCE is
    :func:`cancel_sequence`'s — above the last invite sent, so clients accept it.
    """
    lang = lang or meeting.language
    marked = (
        meeting.status is MeetingStatus.CANCELLED
        and meeting.sent_sequence == meeting.sequence
        and not meeting.invite_outdated
    )
    if sequence is None:
        sequence = meeting.sequence if marked else cancel_sequence(meeting)
    cancelled = replace(meeting, status=MeetingStatus.CANCELLED)
    cal = _calendar("CANCEL")
    who = organiser_of(meeting, network, people, organiser, organisations)
    event = _event(cancelled, network, people, who, now, lang)
    event.add("SEQUENCE", sequence)
    event.add("STATUS", "CANCELLED")
    _add_attendees(event, cancelled, people, who)
    return _finish(cal, [event], {meeting.tz: {meeting.start.year}})


def year_plan(
    network: Network,
    meetings: Iterable[Meeting],
    people: dict[str, Person],
    organiser: Person | Organiser | None,
    year: int,
    now: datetime,
    lang: str | None = None,
    hosts: dict[str, str] | None = None,
    organisations: Iterable[Organisation] = (),
) -> bytes:
    """METHOD:PUBLISH: the network's meetings of ``year``, with no ATTENDEE.

    ``hosts`` (organisation id -> name) puts each meeting's host in its
    SUMMARY and DESCRIPTION: who hosts is what a year plan is read for. The plan is the
    network's, so its coordinator stands as ORGANIZER when it has one; else each
    meeting's own organiser.
    """
    hosts = hosts or {}
    organiser = organiser or people.get(network.coordinator_id or "")
    lang = lang or network.language
    chosen = sorted(
        (m for m in meetings if m.network_id == network.id and m.start.year == year),
        key=lambda m: m.start,
    )
    cal = _calendar("PUBLISH")
    name = Text(one_line(t("ics.plan_name", lang=lang, network=network.name, year=year)))
    # Set as TEXT values: Calendar.new(name=...) would write these unescaped.
    cal.add("NAME", name)
    cal.add("X-WR-CALNAME", name)
    cal.add("X-WR-TIMEZONE", Text(network.tz))
    events = []
    orgs = tuple(organisations)
    for meeting in chosen:
        who = organiser_of(meeting, network, people, organiser, orgs)
        host = hosts.get(meeting.host_org_id or "", "")
        event = _event(meeting, network, people, who, now, lang, host)
        event.add("SEQUENCE", next_sequence(meeting))
        cancelled = meeting.status is MeetingStatus.CANCELLED
        event.add("STATUS", "CANCELLED" if cancelled else "CONFIRMED")
        events.append(event)
    # The network's zone even in an empty year: a VCALENDAR needs a component.
    zones: dict[str, set[int]] = {network.tz: {year}}
    for meeting in chosen:
        zones.setdefault(meeting.tz, set()).add(year)
    return _finish(cal, events, zones)


def _calendar(method: str) -> Calendar:
    cal = Calendar()
    cal.add("PRODID", PRODID)
    cal.add("VERSION", "2.0")
    cal.add("CALSCALE", "GREGORIAN")
    cal.add("METHOD", method)
    return cal


def _address(name: str, email: str) -> vCalAddress:
    address = vCalAddress(f"mailto:{email}")
    cn = clean_param(name)
    if cn:
        # icalendar quotes a value with : ; , and writes a double quote the
        # RFC 6868 way (^'), so a name can never end the parameter.
        address.params["CN"] = cn
    return address


def _event(
    meeting: Meeting,
    network: Network,
    people: dict[str, Person],
    organiser: Organiser,
    now: datetime,
    lang: str,
    host: str = "",
) -> Event:
    if now.tzinfo is None:
        raise ValidationError("error.naive_datetime", field="now")
    event = Event()
    event.add("UID", meeting.uid)
    event.add("DTSTAMP", now.astimezone(UTC).replace(microsecond=0))
    event.add("DTSTART", meeting.start.replace(microsecond=0))
    event.add("DTEND", meeting.end.replace(microsecond=0))
    summary = meeting.title
    if host.strip():
        summary = t("ics.summary_host", lang=lang, title=meeting.title, host=host)
    # SUMMARY and LOCATION are one line in every client: some cut the event at a newline.
    event.add("SUMMARY", Text(one_line(summary)))
    # Only a web address is shown as the link: never javascript:, data: or file: from an
    # archive older than the text rule (store/text_rules.py).
    place, link = one_line(meeting.place), web_link(one_line(meeting.online_link)) or ""
    location = " / ".join(part for part in (place, link) if part)
    if location:
        event.add("LOCATION", Text(location))
    if link.isascii() and link:  # URL is written raw (it is not TEXT): a plain URI only
        event.add("URL", link)
    event.add("DESCRIPTION", Text(clean(invite_description(meeting, network, people, lang, host))))
    organizer = _address(organiser.name, organiser.email)
    if organiser.sent_by:
        organizer.params["SENT-BY"] = f"mailto:{organiser.sent_by}"
    event.add("ORGANIZER", organizer)
    event.add("TRANSP", "OPAQUE")
    alarm = Alarm()
    alarm.add("ACTION", "DISPLAY")
    alarm.add(
        "DESCRIPTION",
        Text(
            one_line(
                t("ics.alarm", lang=lang, title=meeting.title, time=clock(meeting.start, lang))
            )
        ),
    )
    alarm.add("TRIGGER", timedelta(days=-1))
    event.add_component(alarm)
    return event


def _add_attendees(
    event: Event, meeting: Meeting, people: dict[str, Person], organiser: Organiser
) -> None:
    found = invitees(meeting, people)
    if not found:
        raise QuorumError("error.ics_no_attendees")
    for invitee in found:
        address = _address(invitee.name, invitee.email)
        address.params["CUTYPE"] = "INDIVIDUAL"
        address.params["ROLE"] = _ROLE[invitee.role]
        if invitee.email.casefold() == organiser.email.casefold():
            # The organiser sends the invite: they come, and are not asked to reply.
            rsvp = Rsvp.ACCEPTED if invitee.rsvp is Rsvp.NEEDS_ACTION else invitee.rsvp
            address.params["PARTSTAT"] = _PARTSTAT[rsvp]
            address.params["RSVP"] = "FALSE"
        else:
            address.params["PARTSTAT"] = _PARTSTAT[invitee.rsvp]
            address.params["RSVP"] = "TRUE"
        event.add("ATTENDEE", address)


def _finish(cal: Calendar, events: list[Event], zones: dict[str, set[int]]) -> bytes:
    """Add one RRULE VTIMEZONE per zone and the years it must cover, then the events."""
    for tz_name, years in zones.items():
        cal.add_component(vtimezone(tz_name, min(years), max(years)))
    for event in events:
        cal.add_component(event)
    return serialize(cal)
