"""A write that fails — a full disk, a short write, an I/O error, a read-only folder —
changes nothing: the files stay as they were, memory keeps the old state, the error
has a sentence, and the next save after the disk has room lands (never glued to a
torn piece, never dropped on replay)."""

from __future__ import annotations

import errno
import io
import os
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from quorum.store.errors import FoldFailed, ValidationError, WriteFailed
from quorum.store.store import Store
from quorum.store.text_rules import as_stored
from quorum.tui.cli import main
from tests.faults.conftest import Db, Disk, ReadOnlyFolder, abandon

CSV = "Namn;E-post;Roll\r\nÅsa Öberg;asa.oberg@example.se;medlem\r\n"


def run(*args: str) -> tuple[int, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    assert "Traceback" not in err.getvalue()
    return code, err.getvalue()


def names(db: Db) -> set[str]:
    with Store.open(db.path, readonly=True) as store:
        return {o.name for o in store.organisations()}


class InjectedDisk:
    """``os.write`` on the files of one folder as a full disk does it: what fits is
    written (a short write), then ENOSPC. Everything else writes normally."""

    def __init__(self, folder: Path) -> None:
        self.folder = str(folder)
        self.room: int | None = None  # bytes that still fit; None: no limit
        self.errno = errno.ENOSPC
        self.fail_truncate = False
        self.real_write = os.write
        self.real_ftruncate = os.ftruncate

    def _ours(self, fd: int) -> bool:
        try:
            return os.readlink(f"/proc/self/fd/{fd}").startswith(self.folder)
        except OSError:
            return False

    def write(self, fd: int, data: bytes) -> int:
        if self.room is None or not self._ours(fd):
            return self.real_write(fd, data)
        if self.room <= 0:
            raise OSError(self.errno, os.strerror(self.errno))
        written = self.real_write(fd, bytes(memoryview(data)[: self.room]))
        self.room -= written
        return written

    def ftruncate(self, fd: int, length: int) -> None:
        if self.fail_truncate and self._ours(fd):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        self.real_ftruncate(fd, length)


@pytest.fixture
def injected(db: Db, monkeypatch: pytest.MonkeyPatch) -> Iterator[InjectedDisk]:
    if not Path("/proc/self/fd").is_dir():
        pytest.skip("needs /proc to tell the database's files from others")
    disk = InjectedDisk(db.folder)
    monkeypatch.setattr(os, "write", disk.write)
    monkeypatch.setattr(os, "ftruncate", disk.ftruncate)
    yield disk


def test_a_short_write_is_cut_back_and_the_next_save_lands(db: Db, injected: InjectedDisk):
    store = Store.open(db.path)  # folds the template's journal: a fresh journal from here
    store.add_organisation(name="Före")
    journal = db.journal.read_bytes()
    injected.room = 10  # a few bytes fit, then the disk is full
    with pytest.raises(WriteFailed) as failed:
        store.add_organisation(name="Under")
    assert failed.value.sentence("en") == (
        f"Could not write to {db.journal}: the disk is full. Nothing was changed."
    )
    assert failed.value.sentence("sv") == (
        f"Kunde inte skriva till {db.journal}: disken är full. Ingenting har ändrats."
    )
    assert db.journal.read_bytes() == journal  # the torn piece was cut away
    assert "Under" not in {o.name for o in store.organisations()}  # memory as before
    injected.room = None  # room again
    store.add_organisation(name="Efter")
    abandon(store)  # a crash: only the journal holds the saves
    assert {"Före", "Efter"} <= names(db) and "Under" not in names(db)


def test_a_torn_piece_that_could_not_be_cut_is_cut_before_the_next_save(
    db: Db, injected: InjectedDisk
):
    store = Store.open(db.path)
    store.add_organisation(name="Före")
    journal = db.journal.read_bytes()
    injected.room, injected.fail_truncate = 10, True
    with pytest.raises(WriteFailed):
        store.add_organisation(name="Under")
    assert len(db.journal.read_bytes()) > len(journal)  # cutting failed too: a torn piece
    injected.room, injected.fail_truncate = None, False
    store.add_organisation(name="Efter")
    abandon(store)
    # Before, the next save was glued to the torn piece and dropped on replay.
    assert {"Före", "Efter"} <= names(db) and "Under" not in names(db)


def test_an_io_error_on_fsync_changes_nothing(
    db: Db, injected: InjectedDisk, monkeypatch: pytest.MonkeyPatch
):
    store = Store.open(db.path)
    journal = db.journal.read_bytes() if db.journal.exists() else b""
    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        if injected._ours(fd) and os.readlink(f"/proc/self/fd/{fd}").endswith(".journal"):
            raise OSError(errno.EIO, os.strerror(errno.EIO))
        real_fsync(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(WriteFailed) as failed:
        store.add_organisation(name="Under")
    assert "a read or write error on the disk" in failed.value.sentence("en")
    assert (db.journal.read_bytes() if db.journal.exists() else b"") == journal
    monkeypatch.setattr(os, "fsync", real_fsync)
    store.close()
    assert "Under" not in names(db)


def test_the_cli_says_what_failed_and_changes_nothing(
    db: Db, injected: InjectedDisk, tmp_path: Path
):
    people = tmp_path / "people.csv"
    people.write_text(CSV, encoding="utf-8")
    with Store.open(db.path):
        pass  # the template's journal folded: the import's save is the next journal line
    before = db.files()
    injected.room = 0
    code, err = run("import", "people", str(people), "--network", "1", "--db", str(db.path))
    assert code == 1
    assert f"Could not write to {db.journal}: the disk is full. Nothing was changed." in err
    assert db.files() == before


def test_text_that_cannot_be_encoded_is_refused_before_anything_is_written(db: Db):
    store = Store.open(db.path)
    before = db.files()
    with pytest.raises(ValidationError) as refused:
        store.db.commit([("put", "organisations", "99", {"id": "99", "name": "\udcff"})])
    assert "lone surrogate" in refused.value.sentence("en")
    assert db.files() == before
    store.close()


# -- a real full disk (a small tmpfs) -------------------------------------------------


def on_disk(db: Db, disk: Disk) -> Db:
    for path in db.folder.iterdir():
        shutil.copy2(path, disk.folder / path.name)
    return Db(disk.folder / db.path.name)


def test_a_full_disk_refuses_the_save_keeps_every_file_and_takes_the_next(db: Db, full_disk: Disk):
    db = on_disk(db, full_disk)
    store = Store.open(db.path)
    store.add_organisation(name="Före")
    before = db.files()
    full_disk.fill()
    # Long names fill the page sooner: past the text rule's 200 characters, so made as an
    # older quorum could store them.
    with pytest.raises(WriteFailed) as failed, as_stored():
        for index in range(200):  # the journal's last page fills up first
            store.add_organisation(name=f"Under {index} " + "x" * 500)
    assert "the disk is full" in failed.value.sentence("en")
    saved = {o.name for o in store.organisations()}
    abandon(store)
    assert names(db) == saved  # what was refused is in neither memory nor the file
    assert db.files()[db.path.name] == before[db.path.name]
    full_disk.free()
    with Store.open(db.path) as store:
        store.add_organisation(name="Efter")
    assert {"Före", "Efter"} <= names(db)


def test_a_checkpoint_on_a_full_disk_keeps_the_journal(db: Db, full_disk: Disk):
    db = on_disk(db, full_disk)
    store = Store.open(db.path)
    store.add_organisation(name="I journalen")
    main_before = db.path.read_bytes()
    full_disk.fill()
    with pytest.raises(FoldFailed) as failed:
        store.close()  # the whole file does not fit; the journal line already did
    assert failed.value.sentence("en") == (
        f"The changes are saved in the journal, but {db.path} could not be rewritten: "
        "the disk is full. quorum folds them in the next time it opens the database."
    )
    assert db.path.read_bytes() == main_before
    assert not list(full_disk.folder.glob("*.tmp-*"))  # the half-written copy is gone
    assert "I journalen" in names(db)  # read-only: replayed from the journal
    full_disk.free()
    with Store.open(db.path):
        pass
    assert not db.journal.exists() and "I journalen" in names(db)


def test_the_cli_on_a_full_disk_ends_in_a_sentence(db: Db, full_disk: Disk, tmp_path: Path):
    people = tmp_path / "people.csv"
    people.write_text(CSV, encoding="utf-8")
    db = on_disk(db, full_disk)  # with the journal of a crash, folded at open
    fresh = full_disk.folder / "new.json"
    full_disk.fill()
    before = db.files()
    code, err = run("import", "people", str(people), "--network", "1", "--db", str(db.path))
    assert code == 1 and "the disk is full" in err
    assert db.files() == before
    # A new database on a full disk: the lock file cannot be written.
    code, err = run("import", "people", str(people), "--network", "1", "--db", str(fresh))
    assert code == 1
    assert err.strip() == (
        f"Could not write to {fresh}.lock: the disk is full. Nothing was changed."
    )


# -- a read-only folder ------------------------------------------------------------


def test_a_read_only_folder_reads_and_refuses_writes_with_a_sentence(
    db: Db, read_only_folder: ReadOnlyFolder, tmp_path: Path
):
    people = tmp_path / "people.csv"
    people.write_text(CSV, encoding="utf-8")
    for path in db.folder.iterdir():
        shutil.copy2(path, read_only_folder.folder / path.name)
    db = Db(read_only_folder.folder / db.path.name)
    read_only_folder.make_read_only()
    before = db.files()
    code, _ = run("list", "networks", "--db", str(db.path))
    assert code == 0
    code, err = run("import", "people", str(people), "--network", "1", "--db", str(db.path))
    assert code == 1
    assert "the file system is read-only" in err or "permission denied" in err
    assert db.files() == before


def test_a_folder_made_read_only_while_open_refuses_then_takes_the_save(
    db: Db, read_only_folder: ReadOnlyFolder
):
    for path in db.folder.iterdir():
        shutil.copy2(path, read_only_folder.folder / path.name)
    db = Db(read_only_folder.folder / db.path.name)
    store = Store.open(db.path)
    read_only_folder.make_read_only()
    with pytest.raises(WriteFailed) as failed:
        store.add_organisation(name="Under")
    assert "read-only" in failed.value.sentence("en") or "denied" in failed.value.sentence("en")
    read_only_folder.make_writable()
    store.add_organisation(name="Efter")
    store.close()
    assert "Efter" in names(db) and "Under" not in names(db)
