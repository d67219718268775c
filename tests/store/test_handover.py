"""Hand-over on a real Store in tmp_path: the next meeting is made ready once."""

from __future__ import annotations

from pathlib import Path

from quorum.store.handover import apply_handover
from quorum.store.records import ActionStatus, ItemState, MeetingStatus, replace
from quorum.store.store import Store
from tests.conftest import DEMO_TODAY


def _followup(meeting):
    return next(i for i in meeting.agenda if i.followup)


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
    assert open_texts and all(t in text for t in open_texts)
    assert "Lena Öberg" in text  # owners by name
    block = text.split("Öppna åtgärder:")[-1].strip().splitlines()
    assert len(block) == len(open_texts)  # done ones are left out
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
    """The dialog and the hand-over write the same block: the second replaces it."""
    from datetime import timedelta

    from quorum.store.new_meeting import draft_meeting
    from quorum.store.templates import standard_template

    network = demo_store.network("1")
    held = demo_store.meeting("2")
    # A new meeting between the held one and the next, as the dialog makes it.
    day = held.day + timedelta(weeks=2)
    fields = draft_meeting(
        network, demo_store.meetings("1"), day, standard_template("sv"), demo_store.people()
    )
    created = demo_store.add_meeting(**fields)
    before = _followup(created).description
    ready = apply_handover(demo_store, held, DEMO_TODAY)
    assert ready is not None and ready.id == created.id
    text = _followup(ready).description
    first_open = next(a.text for _i, a in held.all_actions() if a.status == ActionStatus.OPEN)
    assert first_open in before
    # Each open action item once: as many mentions as there are such items.
    expected = sum(
        1
        for m in demo_store.meetings("1")
        if m.start <= held.start
        for _i, a in m.all_actions()
        if a.status == ActionStatus.OPEN and a.text == first_open
    )
    assert text.count(first_open) == expected
