"""Calendar objects and vCards for a server: every object parses with icalendar and
vobject, passes the project's iCalendar checks, and reads back to the same sync document;
a standard property edited in another program comes back as that edit."""

from __future__ import annotations

from datetime import date, datetime, timedelta

import pytest
import vobject
from icalendar import Calendar

from quorum.exports import dav_objects, vcard
from quorum.store.organiser import Organiser, OrganiserSource
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    Approval,
    MeetingStatus,
    Role,
    Rsvp,
    replace,
)
from quorum.store.sync_model import (
    action_doc,
    flatten,
    meeting_doc,
    network_doc,
    organisation_doc,
    person_doc,
)
from tests.exports.conftest import NOW, World
from tests.exports.ics_checks import check_structure, read_with_vobject


def _with_action(world: World):
    action = ActionItem(
        "ac1", "Skicka underlaget; till alla", owner_id="3", due=date(2027, 4, 1), done_note="x"
    )
    item = replace(world.march.agenda[2], actions=(action,), notes="Anteckning, med\nrader")
    meeting = world.march.with_item(item)
    return meeting, item, action


def _event(world: World, meeting=None) -> bytes:
    meeting = meeting or world.march
    organiser = Organiser(world.coordinator, OrganiserSource.COORDINATOR)
    return dav_objects.event(meeting, world.network, world.people, organiser, NOW)


def _set(data: bytes, name: str, value: str) -> bytes:
    """Edit a property the way another program would: parse, change, serialise."""
    cal = Calendar.from_ical(data)
    for component in cal.subcomponents:
        if component.name in ("VEVENT", "VTODO"):
            component.pop(name, None)
            component.add(name, value)
    return cal.to_ical()


def test_a_meeting_event_passes_the_checks_and_reads_back_unchanged(world: World) -> None:
    meeting, _, _ = _with_action(world)
    data = _event(world, meeting)
    names = check_structure(data)
    assert "X-QUORUM-DATA" in names and "METHOD" not in names
    vevent = read_with_vobject(data).vevent
    assert vevent.uid.value == meeting.uid
    assert vevent.attendee.params["SCHEDULE-AGENT"] == ["CLIENT"]
    parsed = dav_objects.read_calendar_object(data)
    assert parsed.kind == "meeting" and parsed.uid == meeting.uid
    assert parsed.meeting is not None
    assert meeting_doc(parsed.meeting) == meeting_doc(replace(meeting, network_id=""))
    assert parsed.rsvps["asa.oberg@skaraborg.example.se"] is Rsvp.ACCEPTED
    # the action items travel as VTODOs, not in the event
    assert "Skicka underlaget" not in data.decode()


def test_an_event_edited_elsewhere_brings_the_edit(world: World) -> None:
    data = _event(world)
    data = _set(data, "SUMMARY", "Nätverksträff flyttad")
    data = _set(data, "LOCATION", "Rådhuset / https://meet.example.se/j/123?pwd=a,b")
    parsed = dav_objects.read_calendar_object(data)
    assert parsed.meeting is not None
    assert parsed.meeting.title == "Nätverksträff flyttad"
    assert parsed.meeting.place == "Rådhuset"
    cal = Calendar.from_ical(_event(world))
    vevent = next(c for c in cal.subcomponents if c.name == "VEVENT")
    vevent["DTSTART"].dt += timedelta(hours=1)
    vevent["DTEND"].dt += timedelta(hours=1)
    vevent["STATUS"] = "CANCELLED"
    moved = dav_objects.read_calendar_object(cal.to_ical()).meeting
    assert moved is not None
    assert moved.start == world.march.start + timedelta(hours=1)
    assert moved.status is MeetingStatus.CANCELLED


def test_an_action_is_a_vtodo_related_to_its_meeting(world: World) -> None:
    meeting, item, action = _with_action(world)
    data = dav_objects.todo(meeting, item, action, world.people["3"], NOW)
    check_structure(data)
    vtodo = read_with_vobject(data).vtodo
    assert vtodo.related_to.value == meeting.uid
    assert vtodo.due.value == date(2027, 4, 1)
    assert vtodo.status.value == "NEEDS-ACTION"
    parsed = dav_objects.read_calendar_object(data)
    assert parsed.kind == "action" and parsed.action == action
    assert parsed.item_id == item.id and parsed.meeting_uid == meeting.uid
    assert action_doc(parsed.action, parsed.item_id, parsed.meeting_uid) == action_doc(
        action, item.id, meeting.uid
    )


def test_a_task_completed_on_a_phone_comes_back_done(world: World) -> None:
    meeting, item, action = _with_action(world)
    cal = Calendar.from_ical(dav_objects.todo(meeting, item, action, None, NOW))
    vtodo = next(c for c in cal.subcomponents if c.name == "VTODO")
    vtodo["STATUS"] = "COMPLETED"
    vtodo.add("COMPLETED", datetime(2027, 3, 20, 8, 0, tzinfo=meeting.zone))
    vtodo.pop("DUE")
    vtodo.add("DUE", date(2027, 5, 2))
    parsed = dav_objects.read_calendar_object(cal.to_ical())
    assert parsed.action is not None
    assert parsed.action.status is ActionStatus.DONE
    assert parsed.action.done_on == date(2027, 3, 20)
    assert parsed.action.due == date(2027, 5, 2)
    done = replace(action, status=ActionStatus.DONE, done_on=date(2027, 3, 20))
    again = dav_objects.read_calendar_object(dav_objects.todo(meeting, item, done, None, NOW))
    assert again.action == done


def test_approved_minutes_are_a_vjournal(world: World) -> None:
    meeting = replace(
        world.march,
        status=MeetingStatus.APPROVED,
        approvals=(Approval("Åsa Öberg", date(2027, 3, 20)),),
    )
    data = dav_objects.journal(meeting, "Minnesanteckningar: Nätverksträff", "§ 1. Text", NOW)
    check_structure(data)
    vjournal = read_with_vobject(data).vjournal
    assert vjournal.related_to.value == meeting.uid
    assert dav_objects.read_calendar_object(data).kind == "minutes"


@pytest.mark.parametrize("share", [(True, True), (False, True), (True, False), (False, False)])
def test_a_person_card_shares_only_what_the_person_agreed_to(world: World, share) -> None:
    email, phone = share
    person = replace(world.people["2"], phone="070-123 45 67")
    org = world.organisations["2"]
    data = vcard.person_card(person, org, Role.CHAIR, email, phone)
    card = vobject.readOne(data.decode())
    assert card.fn.value == "Lindström, Björn"
    assert (person.email in data.decode()) is email
    assert ("070-123 45 67" in data.decode()) is phone
    parsed = vcard.read_card(data)
    assert parsed.kind == "person" and parsed.person is not None and parsed.role is Role.CHAIR
    wanted = person_doc(person, Role.CHAIR, {"email": email, "phone": phone})
    assert person_doc(parsed.person, Role.CHAIR, parsed.share) == wanted


def test_a_new_phone_number_typed_in_a_contacts_program_comes_back(world: World) -> None:
    data = vcard.person_card(world.people["3"], None, Role.MEMBER, True, True)
    card = vobject.readOne(data.decode())
    card.add("tel").value = "0500-44 55 66"
    card.title.value = "Studie- och yrkesvägledare"
    parsed = vcard.read_card(card.serialize())
    assert parsed.person is not None
    assert parsed.person.phone == "0500-44 55 66"
    assert parsed.person.title == "Studie- och yrkesvägledare"


def test_organisation_and_network_cards_round_trip(world: World) -> None:
    org = world.organisations["3"]
    parsed = vcard.read_card(vcard.organisation_card(org))
    assert parsed.organisation == org
    network = replace(world.network, member_org_ids=("1", "2"))
    back = vcard.read_card(vcard.network_card(network))
    assert back.network is not None
    assert network_doc(back.network) == network_doc(network)
    assert organisation_doc(org) == organisation_doc(parsed.organisation)


def test_flatten_keeps_every_item_field_apart(world: World) -> None:
    flat = flatten(meeting_doc(world.march))
    assert flat["agenda#order"] == ["a1", "a2", "a3", "a4"]
    assert flat["agenda/a3/title"].startswith("Gemensam antagning")
    assert flat["attendance/1/rsvp"] == "accepted"
