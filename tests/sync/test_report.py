"""The sentence a sync ends with: the counts that happened, each in its own number."""

from __future__ import annotations

from quorum.store.sync import SyncReport


def test_the_report_names_only_what_happened() -> None:
    report = SyncReport(pulled=1, pushed=13)
    assert report.sentence("sv") == "Synkroniserat: 1 ändring hämtad, 13 skickade."
    assert report.sentence("en") == "Synced: 1 change fetched, 13 sent."


def test_a_sync_with_nothing_to_do_says_so() -> None:
    assert "redan lika" in SyncReport().sentence("sv")
    assert "already the same" in SyncReport().sentence("en")
