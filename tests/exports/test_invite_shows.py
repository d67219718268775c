"""What the invite shows is declared once (store/invite_shows.py) and read by the
fingerprint, the invite text and the privacy check.

* every declared field reaches all three;
* every other field of a Meeting or an AgendaItem changes nothing the invite
  shows (each is listed here, so a new record field must be classified);
* a field added to the declaration — one that does not exist yet — reaches
  all three without touching them;
* an invite sent before the declaration existed is not reported out of date.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable, Iterator
from datetime import date, timedelta
from typing import Any

import pytest
from icalendar import Event

from quorum.exports.context import DocContext
from quorum.exports.ics import invite, mark_sent
from quorum.exports.mail import invite_body
from quorum.exports.privacy import personal_data
from quorum.store import invite_shows
from quorum.store.invite_shows import How, Shown
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Approval,
    Attendance,
    Decision,
    Formality,
    ItemKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Person,
    replace,
)
from tests.exports.conftest import NOW, STOCKHOLM, World, build_world
from tests.exports.ics_checks import only_event

WORLD = build_world()
# Someone the meeting does not name yet: naming them is a change the invite shows.
NEWCOMER = Person("9", "Nora Nykomling", "nora@example.se")
PEOPLE = {**WORLD.people, NEWCOMER.id: NEWCOMER}
TYPED = "Ändrat, fråga kontakt@example.se"
LINKED = "https://meet.example.se/rum?fraga=kontakt@example.se"
ITEM = 2  # the agenda item changed: presenter_text, no presenter_id, items after it


def _base() -> Meeting:
    return WORLD.march


def shown_by_invite(meeting: Meeting) -> tuple[str, ...]:
    """What a member sees of the invite: the event's text and times, and the mail body."""
    event: Event = only_event(invite(meeting, WORLD.network, PEOPLE, None, NOW, lang="sv"))
    seen = tuple(
        str(event.get(name, "")) for name in ("SUMMARY", "LOCATION", "URL", "DESCRIPTION", "STATUS")
    )
    times = (event.decoded("DTSTART").isoformat(), event.decoded("DTEND").isoformat())
    body = invite_body(meeting, WORLD.network, PEOPLE, WORLD.coordinator, "sv")
    return (*seen, *times, body)


def findings(meeting: Meeting) -> set[tuple[str, str]]:
    ctx = DocContext(meeting, WORLD.network, PEOPLE, WORLD.organisations, lang="sv")
    return {(f.kind, f.value) for f in personal_data(ctx)}


def changed_value(shown: Shown, record: Any) -> Any:
    """A valid new value for a declared field, one the invite would show."""
    value = getattr(record, shown.field)
    if shown.how is How.TEXT:
        return TYPED
    if shown.how is How.LINK:
        return LINKED
    if shown.how is How.PERSON:
        return NEWCOMER.id
    if shown.how is How.MOMENT:
        return value + timedelta(minutes=30)
    if shown.how is How.MINUTES:
        return value + 5
    return MeetingStatus.CANCELLED


def with_item(meeting: Meeting, **change: Any) -> Meeting:
    agenda = list(meeting.agenda)
    agenda[ITEM] = replace(agenda[ITEM], **change)
    return replace(meeting, agenda=tuple(agenda))


def declared() -> Iterator[tuple[str, Shown]]:
    yield from (("meeting", s) for s in invite_shows.MEETING)
    yield from (("item", s) for s in invite_shows.AGENDA_ITEM)


@pytest.mark.parametrize(("where", "shown"), list(declared()), ids=lambda v: getattr(v, "field", v))
def test_every_declared_field_reaches_fingerprint_invite_and_privacy(where: str, shown: Shown):
    before = _base()
    if where == "meeting":
        after = replace(before, **{shown.field: changed_value(shown, before)})
    else:
        item = before.agenda[ITEM]
        after = with_item(before, **{shown.field: changed_value(shown, item)})

    assert after.invite_fingerprint() != before.invite_fingerprint()
    assert shown_by_invite(after) != shown_by_invite(before)
    if shown.personal:
        new = findings(after) - findings(before)
        typed = shown.how in (How.TEXT, How.LINK)
        expected = ("email", "kontakt@example.se") if typed else None
        expected = expected or ("name", NEWCOMER.name)
        assert expected in new


# Fields the invite does not show, each with a change that must leave it as it was.
NOT_SHOWN_MEETING: dict[str, Callable[[Meeting], Any]] = {
    "id": lambda m: "77",
    "network_id": lambda m: "2",
    "formality": lambda m: Formality.FORMAL,
    "host_org_id": lambda m: "2",  # shown only in the year plan, which names the host itself
    "adjuster_ids": lambda m: ("2", "4"),
    "attendance": lambda m: (*m.attendance[:3], Attendance(person_id="9")),  # ATTENDEEs
    "actual_start": lambda m: m.start + timedelta(minutes=3),
    "actual_end": lambda m: m.end - timedelta(minutes=3),
    "current_item": lambda m: 2,
    "paused_at": lambda m: m.start + timedelta(hours=1),
    "item_started_at": lambda m: m.start + timedelta(minutes=40),
    "approvals": lambda m: (Approval("Märta Ängström", date(2027, 3, 20)),),
    "sent_sequence": lambda m: 0,
    "sent_fingerprint": lambda m: "2:0000000000000000",
    "signup_until": lambda m: m.day - timedelta(days=7),  # registration: not in the invite
    "paragraph_first": lambda m: 13,  # § numbers: the minutes print them, not the invite
    "paragraph_count": lambda m: 12,
}
NOT_SHOWN_ITEM: dict[str, Callable[[AgendaItem], Any]] = {
    "id": lambda i: "zz",
    "kind": lambda i: ItemKind.INFORMATION,
    "followup": lambda i: True,
    "notes": lambda i: "Anteckningar, ring 070-123 45 67",
    "decisions": lambda i: (Decision("d", "Beslutat"),),
    "actions": lambda i: (ActionItem("x", "Gör något"),),
    "spent_seconds": lambda i: 600,
    "state": lambda i: ItemState.DONE,
    "deferred_from": lambda i: "0",
}
# Not content: who the event is (UID) and which version (SEQUENCE) — the invite
# carries them, but they are how a calendar tells invites apart, not what it
# shows; the time zone is shown through start and end, which are declared; the
# language is the reader's, chosen when the invite is written.
NOT_CONTENT_MEETING = {"uid", "sequence", "tz", "language", "agenda"}


def test_every_record_field_is_declared_or_listed_here():
    meeting_fields = {f.name for f in dataclasses.fields(Meeting)}
    item_fields = {f.name for f in dataclasses.fields(AgendaItem)}
    shown_meeting = {s.field for s in invite_shows.MEETING}
    shown_item = {s.field for s in invite_shows.AGENDA_ITEM}
    assert meeting_fields == shown_meeting | set(NOT_SHOWN_MEETING) | NOT_CONTENT_MEETING
    assert item_fields == shown_item | set(NOT_SHOWN_ITEM)


@pytest.mark.parametrize("field", sorted(NOT_SHOWN_MEETING))
def test_a_meeting_field_not_declared_changes_nothing_the_invite_shows(field: str):
    before = _base()
    after = replace(before, **{field: NOT_SHOWN_MEETING[field](before)})
    assert getattr(after, field) != getattr(before, field)
    assert shown_by_invite(after) == shown_by_invite(before)
    assert after.invite_fingerprint() == before.invite_fingerprint()


@pytest.mark.parametrize("field", sorted(NOT_SHOWN_ITEM))
def test_an_item_field_not_declared_changes_nothing_the_invite_shows(field: str):
    before = _base()
    item = before.agenda[ITEM]
    after = with_item(before, **{field: NOT_SHOWN_ITEM[field](item)})
    assert getattr(after.agenda[ITEM], field) != getattr(item, field)
    assert shown_by_invite(after) == shown_by_invite(before)
    assert after.invite_fingerprint() == before.invite_fingerprint()


# --- a field that does not exist yet -------------------------------------------------------


@dataclasses.dataclass(frozen=True)
class MeetingWithParking(Meeting):
    parking: str = ""


@dataclasses.dataclass(frozen=True)
class ItemWithRoom(AgendaItem):
    room: str = ""


def _future_meeting(parking: str, room: str) -> Meeting:
    """The meeting as records with a parking note and a room per item would hold it."""
    base = _base()

    def future_item(index: int, item: AgendaItem) -> ItemWithRoom:
        fields = {f.name: getattr(item, f.name) for f in dataclasses.fields(AgendaItem)}
        return ItemWithRoom(**fields, room=room if index == ITEM else "")

    agenda = tuple(future_item(n, item) for n, item in enumerate(base.agenda))
    fields = {f.name: getattr(base, f.name) for f in dataclasses.fields(Meeting)}
    return MeetingWithParking(**{**fields, "agenda": agenda}, parking=parking)


def _reaches(parking_before: str, parking_after: str, room_before: str, room_after: str):
    before = _future_meeting(parking_before, room_before)
    after = _future_meeting(parking_after, room_after)
    text = "\n".join(shown_by_invite(after))
    return (
        after.invite_fingerprint() != before.invite_fingerprint(),
        parking_after in text and room_after in text,
        {("email", "p@example.se"), ("email", "r@example.se")} <= findings(after),
    )


def test_a_field_added_to_the_declaration_reaches_all_three(monkeypatch: pytest.MonkeyPatch):
    args = ("Gatan", "Parkering p@example.se", "Sal 1", "Sal 2 r@example.se")
    # Not declared: the fingerprint, the invite and the privacy check ignore both fields.
    assert _reaches(*args) == (False, False, False)

    # Declared, with the lines the invite gives them (any catalog line taking {value}).
    monkeypatch.setattr(
        invite_shows, "MEETING", (*invite_shows.MEETING, Shown("parking", How.TEXT, "ics.place"))
    )
    monkeypatch.setattr(
        invite_shows,
        "AGENDA_ITEM",
        (*invite_shows.AGENDA_ITEM, Shown("room", How.TEXT, "ics.place")),
    )
    assert _reaches(*args) == (True, True, True)


# --- invites sent before the declaration ---------------------------------------------------

# What quorum stored as sent_fingerprint for WORLD.march before store/invite_shows.py.
LEGACY_FINGERPRINT = "c7f918a8abf41ac3"


def test_an_invite_sent_before_the_upgrade_is_not_reported_out_of_date():
    sent = replace(_base(), sent_sequence=0, sent_fingerprint=LEGACY_FINGERPRINT)
    assert not sent.invite_outdated
    assert mark_sent(sent).sequence == 0  # nothing to send again
    moved = replace(sent, start=sent.start + timedelta(hours=1), end=sent.end + timedelta(hours=1))
    assert moved.invite_outdated
    resent = mark_sent(moved)
    assert (resent.sequence, resent.invite_outdated) == (1, False)
    assert resent.sent_fingerprint.startswith("2:")


def test_naming_a_new_chair_marks_the_sent_invite_out_of_date():
    # The invite names the chair; before the declaration a new chair sent no update.
    sent = mark_sent(_base())
    assert replace(sent, chair_id="2").invite_outdated
    assert not replace(sent, adjuster_ids=("2",)).invite_outdated


def test_the_world_is_what_these_tests_assume(world: World):
    item = world.march.agenda[ITEM]
    assert item.presenter_id is None and item.presenter_text and len(world.march.agenda) - 1 > ITEM
    assert world.march.start.tzinfo is not None and world.march.tz == str(STOCKHOLM)
    assert not {world.march.chair_id, world.march.secretary_id} & {"9"}
