"""Approval freezes the minutes: § numbers and text stay, reopening makes a new version."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quorum.exports.document_json import digest, from_json, to_json
from quorum.exports.documents import document_context
from quorum.exports.meeting_export import export_document
from quorum.exports.minutes import minutes_document
from quorum.store import live
from quorum.store.errors import QuorumError
from quorum.store.gather import meeting_records
from quorum.store.records import AgendaItem, Formality, MeetingStatus, replace
from quorum.store.store import Store
from tests.exports.archive_world import approve_all, archive_store
from tests.exports.conftest_docs import NOW
from tests.exports.pdf_checks import assert_archival, pdf_text
from tests.exports.test_blocks import every_block


def _minutes(store, meeting_id: str, fmt: str = "md") -> bytes:
    return export_document("minutes", fmt, meeting_records(store, store.meeting(meeting_id)), NOW)


def test_a_document_round_trips_through_its_json_and_the_hash_names_it() -> None:
    doc = every_block("Budget <b>2027</b> åäö\n#import")
    text = to_json(doc)
    assert from_json(text) == doc and to_json(from_json(text)) == text
    again = to_json(every_block("Budget <b>2027</b> åäö\n#import"))
    assert len(digest(text)) == 64 and digest(text) == digest(again)
    assert digest(text) != digest(to_json(every_block("Budget 2028")))


def test_approved_protokoll_keeps_its_numbers_and_text_whatever_happens_to_earlier_meetings(
    tmp_path: Path,
) -> None:
    store = archive_store(tmp_path / "q.json")
    fixed, v1 = approve_all(store, store.meeting("2"), date(2027, 3, 19))
    assert fixed.status is MeetingStatus.APPROVED
    assert (fixed.paragraph_first, fixed.paragraph_count) == (13, 12)  # February used § 1–12
    assert store.meeting("2").paragraph_first == 13
    assert v1.version == 1 and v1.intact and v1.approved_on == date(2027, 3, 19)
    assert v1.approved_by == ("Maria Öberg", "Sara Nilsson")
    md_before, pdf_before = _minutes(store, "2"), _minutes(store, "2", "pdf")
    assert "### § 13 Mötets öppnande" in md_before.decode()

    # February is edited, then deleted; an organisation and a person are renamed.
    february = store.meeting("1")
    store.save_meeting(replace(february, agenda=february.agenda[:3]))
    store.delete_meeting("1")
    store.save(replace(store.organisation("1"), name="Helsingborg (ny)"))
    store.save(replace(store.person("1"), name="Anna L."))

    assert store.meeting("2").paragraph_first == 13
    assert _minutes(store, "2") == md_before
    assert _minutes(store, "2", "pdf") == pdf_before
    assert store.versions("2") == [v1]
    text = pdf_text(pdf_before)
    assert f"SHA-256 {v1.sha256}" in text and "Justerad version 1, 2027-03-19." in text
    assert "Anna Lindqvist" in text and "Anna L." not in text.replace("Anna Lindqvist", "")
    # A draft of the same meeting would now say something else: the freeze is what held.
    live_doc = minutes_document(document_context(meeting_records(store, store.meeting("2"))))
    assert to_json(live_doc) != v1.document

    # The next protokoll of the year counts on after the frozen numbers.
    later = store.meeting("3")
    held = replace(
        later,
        status=MeetingStatus.HELD,
        formality=Formality.FORMAL,
        agenda=(AgendaItem("n1", "Mötets öppnande"),),
    )
    store.save_meeting(held)
    assert "### § 25 Mötets öppnande" in _minutes(store, "3").decode()
    store.close()


def test_reopening_makes_version_two_and_keeps_version_one(tmp_path: Path) -> None:
    store = archive_store(tmp_path / "q.json")
    fixed, v1 = approve_all(store, store.meeting("2"), date(2027, 3, 19))
    reopened = live.reopen(fixed, "Lars Persson", date(2027, 3, 22), "Stavfel i § 19")
    store.save_meeting(reopened)
    assert reopened.paragraph_first == 13  # reopening keeps the numbers
    assert b"UTKAST" in _minutes(store, "2")  # a reopened protokoll is a draft again
    corrected = live.set_notes(reopened, 6, "Budgeten fastställdes, rättat.")
    fixed2, v2 = approve_all(store, corrected, date(2027, 3, 24))
    assert [v.version for v in store.versions("2")] == [1, 2]
    assert store.versions("2")[0] == v1  # version 1 as it was
    assert v2.sha256 != v1.sha256 and v2.approved_on == date(2027, 3, 24)
    assert fixed2.paragraph_first == 13
    md = _minutes(store, "2").decode()
    assert "rättat" in md and "Stavfel i § 19" in md
    assert "rättat" not in from_json(v1.document).title + v1.document
    pdf = _minutes(store, "2", "pdf")
    assert_archival(pdf, "sv")
    assert "Justerad version 2, 2027-03-24." in pdf_text(pdf)
    store.close()


def test_informal_minutes_say_who_approved_them_and_when(tmp_path: Path) -> None:
    store = archive_store(tmp_path / "q.json")
    march = replace(store.meeting("2"), formality=Formality.INFORMAL)
    approved = live.approve(march, "Anna Lindqvist", date(2027, 3, 16))
    store.save_meeting(approved)
    md = _minutes(store, "2").decode()
    assert "Minnesanteckningarna justerades av Anna Lindqvist den 2027-03-16." in md
    assert "§" not in md and "Vid protokollet" not in md
    store.close()


def test_a_version_whose_stored_text_was_changed_is_refused(tmp_path: Path) -> None:
    store = archive_store(tmp_path / "q.json")
    _fixed, v1 = approve_all(store, store.meeting("2"), date(2027, 3, 19))
    store.save(replace(v1, document=v1.document.replace("Budget", "Bidrag")))
    with pytest.raises(QuorumError) as info:
        _minutes(store, "2")
    assert "checksum" in info.value.sentence("en")
    store.close()


def test_a_frozen_version_survives_a_reopen_of_the_database(tmp_path: Path) -> None:
    path = tmp_path / "q.json"
    store = archive_store(path)
    _fixed, v1 = approve_all(store, store.meeting("2"), date(2027, 3, 19))
    store.close()
    with Store.open(path) as again:
        assert again.versions("2") == [v1]
        assert again.version_by_hash(v1.sha256.upper()) == v1
        assert again.meeting("2").paragraph_first == 13


def test_erasing_a_person_leaves_approved_versions_as_approved_and_says_so(
    tmp_path: Path,
) -> None:
    from quorum.store.personal_data import erase_person_in_store

    store = archive_store(tmp_path / "q.json")
    _fixed, v1 = approve_all(store, store.meeting("2"), date(2027, 3, 19))
    erasure = erase_person_in_store(store, "7")  # Fatima Hassan, named in the minutes
    assert erasure.kept_versions == 1
    assert store.versions("2") == [v1] and "Fatima Hassan" in v1.document
    assert "Fatima Hassan" in _minutes(store, "2").decode()  # the approved text, as approved
    assert erase_person_in_store(store, "10").kept_versions == 1  # Mikael Ek, excused
    store.close()
