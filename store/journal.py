"""The journal file: its line format, telling a torn tail from damage, appending safely.

A line is ``<crc32 of the payload, 8 hex digits> <payload>\\n``. The first line
(the header) holds ``{"generation": N}``, each further line one committed batch
as a JSON list of ``[op, table, id, doc]``. orjson never writes a raw newline,
so a payload holds none and a line is *complete* exactly when its newline is
there.

* **Torn**: the bytes after the last newline. An append is one write followed
  by an fsync; a crash (or a full disk) in between leaves a prefix of the line
  and the save was never reported as done, so the tail is dropped.
* **Damaged**: a complete line that fails its checksum or is not the shape we
  write (a flipped bit, a hand edit, another program). It held a committed
  save, so the open stops with a sentence naming the line and writes nothing:
  dropping it would lose that save without a word, and the next checkpoint
  would make the loss permanent.
* A tail that passes its checksum, without its last byte or as it is, is a whole
  batch whose newline alone was lost or changed; it is applied (the checksum
  covers every byte of its payload).

Appending never leaves a torn piece behind for the next append to glue onto:
each append starts where the last good line ended (the file is cut back to that
length first if it is longer), and a failed write is cut back at once.
"""

from __future__ import annotations

import errno
import os
import typing
import zlib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import orjson

Op = tuple[str, str, str, dict[str, Any] | None]  # ("put"|"del", table, id, doc)
# A change as the journal holds it: also ("patch", table, id, edits).
JournalOp = tuple[str, str, str, Any]
OPS = ("put", "del", "patch")
FORMAT = 2


class JournalShrunk(Exception):
    """The journal on disk is shorter than what was committed to it (cut or deleted
    by someone else): the lines it lost are only in memory now."""


class JournalDamaged(Exception):
    """A complete line of the journal fails its check. ``line`` counts from 1."""

    def __init__(self, line: int, reason: str) -> None:
        super().__init__(f"line {line}: {reason}")
        self.line = line
        self.reason = reason  # "checksum" or "shape"


def encode_line(value: Any) -> bytes:
    payload = orjson.dumps(value)
    return b"%08x " % zlib.crc32(payload) + payload + b"\n"


def header_line(generation: int) -> bytes:
    return encode_line({"journal": FORMAT, "main": generation})


def _decode(line: bytes) -> Any:
    """The value of one line (without its newline); ValueError when it fails its check."""
    if len(line) < 10 or line[8:9] != b" ":
        raise ValueError("short line")
    crc, payload = line[:8], line[9:]
    try:
        if int(crc, 16) != zlib.crc32(payload):
            raise ValueError("checksum")
    except ValueError:
        raise ValueError("checksum") from None
    try:
        return orjson.loads(payload)
    except orjson.JSONDecodeError as err:
        if str(err).startswith("Not enough memory"):  # not damage: say so, cut nothing
            raise MemoryError(str(err)) from None
        raise


def _without_bad_newline(tail: bytes) -> bytes:
    """A tail whose last byte is a changed newline, without it (when the rest checks out)."""
    try:
        _decode(tail[:-1])
    except ValueError:
        return tail
    return tail[:-1]


def _generation(header: Any) -> int | None:
    """The generation a header builds on (either format); None: not a header we know."""
    if not isinstance(header, dict):
        return None
    if "journal" in header:
        value = header.get("main") if header.get("journal") == FORMAT else None
    else:
        value = header.get("generation")
    if isinstance(value, int) and not isinstance(value, bool) and value >= 0:
        return value
    return None


def _check_batch(batch: Any) -> list[JournalOp]:
    """The batch's ops, or ValueError when the line is not the shape commit writes."""
    if not isinstance(batch, list):
        raise ValueError("not a list of changes")
    for op in batch:
        if not (isinstance(op, list) and len(op) == 4):
            raise ValueError("a change is not [op, table, id, document]")
        kind, table, doc_id, doc = op
        if kind not in OPS or not isinstance(table, str) or not isinstance(doc_id, str):
            raise ValueError("unknown change")
        if kind == "patch":
            if not isinstance(doc, list):
                raise ValueError("a change's edits")
        elif (kind == "put") != isinstance(doc, dict):
            raise ValueError("a change's document")
    return [typing.cast(JournalOp, tuple(op)) for op in batch]


@dataclass
class JournalScan:
    """What a journal file holds, read without trusting it."""

    generation: int | None = None  # None: no header was ever completed (nothing committed)
    batches: list[list[JournalOp]] = field(default_factory=list)
    header_bytes: int = 0
    end: int = 0  # where the next line goes: after the last good line
    torn_bytes: int = 0  # the dropped tail
    lines: int = 0  # complete lines read, header included


def scan(raw: bytes, *, until_damage: bool = False) -> JournalScan:
    """Read ``raw`` line by line. Raises :class:`JournalDamaged` at the first complete
    line that fails its check; with ``until_damage`` returns what came before it instead
    (``lines`` then names the damaged line's number minus one)."""
    found = JournalScan()
    start = 0
    number = 0
    while start < len(raw):
        stop = raw.find(b"\n", start)
        complete = stop >= 0
        line = raw[start:stop] if complete else raw[start:]
        number += 1
        try:
            value = _decode(line if complete else _without_bad_newline(line))
            if number == 1:
                generation = _generation(value)
                if generation is None:
                    raise ValueError("header")
            else:
                batch = _check_batch(value)
        except ValueError as err:
            if not complete:
                found.torn_bytes = len(raw) - start
                return found
            if until_damage:
                return found
            raise JournalDamaged(
                number, "checksum" if "checksum" in str(err) else "shape"
            ) from None
        if number == 1:
            found.generation = generation
            found.header_bytes = len(line) + 1
        else:
            found.batches.append(batch)
        found.lines = number
        if not complete:  # a whole line that lost its newline: kept, nothing may follow it
            found.end = len(raw)
            return found
        start = stop + 1
        found.end = start
    return found


def append(path: Path, payload: bytes, end: int) -> int:
    """Write ``payload`` at offset ``end`` of the journal (0: a new journal) and fsync.

    Returns the new end. Raises :class:`JournalShrunk` (writing nothing) when the
    file is shorter than ``end``. On any failure (a short write, a full disk, an I/O error)
    the file is cut back to ``end`` before the error is raised, so what a later
    append writes never follows a torn piece; if even that fails, the next append
    cuts it first (it always writes at ``end``, never at the file's end).
    """
    flags = os.O_WRONLY | os.O_CREAT | getattr(os, "O_BINARY", 0)
    fd = os.open(path, flags | (os.O_TRUNC if end == 0 else 0), 0o600)
    try:
        size = os.fstat(fd).st_size
        if size < end:
            raise JournalShrunk(path)
        if size > end:  # a failed append we could not cut back then
            os.ftruncate(fd, end)
        os.lseek(fd, end, os.SEEK_SET)
        try:
            _write_all(fd, payload)
            os.fsync(fd)
        except OSError:
            try:
                if end == 0:  # a journal begun by this append holds nothing: no file at all
                    os.unlink(path)
                else:
                    os.ftruncate(fd, end)
                    os.fsync(fd)
            except OSError:
                pass  # the next append cuts it (see above); the first error is the one to tell
            raise
    finally:
        os.close(fd)
    return end + len(payload)


def _write_all(fd: int, payload: bytes) -> None:
    # os.write may write less than asked (a full disk, a signal): go on or fail.
    view = memoryview(payload)
    while view:
        written = os.write(fd, view)
        if written <= 0:
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))
        view = view[written:]


__all__ = [
    "FORMAT",
    "JournalDamaged",
    "JournalOp",
    "JournalScan",
    "JournalShrunk",
    "Op",
    "append",
    "encode_line",
    "header_line",
    "scan",
]
