"""The calendar rules on the demo network, as the lead's demo builds it."""

from __future__ import annotations

from datetime import timedelta

from quorum.exports.ics import cancel, invite, invitees, mark_sent, next_sequence, year_plan
from quorum.exports.ics_reply import apply_reply, parse_reply
from quorum.exports.mail import invite_mail
from quorum.store.records import MeetingStatus, Rsvp, replace
from tests.conftest import DEMO_NOW
from tests.exports.ics_checks import check_structure, events, only_event, parse, read_with_vobject


def _world(store):  # type: ignore[no-untyped-def]
    network = store.networks()[0]
    people = {p.id: p for p in store.people()}
    return network, people, store.meetings(network.id)


def test_every_demo_meeting_with_invitees_exports_cleanly(demo_store) -> None:  # type: ignore[no-untyped-def]
    network, people, meetings = _world(demo_store)
    exported = 0
    for meeting in meetings:
        if not invitees(meeting, people):
            continue
        data = invite(meeting, network, people, None, DEMO_NOW)
        check_structure(data)
        event = only_event(data)
        assert parse(data)["METHOD"] == "REQUEST"
        assert str(event["UID"]) == meeting.uid
        assert len(event["ATTENDEE"]) == len(invitees(meeting, people))
        assert event.start == meeting.start
        assert read_with_vobject(data).vevent.dtstart.value == meeting.start
        mail = invite_mail(meeting, network, people, None, data, DEMO_NOW)
        assert b"text/calendar" in mail
        exported += 1
    assert exported >= 3


def test_demo_update_after_time_change_and_cancel(demo_store) -> None:  # type: ignore[no-untyped-def]
    network, people, meetings = _world(demo_store)
    upcoming = next(m for m in meetings if m.status is MeetingStatus.INVITED)
    assert not upcoming.invite_outdated  # the demo's invite was sent as it stands
    first = only_event(invite(upcoming, network, people, None, DEMO_NOW))

    moved = replace(
        upcoming, start=upcoming.start + timedelta(hours=1), end=upcoming.end + timedelta(hours=1)
    )
    demo_store.save_meeting(mark_sent(moved))
    stored = demo_store.meeting(upcoming.id)
    assert (stored.sequence, stored.invite_outdated) == (first["SEQUENCE"] + 1, False)
    second = only_event(invite(stored, network, people, None, DEMO_NOW))
    assert second["UID"] == first["UID"] and second["SEQUENCE"] == first["SEQUENCE"] + 1

    data = cancel(stored, network, people, None, DEMO_NOW)
    assert parse(data)["METHOD"] == "CANCEL"
    event = only_event(data)
    assert event["STATUS"] == "CANCELLED" and event["UID"] == first["UID"]
    assert event["SEQUENCE"] == next_sequence(replace(stored, status=MeetingStatus.CANCELLED))
    assert event["SEQUENCE"] > second["SEQUENCE"]


def test_demo_year_plans(demo_store) -> None:  # type: ignore[no-untyped-def]
    network, people, meetings = _world(demo_store)
    for year in {m.start.year for m in meetings}:
        data = year_plan(network, meetings, people, None, year, DEMO_NOW)
        check_structure(data)
        found = events(data)
        expected = [m for m in meetings if m.start.year == year]
        assert [str(e["UID"]) for e in found] == [m.uid for m in expected]
        for event, meeting in zip(found, expected, strict=True):
            assert "ATTENDEE" not in event and "ORGANIZER" in event
            cancelled = meeting.status is MeetingStatus.CANCELLED
            assert event["STATUS"] == ("CANCELLED" if cancelled else "CONFIRMED")
        assert len(read_with_vobject(data).contents.get("vevent", [])) == len(expected)


def test_demo_reply_round_trip(demo_store) -> None:  # type: ignore[no-untyped-def]
    network, people, meetings = _world(demo_store)
    upcoming = next(m for m in meetings if m.status is MeetingStatus.INVITED)
    cal = parse(invite(upcoming, network, people, None, DEMO_NOW))
    cal["METHOD"] = "REPLY"
    event = cal.walk("VEVENT")[0]
    replier = event["ATTENDEE"][1]
    replier.params["PARTSTAT"] = "DECLINED"
    event["ATTENDEE"] = replier
    updated, sentence = apply_reply(upcoming, people, parse_reply(cal.to_ical()), lang="sv")
    email = str(replier)[len("mailto:") :]
    [changed] = [
        a
        for a in updated.attendance
        if a.rsvp != next(b for b in upcoming.attendance if b.key == a.key).rsvp
    ]
    person = people.get(changed.person_id or "")
    assert (person.email if person else changed.guest_email) == email
    assert changed.rsvp is Rsvp.DECLINED and "kommer inte" in sentence
