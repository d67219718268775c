"""Durable TinyDB persistence: the only module that imports TinyDB.

What TinyDB does not promise (its maintainer gives no crash or multi-process
guarantee) is built here:

* **Atomic checkpoints.** The whole database is written to a temp file in the
  same folder, flushed, fsynced and ``os.replace``d over the old file, so a
  ``kill -9`` leaves the old or the new file, never a torn one.
* **A write-ahead journal.** Between checkpoints every change is appended to
  ``<db>.journal`` as one checksummed line per batch and fsynced. A save costs
  the size of the change, not of the archive (a 1,000-meeting archive is
  ~31 MB; rewriting it per keystroke would block typing). A torn tail is a
  batch that never committed and is dropped; a complete line that fails its
  check stops the open (:mod:`quorum.store.journal`).
* **One writer.** An OS lock on ``<db>.lock`` (flock / msvcrt) held while the
  database is open for writing; the lock file names its holder so a second
  instance can say who has it. Readers need no lock.
* **Generations.** The main file and the journal both carry a generation
  number; a journal from an older generation was already folded in and is
  ignored, so a crash between "write main" and "reset journal" is harmless.
* **Never overwrite what we could not read**, rolling daily backups, files
  created readable by the owner only, a schema version with migrations.
  Everything is read and checked before anything is written; a main file that
  is missing beside its journal or backups is refused, never started empty.
* **A failed write changes nothing.** A journal append that fails is cut back
  and raised as :class:`WriteFailed` (memory keeps the old state); a failed
  checkpoint leaves the old main file and journal, and its generation.
* **Symlinks** are written through: the database is the link's target, and
  its journal, lock and backups live beside the target.
* **Meetings read when used.** The meetings table holds each document's span
  in the main file (``store/archive.py``) until it is changed; a meeting is
  parsed from its own bytes (CRC checked) when first read, and a checkpoint
  copies unchanged meetings' bytes as they are. The spans, each meeting's
  summary and the file's identity are kept in derived files
  (``store/sidecar.py``) so an open reads the small tables only; without ones
  that match the file, the file is read block by block instead. Either way the
  archive decides: :meth:`Database.verify` compares the whole file's CRC with
  the index's after start, and the file is read again if they differ.
* **Saves cost the change.** A meeting saved again since the last checkpoint is
  journalled as a patch (``store/patch.py``; the journal's format 2).
* **Backups** are compressed (``store/backup.py``) and never made on the app's
  start path: the app makes the day's one in the background (:meth:`maintain`).

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
import time
import zlib
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from quorum.store import backup, journal, sidecar
from quorum.store.archive import (
    LAZY_TABLES,
    ArchiveChanged,
    ArchiveDamaged,
    read_span,
    read_table,
    scan_archive,
    write_archive,
)
from quorum.store.errors import (
    DatabaseLocked,
    DatabaseUnreadable,
    FoldFailed,
    QuorumError,
    ReadOnly,
    ValidationError,
    WriteFailed,
    os_reason,
)
from quorum.store.i18n import Notice
from quorum.store.journal import JournalOp, Op
from quorum.store.migrations import CURRENT_SCHEMA, migrate
from quorum.store.patch import apply as apply_patch
from quorum.store.patch import diff
from quorum.store.span import Span
from quorum.store.summary import MeetingSummary, chronological, listed_networks, summarise
from quorum.store.when import moment_notice

TABLES = ("networks", "organisations", "people", "meetings")  # the store passes its own
META = "_meta"
# Fold the journal into the main file when it grows past this; replaying a
# long journal at start is cheap, but it should not grow without bound.
CHECKPOINT_JOURNAL_BYTES = 8 * 1024 * 1024
# After a checkpoint failed (a full disk), wait this long before rewriting the
# whole archive again: the journal keeps every save meanwhile.
FOLD_RETRY_S = 30.0


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


@contextlib.contextmanager
def paused_gc() -> Iterator[None]:
    """No cyclic garbage collection while a checkpoint builds and drops its temporaries
    (spans, the sidecar's lists). Made while collections run, they survive into the
    oldest generation and set off a full collection over everything the process holds
    (with a network's 2,000 meetings listed at 10,000: ~180 ms with every thread
    stopped, typing included). Freed by reference counting meanwhile, they never do."""
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return  # Windows has no directory fsync; MoveFileEx is durable enough there.
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


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
    fsync_dir(path.parent)


def _replace(src: Path, dst: Path) -> None:
    # On Windows a reader holding the file open makes replace fail briefly.
    for attempt in range(20):
        try:
            os.replace(src, dst)
            return
        except PermissionError:
            if os.name != "nt" or attempt == 19:
                raise
            time.sleep(0.05)


def _since(value: object) -> Notice | str:
    """When the lock's owner took it, worded in the language the message is shown in
    (the lock file keeps "2027-03-12 14:03"; a file from elsewhere may hold anything)."""
    try:
        return moment_notice(_dt.datetime.strptime(str(value), "%Y-%m-%d %H:%M"))
    except ValueError:
        return "?" if value is None else str(value)


class WriterLock:
    """An exclusive, process-wide lock on ``<db>.lock``, released by the OS on death."""

    INFO_OFFSET = 0
    LOCK_OFFSET = 1 << 20  # lock a byte far from the info so Windows can still read it

    def __init__(self, path: Path) -> None:
        self.path = path
        self._fh: Any = None

    def acquire(self, db_path: Path) -> None:
        """Hold the lock. :class:`DatabaseLocked` when another process has it; an
        OSError (a read-only folder, a full disk) when the lock file cannot be made."""
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
                since=_since(owner.get("since")),
            ) from None
        info = {
            "pid": os.getpid(),
            "host": socket.gethostname(),
            "since": _dt.datetime.now().strftime("%Y-%m-%d %H:%M"),
        }
        try:
            fh.seek(self.INFO_OFFSET)
            fh.write(json.dumps(info).encode().ljust(512))
            fh.flush()
        except OSError:
            fh.close()  # drops the lock again
            raise
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


def clean_temp_files(path: Path) -> None:
    """Remove the leftovers of writes killed mid-way (the main file, a backup, a journal
    cut by restore, a demo being built); each may be as large as the database. Only
    under the writer lock: then no write of ours is under way."""
    for tmp in path.parent.glob(f"{path.name}.*"):
        if ".tmp-" in tmp.name:
            with contextlib.suppress(OSError):
                tmp.unlink()


def database_file(path: Path) -> Path:
    """The file to read and write for ``path``: a symlink's target, so the link stays a
    link and the target gets the changes (an atomic replace would swap the link for a
    file and leave the target old). A link to nowhere is refused."""
    path = Path(path)
    if not path.is_symlink():
        return path
    try:
        return Path(os.path.realpath(path, strict=True))
    except OSError:
        target = Path(os.path.realpath(path))
        if target.is_symlink() or not target.parent.is_dir():  # a loop, or no folder there
            raise DatabaseUnreadable(
                "error.db_link", path=str(path), target=os.readlink(path), remedy=""
            ) from None
        return target  # a link to a file not made yet, in a folder that exists


def journal_path(path: Path) -> Path:
    return path.with_name(path.name + ".journal")


def has_database(path: Path) -> bool:
    """Whether a database lives at ``path``: its main file, or a journal or backup of it
    (a missing main file beside those is :meth:`Database.open`'s to refuse)."""
    return path.exists() or journal_path(path).exists() or bool(backups(path))


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def backups(path: Path) -> list[Path]:
    """Backups next to ``path``, newest first (compressed or plain; a backup's unfinished
    temp file is none)."""
    return backup.backups(path)


def unreadable(path: Path, detail: Any, **params: Any) -> DatabaseUnreadable:
    """The main file (or one of its records) cannot be read: restore offers the backup."""
    found = backups(path)
    return DatabaseUnreadable(
        params.pop("key", "error.db_unreadable"),
        path=str(path),
        detail=detail,
        backup=str(found[0]) if found else "",
        remedy="backup" if found else "",
        **params,
    )


def _folded(
    data: dict[str, dict[str, Any]],
    batches: list[list[JournalOp]],
    read: Callable[[Any], dict[str, Any] | None],
) -> bool:
    """Whether replaying ``batches`` onto ``data`` would change nothing (``read`` gives a
    stored entry's document: a meeting may still be a span of the main file)."""
    final: dict[tuple[str, str], dict[str, Any] | None] = {}
    try:
        for batch in batches:
            for op, table, doc_id, doc in batch:
                if op == "patch":
                    before = final.get((table, doc_id), read(data.get(table, {}).get(doc_id)))
                    if before is None:
                        return False
                    doc = apply_patch(orjson.loads(orjson.dumps(before)), doc)
                final[(table, doc_id)] = doc if op != "del" else None
    except ValueError:
        return False
    return all(
        read(data.get(table, {}).get(doc_id)) == doc for (table, doc_id), doc in final.items()
    )


def _int_field(meta: dict[str, Any], name: str, default: int, path: Path) -> int:
    value = meta.get(name, default)
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    raise unreadable(path, Notice.of("unreadable.meta", field=name, value=repr(value)[:40]))


def parse_main(
    raw: bytes,
    path: Path,
    tables: Collection[str] = TABLES,
    keyed: Collection[str] | None = None,
) -> tuple[dict[str, dict[str, Any]], int, int | None]:
    """The documents of a main file's bytes (migrated to the current schema), its
    generation and the schema it was migrated from (None: it is current). Everything
    is checked that can be without the records' types: a refusal names what is wrong.
    ``tables`` are the tables the store keeps (with ``_meta``, all there may be);
    ``keyed`` those whose documents carry their key as ``id`` (all of them if None)."""
    try:
        loaded = orjson.loads(raw)
    except orjson.JSONDecodeError as err:
        if out_of_memory(err):  # orjson says so with a decode error: not a damaged file
            raise QuorumError("error.out_of_memory", path=str(path)) from None
        if not raw.strip():
            raise unreadable(path, Notice.of("unreadable.empty")) from None
        raise unreadable(path, Notice.of("unreadable.json", at=err.pos)) from None
    if not isinstance(loaded, dict) or not all(
        isinstance(docs, dict) and all(isinstance(doc, dict) for doc in docs.values())
        for docs in loaded.values()
    ):
        raise unreadable(path, Notice.of("unreadable.not_quorum"))
    for table, docs in loaded.items():
        if table != META and table not in tables:  # a hand edit's typo, or a flipped bit
            raise unreadable(path, Notice.of("unreadable.unknown_table", table=table[:40]))
        if table != META and (keyed is None or table in keyed):
            _check_ids(path, table, docs)
    data: dict[str, dict[str, Any]] = loaded
    meta = data.get(META, {}).get("1", {})
    schema = _int_field(meta, "schema", 1, path)
    _int_field(meta, "generation", 0, path)
    migrated_from = None
    if schema != CURRENT_SCHEMA:
        data = migrate(data, schema, path)
        migrated_from = schema
    return data, _int_field(data[META]["1"], "generation", 0, path), migrated_from


def out_of_memory(err: orjson.JSONDecodeError) -> bool:
    """orjson reports a failed allocation as a JSONDecodeError at byte 0; taken for damage,
    it would offer to put a backup in place of a healthy file."""
    return str(err).startswith("Not enough memory")


def _check_ids(path: Path, table: str, docs: dict[str, dict[str, Any]]) -> None:
    """Each record's id is also its key: a changed digit in either would otherwise let a
    journal line replace, or two keys merge, a record without a word."""
    for doc_id, doc in docs.items():
        if doc.get("id") != doc_id:
            record = Notice.of(f"record.{table}", id=doc_id)
            raise unreadable(path, Notice.of("unreadable.id", record=record))


class Database:
    """The on-disk database: open, change in batches, checkpoint, close.

    Two locks: ``_writer`` orders commits and checkpoints (the journal and the main
    file); ``_mutex`` guards the tables in memory and the open main file, and is
    held only briefly, so reads go on while a checkpoint copies the archive. Taken
    in that order, never the other.
    """

    def __init__(
        self,
        path: Path,
        readonly: bool = False,
        tables: Collection[str] = TABLES,
        keyed: Collection[str] | None = None,
    ) -> None:
        self.path = database_file(path)
        self.readonly = readonly
        self.tables = tables  # the tables a file may hold
        self.keyed = keyed  # those whose documents are records, their key also their id
        # Why a store that wanted to write was opened read-only (None: another quorum has it).
        self.readonly_reason: QuorumError | None = None
        self.journal_path = journal_path(self.path)
        self.lock = WriterLock(lock_path(self.path))
        self._mutex = threading.RLock()
        self._writer = threading.RLock()
        self.generation = 0
        self._journal_bytes = 0  # committed batch lines in the journal (the fold trigger)
        self._journal_end = 0  # offset after the last good line; 0: no journal yet
        self._dirty = False
        self.migrated_from: int | None = None
        self.tinydb: TinyDB | None = None
        # The last checkpoint that failed (disk full ...): the journal holds everything.
        self.fold_error: FoldFailed | None = None
        self._fold_failed_at = 0.0
        # The main file, open for reading the meetings' spans; its identity as indexed.
        self._fd: int | None = None
        self.identity: sidecar.Identity | None = None
        self.verified = True  # False while the file is trusted on its index's word alone
        self._table_spans: dict[str, Span] = {}
        self._sidecar_stale = False
        self.summaries: dict[str, MeetingSummary] = {}
        self.changes = 0  # counts every change in memory (what a derived index syncs by)
        # The day's backup at open (after a crash's journal was folded: made again) and
        # before the first write. The app turns both off and calls maintain() on a
        # background thread instead: neither the first frame nor typing waits for it.
        self.backup_in_foreground = True
        self._backup_due = False  # made again at the next maintenance (a fold at open)
        self._check: Callable[[str, str, dict[str, Any]], None] | None = None

    # -- opening --------------------------------------------------------------

    def open(self, check: Callable[[str, str, dict[str, Any]], None] | None = None) -> None:
        """Read, check and replay; then (for writing) fold a journal left by a crash.

        ``check(table, id, document)`` is run on every document read before anything is
        written (a refusal leaves every file as it was): every one when the file is read
        whole or block by block, the small tables and what the journal replayed when
        the index describes the file. A meeting read by its span is then one quorum
        wrote itself (the index matched; the CRC is checked as it is read).
        """
        if self.path.is_dir():
            raise DatabaseUnreadable(
                "error.db_is_directory", path=str(self.path), detail="", backup=""
            )
        if not self.readonly:
            try:
                self.path.parent.mkdir(parents=True, exist_ok=True)
                self.lock.acquire(self.path)
            except OSError as err:
                raise WriteFailed.of(err, self.lock.path) from None
        self._check = check
        try:
            self._load()
        except BaseException:
            self._close_main()
            self.lock.release()
            raise

    def _keyed(self, table: str) -> bool:
        return self.keyed is None or table in self.keyed

    def _checked(self, table: str, doc_id: str, doc: dict[str, Any]) -> None:
        if self._check is not None and table != META:
            self._check(table, doc_id, doc)

    def _load(self) -> None:
        # Everything is read and checked before anything is written: a file we
        # refuse is left exactly as it was, temp files and backups included.
        with quiet_gc():
            data = self._read_main()
            data = self._replay_journal(data)
        self.tinydb = TinyDB(storage=MemoryJournalStorage, data=data)
        if self.readonly:
            return
        needs_fold = self.migrated_from is not None or self._journal_bytes > 0
        try:
            clean_temp_files(self.path)
            if not self.path.exists() or needs_fold:
                if self.migrated_from is not None and self.path.exists():
                    pre = self.path.with_name(f"{self.path.name}.pre-v{self.migrated_from}")
                    if not pre.exists():
                        atomic_write(pre, self.path.read_bytes())
                self.checkpoint()
            elif self._sidecar_stale:
                self._write_sidecar()
            # After folding a crash's journal, today's backup is made again: a backup
            # of the generation the next journal builds on is one restore can join to it.
            self._backup_due = needs_fold
            if self.backup_in_foreground:
                self._backup_today()
        except OSError as err:
            raise WriteFailed.of(err, self.path) from None
        except FoldFailed as err:  # at open it stops the open: nothing else was written
            raise WriteFailed("error.write_failed", **err.params) from None

    def _read_main(self) -> dict[str, dict[str, Any]]:
        self._close_main()
        self.summaries = {}
        if not self.path.exists():
            self._refuse_missing_main()
            self.generation = 0
            self.identity = None
            self.verified = True
            return {META: {"1": {"schema": CURRENT_SCHEMA, "generation": 0}}}
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as err:
            raise unreadable(self.path, os_reason(err)) from None
        try:
            data = self._read_indexed(fd)
            if data is None:
                data = self._read_scanned(fd)
            meta = data.get(META, {}).get("1", {})
            schema = _int_field(meta if isinstance(meta, dict) else {}, "schema", 1, self.path)
            self.generation = _int_field(meta, "generation", 0, self.path)
            self.migrated_from = None
            if schema != CURRENT_SCHEMA:
                # An older file: read whole, migrated, and written anew by the open's fold.
                raw = os.pread(fd, os.fstat(fd).st_size, 0)
                data, self.generation, self.migrated_from = parse_main(
                    raw, self.path, self.tables, self.keyed
                )
                for table, docs in data.items():
                    for doc_id, doc in docs.items():
                        self._checked(table, doc_id, doc)
                self.summaries = {
                    mid: summarise(mid, doc) for mid, doc in data.get("meetings", {}).items()
                }
        except OSError as err:
            os.close(fd)
            raise unreadable(self.path, os_reason(err)) from None
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return data

    def _read_indexed(self, fd: int) -> dict[str, dict[str, Any]] | None:
        """The small tables and the meetings' spans, as the index says; None if it does
        not describe this file."""
        side = sidecar.read_index(self.path, os.fstat(fd))
        if side is None:
            return None
        data: dict[str, dict[str, Any]] = {}
        try:
            for name in side.order:
                if name in LAZY_TABLES:
                    data[name] = dict(side.meetings) if name == "meetings" else {}
                else:
                    data[name] = read_table(fd, side.tables[name])
            generation = data[META]["1"]["generation"]
        except (ArchiveChanged, orjson.JSONDecodeError, KeyError, TypeError):
            return None
        if generation != side.identity.generation:
            return None
        self._check_tables(data)
        self.identity = side.identity
        self.verified = False
        self._table_spans = {k: v for k, v in side.tables.items() if k in data}
        self.summaries = dict(side.summaries)
        return data

    def _check_tables(self, data: dict[str, dict[str, Any]], check: bool = True) -> None:
        """Only tables the store keeps; each small table's records under their own ids,
        each one its record's shape (``check``: of the current schema; an older one's
        are checked after their migration)."""
        for table, docs in data.items():
            if table != META and table not in self.tables:
                raise unreadable(self.path, Notice.of("unreadable.unknown_table", table=table[:40]))
            if table != META and table not in LAZY_TABLES:
                if self._keyed(table):
                    _check_ids(self.path, table, docs)
                if check:
                    for doc_id, doc in docs.items():
                        self._checked(table, doc_id, doc)

    def _read_scanned(self, fd: int) -> dict[str, dict[str, Any]]:
        """Every document found by reading the file block by block (no index to go by),
        each parsed once to check it; the meetings are kept as their spans."""
        summaries: dict[str, MeetingSummary] = {}
        # The schema, once _meta is read (quorum writes it first). Documents of an older
        # schema are checked after their migration (_read_main reads such a file whole);
        # ones met before _meta (a hand-edited order) are checked by their spans after.
        schema: list[int] = []
        later: list[tuple[str, str]] = []

        def meta_read(table: str, docs: dict[str, Any]) -> None:
            if table == META:
                meta = docs.get("1", {})
                schema.append(
                    _int_field(meta if isinstance(meta, dict) else {}, "schema", 1, self.path)
                )

        def seen(table: str, doc_id: str, doc: dict[str, Any]) -> None:
            # Each meeting as it is read: a file no index describes may have been edited.
            if table != META and table not in self.tables:
                raise unreadable(self.path, Notice.of("unreadable.unknown_table", table=table[:40]))
            if self._keyed(table):
                _check_ids(self.path, table, {doc_id: doc})
            if not schema:
                later.append((table, doc_id))
            elif schema[0] == CURRENT_SCHEMA:
                self._checked(table, doc_id, doc)
                if table == "meetings":
                    summaries[doc_id] = summarise(doc_id, doc)

        try:
            scanned = scan_archive(fd, seen, on_table=meta_read)
        except MemoryError:
            raise QuorumError("error.out_of_memory", path=str(self.path)) from None
        except ArchiveDamaged as err:
            if not os.pread(fd, 4096, 0).strip():
                raise unreadable(self.path, Notice.of("unreadable.empty")) from None
            if err.kind == "not_quorum":
                raise unreadable(self.path, Notice.of("unreadable.not_quorum")) from None
            raise unreadable(self.path, Notice.of("unreadable.json", at=err.at)) from None
        data: dict[str, dict[str, Any]] = {
            name: dict(scanned.docs[name]) if name in scanned.docs else scanned.tables[name]
            for name in scanned.order
        }
        current = (schema[0] if schema else 1) == CURRENT_SCHEMA
        if current:
            for table, doc_id in later:
                doc = orjson.loads(read_span(fd, scanned.docs[table][doc_id]))
                self._checked(table, doc_id, doc)
                if table == "meetings":
                    summaries[doc_id] = summarise(doc_id, doc)
        self._check_tables(data, check=current)
        meta = data.get(META, {}).get("1", {})
        generation = meta.get("generation", 0) if isinstance(meta, dict) else 0
        st = os.fstat(fd)
        self.identity = sidecar.Identity(
            st.st_size,
            st.st_mtime_ns,
            st.st_ino,
            generation if isinstance(generation, int) else 0,
            scanned.crc,
        )
        self.verified = True
        self._table_spans = dict(scanned.table_spans)
        self._sidecar_stale = True
        self.summaries = summaries
        return data

    def _refuse_missing_main(self) -> None:
        """A main file missing beside its journal or backups was deleted or moved: an
        empty database in its place would hide the data, and the next write would make
        that permanent."""
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            raw = b""
        except OSError as err:
            raise unreadable(self.journal_path, os_reason(err)) from None
        if b"\n" in raw or backups(self.path):  # a complete line: something was committed
            raise unreadable(self.path, "", key="error.db_missing")

    def _replay_journal(self, data: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
        self._journal_bytes = self._journal_end = 0
        try:
            raw = self.journal_path.read_bytes()
        except FileNotFoundError:
            return data
        except OSError as err:
            raise self._journal_unreadable(os_reason(err)) from None
        try:
            found = journal.scan(raw)
        except journal.JournalDamaged as err:
            header = journal.scan(raw, until_damage=True).generation
            if header is not None and header < self.generation:
                return data  # damage in a journal that was folded already: nothing to lose
            raise self._journal_unreadable(
                Notice.of(f"unreadable.journal_{err.reason}", line=err.line), line=err.line
            ) from None
        if found.generation is None:
            return data  # no header was completed: nothing was committed
        if found.generation < self.generation:
            # An older generation: a crash between writing the main file and removing the
            # journal leaves one, already folded in. Ignored only when the main file does
            # hold what it says (a changed generation number must not drop its saves).
            if not _folded(data, found.batches, self._document):
                raise self._journal_mismatch(
                    Notice.of(
                        "unreadable.journal_unfolded", found=found.generation, main=self.generation
                    )
                )
            return data
        if found.generation > self.generation:
            # The main file is older than its journal: it was replaced (by a copy, a
            # backup, another program). Replaying would mix two states; dropping the
            # journal would lose its saves.
            raise self._journal_mismatch(
                Notice.of("unreadable.journal_newer", found=found.generation, main=self.generation)
            )
        for number, batch in enumerate(found.batches, start=2):
            for op, table, doc_id, doc in batch:
                if op == "patch":
                    try:
                        doc = self._patched(data, table, doc_id, doc)
                    except ValueError:  # a patch of a document it was not made from
                        raise self._journal_unreadable(
                            Notice.of("unreadable.journal_shape", line=number), line=number
                        ) from None
                    op = "put"
                if op == "put":
                    self._checked(table, doc_id, doc)
                self._apply(data, op, table, doc_id, doc)
        self._journal_bytes = found.end - found.header_bytes
        self._journal_end = found.end if found.batches else 0
        return data

    def _patched(
        self, data: dict[str, dict[str, Any]], table: str, doc_id: str, patch: Any
    ) -> dict[str, Any]:
        """The document a journalled patch made: applied to it as the line before left
        it, or as the main file holds it."""
        base = self._document(data.get(table, {}).get(doc_id))
        if base is None:
            raise ValueError(f"a change to {table} {doc_id}, which is not there")
        return apply_patch(orjson.loads(orjson.dumps(base)), patch)

    def _document(self, entry: Any) -> dict[str, Any] | None:
        """A stored entry's document (a span is parsed); None for none."""
        if entry is None:
            return None
        return self._parse(entry)

    def _apply(
        self,
        data: dict[str, dict[str, Any]],
        op: str,
        table: str,
        doc_id: str,
        doc: dict[str, Any] | None,
    ) -> None:
        """One change in memory (the journal already holds it): the table and the summary."""
        self.changes += 1
        if op == "put":
            assert doc is not None  # journal.scan and commit check the shape
            data.setdefault(table, {})[doc_id] = doc
            if table == "meetings":
                self.summaries[doc_id] = summarise(doc_id, doc)
        else:
            data.get(table, {}).pop(doc_id, None)
            if table == "meetings":
                self.summaries.pop(doc_id, None)

    def _journal_unreadable(self, detail: Any, **params: Any) -> DatabaseUnreadable:
        found = backups(self.path)
        return DatabaseUnreadable(
            params.pop("key", "error.journal_damaged"),
            path=str(self.path),
            journal=str(self.journal_path),
            detail=detail,
            backup=str(found[0]) if found else "",
            remedy=params.pop("remedy", "journal"),
            **params,
        )

    def _journal_mismatch(self, detail: Any) -> DatabaseUnreadable:
        """The main file and the journal are of generations that cannot be joined.
        Restore puts the newest backup back, with the journal when it is the backup's."""
        remedy = "backup" if backups(self.path) else ""
        return self._journal_unreadable(detail, key="error.journal_mismatch", remedy=remedy)

    # -- reading --------------------------------------------------------------

    def _data(self) -> dict[str, dict[str, Any]]:
        """Every table as held in memory by our storage (lazy tables: spans or documents)."""
        assert self.tinydb is not None
        storage = self.tinydb.storage
        assert isinstance(storage, MemoryJournalStorage)
        return storage.data

    def _parse(self, entry: Span | dict[str, Any]) -> dict[str, Any]:
        """A document from memory, or parsed from its span (with ``_mutex`` held)."""
        if not isinstance(entry, Span):
            return entry
        assert self._fd is not None
        try:
            loaded = orjson.loads(read_span(self._fd, entry))
        except (ArchiveChanged, orjson.JSONDecodeError, OSError):
            # Someone wrote into the file in place while quorum had it open.
            raise unreadable(self.path, Notice.of("unreadable.changed_while_open")) from None
        if not isinstance(loaded, dict):
            raise unreadable(self.path, Notice.of("unreadable.changed_while_open"))
        return loaded

    def documents(self, table: str) -> dict[str, dict[str, Any]]:
        """The raw documents of a table by id (a lazy table's are parsed: use
        :meth:`get` for one). Callers must not mutate them."""
        with self._mutex:
            return {k: self._parse(v) for k, v in self._data().get(table, {}).items()}

    def get(self, table: str, doc_id: str) -> dict[str, Any] | None:
        """One raw document, parsed from the main file if it is not in memory."""
        with self._mutex:
            entry = self._data().get(table, {}).get(doc_id)
            if entry is None:
                return None
            doc = self._parse(entry)
        if isinstance(entry, Span) and doc.get("id") != doc_id:
            # A changed digit in the file: two records in one (as parse_main refuses it).
            record = Notice.of(f"record.{table}", id=doc_id)
            raise unreadable(self.path, Notice.of("unreadable.id", record=record))
        return doc

    def ids(self, table: str) -> list[str]:
        with self._mutex:
            return list(self._data().get(table, {}))

    def meeting_summaries(self) -> list[MeetingSummary]:
        """Every meeting's summary, in table order."""
        with self._mutex:
            return list(self.summaries.values())

    def entries(self, table: str) -> dict[str, Span | dict[str, Any]]:
        """A lazy table as held: each document's span in the main file, or the document
        itself where it changed since the last checkpoint (what the search index syncs by)."""
        with self._mutex:
            return dict(self._data().get(table, {}))

    def meta(self) -> dict[str, Any]:
        return dict(self.documents(META).get("1", {}))

    # -- writing --------------------------------------------------------------

    def commit(self, ops: list[Op]) -> None:
        """Make ``ops`` durable as one batch: journal first, then memory.

        Raises :class:`WriteFailed` when the journal cannot be written; then
        neither the files nor memory have changed.
        """
        if self.readonly:
            if self.readonly_reason is not None:
                raise ReadOnly("error.db_readonly_because", **self.readonly_reason.params)
            raise ReadOnly("error.db_readonly")
        if not ops:
            return
        assert self.tinydb is not None  # before the journal: a closed database takes nothing
        with self._writer:
            if self.backup_in_foreground and not self._backed_up:
                self._backed_up = True
                with contextlib.suppress(OSError):  # a backup that fails stops no save
                    self._backup_today()
            try:
                line = journal.encode_line(self._journal_ops(ops))
            except orjson.JSONEncodeError:
                # Text no file can hold (a lone surrogate): refused before anything is written.
                raise ValidationError("error.text_unsavable") from None
            self._append_journal(line)
            with self._mutex:
                # Straight into TinyDB's storage dict: Table.insert/remove rebuild the
                # whole table on every call (O(archive) per keystroke save, ~2 ms at
                # 5,000 meetings); the documents are the same either way. Reads go
                # through the storage dict as well (get()), never through a Table's
                # query cache, so there is no cache to invalidate.
                data = self._data()
                for op, table, doc_id, doc in ops:
                    self._apply(data, op, table, doc_id, doc)
                self._dirty = True

    _backed_up = False  # the first write's backup was made (or tried)

    def _journal_ops(self, ops: list[Op]) -> list[list[Any]]:
        """The batch as the journal keeps it: a meeting already in memory (saved since the
        last checkpoint) as a patch of what changed, when that is the smaller
        (``_writer`` held: nothing changes the documents meanwhile)."""
        out: list[list[Any]] = []
        latest: dict[tuple[str, str], Any] = {}
        with self._mutex:
            data = self._data()
            for op, table, doc_id, doc in ops:
                before = latest.get((table, doc_id), data.get(table, {}).get(doc_id))
                latest[(table, doc_id)] = doc
                if op == "put" and table in LAZY_TABLES and type(before) is dict and doc:
                    try:
                        patch: list[list[Any]] | None = diff(before, doc)
                    except ValueError:  # other fields altogether: the whole document
                        patch = None
                    if patch is not None and len(orjson.dumps(patch)) < len(orjson.dumps(doc)) // 2:
                        out.append(["patch", table, doc_id, patch])
                        continue
                out.append([op, table, doc_id, doc])
        return out

    def checkpoint_if_due(self) -> None:
        """Checkpoint once the journal has passed its size limit, or at once when the
        main file has gone (deleted or moved while we run: a crash now would leave only
        the journal).

        Separate from :meth:`commit` so the store can run it after releasing its own
        lock: readers go on while the archive is rewritten. A failure is kept in
        :attr:`fold_error`, not raised: the save itself is safe in the journal.
        """
        with self._writer:
            if self.readonly or self.tinydb is None:
                return
            due = self._journal_bytes > CHECKPOINT_JOURNAL_BYTES or not self.path.exists()
            if not due:
                return
            if (
                self.fold_error is not None
                and time.monotonic() - self._fold_failed_at < FOLD_RETRY_S
            ):
                return
            try:
                self.checkpoint()
            except FoldFailed as err:
                self.fold_error = err
                self._fold_failed_at = time.monotonic()

    def _append_journal(self, line: bytes) -> None:
        end = self._journal_end
        payload = line if end else journal.header_line(self.generation) + line
        try:
            try:
                end = journal.append(self.journal_path, payload, end)
            except journal.JournalShrunk:
                # Cut or deleted by someone else: the lines it lost are in memory only.
                # Fold them into the main file first, then start a new journal.
                self.checkpoint()
                payload = journal.header_line(self.generation) + line
                end = journal.append(self.journal_path, payload, 0)
        except OSError as err:
            raise WriteFailed.of(err, self.journal_path) from None
        except FoldFailed as err:  # this batch is in neither file
            raise WriteFailed("error.write_failed", **err.params) from None
        self._journal_end = end
        self._journal_bytes += len(line)

    def checkpoint(self) -> None:
        """Fold everything into the main file atomically and start a new journal.

        Unchanged meetings are copied from the old file as bytes (their CRC checked);
        only documents changed since the last checkpoint are serialised. Readers are
        not held up: the old file stays open and valid until the new one is in place.
        On failure (:class:`FoldFailed`) the main file, the journal and the generation
        stay as they were: the journal still holds every change.
        """
        if self.readonly:
            return
        with self._writer, paused_gc():
            with self._mutex:
                data = self._data()
                generation = self.generation + 1
                meta = {
                    "schema": CURRENT_SCHEMA,
                    "generation": generation,
                    "written": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                }
                snapshot = {name: dict(docs) for name, docs in data.items()}
                snapshot[META] = {**snapshot.get(META, {}), "1": meta}
                source = self._fd
            try:
                written = self._write_main(snapshot, source)
            except (OSError, ArchiveChanged) as err:
                reason: Any = err if isinstance(err, OSError) else OSError(0, str(err))
                raise FoldFailed.of(reason, self.path, "error.fold_failed") from None
            with self._mutex:
                data.setdefault(META, {})["1"] = meta
                for table, spans in written.docs.items():
                    # Every document now lies in the new file: memory keeps its span only.
                    data[table].update(spans)
                self.changes += 1
                self.generation = generation
                self._table_spans = dict(written.tables)
                self._swap_main(written.size, written.crc)
            # The journal's generation is now old: replay would skip it anyway;
            # removing it just saves the next start from reading it.
            with contextlib.suppress(OSError):
                self.journal_path.unlink()
            self._journal_bytes = self._journal_end = 0
            self._dirty = False
            self.fold_error = None
            self._write_sidecar()

    def _write_main(self, snapshot: dict[str, dict[str, Any]], source: int | None) -> Any:
        """The new main file under a temporary name, synced, renamed into place."""
        tmp = self.path.with_name(f"{self.path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        try:
            with os.fdopen(fd, "wb") as fh:
                written = write_archive(fh, snapshot, source)
                fh.flush()
                os.fsync(fh.fileno())
            if os.name == "nt":
                # Windows cannot rename over a file that is open: readers wait meanwhile.
                with self._mutex:
                    self._close_main()
                    _replace(tmp, self.path)
            else:
                _replace(tmp, self.path)
        except BaseException:
            with contextlib.suppress(OSError):
                tmp.unlink()
            raise
        fsync_dir(self.path.parent)
        return written

    def _swap_main(self, size: int, crc: int) -> None:
        """Read from the file just written from now on (``_mutex`` held)."""
        fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        st = os.fstat(fd)
        self._close_main()
        self._fd = fd
        self.identity = sidecar.Identity(size, st.st_mtime_ns, st.st_ino, self.generation, crc)
        self.verified = st.st_size == size

    def _close_main(self) -> None:
        if self._fd is not None:
            with contextlib.suppress(OSError):
                os.close(self._fd)
            self._fd = None

    def _write_sidecar(self) -> None:
        """The index and the first frame of the main file as it is (every meeting a
        span of it)."""
        with self._mutex:
            data = self._data()
            if self.identity is None or any(
                not isinstance(entry, Span) for entry in data.get("meetings", {}).values()
            ):
                return  # memory holds changes the file has not: nothing to describe yet
            meetings: dict[str, Span] = dict(data.get("meetings", {}))
            index = sidecar.Index(
                identity=self.identity,
                order=list(data),
                tables=dict(self._table_spans),
                meetings=meetings,
                summaries={k: self.summaries[k] for k in meetings},
            )
            networks = listed_networks(
                [
                    (str(k), str(v.get("name", "")), v.get("parent_id") or None)
                    for k, v in data.get("networks", {}).items()
                ]
            )
            first = networks[0][0] if networks else None
            frame = sidecar.first_frame(
                self.identity,
                networks,
                {str(k): str(v.get("name", "")) for k, v in data.get("organisations", {}).items()},
                sorted(
                    (s for s in index.summaries.values() if s.network_id == first),
                    key=chronological,
                ),
                _dt.datetime.now(_dt.UTC),
            )
        with contextlib.suppress(OSError):  # derived: a failure costs the next start a scan
            sidecar.write_index(self.path, index)
            sidecar.write(self.path, frame)
        self._sidecar_stale = False

    # -- keeping the archive honest and backed up -----------------------------

    def verify(self) -> bool:
        """Whether the main file is byte for byte what its index said (read once more,
        block by block, off the UI thread). True when nothing needed checking."""
        with self._mutex:
            if self.verified or self._fd is None or self.identity is None:
                return True
            fd = os.dup(self._fd)
            identity = self.identity
        try:
            crc = 0
            offset = 0
            while block := os.pread(fd, backup.BLOCK, offset):
                crc = zlib.crc32(block, crc)  # releases the interpreter lock
                offset += len(block)
        finally:
            os.close(fd)
        with self._mutex:
            if self.identity is not identity:
                return True  # a checkpoint wrote the file anew meanwhile
            if crc == identity.crc and offset == identity.size:
                self.verified = True
                return True
            return False

    def reload(self) -> None:
        """Read the archive again, ignoring the derived files (they did not tell the truth)."""
        with self._writer, self._mutex:
            sidecar.remove(self.path)
            with quiet_gc():
                data = self._replay_journal(self._read_main())
            assert self.tinydb is not None
            self.tinydb.storage.write(data)
            self.changes += 1
            if not self.readonly:
                if self._journal_bytes > 0:
                    self.checkpoint()
                elif self._sidecar_stale:
                    self._write_sidecar()

    def _backup_today(self, refresh: bool = False) -> None:
        """The day's backup of the main file as it is now, compressed (made again when
        ``refresh`` or after a fold at open), and the newest five days kept."""
        if not self.path.exists():
            return
        with self._mutex:
            fd = None if self._fd is None else os.dup(self._fd)
        if fd is None:
            return
        try:
            backup.make_today(self.path, fd, replace=refresh or self._backup_due)
            self._backup_due = False
        finally:
            os.close(fd)
        backup.rotate(self.path)

    def maintain(self) -> bool:
        """What start-up leaves for later: verify the archive against its index (read it
        again if they differ: False), then the day's backup, compressed, and the
        rotation. Slow on a large archive; the app runs it on a background thread."""
        honest = self.verify()
        if not honest:
            self.reload()
        if self.readonly or not self.path.exists():
            return honest
        backup.compress_pending(self.path)
        self._backup_today()
        return honest

    def close(self) -> None:
        """Checkpoint what changed, refresh the day's backup, and let go of the lock.
        Raises :class:`FoldFailed` (after letting go) when that last write failed: the
        journal keeps the changes and the next open folds them in."""
        if self.tinydb is None:
            return
        with self._writer, self._mutex:
            try:
                if not self.readonly and self._dirty:
                    self.checkpoint()
                    try:
                        self._backup_today(refresh=True)
                    except OSError as err:
                        raise FoldFailed.of(err, self.path, "error.backup_failed") from None
            finally:
                self.tinydb = None
                self._close_main()
                self.lock.release()


__all__ = [
    "META",
    "TABLES",
    "Database",
    "atomic_write",
    "backups",
    "clean_temp_files",
    "database_file",
    "journal_path",
    "lock_path",
    "parse_main",
    "quiet_gc",
]
