"""The public version: what the personal-data check flags is removed, and it says so."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quorum.exports.meeting_export import export_document, public_minutes
from quorum.exports.render import render
from quorum.store.gather import meeting_records
from tests.exports.archive_world import approve_all, archive_store
from tests.exports.conftest_docs import NOW, PEOPLE
from tests.exports.pdf_checks import assert_archival, pdf_text

CONTACTS = [p.email for p in PEOPLE] + [p.phone for p in PEOPLE if p.phone]
TYPED = ["sara.nilsson@industrimekano.example.se", "070-123 45 67", "08-123 456"]


def _texts(store, meeting_id: str, kind: str = "minutes") -> dict[str, str]:
    records = meeting_records(store, store.meeting(meeting_id))
    return {
        "pdf": pdf_text(export_document(kind, "pdf", records, NOW, public=True)),
        "html": export_document(kind, "html", records, NOW, public=True).decode(),
        "md": export_document(kind, "md", records, NOW, public=True).decode(),
    }


@pytest.mark.parametrize("approved", [False, True])
def test_no_roster_address_or_phone_is_in_the_public_version(tmp_path: Path, approved: bool):
    store = archive_store(tmp_path / "q.json")
    if approved:
        approve_all(store, store.meeting("2"), date(2027, 3, 19))
    full = export_document("minutes", "md", meeting_records(store, store.meeting("2")), NOW)
    assert all(c in full.decode() for c in TYPED[:2])  # the full minutes keep them
    for fmt, text in _texts(store, "2").items():
        for contact in CONTACTS + TYPED + ["nils.wallin@region.example.se"]:
            assert contact not in text, (fmt, contact)
        assert "OFFENTLIG VERSION" in text, fmt
        assert "e-post borttagen" in text and "telefon borttagen" in text, fmt
        assert "Per Holm" in text and "Nils Wallin" in text  # names stay unless chosen
    records = meeting_records(store, store.meeting("2"))
    assert_archival(export_document("minutes", "pdf", records, NOW, public=True), "sv")
    store.close()


def test_names_of_people_outside_the_network_go_when_the_network_chooses(tmp_path: Path):
    store = archive_store(tmp_path / "q.json", omit_guests=True)
    approve_all(store, store.meeting("2"), date(2027, 3, 19))
    for fmt, text in _texts(store, "2").items():
        assert "Nils Wallin" not in text and "Per Holm" not in text, fmt
        assert "namn borttaget" in text, fmt
        for member in ("Anna Lindqvist", "Maria Öberg", "Fatima Hassan", "Lars Persson"):
            assert member in text, (fmt, member)
        assert "namn på personer utanför nätverket" in text, fmt
    notice = _texts(store, "2", "notice")
    assert "OFFENTLIG VERSION" in notice["pdf"] and "anna.lindqvist" not in notice["md"]
    store.close()


def test_public_minutes_is_the_one_function_the_publication_mail_uses(tmp_path: Path):
    store = archive_store(tmp_path / "q.json")
    doc = public_minutes(meeting_records(store, store.meeting("2")))
    assert doc.title.endswith("(offentlig version)")
    md = render(doc, "md")
    assert "OFFENTLIG VERSION" in md and "070-123 45 67" not in md
    store.close()
