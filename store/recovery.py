"""``quorum restore``: put a database that cannot be read back into a state that can.

Only for a file that cannot be read (or when asked with ``force``), under the
writer lock (refused while a quorum has the file open), and nothing is deleted:
what is replaced is moved aside as ``<db>.broken-<stamp>`` (and ``.journal``).

* The journal is damaged and the main file reads: the main file stays, and
  the journal's lines before the damage are kept (the main file is newer than
  any backup; the damaged journal is moved aside whole).
* Otherwise the newest backup whose every record reads is put in place. A journal of the
  same generation as that backup (a backup is a copy of the main file made
  right after a checkpoint) holds the saves made since: it is kept, so the
  next open replays them. Any other journal is moved aside.
"""

from __future__ import annotations

import datetime as _dt
import os
import zlib
from dataclasses import dataclass
from pathlib import Path

from quorum.store import journal
from quorum.store.backup import backup_chunks
from quorum.store.db import (
    WriterLock,
    atomic_write,
    backups,
    database_file,
    journal_path,
    lock_path,
    parse_main,
)
from quorum.store.errors import DatabaseLocked, DatabaseUnreadable, QuorumError


@dataclass(frozen=True)
class Restored:
    """What restore did, for the sentence that tells the user."""

    path: Path
    backup: Path | None  # the backup put in place; None when the journal was cut
    broken: Path | None  # where the replaced main file went (None: it was missing or kept)
    broken_journal: Path | None  # where the journal went (None: kept or there was none)
    kept_journal: bool  # the journal's saves since the backup are replayed
    damaged_line: int = 0  # the journal's first damaged line, when it was cut

    def sentences(self) -> list[tuple[str, dict[str, str]]]:
        """Catalog keys and their parameters, in the order they are said."""
        said: list[tuple[str, dict[str, str]]] = []
        if self.backup is None:
            said.append(
                (
                    "db.journal_cut",
                    {"path": str(self.path), "line": str(self.damaged_line)},
                )
            )
        elif self.broken is not None:
            said.append(
                (
                    "db.restored",
                    {
                        "backup": str(self.backup),
                        "path": str(self.path),
                        "broken": str(self.broken),
                    },
                )
            )
        else:
            said.append(
                ("db.restored_missing", {"backup": str(self.backup), "path": str(self.path)})
            )
        if self.kept_journal:
            said.append(("db.journal_kept", {}))
        if self.broken_journal is not None:
            said.append(("db.journal_aside", {"journal": str(self.broken_journal)}))
        return said


def problem(path: Path) -> DatabaseUnreadable | None:
    """Why the database at ``path`` cannot be used, or None when every record reads."""
    from quorum.store.store import Store

    try:
        store = Store.open(path, readonly=True)
        try:
            store.warm()
        finally:
            store.close()
    except DatabaseUnreadable as err:
        return err
    return None


def restore(path: Path, force: bool = False) -> Restored:
    """Bring back a database that cannot be read (see the module docstring)."""
    path = database_file(Path(path))
    if not path.exists() and not backups(path):  # a mistyped name: leave no lock file behind
        raise DatabaseUnreadable("error.db_no_backup", path=str(path))
    lock = WriterLock(lock_path(path))
    try:
        lock.acquire(path)
    except DatabaseLocked as err:
        raise QuorumError("error.restore_in_use", **err.params) from None
    try:
        found = problem(path)
        if found is None and not path.exists():
            raise DatabaseUnreadable("error.db_no_backup", path=str(path))
        if found is None and not force:
            raise QuorumError("error.restore_healthy", path=str(path))
        stamp = _dt.datetime.now().strftime("%Y%m%d-%H%M%S")
        if found is not None and found.remedy == "journal" and not force:
            return _cut_journal(path, stamp)
        return _put_backup(path, stamp)
    finally:
        lock.release()


def _aside(path: Path, stamp: str, suffix: str = "") -> Path:
    base = path.with_name(f"{path.name}.broken-{stamp}")
    return base.with_name(base.name + suffix)


def usable_backup(path: Path) -> tuple[Path, bytes, int] | None:
    """The newest backup whose every record reads, its bytes and generation. A backup
    made the day a hand edit broke a record holds the same broken record: passed over."""
    from quorum.store.store import RECORD_TABLES, TABLES, check_documents

    for backup in backups(path):
        try:
            raw = b"".join(backup_chunks(backup))  # a compressed one is gunzipped
            data, generation, _ = parse_main(raw, backup, TABLES, RECORD_TABLES)
            check_documents(backup, data)
        except (OSError, ValueError, zlib.error, DatabaseUnreadable):
            continue
        return backup, raw, generation
    return None


def remedy(err: DatabaseUnreadable) -> tuple[str, Path | None]:
    """What restore would do for ``err``: ``("journal", None)``, ``("backup", the
    backup)``, or ``("", None)`` when it cannot help (there is no backup that reads)."""
    if err.remedy == "journal":
        return "journal", None
    if err.remedy == "backup":
        found = usable_backup(Path(err.params.get("path", "")))
        if found is not None:
            return "backup", found[0]
    return "", None


def _journal_scan(path: Path) -> journal.JournalScan | None:
    """The journal, when it is there and every complete line passes its check."""
    try:
        return journal.scan(journal_path(path).read_bytes())
    except (OSError, journal.JournalDamaged):
        return None


def _put_backup(path: Path, stamp: str) -> Restored:
    found = usable_backup(path)
    if found is None:
        raise DatabaseUnreadable("error.db_no_backup", path=str(path))
    backup, raw, generation = found
    jpath = journal_path(path)
    scanned = _journal_scan(path)
    keep = scanned is not None and scanned.generation == generation and bool(scanned.batches)
    broken = broken_journal = None
    if jpath.exists() and not keep:
        broken_journal = _aside(path, stamp, ".journal")
        os.replace(jpath, broken_journal)
    if path.exists():
        broken = _aside(path, stamp)
        os.replace(path, broken)
    # A crash from here on leaves the main file missing beside its backups: the next
    # open refuses it and restore can run again.
    atomic_write(path, raw)
    return Restored(path, backup, broken, broken_journal, keep)


def _cut_journal(path: Path, stamp: str) -> Restored:
    jpath = journal_path(path)
    raw = jpath.read_bytes()
    good = journal.scan(raw, until_damage=True)
    broken_journal = _aside(path, stamp, ".journal")
    os.replace(jpath, broken_journal)
    if good.batches:
        atomic_write(jpath, raw[: good.end])
    return Restored(path, None, None, broken_journal, False, damaged_line=good.lines + 1)


__all__ = ["Restored", "problem", "remedy", "restore", "usable_backup"]
