"""Importing iTIP METHOD:REPLY files as Outlook, Google and Thunderbird write them."""

from __future__ import annotations

from pathlib import Path

import pytest
from icalendar import Calendar

from quorum.exports.ics import invite, mark_sent
from quorum.exports.ics_reply import Reply, apply_reply, find_meeting, parse_reply
from quorum.store import i18n
from quorum.store.errors import QuorumError
from quorum.store.records import Rsvp, replace
from tests.exports.conftest import NOW, World

OUTLOOK = """\
BEGIN:VCALENDAR
METHOD:REPLY
PRODID:Microsoft Exchange Server 2010
VERSION:2.0
BEGIN:VTIMEZONE
TZID:W. Europe Standard Time
BEGIN:STANDARD
DTSTART:16010101T030000
TZOFFSETFROM:+0200
TZOFFSETTO:+0100
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=10
END:STANDARD
BEGIN:DAYLIGHT
DTSTART:16010101T020000
TZOFFSETFROM:+0100
TZOFFSETTO:+0200
RRULE:FREQ=YEARLY;INTERVAL=1;BYDAY=-1SU;BYMONTH=3
END:DAYLIGHT
END:VTIMEZONE
BEGIN:VEVENT
ATTENDEE;PARTSTAT=ACCEPTED;CN="Lindström, Björn":MAILTO:Bjorn.Lindstrom@lidk
 oping.example.se
COMMENT;LANGUAGE=sv-SE:Jag kommer\\, men lite sent.
SUMMARY;LANGUAGE=sv-SE:Godkänd: Nätverksträff
DTSTART;TZID=W. Europe Standard Time:20270312T090000
DTEND;TZID=W. Europe Standard Time:20270312T120000
UID:c0ffee0001@quorum
CLASS:PUBLIC
PRIORITY:5
DTSTAMP:20270221T081500Z
TRANSP:OPAQUE
STATUS:CONFIRMED
SEQUENCE:{seq}
LOCATION;LANGUAGE=sv-SE:Stadshuset\\, sal 3\\; Skövde
X-MICROSOFT-CDO-APPT-SEQUENCE:{seq}
X-MICROSOFT-CDO-REPLYTIME:20270221T081500Z
END:VEVENT
END:VCALENDAR
"""

GOOGLE = """\
BEGIN:VCALENDAR
PRODID:-//Google Inc//Google Calendar 70.9054//EN
VERSION:2.0
CALSCALE:GREGORIAN
METHOD:REPLY
BEGIN:VEVENT
DTSTART:20270312T080000Z
DTEND:20270312T110000Z
DTSTAMP:20270221T090000Z
ORGANIZER;CN=Åsa Öberg:mailto:asa.oberg@skaraborg.example.se
UID:c0ffee0001@quorum
ATTENDEE;CUTYPE=INDIVIDUAL;ROLE=REQ-PARTICIPANT;PARTSTAT=DECLINED;CN=Märta Än
 gström;X-NUM-GUESTS=0;X-RESPONSE-COMMENT="Krockar med APT-konferensen":mailt
 o:marta.angstrom@skovde.example.se
SEQUENCE:0
STATUS:CONFIRMED
SUMMARY:Nätverksträff
TRANSP:OPAQUE
END:VEVENT
END:VCALENDAR
"""

THUNDERBIRD = """\
BEGIN:VCALENDAR
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
VERSION:2.0
METHOD:REPLY
BEGIN:VEVENT
CREATED:20270221T100000Z
LAST-MODIFIED:20270221T100500Z
DTSTAMP:20270221T100500Z
UID:c0ffee0001@quorum
SUMMARY:Nätverksträff
ORGANIZER;CN=Åsa Öberg:mailto:asa.oberg@skaraborg.example.se
ATTENDEE;RSVP=TRUE;CN=Gäst Gästsson;PARTSTAT=TENTATIVE;ROLE=REQ-PARTICIPANT:
 mailto:gast@foretag.example.se
DTSTART;TZID=Europe/Stockholm:20270312T090000
DTEND;TZID=Europe/Stockholm:20270312T120000
SEQUENCE:0
END:VEVENT
END:VCALENDAR
"""


def _file(tmp_path: Path, text: str, name: str = "reply.ics") -> bytes:
    """Write the reply as a mail client saves it (CRLF) and read it back."""
    path = tmp_path / name
    path.write_bytes(text.replace("\n", "\r\n").encode("utf-8"))
    return path.read_bytes()


def _rsvp(world_meeting, email: str, people) -> Rsvp:
    for a in world_meeting.attendance:
        person = people.get(a.person_id) if a.person_id else None
        if (person.email if person else a.guest_email) == email:
            return a.rsvp
    raise AssertionError(email)


def test_outlook_accept(tmp_path: Path, world: World) -> None:
    reply = parse_reply(_file(tmp_path, OUTLOOK.format(seq=0)))
    assert reply == Reply(
        uid="c0ffee0001@quorum",
        sequence=0,
        email="Bjorn.Lindstrom@lidkoping.example.se",
        partstat=Rsvp.ACCEPTED,
        comment="Jag kommer, men lite sent.",
        name="Lindström, Björn",
    )
    meeting = mark_sent(world.march)
    updated, sentence = apply_reply(meeting, world.people, reply, lang="sv")
    assert _rsvp(updated, "bjorn.lindstrom@lidkoping.example.se", world.people) is Rsvp.ACCEPTED
    assert sentence.startswith("Lindström, Björn svarade ”kommer” på kallelsen till Nätverksträff")
    assert "Jag kommer, men lite sent." in sentence
    # Everything else is untouched.
    assert updated.sequence == meeting.sequence
    assert [a.key for a in updated.attendance] == [a.key for a in meeting.attendance]


def test_google_decline_with_its_comment_parameter(tmp_path: Path, world: World) -> None:
    reply = parse_reply(_file(tmp_path, GOOGLE))
    assert (reply.partstat, reply.comment) == (Rsvp.DECLINED, "Krockar med APT-konferensen")
    updated, sentence = apply_reply(world.march, world.people, reply, lang="en")
    assert _rsvp(updated, "marta.angstrom@skovde.example.se", world.people) is Rsvp.DECLINED
    assert "declined" in sentence


def test_thunderbird_tentative_from_a_guest(tmp_path: Path, world: World) -> None:
    reply = parse_reply(_file(tmp_path, THUNDERBIRD))
    assert reply.partstat is Rsvp.TENTATIVE and reply.comment == ""
    updated, _ = apply_reply(world.march, world.people, reply)
    assert _rsvp(updated, "gast@foretag.example.se", world.people) is Rsvp.TENTATIVE


def test_a_reply_made_from_our_own_invite(tmp_path: Path, world: World) -> None:
    """What a client does: take our REQUEST, keep one ATTENDEE, set PARTSTAT, send REPLY."""
    sent = mark_sent(world.march)
    cal = Calendar.from_ical(invite(sent, world.network, world.people, None, NOW))
    cal["METHOD"] = "REPLY"
    event = cal.walk("VEVENT")[0]
    mine = next(a for a in event["ATTENDEE"] if "his.example.se" in str(a))
    mine.params["PARTSTAT"] = "ACCEPTED"
    event["ATTENDEE"] = mine
    path = tmp_path / "svar.ics"
    path.write_bytes(cal.to_ical())
    updated, _ = apply_reply(sent, world.people, parse_reply(path.read_bytes()))
    assert _rsvp(updated, "per.jonsson@his.example.se", world.people) is Rsvp.ACCEPTED


def test_unknown_person_changes_nothing(tmp_path: Path, world: World) -> None:
    text = THUNDERBIRD.replace("gast@foretag.example.se", "okand@annan.example.se")
    reply = parse_reply(_file(tmp_path, text))
    with pytest.raises(QuorumError) as err:
        apply_reply(world.march, world.people, reply)
    assert err.value.key == "error.reply_unknown_attendee"
    assert "okand@annan.example.se" in err.value.sentence("sv")


def test_unknown_meeting_is_reported(tmp_path: Path, world: World) -> None:
    reply = parse_reply(_file(tmp_path, GOOGLE.replace("c0ffee0001@quorum", "nope@elsewhere")))
    with pytest.raises(QuorumError) as err:
        apply_reply(world.march, world.people, reply)
    assert err.value.key == "error.reply_unknown_meeting"
    with pytest.raises(QuorumError) as err:
        find_meeting([world.march, world.june], reply)
    assert err.value.key == "error.reply_unknown_meeting"
    assert "nope@elsewhere" in err.value.sentence("en")


def test_find_meeting_by_uid(tmp_path: Path, world: World) -> None:
    reply = parse_reply(_file(tmp_path, GOOGLE))
    assert find_meeting([world.june, world.march], reply) is world.march


def test_stale_sequence_is_reported_and_changes_nothing(tmp_path: Path, world: World) -> None:
    sent = mark_sent(world.march)
    moved = mark_sent(replace(sent, place="Rådhuset, Lidköping"))  # SEQUENCE 1 sent
    old_reply = parse_reply(_file(tmp_path, OUTLOOK.format(seq=0)))
    with pytest.raises(QuorumError) as err:
        apply_reply(moved, world.people, old_reply)
    assert err.value.key == "error.reply_stale"
    # SEQUENCE 0 and 1, told as people count versions
    assert "(version 1, nu 2)" in err.value.sentence("sv")
    fresh = parse_reply(_file(tmp_path, OUTLOOK.format(seq=1)))
    updated, _ = apply_reply(moved, world.people, fresh)
    assert _rsvp(updated, "bjorn.lindstrom@lidkoping.example.se", world.people) is Rsvp.ACCEPTED


def test_byte_order_mark_and_bare_newlines_are_accepted(tmp_path: Path) -> None:
    path = tmp_path / "bom.ics"
    path.write_bytes(b"\xef\xbb\xbf" + GOOGLE.encode("utf-8"))
    assert parse_reply(path.read_bytes()).partstat is Rsvp.DECLINED


_MALFORMED = {
    "latin-1 bytes": (GOOGLE.encode("latin-1", errors="replace") + b"\xe4", "error.reply_encoding"),
    "not a calendar": (b"Hej Asa, jag kommer!\r\n", "error.reply_unreadable"),
    "empty file": (b"", "error.reply_unreadable"),
    "truncated": (GOOGLE[:200].encode(), "error.reply_unreadable"),
    "a bare event": (
        b"BEGIN:VEVENT\r\nUID:c0ffee0001@quorum\r\nEND:VEVENT\r\n",
        "error.reply_unreadable",
    ),
    "an invite, not a reply": (
        GOOGLE.replace("METHOD:REPLY", "METHOD:REQUEST").encode(),
        "error.reply_not_reply",
    ),
    "no method": (GOOGLE.replace("METHOD:REPLY\n", "").encode(), "error.reply_not_reply"),
    "no event": (
        b"BEGIN:VCALENDAR\r\nVERSION:2.0\r\nMETHOD:REPLY\r\nBEGIN:VTODO\r\nUID:x\r\n"
        b"END:VTODO\r\nEND:VCALENDAR\r\n",
        "error.reply_no_event",
    ),
    "no uid": (GOOGLE.replace("UID:c0ffee0001@quorum\n", "").encode(), "error.reply_no_uid"),
    "no attendee": (
        THUNDERBIRD.replace(
            "ATTENDEE;RSVP=TRUE;CN=Gäst Gästsson;PARTSTAT=TENTATIVE;ROLE=REQ-PARTICIPANT:\n"
            " mailto:gast@foretag.example.se\n",
            "",
        ).encode(),
        "error.reply_attendee_count",
    ),
    "two attendees": (
        THUNDERBIRD.replace(
            "SEQUENCE:0", "ATTENDEE;PARTSTAT=ACCEPTED:mailto:annan@example.se\nSEQUENCE:0"
        ).encode(),
        "error.reply_attendee_count",
    ),
    "delegated": (
        THUNDERBIRD.replace("PARTSTAT=TENTATIVE", "PARTSTAT=DELEGATED").encode(),
        "error.reply_partstat",
    ),
    "bad sequence": (GOOGLE.replace("SEQUENCE:0", "SEQUENCE:två").encode(), "error.reply_sequence"),
    "negative sequence": (
        GOOGLE.replace("SEQUENCE:0", "SEQUENCE:-1").encode(),
        "error.reply_sequence",
    ),
}


@pytest.mark.parametrize("case", list(_MALFORMED))
def test_malformed_files_raise_a_sentence(tmp_path: Path, case: str) -> None:
    data, key = _MALFORMED[case]
    path = tmp_path / "trasig.ics"
    path.write_bytes(data.replace(b"\r\n", b"\n").replace(b"\n", b"\r\n"))
    with pytest.raises(QuorumError) as err:
        parse_reply(path.read_bytes())
    assert err.value.key == key
    for lang in ("sv", "en"):
        sentence = err.value.sentence(lang)
        assert sentence != key and sentence.endswith((".", ")")) and "{" not in sentence


def test_every_reply_key_has_both_languages() -> None:
    catalogs = i18n._load()
    for key in ("error.reply_stale", "error.reply_unknown_attendee", "reply.applied"):
        assert catalogs["sv"][key] != catalogs["en"][key]
