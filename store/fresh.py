"""A new database built whole and then put in place (``quorum demo``).

It is built under the target's writer lock in a temp database beside it,
``<db>.tmp-demo-<pid>``, closed (so checkpointed and fsynced) and renamed over
the target. Interrupted at any moment, the target is as it was: no empty
database that a second ``quorum demo`` would refuse. The temp database's files
all match ``<db>.*.tmp-*``/``<db>.tmp-*``, which every writable open cleans.
"""

from __future__ import annotations

import contextlib
import os
from collections.abc import Callable
from pathlib import Path

from quorum.store.db import (
    WriterLock,
    clean_temp_files,
    database_file,
    fsync_dir,
    journal_path,
    lock_path,
)
from quorum.store.errors import QuorumError, WriteFailed
from quorum.store.store import Store


def write_new(path: Path, fill: Callable[[Store], None]) -> Path:
    """Build a database with ``fill`` and put it at ``path`` (a symlink's target).

    Refused with ``cli.demo_exists`` when ``path`` holds any record; an existing
    database without records (left by an older, interrupted quorum) is replaced.
    Returns the file written.
    """
    path = database_file(Path(path))
    lock = WriterLock(lock_path(path))
    try:
        path.parent.mkdir(parents=True, exist_ok=True)
        lock.acquire(path)
    except OSError as err:
        raise WriteFailed.of(err, lock.path) from None
    tmp = path.with_name(f"{path.name}.tmp-demo-{os.getpid()}")
    try:
        _refuse_records(path)
        clean_temp_files(path)  # an earlier demo killed mid-way
        store = Store.open(tmp)
        try:
            fill(store)
        finally:
            store.close()
        os.replace(tmp, path)
        # A journal beside the old, empty file belongs to it, not to the new one.
        with contextlib.suppress(FileNotFoundError):
            journal_path(path).unlink()
        fsync_dir(path.parent)
    except OSError as err:
        raise WriteFailed.of(err, path) from None
    finally:
        clean_temp_files(path)
        lock.release()
    return path


def _refuse_records(path: Path) -> None:
    if not path.exists() and not journal_path(path).exists():
        return
    store = Store.open(path, readonly=True)  # a file that cannot be read says so here
    try:
        empty = not (
            store.networks() or store.organisations() or store.people() or store.meetings()
        )
    finally:
        store.close()
    if not empty:
        raise QuorumError("cli.demo_exists", path=str(path))


__all__ = ["write_new"]
