"""Durable TinyDB persistence: the only module that imports TinyDB.

What TinyDB does not promise (its maintainer gives no crash or multi-process
guarantee) is built here:

* **Atomic checkpoints.** The whole database is written to a temp file in the
  same folder, flushed, fsynced and ``os.replace``d over the old file, so a
  ``kill -9`` leaves the old or the new file, never a torn one.
* **A write-ahead journal.** Between checkpoints every change is appended to
  ``<db>.journal`` as one checksummed line per batch and fsynced. A save costs
  the size of the change, not of the archive (a 1,000-meeting archive is
  ~31 MB; rewriting it per keystroke would block typing). A torn last line is
  a batch that never committed and is dropped on replay.
* **One writer.** An OS lock on ``<db>.lock`` (flock / msvcrt) held while the
  database is open for writing; the lock file names its holder so a second
  instance can say who has it. Readers need no lock.
* **Generations.** The main file and the journal both carry a generation
  number; a journal from an older generation was already folded in and is
  ignored, so a crash between "write main" and "reset journal" is harmless.
* **Never overwrite what we could not read**, rolling daily backups, files
  created readable by the owner only, a schema version with migrations.

The working set lives in memory (TinyDB over :class:`MemoryJournalStorage`);
the disk is written only by :meth:`Database.commit` (journal) and
:meth:`Database.checkpoint` (main file).
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import gc
import json
import os
import socket
import sys
import threading
import zlib
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from quorum.store.errors import DatabaseLocked, DatabaseUnreadable, ReadOnly
from quorum.store.migrations import CURRENT_SCHEMA, migrate

TABLES = ("networks", "organisations", "people", "meetings")
META = "_meta"
BACKUPS_KEPT = 5
# Fold the journal into the main file when it grows past this; replaying a
# long journal at start is cheap, but it should not grow without bound.
CHECKPOINT_JOURNAL_BYTES = 8 * 1024 * 1024

Op = tuple[str, str, str, dict[str, Any] | None]  # ("put"|"del", table, id, doc)


class MemoryJournalStorage(Storage):
    """TinyDB storage that keeps the data in memory; :class:`Database` persists it."""

    def __init__(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data

    def read(self) -> dict[str, dict[str, Any]]:
        return self.data

    def write(self, data: dict[str, dict[str, Any]]) -> None:
        self.data = data


@contextlib.contextmanager
def quiet_gc() -> Iterator[None]:
    """No cyclic garbage collection while a large, acyclic heap is built.

    Parsing an archive allocates millions of dicts and lists; each few hundred
    start a collection that walks them all again (31 MB loaded in 150 ms with
    collections, 80 ms without). Afterwards the loaded objects are frozen
    (``gc.freeze``) so later full collections skip them: a full collection
    over a 1,000-meeting archive otherwise stalls every thread for ~60 ms,
    typing included. JSON data has no cycles; reference counting still frees
    a replaced document at once.
    """
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        gc.freeze()
        if was_enabled:
            gc.enable()


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory fsync; MoveFileEx is durable enough there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _dump_chunks(data: dict[str, dict[str, Any]]) -> Iterator[bytes]:
    """``orjson.dumps(data)``, byte for byte, one document at a time.

    orjson holds the interpreter lock for the whole of a call: one call on a
    1,000-meeting archive (31 MB) froze the UI thread for ~25 ms, on 5,000
    meetings for over 100 ms. Between per-document calls the UI thread runs.
    """
    yield b"{"
    for t_index, (table, docs) in enumerate(data.items()):
        yield (b"," if t_index else b"") + orjson.dumps(table) + b":{"
        first = True
        for doc_id, doc in docs.items():
            yield (b"" if first else b",") + orjson.dumps(doc_id) + b":" + orjson.dumps(doc)
            first = False
        yield b"}"
    yield b"}"


def atomic_write(path: Path, payload: bytes | Iterable[bytes]) -> None:
    """Write ``payload`` to ``path`` so that readers see the old or the new bytes."""
    tmp = path.with_name(f"{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            if isinstance(payload, bytes):
                fh.write(payload)
            else:
                fh.writelines(payload)
            fh.flush()
            os.fsync(fh.fileno())
        _replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(path.parent)


def _replace(src: Path, dst: Path) -> None:
    # On Windows a reader holding the file open makes replace fail briefly.
    for attempt in range(20):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            import time

            time.sleep(0.05)


class WriterLock:
    """An exclusive, process-wide lock on ``<db>.lock``, released by the OS on death."""

    INFO_OFFSET = 0
    LOCK_OFFSET = 1 << 20  # lock a byte far from the info so Windows can still read it

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: Any = None

    def acquire(self, db_path: Path) -> None:
        fd = os.open(self.path, os.O_RDWR | os.O_CREAT, 0o600)
        fh = os.fdopen(fd, "r+b")
        try:
            self._lock(fh)
        except OSError:
            owner = self._read_owner(fh)
            fh.close()
            raise DatabaseLocked(
                "error.db_locked",
                path=str(db_path),
                pid=owner.get("pid", "?"),
                host=owner.get("host", "?"),
                since=owner.get("since", "?"),
            ) from None
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        }
        fh.seek(self.INFO_OFFSET)
        fh.write(json.dumps(info).encode().ljust(512))
        fh.flush()
        self._fh = fh

    def _lock(self, fh: Any) -> None:
        if sys.platform == "win32":
            import msvcrt

            fh.seek(self.LOCK_OFFSET)
            msvcrt.locking(fh.fileno(), msvcrt.LK_NBLCK, 1)
        else:
            import fcntl

            fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)

    @staticmethod
    def _read_owner(fh: Any) -> dict[str, Any]:
        try:
            fh.seek(0)
            data: dict[str, Any] = json.loads(fh.read(512).decode().strip() or "{}")
            return data
        except (OSError, ValueError):
            return {}

    def owner(self) -> dict[str, Any]:
        try:
            with open(self.path, "rb") as fh:
                return self._read_owner(fh)
        except OSError:
            return {}

    def release(self) -> None:
        if self._fh is None:
            return
        if sys.platform == "win32":
            import msvcrt

            with contextlib.suppress(OSError):
                self._fh.seek(self.LOCK_OFFSET)
                msvcrt.locking(self._fh.fileno(), msvcrt.LK_UNLCK, 1)
        self._fh.close()  # closing the descriptor drops an flock
        self._fh = None


def _encode_line(payload: bytes) -> bytes:
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def _decode_line(line: bytes) -> Any:
    if len(line) < 10 or line[8:9] != b" ":
        raise ValueError("short line")
    crc, payload = line[:8], line[9:]
    if int(crc, 16) != zlib.crc32(payload):
        raise ValueError("checksum")
    return orjson.loads(payload)


def backups(path: Path) -> list[Path]:
    """Backups next to ``path``, newest first."""
    return sorted(path.parent.glob(f"{path.name}.backup-*"), reverse=True)


def unreadable(path: Path, detail: str) -> DatabaseUnreadable:
    found = backups(path)
    return DatabaseUnreadable(
        "error.db_unreadable",
        path=str(path),
        detail=detail,
        backup=str(found[0]) if found else "",
    )


def restore_newest_backup(path: Path) -> tuple[Path, Path]:
    """Move the broken file aside (never delete it) and put the newest backup in place."""
    found = backups(path)
    if not found:
        raise DatabaseUnreadable("error.db_no_backup", path=str(path))
    stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
    broken = path.with_name(f"{path.name}.broken-{stamp}")
    if path.exists():
        os.replace(path, broken)
    journal = path.with_name(path.name + ".journal")
    if journal.exists():
        os.replace(journal, broken.with_name(broken.name + ".journal"))
    atomic_write(path, found[0].read_bytes())
    return found[0], broken


class Database:
    """The on-disk database: open, change in batches, checkpoint, close."""

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.lock = WriterLock(self.path.with_name(self.path.name + ".lock"))
        self._mutex = threading.RLock()
        self.generation = 0
        self._journal_bytes = 0
        self._dirty = False
        self.migrated_from: int | None = None
        self.tinydb: TinyDB | None = None

    # -- opening --------------------------------------------------------------

    def open(self) -> None:
        if self.path.is_dir():
            raise DatabaseUnreadable(
                "error.db_is_directory", path=str(self.path), detail="", backup=""
            )
        self.path.parent.mkdir(parents=True, exist_ok=True)
        if not self.readonly:
            self.lock.acquire(self.path)
        try:
            self._load()
        except BaseException:
            self.lock.release()
            raise

    def _load(self) -> None:
        if not self.readonly:
            self._clean_temp_files()
        with quiet_gc():
            data = self._read_main()
            data = self._replay_journal(data)
        self.tinydb = TinyDB(storage=MemoryJournalStorage, data=data)
        if self.readonly:
            return
        needs_fold = self.migrated_from is not None or self._journal_bytes > 0
        if not self.path.exists() or needs_fold:
            if self.migrated_from is not None and self.path.exists():
                pre = self.path.with_name(f"{self.path.name}.pre-v{self.migrated_from}")
                if not pre.exists():
                    atomic_write(pre, self.path.read_bytes())
            self.checkpoint()
        self._daily_backup()

    def _clean_temp_files(self) -> None:
        # Leftovers of writes killed mid-way; each may be as large as the database.
        for tmp in self.path.parent.glob(f"{self.path.name}.tmp-*"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _read_main(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            self.generation = 0
            return {META: {"1": {"schema": CURRENT_SCHEMA, "generation": 0}}}
        try:
            raw = self.path.read_bytes()
        except OSError as err:
            raise unreadable(self.path, err.strerror or str(err)) from None
        try:
            loaded = orjson.loads(raw)
        except orjson.JSONDecodeError as err:
            detail = "empty file" if not raw.strip() else f"JSON error: {err}"
            raise unreadable(self.path, detail) from None
        if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
            raise unreadable(self.path, "not a quorum database")
        data: dict[str, dict[str, Any]] = loaded
        meta = data.get(META, {}).get("1", {})
        schema = meta.get("schema", 1) if isinstance(meta, dict) else 1
        if schema != CURRENT_SCHEMA:
            data = migrate(data, schema, self.path)
            self.migrated_from = schema
        self.generation = int(data[META]["1"].get("generation", 0))
        return data

    def _replay_journal(self, data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        self._journal_bytes = 0
        if not self.journal_path.exists():
            return data
        lines = self.journal_path.read_bytes().split(b"\n")
        if not lines or not lines[0]:
            return data
        try:
            header = _decode_line(lines[0])
        except ValueError:
            return data  # a journal whose header never committed holds nothing
        if header.get("generation") != self.generation:
            return data  # an older generation, already folded into the main file
        applied = 0
        for index, line in enumerate(lines[1:], start=1):
            if not line:
                continue
            try:
                batch = _decode_line(line)
            except ValueError:
                if index >= len(lines) - 2:
                    break  # the torn tail of a batch that never committed
                raise unreadable(self.journal_path, f"damaged journal line {index + 1}") from None
            for op, table, doc_id, doc in batch:
                tbl = data.setdefault(table, {})
                if op == "put":
                    tbl[doc_id] = doc
                else:
                    tbl.pop(doc_id, None)
            applied += len(line) + 1
        self._journal_bytes = applied
        return data

    # -- reading --------------------------------------------------------------

    def _data(self) -> dict[str, dict[str, Any]]:
        """Every table's documents, as held in memory by our storage."""
        assert self.tinydb is not None
        storage = self.tinydb.storage
        assert isinstance(storage, MemoryJournalStorage)
        return storage.data

    def documents(self, table: str) -> dict[str, dict[str, Any]]:
        """The raw documents of a table by id. Callers must not mutate them."""
        with self._mutex:
            return dict(self._data().get(table, {}))

    def meta(self) -> dict[str, Any]:
        return dict(self.documents(META).get("1", {}))

    # -- writing --------------------------------------------------------------

    def commit(self, ops: list[Op]) -> None:
        """Make ``ops`` durable as one batch: journal first, then memory."""
        if self.readonly:
            raise ReadOnly("error.db_readonly")
        if not ops:
            return
        assert self.tinydb is not None  # before the journal: a closed database takes nothing
        line = _encode_line(orjson.dumps([list(op) for op in ops]))
        with self._mutex:
            self._append_journal(line)
            # Straight into TinyDB's storage dict: Table.insert/remove rebuild the
            # whole table on every call (O(archive) per keystroke save, ~2 ms at
            # 5,000 meetings); the documents are the same either way. Reads go
            # through the storage dict as well (documents()), never through a
            # Table's query cache, so there is no cache to invalidate.
            data = self._data()
            for op, table, doc_id, doc in ops:
                if op == "put":
                    assert doc is not None
                    data.setdefault(table, {})[doc_id] = doc
                else:
                    data.get(table, {}).pop(doc_id, None)
            self._dirty = True

    def checkpoint_if_due(self) -> None:
        """Checkpoint once the journal has passed its size limit.

        Separate from :meth:`commit` so the store can run it after releasing
        its own lock: readers go on while the archive is rewritten.
        """
        with self._mutex:
            if not self.readonly and self._journal_bytes > CHECKPOINT_JOURNAL_BYTES:
                self.checkpoint()

    def _append_journal(self, line: bytes) -> None:
        new = not self.journal_path.exists() or self._journal_bytes == 0
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
        if new:
            header = _encode_line(orjson.dumps({"generation": self.generation}))
            fd = os.open(self.journal_path, flags | os.O_TRUNC, 0o600)
            payload = header + line
        else:
            fd = os.open(self.journal_path, flags | os.O_APPEND, 0o600)
            payload = line
        try:
            os.write(fd, payload)
            os.fsync(fd)
        finally:
            os.close(fd)
        self._journal_bytes += len(line)

    def checkpoint(self) -> None:
        """Fold everything into the main file atomically and start a new journal."""
        if self.readonly:
            return
        with self._mutex:
            data = self._data()
            self.generation += 1
            data.setdefault(META, {})["1"] = {
                "schema": CURRENT_SCHEMA,
                "generation": self.generation,
                "written": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            }
            atomic_write(self.path, _dump_chunks(data))
            # The journal's generation is now old: replay would skip it anyway;
            # removing it just saves the next start from reading it.
            with contextlib.suppress(FileNotFoundError):
                self.journal_path.unlink()
            self._journal_bytes = 0
            self._dirty = False

    def _daily_backup(self, refresh: bool = False) -> None:
        """One backup per day of use: made at the day's first open, refreshed
        at each clean close (when the data was just written from memory)."""
        today = _dt.date.today().isoformat()
        target = self.path.with_name(f"{self.path.name}.backup-{today}")
        if (refresh or not target.exists()) and self.path.exists():
            atomic_write(target, self.path.read_bytes())
        for old in backups(self.path)[BACKUPS_KEPT:]:
            with contextlib.suppress(OSError):
                old.unlink()

    def close(self) -> None:
        if self.tinydb is None:
            return
        with self._mutex:
            if not self.readonly and self._dirty:
                self.checkpoint()
                self._daily_backup(refresh=True)
            self.tinydb = None
            self.lock.release()


__all__ = [
    "META",
    "TABLES",
    "Database",
    "atomic_write",
    "backups",
    "quiet_gc",
    "restore_newest_backup",
]
