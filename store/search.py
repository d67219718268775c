"""Full-text search over every meeting's agenda, notes, decisions and action items.

Swedish-aware: matching is case-insensitive (``casefold``) after Unicode NFC
normalisation, and å, ä, ö stay letters of their own — "ÅTGÄRD" finds
"åtgärd" but "atgard" does not. Several words must all occur in the same
field (an item's notes, one decision...) and a word may be any part of a word
("skola" finds "gymnasieskolan"); a "quoted phrase" is one word.

The index is an inverted one, kept beside the archive (``store/search_file.py``)
and brought up to date by the saves since it was written, so neither opening
search nor a query reads the archive:

* every non-empty field has a number, newest meeting first; every word of the
  folded text (a run of letters and digits) lists the fields it occurs in;
* a query word is looked up as a substring of the words (one scan of the joined
  vocabulary), its fields are the union of theirs, and the query's fields the
  intersection over its words. A word of letters and digits alone needs nothing
  more; one with other characters ("e-post", a phrase) is then checked in the
  field's text. A word so common that its fields are most of the archive is not
  united but checked in the text of the few candidates the others leave, or, if
  every word is that common, meeting by meeting, newest first, until the limit;
* the text of a hit (its snippet) comes from the meeting's document when shown;
* meetings changed since the index was written are indexed again into a small
  overlay (:meth:`SearchIndex.sync`), their old fields left out.
"""

from __future__ import annotations

import dataclasses
import re
import unicodedata
import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass
from datetime import date, datetime
from functools import cached_property
from typing import Any

import orjson

from quorum.store.i18n import t
from quorum.store.search_base import Base, IndexedMeeting, Marker, ordered
from quorum.store.span import Span

__all__ = [
    "FIELDS",
    "SearchHit",
    "SearchIndex",
    "build_base",
    "doc_fields",
    "fold",
    "marker_of",
    "terms",
]

# The fields searched, in the order hits of one item are listed.
FIELDS = ("title", "item", "description", "notes", "decision", "action")

_SNIPPET_BEFORE = 40
_SNIPPET_AFTER = 80
_QUERY = re.compile(r'"([^"]*)"|(\S+)')


def fold(text: str) -> str:
    """Text for matching: NFC, case folded one character to one character.

    Keeping the length lets a match's position in the folded text mark the
    same characters in the original (the snippet's highlight). The few
    characters whose fold is longer ("ß" -> "ss") are only lowercased.
    """
    nfc = unicodedata.normalize("NFC", text)
    folded = nfc.casefold()
    if len(folded) == len(nfc):
        # No character grew (none shrinks), so each folded to exactly one: the
        # common case, ~30x faster than the loop below (index of a 1,000-meeting
        # archive: 1.7 s -> 0.1 s).
        return folded
    out = []
    for ch in nfc:
        f = ch.casefold()
        if len(f) != 1:
            f = ch.lower()
            if len(f) != 1:
                f = ch
        out.append(f)
    return "".join(out)


def terms(query: str) -> list[str]:
    """The folded words of a query; a "quoted phrase" stays one term."""
    found = []
    for m in _QUERY.finditer(query or ""):
        term = fold((m[1] if m[1] is not None else m[2]).strip())
        if term:
            found.append(term)
    return found


@dataclass(frozen=True)
class SearchHit:
    """One field that matched. ``spans`` are (start, end) offsets into
    ``snippet`` of every occurrence of a query word, for highlighting.
    ``item_id`` is None for the meeting's title; ``ref_id`` is the decision
    or action item's id."""

    meeting_id: str
    network_id: str
    start: datetime
    meeting_title: str
    item_id: str | None
    item_title: str
    field: str
    ref_id: str | None
    # dataclasses.field in full: the class's own ``field`` attribute shadows the short name
    text: str = dataclasses.field(repr=False)  # the whole field, NFC
    words: tuple[str, ...] = dataclasses.field(repr=False)

    # Snippets are made when shown, so a broad query on a large archive stays cheap.
    @cached_property
    def _highlight(self) -> tuple[str, tuple[tuple[int, int], ...]]:
        return _snippet(self.text, _spans(fold(self.text), list(self.words)))

    @property
    def snippet(self) -> str:
        return self._highlight[0]

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        return self._highlight[1]

    @property
    def day(self) -> date:
        return self.start.date()

    def field_label(self, lang: str | None = None) -> str:
        return t(f"search.field.{self.field}", lang=lang)


def _spans(folded: str, words: list[str]) -> list[tuple[int, int]]:
    """Every occurrence of every word, overlaps merged, in order."""
    found = []
    for w in words:
        at = folded.find(w)
        while at >= 0:
            found.append((at, at + len(w)))
            at = folded.find(w, at + 1)
    found.sort()
    merged: list[tuple[int, int]] = []
    for s, e in found:
        if merged and s <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(e, merged[-1][1]))
        else:
            merged.append((s, e))
    return merged


def _snippet(text: str, spans: list[tuple[int, int]]) -> tuple[str, tuple[tuple[int, int], ...]]:
    """A window of ``text`` around the first match, cut at spaces, one line."""
    first = spans[0][0]
    lo = max(0, first - _SNIPPET_BEFORE)
    hi = min(len(text), max(spans[0][1], first + _SNIPPET_AFTER))
    if lo > 0:
        space = text.find(" ", lo, first)
        lo = space + 1 if space >= 0 else lo
    if hi < len(text):
        space = text.rfind(" ", spans[0][1], hi)
        hi = space if space >= 0 else hi
    body = re.sub(r"\s", " ", text[lo:hi])  # one character for one: offsets hold
    prefix = "…" if lo > 0 else ""
    suffix = "…" if hi < len(text) else ""
    shift = len(prefix) - lo
    inside = tuple((max(s, lo) + shift, min(e, hi) + shift) for s, e in spans if s < hi and e > lo)
    return prefix + body + suffix, inside


Doc = dict[str, Any]
Field = tuple[str | None, str, str, str | None, str]  # item id, item title, kind, ref id, text

_WORD = re.compile(r"\w+")
# A part of a query word found in more of the vocabulary's words than this, or whose
# rare words list more fields than COMMON, is not looked up but checked in the text of
# the candidates the other words leave (uniting it would cost more).
MANY_WORDS = 2_000
COMMON = 30_000


@dataclass
class _Overlay:
    """A meeting indexed again since the base was written: its folded fields in memory."""

    meeting: IndexedMeeting
    fields: list[tuple[int, str, Field]]  # (ordinal, folded text, field)
    source: Doc | None  # the document object it was made from (skip it next sync)


def doc_fields(doc: Doc) -> Iterator[Field]:
    """The searchable fields of a stored meeting document, in the order hits are listed;
    a field's place in this order is its *ordinal* (empty fields count too)."""
    yield None, "", "title", None, str(doc.get("title", ""))
    for it in doc.get("agenda", ()) or ():
        item_id, title = str(it.get("id", "")), str(it.get("title", ""))
        yield item_id, title, "item", None, title
        yield item_id, title, "description", None, str(it.get("description", ""))
        yield item_id, title, "notes", None, str(it.get("notes", ""))
        for d in it.get("decisions", ()) or ():
            yield item_id, title, "decision", str(d.get("id", "")), str(d.get("text", ""))
        for a in it.get("actions", ()) or ():
            text, owner = str(a.get("text", "")), str(a.get("owner_name", "") or "")
            text = f"{text} ({owner})" if owner else text
            yield item_id, title, "action", str(a.get("id", "")), text


def marker_of(doc: Doc) -> Marker:
    """What the document would be on disk (a checkpoint writes ``orjson.dumps`` of it)."""
    body = orjson.dumps(doc)
    return zlib.crc32(body), len(body)


def _folded_fields(doc: Doc) -> Iterator[tuple[int, tuple[str, Field]]]:
    for ordinal, field in enumerate(doc_fields(doc)):
        text = field[4]
        if text and text.strip():
            yield ordinal, (fold(text), field)


def _meeting_of(meeting_id: str, doc: Doc, marker: Marker) -> IndexedMeeting:
    return IndexedMeeting(
        meeting_id,
        str(doc.get("network_id", "")),
        str(doc.get("start", "")),
        str(doc.get("title", "")),
        marker,
    )


def words_of(folded: str) -> list[str]:
    return list(set(_WORD.findall(folded)))


def build_base(newest_first: Iterable[tuple[IndexedMeeting, Doc | None]]) -> Base:
    """The inverted lists of each meeting's document, given newest first; each is read
    and dropped in turn, so memory holds the lists, never the archive."""
    return Base.build(
        (
            meeting,
            [(ordinal, words_of(folded)) for ordinal, (folded, _) in _folded_fields(doc)]
            if doc is not None
            else [],
        )
        for meeting, doc in newest_first
    )


class SearchIndex:
    """Search over every meeting, newest first. ``docs`` gives a meeting's stored
    document by id (the text of a hit is read from it)."""

    def __init__(self, base: Base, docs: Callable[[str], Doc | None]) -> None:
        self.base = base
        self.docs = docs
        self.dead: set[int] = set()  # base meetings changed or deleted since
        self.dead_bits = 0  # their fields
        self.overlay: dict[str, _Overlay] = {}

    # -- making and keeping ---------------------------------------------------

    @classmethod
    def build(cls, meetings: Iterable[Any]) -> SearchIndex:
        """An index of meeting records (their documents are kept for the hits' text)."""
        from quorum.store import codec

        docs = {m.id: codec.to_doc(m) for m in meetings}
        return cls.of_docs(docs.items(), docs.get)

    @classmethod
    def of_docs(
        cls, docs: Iterable[tuple[str, Doc]], source: Callable[[str], Doc | None]
    ) -> SearchIndex:
        """An index of a few documents held in memory (tests, records)."""
        pairs = [(_meeting_of(mid, doc, marker_of(doc)), doc) for mid, doc in docs]
        pairs.sort(key=lambda pair: pair[0].order, reverse=True)
        return cls(build_base(pairs), source)

    def update(self, meeting: Any) -> None:
        """Index a meeting record again (after it was saved)."""
        from quorum.store import codec

        doc = codec.to_doc(meeting)
        self._reindex(meeting.id, doc, marker_of(doc), None)

    def remove(self, meeting_id: str) -> None:
        """Forget a deleted meeting; an unknown id is ignored."""
        self.overlay.pop(meeting_id, None)
        position = self.base.position.get(meeting_id)
        if position is not None and position not in self.dead:
            self.dead.add(position)
            self.dead_bits |= self.base.meeting_bits([position])

    def _reindex(self, meeting_id: str, doc: Doc, marker: Marker, source: Doc | None) -> None:
        self.remove(meeting_id)
        fields = [(ordinal, folded, field) for ordinal, (folded, field) in _folded_fields(doc)]
        self.overlay[meeting_id] = _Overlay(_meeting_of(meeting_id, doc, marker), fields, source)

    def sync(self, entries: Mapping[str, Span | Doc]) -> int:
        """Bring the index up to the stored meetings (each a span in the main file or a
        document changed since): what differs is indexed again. The number changed."""
        changed = 0
        base = self.base
        for meeting_id, entry in entries.items():
            overlay = self.overlay.get(meeting_id)
            if isinstance(entry, Span):
                marker: Marker = (entry.crc, entry.length)
            elif overlay is not None and overlay.source is entry:
                continue
            else:
                marker = marker_of(entry)
            current: Marker | None = None
            if overlay is not None:
                current = overlay.meeting.marker
            else:
                position = base.position.get(meeting_id)
                if position is not None and position not in self.dead:
                    current = base.meetings[position].marker
            if current == marker:
                if overlay is not None and not isinstance(entry, Span):
                    overlay.source = entry
                continue
            doc = entry if isinstance(entry, dict) else self.docs(meeting_id)
            if doc is not None:
                self._reindex(meeting_id, doc, marker, entry if isinstance(entry, dict) else None)
                changed += 1
        gone = [m for m in self.overlay if m not in entries]
        gone += [
            m.id for i, m in enumerate(base.meetings) if i not in self.dead and m.id not in entries
        ]
        for meeting_id in gone:
            self.remove(meeting_id)
            changed += 1
        return changed

    def __len__(self) -> int:
        return len(self.base.meetings) - len(self.dead) + len(self.overlay)

    # -- searching ------------------------------------------------------------

    def search(
        self, query: str, network_id: str | None = None, limit: int | None = None
    ) -> list[SearchHit]:
        """Fields where every word of ``query`` occurs, newest meeting first and in
        agenda order within a meeting. An empty query finds nothing."""
        words = terms(query)
        if not words:
            return []
        found: list[int] = []  # bitmaps of fields
        check: list[str] = []  # words the text must be searched for
        for word in words:
            fields = self._fields(word)
            if fields is None or _WORD.findall(word) != [word]:
                check.append(word)
            if fields is not None:
                found.append(fields)
        base = self.base
        if found:
            fields = found[0]
            for more in found[1:]:
                fields &= more
            if not fields and not self.overlay:
                return []
            if self.dead_bits:
                fields &= ~self.dead_bits
            if network_id is not None:
                fields &= base.network_bits(network_id)
            candidates: Iterator[tuple[int, int]] = (
                (base.field_meeting[n], base.field_ordinal[n]) for n in ordered(fields)
            )
        else:  # every word is everywhere: read meeting by meeting until the limit
            candidates = (
                (position, -1)
                for position, m in enumerate(base.meetings)
                if position not in self.dead and network_id in (None, m.network_id)
            )
        return self._collect(words, check, candidates, network_id, limit)

    def _fields(self, word: str) -> int | None:
        """The bitmap of the base fields that may hold ``word`` (exactly those, for a
        word of letters and digits); None when it is too common to look up."""
        fields: int | None = None
        for run in sorted(_WORD.findall(word), key=len, reverse=True):
            holders = self.base.words_containing(run, MANY_WORDS)
            got = None if holders is None else self.base.fields_of(holders, COMMON)
            if got is None:
                continue
            fields = got if fields is None else fields & got
            if not fields:
                break  # one part is nowhere: neither is the word
        return fields

    def _collect(
        self,
        words: list[str],
        check: list[str],
        candidates: Iterator[tuple[int, int]],
        network_id: str | None,
        limit: int | None,
    ) -> list[SearchHit]:
        """Hits from the base's candidates ((meeting, ordinal), ordinal -1 for all its
        fields), merged with the overlay's by meeting date, up to ``limit``."""
        out: list[SearchHit] = []
        overlay = sorted(
            (o for o in self.overlay.values() if network_id in (None, o.meeting.network_id)),
            key=lambda o: o.meeting.order,
            reverse=True,
        )
        pending = iter(overlay)
        next_overlay = next(pending, None)
        read: dict[int, list[Field]] = {}  # the fields of each base meeting read so far
        for position, ordinal in candidates:
            meeting = self.base.meetings[position]
            while next_overlay is not None and next_overlay.meeting.order > meeting.order:
                if self._overlay_meeting(next_overlay, words, out, limit):
                    return out
                next_overlay = next(pending, None)
            fields = read.get(position)
            if fields is None:
                doc = self.docs(meeting.id)
                fields = read[position] = list(doc_fields(doc)) if doc is not None else []
            must = words if ordinal < 0 else check
            for field in fields if ordinal < 0 else fields[ordinal : ordinal + 1]:
                text = field[4]
                if not text or not text.strip():
                    continue
                if must:
                    folded = fold(text)
                    if not all(w in folded for w in must):
                        continue
                out.append(_hit(meeting, field, words))
                if limit is not None and len(out) >= limit:
                    return out
        while next_overlay is not None:
            if self._overlay_meeting(next_overlay, words, out, limit):
                return out
            next_overlay = next(pending, None)
        return out

    def _overlay_meeting(
        self, overlay: _Overlay, words: list[str], out: list[SearchHit], limit: int | None
    ) -> bool:
        for _ordinal, folded, field in overlay.fields:
            if all(w in folded for w in words):
                out.append(_hit(overlay.meeting, field, words))
                if limit is not None and len(out) >= limit:
                    return True
        return False


def _hit(meeting: IndexedMeeting, field: Field, words: list[str]) -> SearchHit:
    item_id, item_title, kind, ref_id, text = field
    return SearchHit(
        meeting.id,
        meeting.network_id,
        datetime.fromisoformat(meeting.start),
        meeting.title,
        item_id,
        item_title,
        kind,
        ref_id,
        unicodedata.normalize("NFC", text),
        tuple(words),
    )
