"""Daily backups beside the database: compressed, and never on the start path or at quit.

The promise: one backup per day of use, the newest five days kept, and ``quorum
restore`` puts the newest back. A day's backup is the main file as it was before the
day's first change, gzipped (``<db>.backup-YYYY-MM-DD.gz``; JSON compresses about
tenfold and ``gunzip`` reads it):

* the app makes it on a background thread once the archive is open and verified
  (``Database.maintain``), so neither the first frame nor quitting waits for it; if
  quorum is closed before it is done, the next start makes it;
* a CLI command that changes the database makes it before its first change.

Backups written by older versions (plain copies, ``<db>.backup-YYYY-MM-DD``) are
still listed and restored, and compressed by the next maintenance. Every backup is
written under a temporary name (``<db>.tmp-backup-*``, removed at the next start
when a kill leaves one) and renamed into place.
"""

from __future__ import annotations

import contextlib
import datetime as _dt
import os
import re
import threading
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

__all__ = [
    "BACKUPS_KEPT",
    "backup_chunks",
    "backups",
    "compress_pending",
    "rotate",
]

BACKUPS_KEPT = 5
LEVEL = 3  # 9.6x on a generated archive at 0.2 s per 30 MB; level 6: 12.8x, 3x slower
BLOCK = 1 << 20
_NAME = re.compile(r"\.backup-(\d{4}-\d{2}-\d{2})(\.gz)?$")


def _day(path: Path, db: Path) -> tuple[str, bool] | None:
    found = _NAME.search(path.name[len(db.name) :])
    if found is None or not path.name.startswith(db.name + ".backup-"):
        return None
    return found[1], found[2] is None


def backups(db: Path) -> list[Path]:
    """Backups next to ``db``, newest first (of one day the plain one first: it is newer)."""
    found = []
    for candidate in db.parent.glob(f"{glob_escape(db.name)}.backup-*"):
        day = _day(candidate, db)
        if day is not None:
            found.append((day, candidate))
    found.sort(key=lambda pair: pair[0], reverse=True)
    return [path for _, path in found]


def glob_escape(name: str) -> str:
    return re.sub(r"([*?\[])", r"[\1]", name)


def _today() -> str:
    return _dt.date.today().isoformat()


def _temp(db: Path) -> Path:
    # Named like the database's other temporaries, so the start-up clean-up finds it.
    return db.with_name(f"{db.name}.tmp-backup-{os.getpid()}-{threading.get_ident()}")


def _fsync_dir(folder: Path) -> None:
    if os.name != "posix":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_atomically(db: Path, target: Path, chunks: Iterator[bytes]) -> None:
    tmp = _temp(db)
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
    try:
        with os.fdopen(fd, "wb") as fh:
            for chunk in chunks:
                fh.write(chunk)
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise
    _fsync_dir(db.parent)


def _gzip(blocks: Iterator[bytes]) -> Iterator[bytes]:
    # zlib releases the interpreter lock while it compresses: the UI thread runs on.
    squeeze = zlib.compressobj(LEVEL, zlib.DEFLATED, 31)
    for block in blocks:
        out = squeeze.compress(block)
        if out:
            yield out
    yield squeeze.flush()


def _blocks(fd: int, check: Callable[[int], None] | None = None) -> Iterator[bytes]:
    """The file behind ``fd`` from its start, block by block; ``check`` gets the CRC at the end."""
    offset = 0
    crc = 0
    while True:
        block = os.pread(fd, BLOCK, offset)
        if not block:
            break
        crc = zlib.crc32(block, crc)
        offset += len(block)
        yield block
    if check is not None:
        check(crc)


def make_today(
    db: Path, fd: int, replace: bool = False, check: Callable[[int], None] | None = None
) -> Path | None:
    """The day's compressed backup from the open main file, if the day has none yet (or
    made again: ``replace``).

    ``check`` sees the CRC of what was read and may raise to keep the backup from
    being put in place (a main file that is not what its index says).
    """
    target = db.with_name(f"{db.name}.backup-{_today()}.gz")
    todays = [p for p in backups(db) if (_day(p, db) or ("", False))[0] == _today()]
    if todays and not replace:
        return None
    _write_atomically(db, target, _gzip(_blocks(fd, check)))
    for older in todays:  # a plain one of today (an older quorum's) is superseded
        if older != target:
            with contextlib.suppress(OSError):
                older.unlink()
    return target


def compress_pending(db: Path) -> None:
    """Gzip every plain backup (linked at a close) and remove it once compressed."""
    for plain in backups(db):
        day = _day(plain, db)
        if day is None or not day[1]:
            continue
        target = plain.with_name(plain.name + ".gz")
        try:
            fd = os.open(plain, os.O_RDONLY | getattr(os, "O_BINARY", 0))
        except FileNotFoundError:
            continue
        try:
            _write_atomically(db, target, _gzip(_blocks(fd)))
        finally:
            os.close(fd)
        with contextlib.suppress(FileNotFoundError):
            plain.unlink()


def rotate(db: Path) -> None:
    """Keep the newest :data:`BACKUPS_KEPT` days."""
    days: list[str] = []
    for path in backups(db):
        day = _day(path, db)
        assert day is not None
        if day[0] not in days:
            days.append(day[0])
        if days.index(day[0]) >= BACKUPS_KEPT:
            with contextlib.suppress(OSError):
                path.unlink()


def backup_chunks(backup: Path) -> Iterator[bytes]:
    """The database bytes a backup holds (gunzipped on the way), block by block."""
    with open(backup, "rb") as fh:
        if backup.name.endswith(".gz"):
            unsqueeze = zlib.decompressobj(31)
            while block := fh.read(BLOCK):
                yield unsqueeze.decompress(block)
            yield unsqueeze.flush()
            if not unsqueeze.eof:
                raise ValueError("the compressed backup ends early")
        else:
            while block := fh.read(BLOCK):
                yield block
