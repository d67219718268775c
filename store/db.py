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
* **Never overwrite what we could not read**, rolling daily backups
  (``store/backup.py``: compressed, never on the start path), files created
  readable by the owner only, a schema version with migrations.
* **Meetings parsed when used.** The meetings table holds each document's span
  in the main file (``store/archive.py``) until it is changed; a meeting is
  parsed from its own bytes (CRC checked) when first read, and a checkpoint
  copies unchanged meetings' bytes as they are. The spans, each meeting's
  summary and the file's identity are kept in a derived sidecar
  (``store/sidecar.py``) so an open reads the small tables only; without a
  sidecar that matches the file, the file is scanned block by block instead.
  Either way the archive decides: :meth:`Database.verify` compares the whole
  file's CRC with the sidecar's after start and reads it again if they differ.

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

from quorum.store import backup, sidecar
from quorum.store.archive import (
    LAZY_TABLES,
    ArchiveChanged,
    ArchiveDamaged,
    read_span,
    read_table,
    scan_archive,
    write_archive,
)
from quorum.store.backup import backups
from quorum.store.errors import DatabaseLocked, DatabaseUnreadable, ReadOnly
from quorum.store.migrations import CURRENT_SCHEMA, migrate
from quorum.store.patch import apply as apply_patch
from quorum.store.patch import diff
from quorum.store.span import Span
from quorum.store.summary import MeetingSummary, chronological, summarise

TABLES = ("networks", "organisations", "people", "meetings")
META = "_meta"
# Fold the journal into the main file when it grows past this; replaying a
# long journal at start is cheap, but it should not grow without bound.
CHECKPOINT_JOURNAL_BYTES = 8 * 1024 * 1024
# The journal's format. 1: each line a batch of ["put", table, id, document] and
# ["del", table, id, null]; its header {"generation": G}. 2 adds ["patch", table, id,
# edits] (store/patch.py: a save of a meeting held in memory journals what changed,
# a typed note only the characters typed); its header {"journal": 2, "main": G}, which
# a quorum that knows only format 1 takes for another generation's journal and
# leaves alone rather than misread. Both are replayed.
JOURNAL_FORMAT = 2

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
    sidecar.remove(path)
    atomic_write(path, backup.backup_chunks(found[0]))
    return found[0], broken


class Database:
    """The on-disk database: open, change in batches, checkpoint, close.

    Two locks: ``_writer`` orders commits and checkpoints (the journal and the main
    file); ``_mutex`` guards the tables in memory and the open main file, and is
    held only briefly, so reads go on while a checkpoint copies the archive. Taken
    in that order, never the other.
    """

    def __init__(self, path: Path, readonly: bool = False) -> None:
        self.path = Path(path)
        self.readonly = readonly
        self.journal_path = self.path.with_name(self.path.name + ".journal")
        self.lock = WriterLock(self.path.with_name(self.path.name + ".lock"))
        self._mutex = threading.RLock()
        self._writer = threading.RLock()
        self.generation = 0
        self._journal_bytes = 0
        self._dirty = False
        self.migrated_from: int | None = None
        self.tinydb: TinyDB | None = None
        # The main file, open for reading the meetings' spans; its identity as indexed.
        self._fd: int | None = None
        self.identity: sidecar.Identity | None = None
        self.verified = True  # False while the file is trusted on its sidecar's word alone
        self._table_spans: dict[str, Span] = {}
        self._sidecar_stale = False
        self.summaries: dict[str, MeetingSummary] = {}
        self.changes = 0  # counts every change in memory (what a derived index syncs by)
        # The CLI (and tests) make the day's backup before the first change; the app
        # turns this off and calls maintain() on a background thread instead.
        self.maintain_before_first_write = True

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
            self._close_main()
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
        elif self._sidecar_stale:
            self._write_sidecar()

    def _clean_temp_files(self) -> None:
        # Leftovers of writes killed mid-way (the database, a sidecar, a backup);
        # each may be as large as the database.
        for tmp in self.path.parent.glob(f"{backup.glob_escape(self.path.name)}.tmp-*"):
            with contextlib.suppress(OSError):
                tmp.unlink()

    def _read_main(self) -> dict[str, dict[str, Any]]:
        self._close_main()
        self.summaries = {}
        if not self.path.exists():
            self.generation = 0
            self.identity = None
            self.verified = True
            return {META: {"1": {"schema": CURRENT_SCHEMA, "generation": 0}}}
        try:
            fd = os.open(self.path, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except OSError as err:
            raise unreadable(self.path, err.strerror or str(err)) from None
        try:
            data = self._read_indexed(fd)
            if data is None:
                data = self._read_scanned(fd)
            meta = data.get(META, {}).get("1", {})
            schema = meta.get("schema", 1) if isinstance(meta, dict) else 1
            if schema != CURRENT_SCHEMA:
                data = migrate(self._read_whole(fd), schema, self.path)
                self.migrated_from = schema
                self.summaries = {
                    mid: summarise(mid, doc) for mid, doc in data.get("meetings", {}).items()
                }
            self.generation = int(data[META]["1"].get("generation", 0))
        except BaseException:
            os.close(fd)
            raise
        self._fd = fd
        return data

    def _read_indexed(self, fd: int) -> dict[str, dict[str, Any]] | None:
        """The small tables and the meetings' spans, as the sidecar says; None if it
        does not describe this file."""
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
        self.identity = side.identity
        self.verified = False
        self._table_spans = {k: v for k, v in side.tables.items() if k in data}
        self.summaries = dict(side.summaries)
        return data

    def _read_scanned(self, fd: int) -> dict[str, dict[str, Any]]:
        """Every document found by reading the file block by block (no sidecar to go by)."""
        summaries: dict[str, MeetingSummary] = {}

        def seen(table: str, doc_id: str, doc: dict[str, Any]) -> None:
            if table == "meetings":
                summaries[doc_id] = summarise(doc_id, doc)

        try:
            scanned = scan_archive(fd, seen)
        except ArchiveDamaged as err:
            empty = not os.pread(fd, 4096, 0).strip()
            raise unreadable(self.path, "empty file" if empty else f"JSON error: {err}") from None
        except OSError as err:
            raise unreadable(self.path, err.strerror or str(err)) from None
        data: dict[str, dict[str, Any]] = {
            name: dict(scanned.docs[name]) if name in scanned.docs else scanned.tables[name]
            for name in scanned.order
        }
        meta = data.get(META, {}).get("1", {})
        generation = meta.get("generation", 0) if isinstance(meta, dict) else 0
        st = os.fstat(fd)
        self.identity = sidecar.Identity(
            st.st_size, st.st_mtime_ns, st.st_ino, int(generation), scanned.crc
        )
        self.verified = True
        self._table_spans = dict(scanned.table_spans)
        self._sidecar_stale = True
        self.summaries = summaries
        return data

    def _read_whole(self, fd: int) -> dict[str, dict[str, Any]]:
        """The whole file parsed at once: only for a file of an older schema (to migrate)."""
        loaded = orjson.loads(os.pread(fd, os.fstat(fd).st_size, 0))
        if not isinstance(loaded, dict) or not all(isinstance(v, dict) for v in loaded.values()):
            raise unreadable(self.path, "not a quorum database")
        return loaded

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
        if not isinstance(header, dict):
            raise unreadable(self.journal_path, "the journal's header is not an object")
        journal = header.get("journal", 1)
        if not isinstance(journal, int) or journal > JOURNAL_FORMAT:
            raise unreadable(self.journal_path, "a journal of a newer quorum")
        generation = header.get("generation") if journal == 1 else header.get("main")
        if generation != self.generation:
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
            try:
                for op, table, doc_id, doc in batch:
                    if op == "patch" and journal >= 2:
                        self._apply(
                            data, "put", table, doc_id, self._patched(data, table, doc_id, doc)
                        )
                    elif op in ("put", "del"):
                        self._apply(data, op, table, doc_id, doc)
                    else:
                        raise ValueError(f"unknown change {op!r:.20}")
            except (ValueError, TypeError) as err:
                raise unreadable(self.journal_path, f"journal line {index + 1}: {err}") from None
            applied += len(line) + 1
        self._journal_bytes = applied
        return data

    def _patched(
        self, data: dict[str, dict[str, Any]], table: str, doc_id: str, patch: Any
    ) -> dict[str, Any]:
        """The document a journalled patch made: applied to it as the line before left
        it, or as the main file holds it."""
        entry = data.get(table, {}).get(doc_id)
        if entry is None:
            raise ValueError(f"a change to {table} {doc_id}, which is not there")
        base = self._parse(entry) if isinstance(entry, Span) else entry
        return apply_patch(base, patch)

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
            assert doc is not None
            data.setdefault(table, {})[doc_id] = doc
            if table == "meetings":
                self.summaries[doc_id] = summarise(doc_id, doc)
        else:
            data.get(table, {}).pop(doc_id, None)
            if table == "meetings":
                self.summaries.pop(doc_id, None)

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
            loaded: dict[str, Any] = orjson.loads(read_span(self._fd, entry))
        except (ArchiveChanged, orjson.JSONDecodeError, OSError) as err:
            # Someone wrote into the file in place while quorum had it open.
            raise unreadable(self.path, f"changed while open: {err}") from None
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
            return None if entry is None else self._parse(entry)

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
        """Make ``ops`` durable as one batch: journal first, then memory."""
        if self.readonly:
            raise ReadOnly("error.db_readonly")
        if not ops:
            return
        assert self.tinydb is not None  # before the journal: a closed database takes nothing
        with self._writer:
            if self.maintain_before_first_write:
                self.maintain_before_first_write = False
                self.maintain()
            line = _encode_line(orjson.dumps(self._journal_ops(ops)))
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
                        patch = diff(before, doc)
                    except ValueError:  # other fields altogether: the whole document
                        patch = None
                    if patch is not None and len(orjson.dumps(patch)) < len(orjson.dumps(doc)) // 2:
                        out.append(["patch", table, doc_id, patch])
                        continue
                out.append([op, table, doc_id, doc])
        return out

    def checkpoint_if_due(self) -> None:
        """Checkpoint once the journal has passed its size limit.

        Separate from :meth:`commit` so the store can run it after releasing
        its own lock: readers go on while the archive is rewritten.
        """
        with self._writer:
            if not self.readonly and self._journal_bytes > CHECKPOINT_JOURNAL_BYTES:
                self.checkpoint()

    def _append_journal(self, line: bytes) -> None:
        new = not self.journal_path.exists() or self._journal_bytes == 0
        flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
        if new:
            header = _encode_line(
                orjson.dumps({"journal": JOURNAL_FORMAT, "main": self.generation})
            )
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
        """Fold everything into the main file atomically and start a new journal.

        Unchanged meetings are copied from the old file as bytes (their CRC checked);
        only documents changed since the last checkpoint are serialised. Readers are
        not held up: the old file stays open and valid until the new one is in place.
        """
        if self.readonly:
            return
        with self._writer:
            with self._mutex:
                data = self._data()
                generation = self.generation + 1
                meta = {
                    "schema": CURRENT_SCHEMA,
                    "generation": generation,
                    "written": _dt.datetime.now(_dt.UTC).isoformat(timespec="seconds"),
                }
                data.setdefault(META, {})
                snapshot = {name: dict(docs) for name, docs in data.items()}
                snapshot[META]["1"] = meta
                source = self._fd
            written = self._write_main(snapshot, source)
            with self._mutex:
                data[META]["1"] = meta
                for table, spans in written.docs.items():
                    # Every document now lies in the new file: memory keeps its span only.
                    data[table].update(spans)
                self.changes += 1
                self.generation = generation
                self._table_spans = dict(written.tables)
                self._swap_main(written.size, written.crc)
            # The journal's generation is now old: replay would skip it anyway;
            # removing it just saves the next start from reading it.
            with contextlib.suppress(FileNotFoundError):
                self.journal_path.unlink()
            self._journal_bytes = 0
            self._dirty = False
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
        _fsync_dir(self.path.parent)
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
            networks = sorted(
                ((str(k), str(v.get("name", ""))) for k, v in data.get("networks", {}).items()),
                key=lambda pair: (pair[1].casefold(), pair[0]),
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
        """Whether the main file is byte for byte what its sidecar said (read once more,
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
        """Read the archive again, ignoring the sidecar (it did not tell the truth)."""
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

    def maintain(self) -> bool:
        """What start-up leaves for later: verify the archive against its sidecar (read
        it again if they differ: False), then the day's backup, compressed, and the
        rotation. Slow on a large archive; the app runs it on a background thread."""
        honest = self.verify()
        if not honest:
            self.reload()
        if self.readonly or not self.path.exists():
            return honest
        backup.compress_pending(self.path)
        with self._mutex:
            fd = None if self._fd is None else os.dup(self._fd)
        if fd is not None:
            try:
                backup.make_today(self.path, fd)
            finally:
                os.close(fd)
        backup.rotate(self.path)
        return honest

    def close(self) -> None:
        if self.tinydb is None:
            return
        with self._writer, self._mutex:
            if not self.readonly and self._dirty:
                self.checkpoint()
            self.tinydb = None
            self._close_main()
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
