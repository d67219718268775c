"""The search index's inverted lists: built once, kept on disk beside the archive.

Every non-empty field of every meeting has a number (newest meeting first, fields in
agenda order), so the numbers' order is the order hits are listed in. Each word of
the folded text lists the fields it occurs in, in one of two forms, whichever is
smaller: a sorted array of field numbers (a rare word), or a bitmap with one bit per
field (a common one: "och" is in most fields). A query works on bitmaps (Python ints:
``|`` and ``&`` run in C, ~1 µs per 10,000 fields; a rare word's array is set into one
first); the hits are then read off in order, lowest number first, only as many as
are wanted (:func:`ordered`).

On disk (``<db>.search``, derived: rebuilt when missing or unreadable) it is one
header line of JSON and the arrays as bytes, so loading costs a read and no parse
of the archive.
"""

from __future__ import annotations

import contextlib
import os
import sys
import threading
from array import array
from bisect import bisect_right
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import orjson

__all__ = ["Base", "IndexedMeeting", "load", "markers", "ordered", "save", "search_path"]

FORMAT = 1
Marker = tuple[int, int]  # CRC-32 and length of a meeting's document as stored


@dataclass
class IndexedMeeting:
    """A meeting as the index knows it: enough to order, filter and name a hit."""

    id: str
    network_id: str
    start: str  # ISO
    title: str
    marker: Marker

    @cached_property
    def order(self) -> tuple[float, str]:
        """Sorted descending: newest first (then by id, as the records were)."""
        from datetime import datetime

        try:
            return (datetime.fromisoformat(self.start).timestamp(), self.id)
        except ValueError:
            return (float("-inf"), self.id)


def ordered(bits: int) -> Iterator[int]:
    """The set bits of a bitmap (field numbers), lowest first, found as they are taken."""
    while bits:
        # The lowest set bit, then the set bits of the 64 from there with small ints.
        low = (bits & -bits).bit_length() - 1
        window = bits >> low & 0xFFFF_FFFF_FFFF_FFFF
        bits ^= window << low
        while window:
            bit = window & -window
            window ^= bit
            yield low + bit.bit_length() - 1


class Base:
    """The inverted lists as written to disk."""

    def __init__(
        self,
        meetings: list[IndexedMeeting],
        field_meeting: array[int],
        field_ordinal: array[int],
        vocab: list[str],
        sparse: dict[int, array[int]],
        dense: dict[int, int],
        first_field: array[int] | None = None,
    ) -> None:
        self.meetings = meetings  # newest first: field numbers follow this order
        self.field_meeting = field_meeting
        self.field_ordinal = field_ordinal
        self.vocab = vocab
        self.sparse = sparse  # word -> its fields, sorted
        self.dense = dense  # word -> bitmap of its fields
        self.blob = "\n" + "\n".join(vocab) + "\n"
        starts = array("I")
        at = 1
        for word in vocab:
            starts.append(at)
            at += len(word) + 1
        self.starts = starts  # where word i begins in the blob
        self.position = {m.id: i for i, m in enumerate(meetings)}
        self.first_field = first_field if first_field is not None else _first(self)
        self._networks: dict[str, int] = {}

    @classmethod
    def build(cls, fields: Iterable[tuple[IndexedMeeting, list[tuple[int, list[str]]]]]) -> Base:
        """From each meeting (newest first) and its fields' ordinals and words."""
        meetings: list[IndexedMeeting] = []
        field_meeting, field_ordinal = array("I"), array("I")
        posting: dict[str, array[int]] = {}
        for index, (meeting, its_fields) in enumerate(fields):
            meetings.append(meeting)
            for ordinal, words in its_fields:
                number = len(field_meeting)
                field_meeting.append(index)
                field_ordinal.append(ordinal)
                for word in words:
                    found = posting.get(word)
                    if found is None:
                        found = posting[word] = array("I")
                    found.append(number)
        vocab = sorted(posting)
        sparse: dict[int, array[int]] = {}
        dense: dict[int, int] = {}
        # A bitmap costs a bit per field; an array 32 bits per entry.
        threshold = len(field_meeting) // 32
        for word_index, word in enumerate(vocab):
            numbers = posting[word]
            if len(numbers) > threshold:
                dense[word_index] = _bitmap(numbers, len(field_meeting))
            else:
                sparse[word_index] = numbers
        return cls(meetings, field_meeting, field_ordinal, vocab, sparse, dense)

    def words_containing(self, run: str, most: int) -> list[int] | None:
        """The vocabulary's words that contain ``run`` (one scan of the joined words);
        None past ``most`` of them (a run that common is checked in the text instead)."""
        found: list[int] = []
        blob, starts = self.blob, self.starts
        at = blob.find(run)
        while at >= 0:
            word = bisect_right(starts, at) - 1
            found.append(word)
            if len(found) > most:
                return None
            # On to the next word: a word holding the run twice is listed once.
            at = blob.find(run, starts[word + 1]) if word + 1 < len(starts) else -1
        return found

    def fields_of(self, words: list[int], sparse_budget: int) -> int | None:
        """The bitmap of the fields holding any of ``words``; None when the rare words
        alone list more than ``sparse_budget`` fields (uniting them would cost more than
        checking the text)."""
        bits = 0
        dense, sparse = self.dense, self.sparse
        rare = [sparse[word] for word in words if word not in dense]
        if sum(len(numbers) for numbers in rare) > sparse_budget:
            return None
        for word in words:
            mapped = dense.get(word)
            if mapped is not None:
                bits |= mapped
        if rare:
            bits |= _bitmap((n for numbers in rare for n in numbers), len(self.field_meeting))
        return bits

    def meeting_bits(self, positions: Iterable[int]) -> int:
        """The bitmap of every field of the meetings at ``positions``."""
        bits = 0
        first = self.first_field
        for position in positions:
            lo, hi = first[position], first[position + 1]
            bits |= ((1 << (hi - lo)) - 1) << lo
        return bits

    def network_bits(self, network_id: str) -> int:
        found = self._networks.get(network_id)
        if found is None:
            wanted = [i for i, m in enumerate(self.meetings) if m.network_id == network_id]
            found = self._networks[network_id] = self.meeting_bits(wanted)
        return found


def _first(base: Base) -> array[int]:
    """The first field of each meeting, and one past the last field at the end."""
    count = len(base.field_meeting)
    first = array("I", [count] * (len(base.meetings) + 1))
    for number in range(count - 1, -1, -1):
        first[base.field_meeting[number]] = number
    for index in range(len(base.meetings) - 1, -1, -1):
        first[index] = min(first[index], first[index + 1])
    return first


def _bitmap(numbers: Iterable[int], size: int) -> int:
    raw = bytearray((size + 7) // 8)
    for number in numbers:
        raw[number >> 3] |= 1 << (number & 7)
    return int.from_bytes(raw, "little")


# -- on disk -------------------------------------------------------------------


def search_path(db: Path) -> Path:
    return db.with_name(db.name + ".search")


def save(db: Path, base: Base, identity: Any) -> None:
    """Write the index atomically (temp file, rename). No fsync: it is derived."""
    size = len(base.field_meeting)
    nbytes = (size + 7) // 8
    dense_words = sorted(base.dense)
    sparse_words = sorted(base.sparse)
    sparse_off = array("I", [0])
    sparse_all = array("I")
    for word in sparse_words:
        sparse_all.extend(base.sparse[word])
        sparse_off.append(len(sparse_all))
    # Two lines of JSON: what the index covers (read alone to tell whether it is
    # stale), then its words; then the arrays.
    header = {
        "format": FORMAT,
        "byteorder": sys.byteorder,
        "identity": identity,
        "fields": size,
        "meetings": [[m.id, m.network_id, m.start, m.title, *m.marker] for m in base.meetings],
    }
    words = {"vocab": base.vocab, "dense": dense_words, "sparse": sparse_words}
    parts = [
        base.field_meeting.tobytes(),
        base.field_ordinal.tobytes(),
        sparse_off.tobytes(),
        sparse_all.tobytes(),
        b"".join(base.dense[w].to_bytes(nbytes, "little") for w in dense_words),
        base.first_field.tobytes(),
    ]
    tmp = db.with_name(f"{db.name}.tmp-search-{os.getpid()}-{threading.get_ident()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(orjson.dumps(header) + b"\n")
            fh.write(orjson.dumps(words) + b"\n")
            for part in parts:
                fh.write(len(part).to_bytes(8, "little"))
                fh.write(part)
        os.replace(tmp, search_path(db))
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def markers(db: Path) -> dict[str, Marker] | None:
    """What the index on disk covers (each meeting's marker), read from its first line
    only; None if there is none or it cannot be read."""
    try:
        with open(search_path(db), "rb") as fh:
            header = orjson.loads(fh.readline())
        if header.get("format") != FORMAT or header.get("byteorder") != sys.byteorder:
            return None
        return {str(m[0]): (int(m[4]), int(m[5])) for m in header["meetings"]}
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None


def load(db: Path) -> tuple[Base, Any] | None:
    """The index on disk and the identity it was saved with; None if it is missing,
    damaged or of another format (it is then built again)."""
    try:
        raw = search_path(db).read_bytes()
        end = raw.index(b"\n")
        header = orjson.loads(raw[:end])
        if header.get("format") != FORMAT or header.get("byteorder") != sys.byteorder:
            return None
        words_end = raw.index(b"\n", end + 1)
        words = orjson.loads(raw[end + 1 : words_end])
        parts: list[bytes] = []
        at = words_end + 1
        for _ in range(6):
            length = int.from_bytes(raw[at : at + 8], "little")
            parts.append(raw[at + 8 : at + 8 + length])
            at += 8 + length
        size = int(header["fields"])
        field_meeting, field_ordinal, sparse_off, sparse_all, first = (array("I") for _ in range(5))
        for target, part in zip(
            (field_meeting, field_ordinal, sparse_off, sparse_all), parts, strict=False
        ):
            target.frombytes(part)
        first.frombytes(parts[5])
        nbytes = (size + 7) // 8
        dense = {
            int(word): int.from_bytes(parts[4][i * nbytes : (i + 1) * nbytes], "little")
            for i, word in enumerate(words["dense"])
        }
        sparse = {
            int(word): sparse_all[sparse_off[i] : sparse_off[i + 1]]
            for i, word in enumerate(words["sparse"])
        }
        meetings = [
            IndexedMeeting(str(i), str(n), str(s), str(t), (int(c), int(length)))
            for i, n, s, t, c, length in header["meetings"]
        ]
        if len(field_meeting) != size or len(field_ordinal) != size:
            return None
        if len(first) != len(meetings) + 1:
            return None
        vocab = [str(w) for w in words["vocab"]]
        base = Base(meetings, field_meeting, field_ordinal, vocab, sparse, dense, first)
        return base, header.get("identity")
    except (OSError, ValueError, TypeError, KeyError, IndexError):
        return None
