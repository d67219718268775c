"""The main file's bytes: where each document lies, written and read without parsing it all.

The main file stays one TinyDB JSON document (``{"meetings": {"1": {...}, ...}, ...}``),
byte for byte what ``orjson.dumps`` of the whole would give. What this module adds is
the *span* of each document, its offset, length and CRC-32 in the file:

* :func:`write_archive` writes the file from a mix of parsed documents (changed since
  the last checkpoint, serialised one at a time) and spans of the old file (copied as
  they are, in runs, their CRC checked on the way), and returns the new spans and the
  CRC of the whole file. A checkpoint's cost is a copy, not a parse and a dump.
* :func:`scan_archive` finds the spans of a file nobody indexed (a sidecar lost,
  stale or a file edited by hand): it reads the file in blocks, finds each
  document's end with a regular expression that skips strings, and parses each
  document on its own, so no single call holds the interpreter lock for the whole
  archive (``orjson.loads`` of 150 MB froze the UI thread for a second).
* :func:`read_span` parses one document from its span, checking its CRC first.

"Lazy" tables (the meetings) are kept as spans and parsed when a meeting is used;
the others are small and parsed at open.
"""

from __future__ import annotations

import os
import re
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from typing import Any, BinaryIO

import orjson

from quorum.store.span import Span

__all__ = [
    "LAZY_TABLES",
    "ArchiveChanged",
    "ArchiveDamaged",
    "Scanned",
    "Span",
    "Written",
    "read_span",
    "read_table",
    "scan_archive",
    "write_archive",
]

# Tables whose documents stay on disk until used; the rest are parsed at open.
LAZY_TABLES = frozenset({"meetings"})
# How much is read or written per call while scanning or copying.
BLOCK = 1 << 20


Doc = dict[str, Any]
Entry = Span | Doc  # a lazy table's document: on disk (Span) or changed in memory (dict)


class ArchiveDamaged(ValueError):
    """The main file is not a quorum database. ``kind`` says how (``json``: not valid JSON
    at byte ``at``; ``not_quorum``: JSON, but not tables of records; ``empty``)."""

    def __init__(self, message: str, kind: str = "json", at: int = 0) -> None:
        super().__init__(message)
        self.kind = kind
        self.at = at


class ArchiveChanged(ValueError):
    """A span's bytes are no longer what was written there: the file changed under us."""


def read_span(fd: int, span: Span) -> bytes:
    """The bytes of ``span``, refused when their CRC is not the one recorded."""
    data = os.pread(fd, span.length, span.offset)
    if len(data) != span.length or zlib.crc32(data) != span.crc:
        raise ArchiveChanged(f"bytes {span.offset}-{span.offset + span.length} changed")
    return data


def read_table(fd: int, span: Span) -> dict[str, Any]:
    loaded = orjson.loads(read_span(fd, span))
    if not isinstance(loaded, dict):
        raise ArchiveChanged("a table is not an object")
    return loaded


# -- writing -------------------------------------------------------------------


@dataclass
class Written:
    """What :func:`write_archive` wrote: the file's size and CRC, and every span."""

    size: int = 0
    crc: int = 0
    tables: dict[str, Span] = field(default_factory=dict)  # small tables, whole
    docs: dict[str, dict[str, Span]] = field(default_factory=dict)  # lazy tables, per document


class _Out:
    """Buffered output that keeps the offset and the running CRC."""

    def __init__(self, fh: BinaryIO) -> None:
        self.fh = fh
        self.buf = bytearray()
        self.flushed = 0
        self.crc = 0

    @property
    def offset(self) -> int:
        return self.flushed + len(self.buf)

    def write(self, data: bytes | memoryview) -> None:
        self.buf += data
        if len(self.buf) >= BLOCK:
            self.flush()

    def flush(self) -> None:
        if self.buf:
            self.crc = zlib.crc32(self.buf, self.crc)
            self.fh.write(self.buf)
            self.flushed += len(self.buf)
            self.buf = bytearray()


def write_archive(
    fh: BinaryIO,
    tables: Mapping[str, Mapping[str, Entry]],
    source: int | None = None,
) -> Written:
    """Write ``tables`` as one JSON object to ``fh``; spans are copied from ``source``.

    The bytes equal ``orjson.dumps`` of the parsed whole. A copied span whose CRC no
    longer matches raises :class:`ArchiveChanged` before anything is renamed into place.
    """
    out = _Out(fh)
    written = Written()
    out.write(b"{")
    for t_index, (table, docs) in enumerate(tables.items()):
        out.write((b"," if t_index else b"") + orjson.dumps(table) + b":")
        if table in LAZY_TABLES:
            written.docs[table] = _write_docs(out, docs, source)
        else:
            body = _dump_table(docs)
            written.tables[table] = Span(out.offset, len(body), zlib.crc32(body))
            out.write(body)
    out.write(b"}")
    out.flush()
    written.size = out.offset
    written.crc = out.crc
    return written


def _dump_table(docs: Mapping[str, Entry]) -> bytes:
    """A small table, as ``orjson.dumps`` of it would be, one document per call."""
    parts = []
    for doc_id, doc in docs.items():
        assert isinstance(doc, dict), "small tables are kept parsed"
        parts.append(orjson.dumps(doc_id) + b":" + orjson.dumps(doc))
    return b"{" + b",".join(parts) + b"}"


def _write_docs(out: _Out, docs: Mapping[str, Entry], source: int | None) -> dict[str, Span]:
    spans: dict[str, Span] = {}
    out.write(b"{")
    items = list(docs.items())
    i = 0
    while i < len(items):
        doc_id, entry = items[i]
        sep = (b"," if i else b"") + orjson.dumps(doc_id) + b":"
        if isinstance(entry, Span):
            assert source is not None, "a span needs the file it points into"
            run = _run(items, i, sep)
            i += _copy_run(out, run, source, spans)
            continue
        out.write(sep)
        body = orjson.dumps(entry)
        spans[doc_id] = Span(out.offset, len(body), zlib.crc32(body))
        out.write(body)
        i += 1
    out.write(b"}")
    return spans


def _run(items: list[tuple[str, Entry]], i: int, first_sep: bytes) -> list[tuple[str, bytes, Span]]:
    """Unchanged documents from ``i`` on that lie one after the other in the old file,
    separated exactly as they will be in the new one (so they are copied in one read)."""
    first = items[i][1]
    assert isinstance(first, Span)
    run = [(items[i][0], first_sep, first)]
    size = first.length
    end = first.offset + first.length
    for doc_id, entry in items[i + 1 :]:
        if not isinstance(entry, Span) or size >= BLOCK:
            break
        sep = b"," + orjson.dumps(doc_id) + b":"
        if entry.offset != end + len(sep):
            break
        run.append((doc_id, sep, entry))
        size += len(sep) + entry.length
        end = entry.offset + entry.length
    return run


def _copy_run(
    out: _Out, run: list[tuple[str, bytes, Span]], source: int, spans: dict[str, Span]
) -> int:
    first = run[0][2]
    last = run[-1][2]
    data = memoryview(os.pread(source, last.offset + last.length - first.offset, first.offset))
    base = first.offset
    if len(data) != last.offset + last.length - base:
        raise ArchiveChanged("the main file is shorter than its index")
    for index, (doc_id, sep, span) in enumerate(run):
        body = data[span.offset - base : span.offset - base + span.length]
        if index and data[span.offset - base - len(sep) : span.offset - base] != sep:
            raise ArchiveChanged(f"the bytes before document {doc_id} changed")
        if zlib.crc32(body) != span.crc:
            raise ArchiveChanged(f"document {doc_id} changed on disk")
        out.write(sep)
        spans[doc_id] = Span(out.offset, span.length, span.crc)
        out.write(body)
    return len(run)


# -- scanning ------------------------------------------------------------------

# Everything up to the next brace that is not inside a string. Possessive, so a long
# run of text never backtracks; an unterminated string stops the match at its quote.
_SKIP = re.compile(rb'(?:[^"{}]++|"(?:[^"\\]++|\\.)*+")*+', re.S)
_STRING = re.compile(rb'"(?:[^"\\]++|\\.)*+"', re.S)
_SPACE = re.compile(rb"[ \t\r\n]*+")
_IN_STRING = re.compile(rb'(?:[^"\\]++|\\.)*+', re.S)  # a string's body up to its quote


@dataclass
class Scanned:
    """What :func:`scan_archive` found: parsed small tables, spans of the lazy ones."""

    size: int = 0
    crc: int = 0
    order: list[str] = field(default_factory=list)
    tables: dict[str, dict[str, Any]] = field(default_factory=dict)
    table_spans: dict[str, Span] = field(default_factory=dict)
    docs: dict[str, dict[str, Span]] = field(default_factory=dict)


class _Scanner:
    """A window onto the file, refilled block by block; positions are file offsets.

    Bytes before the position a caller passes to :meth:`more` may be dropped, so the
    window stays about one block plus the object being scanned.
    """

    def __init__(self, fd: int, size: int) -> None:
        self.fd = fd
        self.size = size
        self.buf = bytearray()  # grown in place: an object many blocks long is read once
        self.base = 0  # file offset of buf[0]
        self.crc = 0

    @property
    def end(self) -> int:
        return self.base + len(self.buf)

    def more(self, keep_from: int) -> bool:
        """Read the next block, keeping the window from file offset ``keep_from`` on."""
        assert self.base <= keep_from <= self.end
        if self.end >= self.size:
            return False
        block = os.pread(self.fd, min(BLOCK, self.size - self.end), self.end)
        if not block:
            return False
        self.crc = zlib.crc32(block, self.crc)
        if keep_from > self.base:
            del self.buf[: keep_from - self.base]
            self.base = keep_from
        self.buf += block
        return True

    def byte(self, at: int) -> int:
        while at >= self.end:
            if not self.more(min(at, self.end)):
                raise ArchiveDamaged(f"the file ends at byte {self.size}", "json", self.size)
        return self.buf[at - self.base]

    def skip_space(self, at: int) -> int:
        while True:
            found = _SPACE.match(self.buf, at - self.base)
            stop = found.end() + self.base if found is not None else at
            if stop < self.end or not self.more(stop):
                return stop
            at = stop

    def expect(self, at: int, char: bytes) -> int:
        at = self.skip_space(at)
        if self.byte(at) != char[0]:
            raise ArchiveDamaged(f"expected {char.decode()} at byte {at}", "json", at)
        return at + 1

    def string(self, at: int) -> tuple[str, int]:
        at = self.skip_space(at)
        if self.byte(at) != ord('"'):
            raise ArchiveDamaged(f"expected a name at byte {at}", "json", at)
        while True:
            found = _STRING.match(self.buf, at - self.base)
            if found is not None:
                try:
                    text = orjson.loads(found.group())
                except orjson.JSONDecodeError as err:
                    raise ArchiveDamaged(f"bad name at byte {at}: {err}", "json", at) from None
                if not isinstance(text, str):
                    raise ArchiveDamaged(f"expected a name at byte {at}", "json", at)
                return text, found.end() + self.base
            if not self.more(at):
                raise ArchiveDamaged(f"a name never ends after byte {at}", "json", at)

    def value_end(self, at: int) -> int:
        """The offset just after the JSON object starting at ``at`` (kept in the window)."""
        if self.byte(at) != ord("{"):
            raise ArchiveDamaged(f"expected an object at byte {at}", "not_quorum", at)
        depth = 0
        pos = at
        while True:
            skipped = _SKIP.match(self.buf, pos - self.base)
            assert skipped is not None  # the pattern also matches the empty string
            stop = skipped.end() + self.base
            if stop < self.end and self.buf[stop - self.base] == ord('"'):
                # A string the window does not hold whole: read on to its closing quote.
                pos = self._past_string(stop, at)
                continue
            if stop >= self.end:
                # The window ends inside this object: read on from where the match stopped.
                if not self.more(at):
                    raise ArchiveDamaged(f"an object never ends after byte {at}", "json", at)
                pos = stop
                continue
            depth += 1 if self.buf[stop - self.base] == ord("{") else -1
            pos = stop + 1
            if depth == 0:
                return pos

    def _past_string(self, quote: int, keep_from: int) -> int:
        """The offset after the string opening at ``quote``, read on block by block from
        where the last block left off (never from the string's start again: a string
        many megabytes long is read in linear time)."""
        pos = quote + 1
        while True:
            inside = _IN_STRING.match(self.buf, pos - self.base)
            assert inside is not None  # the pattern also matches the empty string
            pos = inside.end() + self.base
            if pos < self.end and self.buf[pos - self.base] == ord('"'):
                return pos + 1
            # The window ends inside the string (perhaps just after a backslash).
            if not self.more(keep_from):
                raise ArchiveDamaged(
                    f"an object never ends after byte {keep_from}", "json", keep_from
                )

    def bytes_of(self, start: int, end: int) -> bytearray:
        assert self.base <= start <= end <= self.end
        return self.buf[start - self.base : end - self.base]


def scan_archive(
    fd: int,
    on_doc: Callable[[str, str, Doc], None] | None = None,
    lazy: Iterable[str] = LAZY_TABLES,
    on_table: Callable[[str, dict[str, Any]], None] | None = None,
) -> Scanned:
    """Read the whole main file block by block: spans of every lazy document (each
    parsed once, to check it and to hand it to ``on_doc``) and the small tables parsed
    (each handed to ``on_table`` as it is read).

    Raises :class:`ArchiveDamaged` with the place where the file stops being a database.
    """
    lazy = frozenset(lazy)
    size = os.fstat(fd).st_size
    scan = _Scanner(fd, size)
    result = Scanned(size=size)
    at = scan.expect(0, b"{")
    at = scan.skip_space(at)
    if scan.byte(at) == ord("}"):
        return _finish(scan, result, at + 1)
    while True:
        table, at = scan.string(at)
        at = scan.expect(at, b":")
        at = scan.skip_space(at)
        result.order.append(table)
        if table in lazy:
            at = _scan_docs(scan, at, table, result, on_doc)
        else:
            end = scan.value_end(at)
            loaded = _parse(scan.bytes_of(at, end), at)
            if not all(isinstance(v, dict) for v in loaded.values()):
                raise ArchiveDamaged(f"a document of {table} is not an object", "not_quorum", at)
            result.tables[table] = loaded
            result.table_spans[table] = Span(at, end - at, zlib.crc32(scan.bytes_of(at, end)))
            if on_table is not None:
                on_table(table, loaded)
            at = end
        at = scan.skip_space(at)
        sep = scan.byte(at)
        if sep == ord("}"):
            return _finish(scan, result, at + 1)
        if sep != ord(","):
            raise ArchiveDamaged(f"expected , or }} at byte {at}", "json", at)
        at += 1


def _scan_docs(
    scan: _Scanner,
    at: int,
    table: str,
    result: Scanned,
    on_doc: Callable[[str, str, Doc], None] | None,
) -> int:
    spans: dict[str, Span] = {}
    result.docs[table] = spans
    at = scan.expect(at, b"{")
    at = scan.skip_space(at)
    if scan.byte(at) == ord("}"):
        return at + 1
    while True:
        doc_id, at = scan.string(at)
        at = scan.expect(at, b":")
        at = scan.skip_space(at)
        end = scan.value_end(at)
        body = scan.bytes_of(at, end)
        doc = _parse(body, at)
        spans[doc_id] = Span(at, end - at, zlib.crc32(body))
        if on_doc is not None:
            on_doc(table, doc_id, doc)
        at = scan.skip_space(end)
        sep = scan.byte(at)
        if sep == ord("}"):
            return at + 1
        if sep != ord(","):
            raise ArchiveDamaged(f"expected , or }} at byte {at}", "json", at)
        at += 1


def _parse(body: bytes | bytearray, at: int) -> dict[str, Any]:
    try:
        loaded = orjson.loads(body)
    except orjson.JSONDecodeError as err:
        if str(err).startswith("Not enough memory"):  # orjson's failed allocation: no damage
            raise MemoryError(str(err)) from None
        raise ArchiveDamaged(
            f"JSON error in the object at byte {at}: {err}", "json", at + getattr(err, "pos", 0)
        ) from None
    if not isinstance(loaded, dict):
        raise ArchiveDamaged(f"expected an object at byte {at}", "not_quorum", at)
    return loaded


def _finish(scan: _Scanner, result: Scanned, at: int) -> Scanned:
    """After the closing brace only white space may follow (read to the end, for the CRC)."""
    at = scan.skip_space(at)
    if at < scan.size:
        raise ArchiveDamaged(f"bytes after the end of the database at byte {at}", "json", at)
    result.crc = scan.crc
    return result


def iter_docs(fd: int, spans: Mapping[str, Span]) -> Iterator[tuple[str, Doc]]:
    """Every document of a lazy table, parsed one at a time (for verification and tests)."""
    for doc_id, span in spans.items():
        loaded = orjson.loads(read_span(fd, span))
        yield doc_id, loaded
