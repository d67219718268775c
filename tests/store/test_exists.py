"""Whether a database lives at a path: its file, or a journal or backup left of it."""

from __future__ import annotations

from pathlib import Path

from quorum.store.store import Store


def test_a_database_is_its_file_or_what_survives_of_it(tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    assert not Store.exists(db)
    (tmp_path / "q.json.lock").write_text("")
    assert not Store.exists(db)  # a lock is no data
    (tmp_path / "q.json.journal").write_text("")
    assert Store.exists(db)
    (tmp_path / "q.json.journal").unlink()
    (tmp_path / "q.json.backup-2026-11-30").write_text("{}")
    assert Store.exists(db)
    other = tmp_path / "r.json"
    with Store.open(other) as store:
        store.add_network(name="Nätverket")
    assert Store.exists(other)
