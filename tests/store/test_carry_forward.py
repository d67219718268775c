"""Open action items and deferred items follow a network into its next meeting."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from quorum.store.carry_forward import carry_forward, deferred_items, followup_text, open_actions
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    ItemState,
    Meeting,
    MeetingStatus,
)
from quorum.store.templates import agenda_from_template, standard_template

ZONE = ZoneInfo("Europe/Stockholm")


def meeting(mid: str, day: date, agenda=(), status=MeetingStatus.HELD) -> Meeting:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=ZONE)
    return Meeting(
        id=mid,
        network_id="1",
        title="Träff",
        start=start,
        end=start + timedelta(hours=3),
        agenda=tuple(agenda),
        status=status,
    )


def with_actions(*actions: ActionItem, state=ItemState.DONE, title="Aktuella frågor") -> AgendaItem:
    return AgendaItem(id=title[:6], title=title, actions=actions, state=state)


OPEN = ActionItem("a1", "Ta fram utkast", owner_id="7", due=date(2027, 2, 1))
DONE = ActionItem("a2", "Boka lokal", owner_name="Nora", status=ActionStatus.DONE)
OPEN_NO_OWNER = ActionItem("a3", "Sammanställa APL-platser")

NAMES = {"7": "Lena Öberg"}
NEXT = datetime(2027, 3, 12, 9, tzinfo=ZONE)


def history() -> list[Meeting]:
    return [
        meeting("1", date(2027, 1, 15), [with_actions(OPEN, DONE)]),
        meeting(
            "2",
            date(2027, 2, 12),
            [
                with_actions(OPEN_NO_OWNER),
                AgendaItem(
                    id="d",
                    title="Lovskolor",
                    minutes=20,
                    description="Förslag",
                    state=ItemState.DEFERRED,
                    notes="hann inte",
                ),
            ],
        ),
        meeting(
            "3",
            date(2027, 2, 26),
            [with_actions(ActionItem("x", "Inställt"))],
            status=MeetingStatus.CANCELLED,
        ),
        meeting("4", date(2027, 4, 9), [with_actions(ActionItem("y", "Senare"))]),
    ]


def test_open_actions_are_those_of_earlier_meetings_that_are_still_open():
    found = open_actions(history(), NEXT)
    assert [(oa.action.text, oa.meeting.id) for oa in found] == [
        ("Ta fram utkast", "1"),
        ("Sammanställa APL-platser", "2"),
    ]


def test_followup_text_names_owner_due_date_and_origin():
    text = followup_text(open_actions(history(), NEXT), NAMES, "sv")
    assert "- Ta fram utkast — Lena Öberg, senast 2027-02-01 (från mötet 2027-01-15)" in text
    assert (
        "- Sammanställa APL-platser — ingen ansvarig, senast inget datum (från mötet 2027-02-12)"
        in text
    )
    assert followup_text([], NAMES, "en") == "No open action items from earlier meetings."


def test_deferred_items_are_fresh_copies_that_remember_their_origin():
    copies = deferred_items(history()[1])
    assert len(copies) == 1
    (copy,) = copies
    assert copy.title == "Lovskolor" and copy.minutes == 20 and copy.deferred_from == "2"
    assert copy.notes == "" and copy.state == ItemState.OPEN and copy.id != "d"
    assert deferred_items(None) == ()


def test_the_new_agenda_lists_open_actions_and_takes_deferred_items_before_aob():
    agenda = carry_forward(
        agenda_from_template(standard_template("sv")), history(), NEXT, NAMES, "sv"
    )
    followup = next(i for i in agenda if i.followup)
    assert "Ta fram utkast — Lena Öberg" in followup.description
    assert "Boka lokal" not in followup.description and "Senare" not in followup.description
    titles = [i.title for i in agenda]
    assert titles.index("Lovskolor") == titles.index("Övriga frågor") - 1
    assert len(agenda) == len(standard_template("sv").items) + 1


def test_an_agenda_without_a_followup_item_gets_one_when_there_is_something_open():
    bare = (AgendaItem(id="z", title="Enda punkten"),)
    agenda = carry_forward(bare, history(), NEXT, NAMES, "en")
    assert agenda[0].followup and agenda[0].title == "Follow-up of action items"
    assert "Ta fram utkast — Lena Öberg, due 2027-02-01" in agenda[0].description
    assert carry_forward(bare, [], NEXT, NAMES, "en") == bare
