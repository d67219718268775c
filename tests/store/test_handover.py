"""The hand-over: open action items and deferred items follow a network into its next
meeting — carried forward (pure), the next meeting named, and applied on a real Store in
tmp_path, once."""

from __future__ import annotations

from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from quorum.store.handover import (
    Handover,
    apply_handover,
    carry_forward,
    deferred_items,
    draft_meeting,
    followup_text,
    next_meeting_handover,
    open_actions,
)
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    ItemState,
    Meeting,
    MeetingStatus,
    replace,
)
from quorum.store.store import Store
from quorum.store.templates import agenda_from_template, standard_template
from tests.conftest import DEMO_TODAY
from tests.store.plan_fixtures import PEOPLE, meeting, network

ZONE = ZoneInfo("Europe/Stockholm")

# ------------------------------------------------------------- carrying forward


def held_on(mid: str, day: date, agenda=(), status=MeetingStatus.HELD) -> Meeting:
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
        held_on("1", date(2027, 1, 15), [with_actions(OPEN, DONE)]),
        held_on(
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
        held_on(
            "3",
            date(2027, 2, 26),
            [with_actions(ActionItem("x", "Inställt"))],
            status=MeetingStatus.CANCELLED,
        ),
        held_on("4", date(2027, 4, 9), [with_actions(ActionItem("y", "Senare"))]),
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


def test_a_deferred_items_notes_come_along_in_its_description():
    """Issue 12: deferring an item made an empty item in the next meeting."""
    held = history()[1]
    item = next(i for i in held.agenda if i.state == ItemState.DEFERRED)
    held = held.with_item(replace(item, notes="Underlag saknas; Lena tar fram det."))
    (copy,) = deferred_items(held)
    assert "Underlag saknas; Lena tar fram det." in copy.description
    assert held.day.isoformat() in copy.description
    assert copy.notes == ""  # the new meeting's minutes start empty


def test_the_new_agenda_has_a_live_followup_and_takes_deferred_items_after_it():
    agenda = carry_forward(agenda_from_template(standard_template("sv")), history(), NEXT, "sv")
    followup = next(i for i in agenda if i.followup)
    # No copy of the open actions: they are derived when shown (issue 12).
    assert "Ta fram utkast" not in followup.description
    titles = [i.title for i in agenda]
    assert titles.index("Lovskolor") == titles.index("Uppföljning av åtgärder") + 1
    assert len(agenda) == len(standard_template("sv").items) + 1


def test_an_agenda_without_a_followup_item_gets_one_when_there_is_something_open():
    bare = (AgendaItem(id="z", title="Enda punkten"),)
    agenda = carry_forward(bare, history(), NEXT, "en")
    assert agenda[0].followup and agenda[0].title == "Follow-up of action items"
    assert agenda[0].description == ""  # what it lists is derived, never copied
    assert carry_forward(bare, [], NEXT, "en") == bare


# ------------------------------------------------------------ the next meeting


def test_handover_names_next_meeting_its_host_and_secretary_and_carries_items() -> None:
    net = network()
    old = meeting(
        "1",
        date(2026, 2, 20),
        "o1",
        status=MeetingStatus.APPROVED,
        agenda=(
            AgendaItem(
                "a",
                "Budget",
                actions=(
                    ActionItem("x1", "Skicka budget", status=ActionStatus.OPEN),
                    ActionItem("x2", "Boka lokal", status=ActionStatus.DONE),
                ),
            ),
        ),
    )
    held = meeting(
        "2",
        date(2026, 4, 17),
        "o2",
        status=MeetingStatus.HELD,
        agenda=(
            AgendaItem("b", "PRAO", actions=(ActionItem("x3", "Ring företagen"),)),
            AgendaItem("c", "Studiebesök", state=ItemState.DEFERRED, minutes=20),
            AgendaItem("d", "Övrigt", state=ItemState.DONE),
        ),
    )
    cancelled = meeting("3", date(2026, 5, 8), "o3", status=MeetingStatus.CANCELLED)
    nxt = meeting(
        "4",
        date(2026, 9, 11),
        "o4",
        agenda=(
            AgendaItem("e", "Uppföljning av åtgärder", followup=True),
            AgendaItem("f", "Nästa möte"),
        ),
    )
    after = meeting("5", date(2026, 11, 13), "o1")
    meetings = [after, nxt, cancelled, held, old]
    h = next_meeting_handover(net, meetings, held, PEOPLE)
    assert h.next_meeting is nxt
    assert h.host_org_id == "o4"
    assert h.secretary_id == "p2"  # the host after next is Skövde: its chair
    assert [oa.action.id for oa in open_actions(meetings, nxt.start)] == ["x1", "x3"]
    agenda = carry_forward(nxt.agenda, meetings, nxt.start, "sv")
    assert [i.title for i in agenda] == ["Uppföljning av åtgärder", "Studiebesök", "Nästa möte"]
    assert "Skicka budget" not in agenda[0].description  # derived when shown, not copied
    assert agenda[1].deferred_from == "2" and agenda[1].minutes == 20
    assert agenda[1].state == ItemState.OPEN
    # Carrying twice does not duplicate.
    assert carry_forward(agenda, meetings, nxt.start, "sv") == agenda


def test_handover_without_next_meeting() -> None:
    held = meeting("2", date(2026, 4, 17), "o2")
    assert next_meeting_handover(network(), [held], held) == Handover(None, None, None)


# ------------------------------------------------------------- on a real Store


def _followup(m: Meeting) -> AgendaItem:
    return next(i for i in m.agenda if i.followup)


def test_next_meeting_gets_open_actions_once(demo_store: Store, db_path: Path) -> None:
    held = demo_store.meeting("2")
    nxt = apply_handover(demo_store, held, DEMO_TODAY)
    assert nxt is not None and nxt.id == "3"
    text = _followup(nxt).description
    open_texts = [
        a.text
        for m in demo_store.meetings("1")
        if m.start <= held.start
        for _i, a in m.all_actions()
        if a.status == ActionStatus.OPEN
    ]
    # The follow-up item holds no copy; what it lists is derived from the actions.
    assert open_texts and not any(t in text for t in open_texts)
    shown = followup_text(open_actions(demo_store.meetings("1"), nxt.start), NAMES, "sv")
    assert all(t in shown for t in open_texts)
    assert sum(1 for i in nxt.agenda if i.followup) == 1
    # Twice: nothing changes, nothing is duplicated.
    again = apply_handover(demo_store, demo_store.meeting("2"), DEMO_TODAY)
    assert again == demo_store.meeting("3")
    assert _followup(again).description == text
    assert len(demo_store.meetings("1")) == 6
    demo_store.close()
    with Store.open(db_path) as reopened:
        assert _followup(reopened.meeting("3")).description == text


def test_deferred_items_are_carried_once(demo_store: Store) -> None:
    held = demo_store.meeting("2")
    item = held.agenda[7]
    held = held.with_item(replace(item, state=ItemState.DEFERRED))
    demo_store.save_meeting(held)
    for _ in range(2):
        nxt = apply_handover(demo_store, demo_store.meeting("2"), DEMO_TODAY)
    carried = [i for i in nxt.agenda if i.deferred_from == "2"]
    assert [i.title for i in carried] == [item.title]
    # Right after the follow-up item.
    at = next(n for n, i in enumerate(nxt.agenda) if i.followup)
    assert nxt.agenda[at + 1].title == item.title


def test_without_next_meeting_one_is_created_on_the_next_proposed_date(
    demo_store: Store,
) -> None:
    last = demo_store.meetings("1")[-1]
    held = replace(last, status=MeetingStatus.HELD)
    demo_store.save_meeting(held)
    network = demo_store.network("1")
    created = apply_handover(demo_store, held, DEMO_TODAY)
    assert created is not None and created.start > held.start
    assert created.start.weekday() == network.weekday
    assert created.host_org_id in network.member_org_ids
    assert created.host_org_id not in network.rotation_opt_out
    assert created.secretary_id is not None
    assert any(i.followup for i in created.agenda)
    count = len(demo_store.meetings("1"))
    again = apply_handover(demo_store, held, DEMO_TODAY)
    assert again is not None and again.id == created.id
    assert len(demo_store.meetings("1")) == count


def test_next_meeting_without_host_gets_the_rotations(demo_store: Store) -> None:
    nxt = demo_store.meeting("3")
    demo_store.save_meeting(replace(nxt, host_org_id=None, secretary_id=None))
    ready = apply_handover(demo_store, demo_store.meeting("2"), DEMO_TODAY)
    network = demo_store.network("1")
    assert ready is not None
    assert ready.host_org_id in network.member_org_ids
    assert ready.secretary_id is not None  # the host of the meeting after it
    after = demo_store.meetings("1")
    following = next(m for m in after if m.start > ready.start and m.status != "cancelled")
    assert demo_store.person(ready.secretary_id).org_id == following.host_org_id


def test_hand_over_to_a_meeting_made_by_the_new_meeting_dialog_lists_actions_once(
    demo_store: Store,
) -> None:
    """The dialog and the hand-over write the same block: the second replaces it; a
    deferred item the dialog carried in is not carried again."""
    network = demo_store.network("1")
    held = demo_store.meeting("2")
    deferred = replace(held.agenda[7], state=ItemState.DEFERRED)
    held = held.with_item(deferred)
    demo_store.save_meeting(held)
    # A new meeting between the held one and the next, as the dialog makes it.
    day = held.day + timedelta(weeks=2)
    fields = draft_meeting(
        network, demo_store.meetings("1"), day, standard_template("sv"), demo_store.people()
    )
    created = demo_store.add_meeting(**fields)
    ready = apply_handover(demo_store, held, DEMO_TODAY)
    assert ready is not None and ready.id == created.id
    assert sum(1 for i in ready.agenda if i.followup) == 1
    carried = [i for i in ready.agenda if i.deferred_from == held.id]
    assert [i.title for i in carried] == [deferred.title]
    at = next(n for n, i in enumerate(ready.agenda) if i.followup)
    assert ready.agenda[at + 1] == carried[0] == next(i for i in created.agenda if i.deferred_from)
