"""The files around the database changed under it: the main file deleted or moved
while quorum runs, a symlinked database, leftovers of interrupted writes."""

from __future__ import annotations

import io
import os

import pytest

from quorum.store.db import backups
from quorum.store.errors import DatabaseUnreadable
from quorum.store.recovery import restore
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.faults.conftest import Db, abandon


def names(path: os.PathLike[str] | str) -> set[str]:
    with Store.open(path, readonly=True) as store:
        return {o.name for o in store.organisations()}


@pytest.mark.parametrize("gone", ["deleted", "moved"])
def test_a_main_file_gone_while_running_is_written_again_at_the_next_save(db: Db, gone: str):
    store = Store.open(db.path)
    if gone == "deleted":
        db.path.unlink()
    else:
        db.path.rename(db.folder / "elsewhere.json")
    store.add_organisation(name="Efter")
    assert db.path.exists()  # written from memory at once, not at the close
    abandon(store)  # then a crash
    assert {"Journalkommun", "Sista raden", "Efter"} <= names(db.path)


def test_a_main_file_gone_then_a_crash_is_refused_and_restore_brings_it_all_back(db: Db):
    store = Store.open(db.path)  # folds the template's crash journal, refreshes the backup
    store.add_organisation(name="Sparad i journalen")
    everything = {o.name for o in store.organisations()}
    db.path.rename(db.folder / "elsewhere.json")
    abandon(store)  # a crash before any save noticed
    before = db.files()
    for readonly in (False, True):
        with pytest.raises(DatabaseUnreadable) as refused:
            Store.open(db.path, readonly=readonly)
        assert refused.value.key == "error.db_missing"
    assert db.files() == before  # no empty database started in its place
    done = restore(db.path)
    assert done.kept_journal  # the backup is of the journal's generation
    assert names(db.path) == everything


def test_restore_of_a_missing_main_file_keeps_the_journal_of_the_backup(db: Db):
    # The template's backup and its journal are of the same generation: the backup
    # plus the journal is everything that was saved.
    everything = names(db.path)
    db.path.unlink()
    done = restore(db.path)
    assert done.kept_journal and done.broken is None
    assert names(db.path) == everything


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_symlinked_database_is_written_through_to_its_target(db: Db, tmp_path):
    link = tmp_path / "link.json"
    link.symlink_to(db.path)
    with Store.open(link) as store:
        assert store.path == db.path
        store.add_organisation(name="Genom länken")
    assert link.is_symlink() and link.resolve() == db.path
    assert "Genom länken" in names(db.path)
    assert not list(tmp_path.glob("link.json.*"))  # journal, lock, backups beside the target
    out = io.StringIO()
    assert main(["list", "networks", "--db", str(link)], out=out, err=io.StringIO()) == 0


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_to_a_file_not_made_yet_makes_it_there(tmp_path):
    target = tmp_path / "data" / "quorum.json"
    target.parent.mkdir()
    link = tmp_path / "quorum.json"
    link.symlink_to(target)
    with Store.open(link) as store:
        store.add_network(name="Nätverket")
    assert link.is_symlink() and target.is_file()


def test_leftovers_of_interrupted_writes_are_cleaned_and_never_taken_for_a_backup(db: Db):
    backup = backups(db.path)[0]
    leftovers = [
        db.folder / f"{db.path.name}.tmp-123-456",  # a checkpoint killed mid-way
        db.folder / f"{backup.name}.tmp-123-456",  # a backup killed mid-way
        db.folder / f"{db.path.name}.tmp-demo-789",  # a demo killed mid-way
        db.folder / f"{db.path.name}.tmp-demo-789.backup-2026-01-01",
    ]
    for path in leftovers:
        path.write_bytes(b"half")
    assert backups(db.path) == [backup]
    Store.open(db.path).close()
    assert not [p for p in leftovers if p.exists()]
