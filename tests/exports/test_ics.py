"""Issue 6's rules for calendar invites, each tested on real icalendar/vobject parsing."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from quorum.exports.ics import cancel, invite, mark_sent, next_sequence, year_plan
from quorum.exports.ics_tz import vtimezone
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.records import AgendaItem, Attendance, MeetingStatus, replace
from quorum.store.text_rules import as_stored
from tests.exports.conftest import NOW, STOCKHOLM, World
from tests.exports.ics_checks import (
    check_structure,
    events,
    logical_lines,
    only_event,
    parse,
    read_with_vobject,
)


def _invite(world: World, meeting=None, **kw) -> bytes:
    return invite(meeting or world.march, world.network, world.people, None, NOW, **kw)


def _raw_lines(data: bytes) -> list[str]:
    return [line for line, _ in logical_lines(data)]


# --- REQUEST: one VEVENT, one ORGANIZER, attendees ---------------------------------------


def test_invite_is_a_request_with_one_event_and_one_organiser(world: World) -> None:
    data = _invite(world)
    cal = parse(data)
    assert cal["METHOD"] == "REQUEST"
    assert cal["VERSION"] == "2.0" and cal["PRODID"]
    event = only_event(data)  # Outlook ignores every VEVENT after the first
    assert str(event["UID"]) == "c0ffee0001@quorum"
    organizer = event["ORGANIZER"]
    assert not isinstance(organizer, list)
    assert str(organizer) == "mailto:asa.oberg@skaraborg.example.se"
    assert organizer.params["CN"] == "Åsa Öberg"
    assert str(event["SUMMARY"]) == "Nätverksträff"
    assert event["STATUS"] == "CONFIRMED"
    assert event["SEQUENCE"] == 0


def test_attendees_carry_cn_role_partstat_and_rsvp(world: World) -> None:
    event = only_event(_invite(world))
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert set(attendees) == {
        "mailto:asa.oberg@skaraborg.example.se",
        "mailto:bjorn.lindstrom@lidkoping.example.se",
        "mailto:marta.angstrom@skovde.example.se",
        "mailto:per.jonsson@his.example.se",
        "mailto:gast@foretag.example.se",  # guests are invited too; the one without e-mail not
    }
    # The chair is the organiser here (the coordinator): not asked to reply to herself.
    chair = attendees["mailto:asa.oberg@skaraborg.example.se"]
    assert (chair["ROLE"], chair["PARTSTAT"], chair["RSVP"]) == ("CHAIR", "ACCEPTED", "FALSE")
    bjorn = attendees["mailto:bjorn.lindstrom@lidkoping.example.se"]
    assert bjorn["CN"] == "Lindström, Björn"
    assert (bjorn["ROLE"], bjorn["PARTSTAT"]) == ("REQ-PARTICIPANT", "NEEDS-ACTION")
    secretary = attendees["mailto:marta.angstrom@skovde.example.se"]
    assert (secretary["ROLE"], secretary["PARTSTAT"]) == ("REQ-PARTICIPANT", "TENTATIVE")
    optional = attendees["mailto:per.jonsson@his.example.se"]
    assert optional["CN"] == 'Jönsson; Per "PJ"'
    assert (optional["ROLE"], optional["PARTSTAT"]) == ("OPT-PARTICIPANT", "DECLINED")
    guest = attendees["mailto:gast@foretag.example.se"]
    assert guest["CN"] == "Gäst Gästsson" and guest["RSVP"] == "TRUE"


def test_parameter_values_with_comma_semicolon_or_quote_are_quoted(world: World) -> None:
    lines = _raw_lines(_invite(world))
    assert any('CN="Lindström, Björn"' in line for line in lines)
    # A double quote cannot appear inside a quoted value: RFC 6868 writes it as ^'.
    assert any("CN=\"Jönsson; Per ^'PJ^'\"" in line for line in lines)


def test_a_person_added_twice_is_invited_once(world: World) -> None:
    twice = Attendance(guest_name="Björn igen", guest_email="BJORN.lindstrom@lidkoping.example.se")
    meeting = replace(world.march, attendance=(*world.march.attendance, twice))
    event = only_event(_invite(world, meeting))
    assert len(event["ATTENDEE"]) == 5


def test_no_invitee_with_email_is_an_error_with_a_sentence(world: World) -> None:
    meeting = replace(world.march, attendance=(Attendance(guest_name="Utan Adress"),))
    with pytest.raises(QuorumError) as err:
        _invite(world, meeting)
    assert err.value.key == "error.ics_no_attendees"
    assert "e-post" in err.value.sentence("sv")


def test_without_an_organiser_the_invite_is_refused(world: World) -> None:
    network = replace(world.network, coordinator_id=None)
    meeting = replace(world.march, chair_id=None, host_org_id=None)
    with pytest.raises(QuorumError) as err:
        invite(meeting, network, world.people, None, NOW)
    assert err.value.key == "error.ics_no_organiser"


def test_an_explicit_organiser_wins(world: World) -> None:
    host = world.people["3"]
    event = only_event(invite(world.march, world.network, world.people, host, NOW))
    assert str(event["ORGANIZER"]) == "mailto:marta.angstrom@skovde.example.se"


# --- time: TZID, VTIMEZONE with RRULE, DTSTAMP ------------------------------------------


@pytest.mark.parametrize("which, offset", [("march", 1), ("june", 2)])
def test_times_have_tzid_and_a_matching_rrule_vtimezone(world: World, which, offset) -> None:
    meeting = getattr(world, which)
    data = _invite(world, meeting)
    lines = _raw_lines(data)
    start = [line for line in lines if line.startswith("DTSTART;")]
    assert start == [f"DTSTART;TZID=Europe/Stockholm:{meeting.start:%Y%m%dT%H%M%S}"]
    assert any(line.startswith("DTEND;TZID=Europe/Stockholm:") for line in lines)
    cal = parse(data)
    [tz] = cal.walk("VTIMEZONE")
    assert tz["TZID"] == "Europe/Stockholm"
    observances = tz.walk("STANDARD") + tz.walk("DAYLIGHT")
    assert len(observances) == 2
    assert all("RRULE" in o and "RDATE" not in o for o in observances)
    assert "RDATE" not in data.decode()
    event = only_event(data)
    assert event.start == meeting.start
    assert event.start.utcoffset() == timedelta(hours=offset)
    # No floating times: the only DTSTART without TZID are the VTIMEZONE observances.
    floating = [line for line in lines if line.startswith(("DTSTART:", "DTEND:"))]
    assert len(floating) == len(observances)


def test_vtimezone_rules_agree_with_the_zone_all_year() -> None:
    """The RRULE observances give the same offset as zoneinfo for every hour of the year."""
    zone = ZoneInfo("Europe/Stockholm")
    tzinfo = vtimezone("Europe/Stockholm", 2027, 2027).to_tz()
    moment = datetime(2027, 1, 1, tzinfo=UTC)
    while moment.year == 2027:
        assert moment.astimezone(tzinfo).utcoffset() == moment.astimezone(zone).utcoffset()
        moment += timedelta(hours=1)


@pytest.mark.parametrize("tz", ["America/New_York", "Australia/Sydney", "Europe/London"])
def test_other_zones_also_get_rrules(tz: str) -> None:
    text = vtimezone(tz, 2027, 2028).to_ical().decode()
    assert "RRULE" in text and "RDATE" not in text


def test_a_zone_without_summer_time_has_one_observance() -> None:
    tz = vtimezone("Asia/Tokyo", 2027, 2027)
    assert len(tz.subcomponents) == 1 and "RDATE" not in tz.to_ical().decode()


def test_vobject_reads_the_times_through_our_vtimezone(world: World) -> None:
    for meeting in (world.march, world.june):
        event = read_with_vobject(_invite(world, meeting)).vevent
        assert event.dtstart.value == meeting.start
        assert event.dtstart.value.utcoffset() == meeting.start.utcoffset()
        assert event.dtend.value == meeting.end


def test_the_vtimezone_alone_gives_the_right_offsets(world: World) -> None:
    """Renamed to a zone no library knows, only our VTIMEZONE can place the meeting."""
    for meeting in (world.march, world.june):
        data = _invite(world, meeting).replace(b"Europe/Stockholm", b"Quorum/Unknown")
        start = read_with_vobject(data).vevent.dtstart.value
        assert type(start.tzinfo).__name__ == "_tzicalvtz"  # dateutil's VTIMEZONE reader
        assert start.utcoffset() == meeting.start.utcoffset()
        assert start.astimezone(UTC) == meeting.start.astimezone(UTC)


def test_dtstamp_once_and_in_utc(world: World) -> None:
    data = _invite(world)
    stamps = [line for line in _raw_lines(data) if line.startswith("DTSTAMP")]
    assert stamps == ["DTSTAMP:20270220T143015Z"]
    assert only_event(data).DTSTAMP == NOW


def test_now_must_be_aware(world: World) -> None:
    with pytest.raises(ValidationError):
        invite(world.march, world.network, world.people, None, datetime(2027, 2, 20, 12))


# --- text: DESCRIPTION, LOCATION, URL, VALARM ---------------------------------------------


def test_agenda_is_plain_text_in_description(world: World) -> None:
    description = str(only_event(_invite(world))["DESCRIPTION"])
    assert "Dagordning" in description
    assert "1. 09.00 Mötets öppnande – Åsa Öberg" in description
    assert "2. 09.10 Uppföljning av åtgärder" in description
    assert (
        "3. 09.30 Gemensam antagning 2028: förslag, synpunkter; beslut"
        " – Karin från antagningskansliet" in description
    )
    assert "   Läs särskilt avsnitt 3." in description
    assert "4. 10.15 Övriga frågor" in description
    assert "Tid: fredag 12 mars 2027 kl. 09.00–12.00" in description
    assert "Verksamhetsplan 2027 (bifogad)" in description
    assert "<" not in description  # plain text, no HTML


def test_english_invite_speaks_english(world: World) -> None:
    description = str(only_event(_invite(world, lang="en"))["DESCRIPTION"])
    assert "Agenda" in description and "When: Friday 12 March 2027, 09:00–12:00" in description


def test_place_and_online_link(world: World) -> None:
    event = only_event(_invite(world))
    link = "https://meet.example.se/j/123?pwd=a,b"
    assert str(event["LOCATION"]) == f"Stadshuset, sal 3; Skövde / {link}"
    assert str(event["URL"]) == link
    assert f"Delta på distans: {link}" in str(event["DESCRIPTION"])


def test_a_link_that_is_not_a_uri_stays_out_of_url(world: World) -> None:
    with as_stored():  # the text rule refuses it now; an older archive may hold it
        meeting = replace(world.march, online_link="Teams (länk kommer)\nURL:https://evil")
    data = _invite(world, meeting)
    event = only_event(data)
    assert "URL" not in event
    assert "evil" not in str(event["LOCATION"])  # not a web address: not shown as the link
    assert not any(line.startswith("URL") for line in _raw_lines(data))


@pytest.mark.parametrize(
    "link", ["javascript:alert(1)", "data:text/html,<script>x</script>", "file:///etc/passwd"]
)
def test_a_link_of_another_scheme_from_an_old_archive_never_becomes_the_url(
    world: World, link: str
) -> None:
    with as_stored():
        meeting = replace(world.march, online_link=link)
    event = only_event(_invite(world, meeting))
    assert "URL" not in event


def test_a_web_link_is_the_url(world: World) -> None:
    meeting = replace(world.march, online_link="https://meet.example.se/rum?id=1")
    assert str(only_event(_invite(world, meeting))["URL"]) == "https://meet.example.se/rum?id=1"


def test_a_newline_in_an_old_title_or_place_never_breaks_summary_or_location(
    world: World,
) -> None:
    with as_stored():
        meeting = replace(world.march, title="Möte\nDTSTART:20000101", place="Rum 1\r\nhus B")
    data = _invite(world, meeting)
    lines = _raw_lines(data)
    assert "SUMMARY:Möte DTSTART:20000101" in lines
    assert any(line.startswith("LOCATION:Rum 1 hus B") for line in lines)
    assert str(only_event(data)["SUMMARY"]) == "Möte DTSTART:20000101"


def test_noncharacters_and_controls_from_an_old_archive_never_reach_the_file(world: World) -> None:
    with as_stored():
        meeting = replace(
            world.march,
            title="Plan\ufffe\U0001ffff\ufdd0ering",
            documents="Läs \x1b[31mdetta\x00\u202e",
        )
    data = _invite(world, meeting)
    check_structure(data)  # asserts no control character and no noncharacter
    assert str(only_event(data)["SUMMARY"]) == "Planering"


def test_alarm_the_day_before_with_description(world: World) -> None:
    [alarm] = only_event(_invite(world)).walk("VALARM")
    assert alarm["ACTION"] == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "I morgon: Nätverksträff kl. 09.00"
    assert alarm["TRIGGER"].dt == timedelta(days=-1)


# --- bytes: UTF-8, CRLF, folding ------------------------------------------------------------


def test_utf8_crlf_and_folding(world: World) -> None:
    long_title = "Årsplanering, budget; uppföljning \\ och 🎉 " * 4
    meeting = replace(world.march, title=long_title.strip())
    data = _invite(world, meeting)
    check_structure(data)  # ≤ 75 octets, CRLF only, each line valid UTF-8, no cut escape
    assert "Nätverksträff".encode() in _invite(world)  # UTF-8, not Latin-1 or "Ã¤"
    assert str(only_event(data)["SUMMARY"]) == long_title.strip()


def test_text_is_escaped_never_a_raw_newline(world: World) -> None:
    meeting = replace(
        world.march, place="Rum 1, plan 2; hus \\C", documents="Budget\nIngång från gården"
    )
    lines = _raw_lines(_invite(world, meeting))
    [location] = [line for line in lines if line.startswith("LOCATION")]
    assert location.startswith("LOCATION:Rum 1\\, plan 2\\; hus \\\\C")
    assert any(
        line.startswith("DESCRIPTION") and "Budget\\nIngång från gården" in line for line in lines
    )


def test_a_literal_backslash_n_is_not_turned_into_a_newline(world: World) -> None:
    # icalendar 7.3's own escaping turns "\N" into a line break; ours does not.
    meeting = replace(world.march, title="Filer på G:\\Nätverk\\Nyheter")
    assert str(only_event(_invite(world, meeting))["SUMMARY"]) == "Filer på G:\\Nätverk\\Nyheter"


# --- SEQUENCE: updates and outdated invites ------------------------------------------------


def test_update_after_time_change_keeps_uid_and_raises_sequence(world: World) -> None:
    sent = mark_sent(world.march)
    assert sent.status is MeetingStatus.INVITED
    assert (sent.sequence, sent.sent_sequence) == (0, 0)
    assert not sent.invite_outdated
    first = only_event(invite(sent, world.network, world.people, None, NOW))

    moved = replace(
        sent,
        start=sent.start + timedelta(days=7, hours=1),
        end=sent.end + timedelta(days=7, hours=1),
    )
    assert moved.invite_outdated
    assert next_sequence(moved) == 1
    resent = mark_sent(moved)
    assert (resent.sequence, resent.sent_sequence, resent.invite_outdated) == (1, 1, False)
    second = only_event(invite(resent, world.network, world.people, None, NOW + timedelta(days=1)))
    assert second["UID"] == first["UID"]
    assert second["SEQUENCE"] == first["SEQUENCE"] + 1
    assert second.start == datetime(2027, 3, 19, 10, 0, tzinfo=STOCKHOLM)


def test_rendering_before_marking_gives_the_sequence_marking_records(world: World) -> None:
    sent = mark_sent(world.march)
    moved = replace(sent, place="Rådhuset, Lidköping")
    unmarked = only_event(invite(moved, world.network, world.people, None, NOW))
    marked = only_event(invite(mark_sent(moved), world.network, world.people, None, NOW))
    assert unmarked["SEQUENCE"] == marked["SEQUENCE"] == 1


@pytest.mark.parametrize(
    "change",
    [
        {"place": "Annat rum"},
        {"online_link": "https://annan.example.se"},
        {"status": MeetingStatus.CANCELLED},
        {"title": "Extra nätverksträff"},
        {"agenda": (AgendaItem("z", "Ny punkt"),)},
    ],
)
def test_sequence_goes_up_when_the_invite_would_change(world: World, change) -> None:
    sent = mark_sent(world.march)
    changed = replace(sent, **change)
    assert changed.invite_outdated and next_sequence(changed) == sent.sequence + 1


def test_sequence_stays_when_nothing_the_invite_shows_changed(world: World) -> None:
    sent = mark_sent(world.march)
    again = mark_sent(sent)
    assert again.sequence == sent.sequence
    # Holding the meeting or writing minutes does not make the invite out of date.
    held = replace(sent, status=MeetingStatus.HELD)
    assert not held.invite_outdated and next_sequence(held) == sent.sequence
    rsvp = replace(sent, attendance=(Attendance(person_id="2"),))
    assert not rsvp.invite_outdated


def test_sequence_never_goes_down(world: World) -> None:
    meeting = replace(world.march, sequence=5, sent_sequence=3, sent_fingerprint="old")
    assert next_sequence(meeting) == 5
    assert mark_sent(meeting).sequence == 5


# --- CANCEL -----------------------------------------------------------------------------------


def test_cancel_has_same_uid_higher_sequence_and_status_cancelled(world: World) -> None:
    sent = mark_sent(world.march)
    data = cancel(sent, world.network, world.people, None, NOW)
    cal = parse(data)
    assert cal["METHOD"] == "CANCEL"
    event = only_event(data)
    assert event["UID"] == sent.uid
    assert event["STATUS"] == "CANCELLED"
    assert event["SEQUENCE"] == sent.sent_sequence + 1
    assert len(event["ATTENDEE"]) == 5  # the whole event is cancelled for everyone
    assert "INSTÄLLT" in str(event["DESCRIPTION"])
    # Marking the cancellation sent records that SEQUENCE; cancelling again repeats it.
    cancelled = mark_sent(replace(sent, status=MeetingStatus.CANCELLED))
    assert cancelled.sequence == event["SEQUENCE"]
    again = only_event(cancel(cancelled, world.network, world.people, None, NOW))
    assert again["SEQUENCE"] == event["SEQUENCE"]
    check_structure(data)
    assert read_with_vobject(data).vevent.status.value == "CANCELLED"


def test_a_cancellation_goes_out_above_an_invite_sent_as_sequence_0(world: World) -> None:
    # What the demo and quorum before this fix recorded for a cancelled meeting: the
    # cancelled state marked as sent with the invite's SEQUENCE 0. RFC 5546 needs the
    # CANCEL above the REQUEST's SEQUENCE, or a client keeps the meeting.
    invited = mark_sent(world.march)
    assert invited.sent_sequence == 0
    cancelled = replace(invited, status=MeetingStatus.CANCELLED)
    recorded = replace(cancelled, sent_fingerprint=cancelled.invite_fingerprint())
    assert not recorded.invite_outdated
    sent = mark_sent(recorded)
    assert sent.sequence == sent.sent_sequence == 1
    event = only_event(cancel(sent, world.network, world.people, None, NOW))
    assert event["SEQUENCE"] == 1
    unmarked = only_event(cancel(invited, world.network, world.people, None, NOW))
    assert unmarked["SEQUENCE"] == 1


def test_cancel_with_explicit_sequence(world: World) -> None:
    data = cancel(world.march, world.network, world.people, None, NOW, sequence=7)
    assert only_event(data)["SEQUENCE"] == 7


# --- PUBLISH: the year plan -------------------------------------------------------------------


def test_year_plan_publishes_every_meeting_of_the_year(world: World) -> None:
    next_year = replace(
        world.march,
        id="9",
        uid="other@quorum",
        start=world.march.start.replace(year=2028),
        end=world.march.end.replace(year=2028),
    )
    other_network = replace(world.june, id="8", network_id="2", uid="x@quorum")
    cancelled = replace(
        world.june,
        id="3",
        uid="c0ffee0003@quorum",
        title="Höstträff",
        status=MeetingStatus.CANCELLED,
        start=datetime(2027, 11, 5, 9, tzinfo=STOCKHOLM),
        end=datetime(2027, 11, 5, 12, tzinfo=STOCKHOLM),
    )
    meetings = [world.june, cancelled, next_year, other_network, world.march]
    data = year_plan(world.network, meetings, world.people, None, 2027, NOW)
    cal = parse(data)
    assert cal["METHOD"] == "PUBLISH"
    found = events(data)
    assert [str(e["UID"]) for e in found] == [
        "c0ffee0001@quorum",
        "c0ffee0002@quorum",
        "c0ffee0003@quorum",
    ]
    assert [e["STATUS"] for e in found] == ["CONFIRMED", "CONFIRMED", "CANCELLED"]
    for event in found:
        assert "ATTENDEE" not in event  # RFC 5546 §3.2.1
        assert str(event["ORGANIZER"]) == "mailto:asa.oberg@skaraborg.example.se"
        assert len(event.walk("VALARM")) == 1
    assert found[2].start.utcoffset() == timedelta(hours=1)  # November: winter time again
    check_structure(data)
    vcal = read_with_vobject(data)
    assert len(vcal.vevent_list) == 3


def test_year_plan_names_the_calendar_with_escaped_text(world: World) -> None:
    network = replace(world.network, name="Nätverket, Skaraborg; gymnasiet")
    data = year_plan(network, [world.march], world.people, None, 2027, NOW)
    lines = _raw_lines(data)
    expected = "Nätverket\\, Skaraborg\\; gymnasiet – möten 2027"
    assert f"X-WR-CALNAME:{expected}" in lines
    assert f"NAME:{expected}" in lines
    # icalendar reads NAME/X-WR-CALNAME back as unknown (raw) values; vobject unescapes them.
    vcal = read_with_vobject(data)
    assert vcal.x_wr_calname.value == "Nätverket, Skaraborg; gymnasiet – möten 2027"
    assert vcal.contents["name"][0].value == "Nätverket, Skaraborg; gymnasiet – möten 2027"
    assert "X-WR-TIMEZONE:Europe/Stockholm" in lines


def test_an_empty_year_is_still_a_valid_calendar(world: World) -> None:
    data = year_plan(world.network, [world.march], world.people, None, 2030, NOW)
    assert events(data) == []
    assert len(parse(data).walk("VTIMEZONE")) == 1  # VCALENDAR needs one component
    read_with_vobject(data)


def test_every_export_passes_structure_and_vobject(world: World) -> None:
    exports = [
        _invite(world),
        _invite(world, world.june),
        _invite(world, lang="en"),
        cancel(world.june, world.network, world.people, None, NOW),
        year_plan(world.network, [world.march, world.june], world.people, None, 2027, NOW),
    ]
    for data in exports:
        names = check_structure(data)
        assert names.count("DTSTAMP") == names.count("UID")
        parsed = read_with_vobject(data)
        assert parsed.name == "VCALENDAR"
        assert Calendar.from_ical(data).to_ical()  # icalendar reads and rewrites it


def test_the_people_dict_may_lack_a_person(world: World) -> None:
    people = {k: v for k, v in world.people.items() if k != "2"}
    event = only_event(invite(world.march, world.network, people, None, NOW))
    assert len(event["ATTENDEE"]) == 4


def test_renderer_is_pure(world: World) -> None:
    assert _invite(world) == _invite(world)
    assert world.march.sequence == 0 and world.march.sent_sequence is None
