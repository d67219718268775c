"""The follow-up of action items is derived when shown, never a copy (issue 12): an
action marked done after the hand-over is gone from the next meeting's notice,
minutes and the app's views; a deferred item brings its notes along."""

from __future__ import annotations

from datetime import date

from quorum.exports.agenda import notice_markdown
from quorum.exports.documents import document_context
from quorum.exports.invite_text import agenda_lines
from quorum.exports.minutes import minutes_markdown
from quorum.store.gather import meeting_records
from quorum.store.handover import apply_handover
from quorum.store.records import ActionStatus, ItemState, replace
from quorum.store.store import Store
from tests.conftest import DEMO_TODAY


def _handed_over(store: Store) -> tuple[str, str]:
    """Meeting 2 handed over to meeting 3; (an open action's text, its meeting id)."""
    held = store.meeting("2")
    apply_handover(store, held, DEMO_TODAY)
    found = [
        (action.text, m.id)
        for m in store.meetings("1")
        if m.start < store.meeting("3").start
        for _item, action in m.all_actions()
        if action.status is ActionStatus.OPEN
    ]
    texts = [text for text, _ in found]
    return next((text, mid) for text, mid in found if texts.count(text) == 1)


def _mark_done(store: Store, meeting_id: str, text: str) -> None:
    m = store.meeting(meeting_id)
    for item in m.agenda:
        actions = tuple(
            replace(a, status=ActionStatus.DONE, done_on=date(2026, 11, 20))
            if a.text == text
            else a
            for a in item.actions
        )
        m = m.with_item(replace(item, actions=actions))
    store.save_meeting(m)


def test_an_action_done_after_the_handover_is_not_followed_up_as_open(demo_store: Store):
    text, origin = _handed_over(demo_store)
    records = meeting_records(demo_store, demo_store.meeting("3"))
    assert text in notice_markdown(document_context(records, lang="en"))
    _mark_done(demo_store, origin, text)
    nxt = demo_store.meeting("3")
    records = meeting_records(demo_store, nxt)
    ctx = document_context(records, lang="en")
    assert text not in notice_markdown(ctx)
    assert text not in minutes_markdown(ctx)
    followup = next(i for i in nxt.agenda if i.followup)
    assert text not in followup.description
    assert text not in "\n".join(agenda_lines(nxt, records.people_by_id, "en"))


def test_an_older_copy_in_the_description_is_not_shown(demo_store: Store):
    """A block an older quorum wrote into the follow-up item is left out when shown."""
    m = demo_store.meeting("3")
    followup = next(i for i in m.agenda if i.followup)
    old = "Förbered frågor.\n\nÖppna åtgärder:\n- Gammal kopia — Lena Öberg"
    m = m.with_item(replace(followup, description=old))
    demo_store.save_meeting(m)
    notice = notice_markdown(document_context(meeting_records(demo_store, m), lang="sv"))
    assert "Förbered frågor." in notice and "Gammal kopia" not in notice
    people = {p.id: p for p in demo_store.people()}
    lines = "\n".join(agenda_lines(m, people, "sv"))
    assert "Förbered frågor." in lines and "Gammal kopia" not in lines


def test_a_deferred_item_carries_its_notes_to_the_next_meeting(demo_store: Store):
    held = demo_store.meeting("2")
    item = held.agenda[7]
    held = held.with_item(
        replace(item, state=ItemState.DEFERRED, notes="Underlaget saknades; tas upp igen.")
    )
    demo_store.save_meeting(held)
    ready = apply_handover(demo_store, held, DEMO_TODAY)
    assert ready is not None
    carried = next(i for i in ready.agenda if i.deferred_from == held.id)
    assert carried.title == item.title
    assert "Underlaget saknades; tas upp igen." in carried.description
    assert carried.notes == ""
    notice = notice_markdown(document_context(meeting_records(demo_store, ready), lang="sv"))
    assert "Underlaget saknades; tas upp igen." in notice
