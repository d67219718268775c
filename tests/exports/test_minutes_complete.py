"""Exported minutes say what the review shows (issue 12): the approval of informal
minutes, absent guests (and the personal-data check lists them), and an erased member
as a removed participant, not as a guest."""

from __future__ import annotations

from datetime import date

from quorum.exports.documents import document_context
from quorum.exports.minutes import minutes_markdown, minutes_text
from quorum.exports.privacy import personal_data
from quorum.store import live
from quorum.store.gather import meeting_records
from quorum.store.personal_data import erase_person_in_store
from quorum.store.records import Attendance, Formality, MeetingStatus, Presence, replace
from quorum.store.store import Store


def _context(store: Store, meeting_id: str, lang: str = "en"):
    return document_context(meeting_records(store, store.meeting(meeting_id)), lang=lang)


def test_approved_informal_minutes_print_who_approved_them(demo_store: Store):
    m = demo_store.meeting("2")
    assert m.formality is Formality.INFORMAL and m.status is MeetingStatus.DRAFTED
    demo_store.save_meeting(live.approve(m, "Erik Sandvik", date(2026, 11, 6)))
    text = minutes_text(_context(demo_store, "2"))
    assert "These minutes were approved by Erik Sandvik on 2026-11-06." in text
    assert "Vid protokollet" not in text  # informal: one line, no signature block
    sv = minutes_markdown(_context(demo_store, "2", "sv"))
    assert "justerades av Erik Sandvik den 2026-11-06" in sv


def test_an_absent_guest_is_in_the_minutes_and_in_the_personal_data_check(demo_store: Store):
    m = demo_store.meeting("2")
    guest = Attendance(
        guest_name="Gunnel Gästsson",
        guest_email="gunnel@example.org",
        guest_org="Arbetsförmedlingen",
        presence=Presence.ABSENT,
    )
    demo_store.save_meeting(replace(m, attendance=(*m.attendance, guest)))
    ctx = _context(demo_store, "2")
    text = minutes_text(ctx)
    assert "Absent" in text and "Gunnel Gästsson (guest)" in text
    found = [f.describe("en") for f in personal_data(ctx)]
    assert "name: Gunnel Gästsson (attendance)" in found


def test_an_erased_member_is_a_removed_participant_not_a_guest(demo_store: Store):
    m = demo_store.meeting("2")
    present = next(a for a in m.attendance if a.presence is Presence.PRESENT and a.person_id)
    assert present.person_id is not None
    name = demo_store.person(present.person_id).name
    erase_person_in_store(demo_store, present.person_id)
    ctx = _context(demo_store, "2")
    text = minutes_text(ctx)
    assert name not in text
    # The placeholder is in the meeting's language (Swedish here).
    assert "borttagen deltagare" in text
    assert "borttagen deltagare (guest)" not in text
    assert not any("borttagen deltagare" in f.value for f in personal_data(ctx))
