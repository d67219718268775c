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
from collections.abc import Callable, Collection, Iterable, Iterator
from pathlib import Path
from typing import Any

import orjson
from tinydb import TinyDB
from tinydb.storages import Storage

from quorum.store import journal
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
from quorum.store.journal import Op
from quorum.store.migrations import CURRENT_SCHEMA, migrate
from quorum.store.when import moment_notice

TABLES = ("networks", "organisations", "people", "meetings")  # the store passes its own
META = "_meta"
BACKUPS_KEPT = 5
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


def fsync_dir(folder: Path) -> None:
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


def lock_path(path: Path) -> Path:
    return path.with_name(path.name + ".lock")


def backups(path: Path) -> list[Path]:
    """Backups next to ``path``, newest first (a backup's unfinished temp file is none)."""
    found = path.parent.glob(f"{path.name}.backup-*")
    return sorted((p for p in found if ".tmp-" not in p.name), reverse=True)


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


def _folded(data: dict[str, dict[str, Any]], batches: list[list[Op]]) -> bool:
    """Whether replaying ``batches`` onto ``data`` would change nothing."""
    final: dict[tuple[str, str], dict[str, Any] | None] = {}
    for batch in batches:
        for op, table, doc_id, doc in batch:
            final[(table, doc_id)] = doc if op == "put" else None
    return all(data.get(table, {}).get(doc_id) == doc for (table, doc_id), doc in final.items())


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
    """The on-disk database: open, change in batches, checkpoint, close."""

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
        self.generation = 0
        self._journal_bytes = 0  # committed batch lines in the journal (the fold trigger)
        self._journal_end = 0  # offset after the last good line; 0: no journal yet
        self._dirty = False
        self.migrated_from: int | None = None
        self.tinydb: TinyDB | None = None
        # The last checkpoint that failed (disk full ...): the journal holds everything.
        self.fold_error: FoldFailed | None = None
        self._fold_failed_at = 0.0

    # -- opening --------------------------------------------------------------

    def open(self, check: Callable[[dict[str, dict[str, Any]]], None] | None = None) -> None:
        """Read, check and replay; then (for writing) fold a journal left by a crash.

        ``check`` is run on the replayed documents before that fold rewrites the main
        file, so a file it refuses is left as it was (the store checks every record).
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
        try:
            self._load(check)
        except BaseException:
            self.lock.release()
            raise

    def _load(self, check: Callable[[dict[str, dict[str, Any]]], None] | None) -> None:
        # Everything is read and checked before anything is written: a file we
        # refuse is left exactly as it was, temp files and backups included.
        with quiet_gc():
            data = self._read_main()
            data = self._replay_journal(data)
        self.tinydb = TinyDB(storage=MemoryJournalStorage, data=data)
        if self.readonly:
            return
        needs_fold = self.migrated_from is not None or self._journal_bytes > 0
        if needs_fold and check is not None:
            check(data)
        try:
            clean_temp_files(self.path)
            if not self.path.exists() or needs_fold:
                if self.migrated_from is not None and self.path.exists():
                    pre = self.path.with_name(f"{self.path.name}.pre-v{self.migrated_from}")
                    if not pre.exists():
                        atomic_write(pre, self.path.read_bytes())
                self.checkpoint()
            # After folding a crash's journal, today's backup is made again: a backup
            # of the generation the next journal builds on is one restore can join to it.
            self._daily_backup(refresh=needs_fold)
        except OSError as err:
            raise WriteFailed.of(err, self.path) from None
        except FoldFailed as err:  # at open it stops the open: nothing else was written
            raise WriteFailed("error.write_failed", **err.params) from None

    def _read_main(self) -> dict[str, dict[str, Any]]:
        if not self.path.exists():
            self._refuse_missing_main()
            self.generation = 0
            return {META: {"1": {"schema": CURRENT_SCHEMA, "generation": 0}}}
        try:
            raw = self.path.read_bytes()
        except OSError as err:
            raise unreadable(self.path, os_reason(err)) from None
        data, self.generation, self.migrated_from = parse_main(
            raw, self.path, self.tables, self.keyed
        )
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
            if not _folded(data, found.batches):
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
        for batch in found.batches:
            for op, table, doc_id, doc in batch:
                tbl = data.setdefault(table, {})
                if op == "put":
                    assert doc is not None  # journal.scan checks the shape
                    tbl[doc_id] = doc
                else:
                    tbl.pop(doc_id, None)
        self._journal_bytes = found.end - found.header_bytes
        self._journal_end = found.end if found.batches else 0
        return data

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
        try:
            line = journal.encode_line([list(op) for op in ops])
        except orjson.JSONEncodeError:
            # Text no file can hold (a lone surrogate): refused before anything is written.
            raise ValidationError("error.text_unsavable") from None
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
        """Checkpoint once the journal has passed its size limit, or at once when the
        main file has gone (deleted or moved while we run: a crash now would leave only
        the journal).

        Separate from :meth:`commit` so the store can run it after releasing its own
        lock: readers go on while the archive is rewritten. A failure is kept in
        :attr:`fold_error`, not raised: the save itself is safe in the journal.
        """
        with self._mutex:
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

        On failure (:class:`FoldFailed`) the main file, the journal and the
        generation stay as they were: the journal still holds every change.
        """
        if self.readonly:
            return
        with self._mutex:
            data = self._data()
            metas = data.setdefault(META, {})
            before = metas.get("1")
            metas["1"] = {
                "schema": CURRENT_SCHEMA,
                "generation": self.generation + 1,
                "written": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
            }
            try:
                atomic_write(self.path, _dump_chunks(data))
            except OSError as err:
                if before is None:
                    metas.pop("1")
                else:
                    metas["1"] = before
                raise FoldFailed.of(err, self.path, "error.fold_failed") from None
            self.generation += 1
            # The journal's generation is now old: replay would skip it anyway;
            # removing it just saves the next start from reading it.
            with contextlib.suppress(OSError):
                self.journal_path.unlink()
            self._journal_bytes = self._journal_end = 0
            self._dirty = False
            self.fold_error = None

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
        """Checkpoint what changed and let go of the lock. Raises :class:`FoldFailed`
        (after letting go) when that last write failed: the journal keeps the changes
        and the next open folds them in."""
        if self.tinydb is None:
            return
        with self._mutex:
            try:
                if not self.readonly and self._dirty:
                    self.checkpoint()
                    try:
                        self._daily_backup(refresh=True)
                    except OSError as err:
                        raise FoldFailed.of(err, self.path, "error.backup_failed") from None
            finally:
                self.tinydb = None
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
