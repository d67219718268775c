"""Fault injection: real damaged files, a real full disk, a real read-only folder.

A full disk is a small tmpfs mounted for the test (root can mount one here); where
no mount is possible, an injected writer at the ``os.write`` level fails like a full
disk does (short write, then ENOSPC). A read-only folder is a read-only mount (root
ignores file modes), or a folder without write permission for another user.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import subprocess
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from quorum.store.demo import build_demo
from quorum.store.store import Store
from tests.conftest import DEMO_TODAY


@dataclass
class Db:
    """A database folder: the main file, its journal and backups."""

    path: Path

    @property
    def folder(self) -> Path:
        return self.path.parent

    @property
    def journal(self) -> Path:
        return self.path.with_name(self.path.name + ".journal")

    def files(self) -> dict[str, bytes]:
        """Every file of the database but the lock (a lock is not data), by name."""
        return {
            p.name: p.read_bytes()
            for p in sorted(self.folder.iterdir())
            if p.is_file() and not p.name.endswith(".lock")
        }

    def snapshot(self) -> dict[str, dict[str, dict[str, object]]]:
        with Store.open(self.path, readonly=True) as store:
            store.warm()
            return store.snapshot()


def abandon(store: Store) -> None:
    """Leave the store as a crash would: the journal written, no checkpoint, lock gone."""
    store.db.lock.release()
    store.db.tinydb = None


def journal_lines(db: Db) -> list[bytes]:
    return db.journal.read_bytes().split(b"\n")[:-1]


@pytest.fixture(scope="session")
def template(tmp_path_factory: pytest.TempPathFactory) -> Db:
    """The demo, checkpointed with today's backup, plus a journal of three committed
    batches left by a session that crashed (the state most damage lands in)."""
    db = Db(tmp_path_factory.mktemp("template") / "quorum.json")
    store = Store.open(db.path)
    build_demo(store, DEMO_TODAY)
    store.close()
    store = Store.open(db.path)
    for name in ("Journalkommun", "Andra raden", "Sista raden"):
        store.add_organisation(name=name)
    abandon(store)
    assert len(journal_lines(db)) == 4  # the header and three batches
    return db


@pytest.fixture
def db(template: Db, tmp_path: Path) -> Db:
    folder = tmp_path / "db"
    shutil.copytree(template.folder, folder)
    return Db(folder / template.path.name)


def _mount(*args: str) -> bool:
    if os.geteuid() != 0 or shutil.which("mount") is None:
        return False
    done = subprocess.run(["mount", *args], capture_output=True)
    return done.returncode == 0


def _umount(folder: Path) -> None:
    subprocess.run(["umount", "-l", str(folder)], capture_output=True)


@dataclass
class Disk:
    """A folder on a disk of ``size`` bytes that the test can fill and free."""

    folder: Path
    mounted: bool

    def fill(self) -> None:
        """Fill the disk to the last byte."""
        with open(self.folder / "filler", "ab", buffering=0) as fh:
            for size in (1 << 20, 4096, 1):
                with contextlib.suppress(OSError):
                    while True:
                        fh.write(b"\0" * size)

    def free(self) -> None:
        with contextlib.suppress(FileNotFoundError):
            (self.folder / "filler").unlink()


@pytest.fixture
def full_disk(tmp_path: Path) -> Iterator[Disk]:
    """A real small disk (tmpfs of 4 MB); skipped where no mount is possible (the
    injected writer in test_write_failures covers the journal there)."""
    folder = tmp_path / "disk"
    folder.mkdir()
    if not _mount("-t", "tmpfs", "-o", "size=4m,mode=0700", "tmpfs", str(folder)):
        pytest.skip("cannot mount a tmpfs here (needs root)")
    try:
        yield Disk(folder, True)
    finally:
        _umount(folder)


@dataclass
class ReadOnlyFolder:
    """A folder the test switches between writable and read-only. For root (whom file
    modes do not stop) it is a read-only bind mount of the folder onto itself: files
    already open stay as they were, every new open for writing gets EROFS."""

    folder: Path
    bound: bool = False

    def make_read_only(self) -> None:
        if os.geteuid() != 0:
            self.folder.chmod(0o500)
            return
        assert _mount("--bind", str(self.folder), str(self.folder)), "bind mount"
        self.bound = True
        assert _mount("-o", "remount,bind,ro", str(self.folder)), "remount read-only"

    def make_writable(self) -> None:
        if os.geteuid() != 0:
            self.folder.chmod(0o700)
        elif self.bound:
            _umount(self.folder)
            self.bound = False


@pytest.fixture
def read_only_folder(tmp_path: Path) -> Iterator[ReadOnlyFolder]:
    folder = tmp_path / "ro"
    folder.mkdir()
    if os.geteuid() == 0 and shutil.which("mount") is None:
        pytest.skip("root, and no mount to make a folder read-only")
    made = ReadOnlyFolder(folder)
    try:
        yield made
    finally:
        made.make_writable()
