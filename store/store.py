"""The store API: typed records in and out, persistence hidden behind it.

Nothing outside ``store/`` sees a TinyDB document. Records are immutable, so
the store hands out the cached objects themselves and threads can share them.
All writes go through :meth:`Store._put`/``_delete`` and land in the journal
as one batch per call, or per ``with store.batch():`` block.

Networks, organisations and people are few and kept as records. Meetings are
made into records when used, from their document in the database (which may
still be bytes in the main file): the last :data:`RECENT_MEETINGS` used are
kept, the others only while something holds them, so memory follows what is
open, not the archive. What lists meetings without opening them (the overview,
a search by date or invite UID) reads their summaries (``store/summary.py``).
"""

from __future__ import annotations

import contextlib
import threading
import weakref
from collections import OrderedDict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from quorum.store import codec
from quorum.store.db import Database, backups, has_database, quiet_gc
from quorum.store.errors import DatabaseUnreadable, NotFound, QuorumError, ValidationError
from quorum.store.i18n import Notice
from quorum.store.journal import Op
from quorum.store.records import Meeting, MinutesVersion, Network, Organisation, Person, replace
from quorum.store.span import Span
from quorum.store.summary import MeetingSummary, chronological, summarise

if TYPE_CHECKING:
    # Search is imported where it is used: opening the store (each CLI command) does
    # not pay for it.
    from quorum.store.search import SearchHit, SearchIndex

# The record types the store keeps, each in its own table.
R = TypeVar("R", Network, Organisation, Person, Meeting, MinutesVersion)
N = TypeVar("N", Network, Organisation)  # found by name

_TABLE_OF: dict[type, str] = {
    Network: "networks",
    Organisation: "organisations",
    Person: "people",
    Meeting: "meetings",
    MinutesVersion: "versions",
}
# Tables of plain documents that are no records: a server link's state per network
# and each synced object's last synced version (store/sync.py).
STATE_TABLES = ("sync_links", "sync_objects")
RECORD_TABLES = tuple(_TABLE_OF.values())  # documents keyed by their own id
TABLES = (*RECORD_TABLES, *STATE_TABLES)  # a file holding any other table is refused
_CLASS_OF = {table: cls for cls, table in _TABLE_OF.items()}
# Meeting records kept after their last use (a meeting is ~100 KB as records).
RECENT_MEETINGS = 200


class _Recent:
    """Records by id: the ``size`` used last are held, the rest only while someone
    else holds them (a screen showing them), so reading one again costs nothing."""

    def __init__(self, size: int) -> None:
        self.size = size
        self._held: OrderedDict[str, Any] = OrderedDict()
        self._seen: weakref.WeakValueDictionary[str, Any] = weakref.WeakValueDictionary()

    def get(self, key: str) -> Any | None:
        record = self._held.get(key)
        if record is None:
            record = self._seen.get(key)
            if record is None:
                return None
        self.put(key, record)
        return record

    def put(self, key: str, record: Any) -> None:
        self._seen[key] = record
        self._held[key] = record
        self._held.move_to_end(key)
        while len(self._held) > self.size:
            self._held.popitem(last=False)

    def pop(self, key: str) -> None:
        self._held.pop(key, None)
        self._seen.pop(key, None)

    def clear(self) -> None:
        self._held.clear()
        self._seen.clear()


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.RLock()
        self._cache: dict[str, dict[str, Any]] = {
            table: {} for table in _TABLE_OF.values() if table != "meetings"
        }
        self._meetings = _Recent(RECENT_MEETINGS)
        self._pending: list[Op] | None = None
        # Inside a batch: what it wrote, by (table, id); None for a deletion.
        self._pending_docs: dict[tuple[str, str], dict[str, Any] | None] = {}
        self._search: SearchIndex | None = None  # loaded when first searched
        # The last list meetings() gave (what it was asked, the db's change count then).
        self._last_list: tuple[tuple[str | None, int, int], list[Meeting]] | None = None
        self._search_synced = -1  # db.changes when it was last brought up to date
        self._search_building = threading.Lock()
        # Derived from the stored documents, built on first use and kept up to date by
        # _put/_delete (and dropped when a batch rolls back): a 5,000-row import asks for
        # both per row.
        self._next_id: dict[str, int] = {}
        self._by_email: dict[str, set[str]] | None = None  # casefolded e-mail -> person ids

    # -- lifecycle ------------------------------------------------------------

    @staticmethod
    def exists(path: Path) -> bool:
        """Whether a database lives at ``path`` (its file, or a journal or backup of it)."""
        return has_database(path)

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False, maintain_later: bool = False) -> Store:
        """Open the database. ``maintain_later``: the caller runs :meth:`maintain` itself
        (the app, on a background thread): no backup is made at the open or before the
        first write."""
        db = Database(Path(path), readonly=readonly, tables=TABLES, keyed=RECORD_TABLES)
        db.backup_in_foreground = not maintain_later
        db.open(check=lambda table, doc_id, doc: check_document(db.path, table, doc_id, doc))
        return cls(db)

    def warm(self) -> None:
        """Read every record once (each meeting parsed in turn and let go, not kept):
        :class:`DatabaseUnreadable` naming the first that is not its record's shape.
        Slow on a large archive (what an open checks of a file it has no index for)."""
        keys = {
            "networks": "error.not_found_network",
            "organisations": "error.not_found_org",
            "people": "error.not_found_person",
            "meetings": "error.not_found_meeting",
            "versions": "error.not_found_version",
        }
        for cls, table in _TABLE_OF.items():
            for record_id in self._ids(table):
                with contextlib.suppress(NotFound):  # deleted meanwhile
                    self._get(cls, table, record_id, keys[table])

    def maintain(self) -> bool:
        """Verify the archive against its sidecar and make the day's backup (slow: run it
        off the UI thread). False if the archive had to be read again: records shown
        before may be stale."""
        honest = self.db.maintain()
        if not honest:
            with self._lock:
                self._last_list = None
                self._meetings.clear()
                for cache in self._cache.values():
                    cache.clear()
        return honest

    @property
    def path(self) -> Path:
        return self.db.path

    @property
    def readonly(self) -> bool:
        return self.db.readonly

    def lock_owner(self) -> dict[str, Any]:
        return self.db.lock.owner()

    def close(self) -> None:
        with self._lock:
            self.db.close()

    def checkpoint(self) -> None:
        with self._lock:
            self.db.checkpoint()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- generic --------------------------------------------------------------

    def _cached(self, table: str, record_id: str) -> Any | None:
        if table == "meetings":
            return self._meetings.get(record_id)
        return self._cache[table].get(record_id)

    def _remember(self, table: str, record_id: str, record: Any) -> None:
        if table == "meetings":
            self._meetings.put(record_id, record)
        else:
            self._cache[table][record_id] = record

    def _forget(self, table: str, record_id: str) -> None:
        if table == "meetings":
            self._meetings.pop(record_id)
        elif table in self._cache:  # a state table has no records to forget
            self._cache[table].pop(record_id, None)

    def _doc(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The stored document, as this batch left it if one is open."""
        if (table, record_id) in self._pending_docs:
            return self._pending_docs[(table, record_id)]
        return self.db.get(table, record_id)

    def _ids(self, table: str) -> list[str]:
        ids = self.db.ids(table)
        if self._pending_docs:
            known = set(ids)
            for (t, record_id), doc in self._pending_docs.items():
                if t != table:
                    continue
                if doc is None and record_id in known:
                    ids.remove(record_id)
                    known.discard(record_id)
                elif doc is not None and record_id not in known:
                    ids.append(record_id)
                    known.add(record_id)
        return ids

    def _get(self, cls: type[R], table: str, record_id: str, key: str) -> R:
        with self._lock:
            cached: R | None = self._cached(table, record_id)
            if cached is not None:
                return cached
            doc = self._doc(table, str(record_id))
            if doc is None:
                raise NotFound(key, value=record_id)
            record = load_record(cls, self.path, table, record_id, doc)
            self._remember(table, record_id, record)
            return record

    def _all(self, cls: type[R], table: str, key: str) -> list[R]:
        with self._lock:
            return [self._get(cls, table, rid, key) for rid in self._ids(table)]

    def _put(self, record: Any) -> None:
        table = _TABLE_OF[type(record)]
        doc = codec.to_doc(record)
        with self._lock:
            before = self._indexed_doc(table, record.id)
            self._write([("put", table, record.id, doc)])
            if self._pending is not None:
                self._pending_docs[(table, record.id)] = doc
            self._remember(table, record.id, record)
            self._index(table, record.id, before, doc)
        self._fold_if_due()

    def _delete(self, table: str, record_id: str) -> None:
        with self._lock:
            before = self._indexed_doc(table, record_id)
            self._write([("del", table, record_id, None)])
            if self._pending is not None:
                self._pending_docs[(table, record_id)] = None
            self._forget(table, record_id)
            self._index(table, record_id, before, None)
        self._fold_if_due()

    def _emails(self) -> dict[str, set[str]]:
        if self._by_email is None:
            index: dict[str, set[str]] = {}
            for pid in self._ids("people"):
                doc = self._doc("people", pid) or {}
                index.setdefault(str(doc.get("email", "")).casefold(), set()).add(pid)
            self._by_email = index
        return self._by_email

    def _indexed_doc(self, table: str, record_id: str) -> dict[str, Any] | None:
        """The document a write replaces, when an index needs it (a meeting is not read)."""
        if table == "people" and self._by_email is not None:
            return self._doc(table, record_id)
        return None

    def _index(
        self, table: str, record_id: str, before: dict[str, Any] | None, doc: dict[str, Any] | None
    ) -> None:
        """Keep the e-mail index and the next id up to date with a write."""
        if table == "people" and self._by_email is not None:
            if before is not None:
                old = str(before.get("email", "")).casefold()
                self._by_email.get(old, set()).discard(record_id)
            if doc is not None:
                email = str(doc.get("email", "")).casefold()
                self._by_email.setdefault(email, set()).add(record_id)
        if doc is not None and table in self._next_id and record_id.isdigit():
            self._next_id[table] = max(self._next_id[table], int(record_id) + 1)

    def _write(self, ops: list[Op]) -> None:
        if self._pending is not None:
            self._pending.extend(ops)
        else:
            self.db.commit(ops)

    def _fold_if_due(self) -> None:
        # Called after the store lock is released: a checkpoint copies the whole
        # archive (~70 ms at 1,000 meetings, ~400 ms at 5,000) and the UI thread's
        # reads must not wait for it.
        if self._pending is None:
            self.db.checkpoint_if_due()

    def _new_id(self, table: str) -> str:
        with self._lock:
            if table not in self._next_id:
                ids = [int(k) for k in self._ids(table) if k.isdigit()]
                self._next_id[table] = max(ids, default=0) + 1
            return str(self._next_id[table])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every write inside lands together, or none does (and memory is rolled back)."""
        with self._lock:
            if self._pending is not None:  # nested: the outer batch commits
                yield
                return
            self._pending = []
            try:
                yield
                self.db.commit(self._pending)
            except BaseException:
                for table, record_id in self._pending_docs:
                    self._forget(table, record_id)  # read again from what is stored
                self._next_id, self._by_email = {}, None  # rebuilt from what is stored
                raise
            finally:
                self._pending = None
                self._pending_docs = {}
        self._fold_if_due()

    def _add(self, cls: type[R], fields: dict[str, Any]) -> R:
        table = _TABLE_OF[cls]
        with self._lock:
            try:
                record = cls(id=self._new_id(table), **fields)
            except TypeError as err:  # a programming error, not user input
                raise QuorumError("error.choice_invalid", value=str(err)) from err
            self.save(record)
            return record

    def save(self, record: Any) -> None:
        """Save any record; dispatches to the type's own rules."""
        if isinstance(record, Person):
            self.save_person(record)
        else:
            self._put(record)

    # -- networks -------------------------------------------------------------

    def networks(self) -> list[Network]:
        return sorted(self._all(Network, "networks", "error.not_found_network"), key=_name_key)

    def network(self, network_id: str) -> Network:
        return self._get(Network, "networks", str(network_id), "error.not_found_network")

    def find_network(self, text: str) -> Network:
        return find_named(self.networks(), text, "error.not_found_network")

    def add_network(self, **fields: Any) -> Network:
        return self._add(Network, fields)

    def save_network(self, network: Network) -> None:
        self._put(network)

    # -- organisations --------------------------------------------------------

    def organisations(self) -> list[Organisation]:
        return sorted(
            self._all(Organisation, "organisations", "error.not_found_org"), key=_name_key
        )

    def organisation(self, org_id: str) -> Organisation:
        return self._get(Organisation, "organisations", str(org_id), "error.not_found_org")

    def add_organisation(self, **fields: Any) -> Organisation:
        return self._add(Organisation, fields)

    def save_organisation(self, org: Organisation) -> None:
        self._put(org)

    # -- people ---------------------------------------------------------------

    def people(self, network_id: str | None = None) -> list[Person]:
        everyone = self._all(Person, "people", "error.not_found_person")
        if network_id is not None:
            everyone = [p for p in everyone if p.role_in(network_id) is not None]
        return sorted(everyone, key=_name_key)

    def person(self, person_id: str) -> Person:
        return self._get(Person, "people", str(person_id), "error.not_found_person")

    def person_by_email(self, email: str, network_id: str | None = None) -> Person | None:
        """The person with this address (in the network), the first by name if several."""
        with self._lock:
            ids = list(self._emails().get(email.strip().casefold(), ()))
            found = [self.person(pid) for pid in ids]
        if network_id is not None:
            found = [p for p in found if p.role_in(network_id) is not None]
        return min(found, key=_name_key, default=None)

    def add_person(self, **fields: Any) -> Person:
        return self._add(Person, fields)

    def save_person(self, person: Person) -> None:
        """Save, refusing an e-mail address another person uses in a shared network."""
        with self._lock:
            for m in person.memberships:
                other = self.person_by_email(person.email, m.network_id)
                if other is not None and other.id != person.id:
                    raise ValidationError(
                        "error.duplicate_email", field="email", email=person.email, name=other.name
                    )
            self._put(person)

    def delete_person(self, person_id: str) -> None:
        self._delete("people", str(person_id))

    # -- meetings -------------------------------------------------------------

    def summaries(self, network_id: str | None = None) -> list[MeetingSummary]:
        """What lists a meeting without opening it (``store/summary.py``), soonest first."""
        with self._lock:
            found = self.db.meeting_summaries()
            if self._pending_docs:
                pending = {
                    mid: doc for (t, mid), doc in self._pending_docs.items() if t == "meetings"
                }
                found = [s for s in found if s.id not in pending]
                found += [summarise(mid, doc) for mid, doc in pending.items() if doc is not None]
        if network_id is not None:
            found = [s for s in found if s.network_id == network_id]
        return sorted(found, key=chronological)

    def meetings(self, network_id: str | None = None) -> list[Meeting]:
        """Meetings as records, soonest first (each parsed when first used: listing a
        network's meetings costs ~0.5 ms a meeting the first time). The last list asked
        for is held until it is asked for again: the screen that shows a network's
        meetings (export, year plan) asks often, and a save re-reads only what it
        changed (the other records are still held by the list)."""
        with self._lock:
            key = (network_id, self.db.changes, len(self._pending_docs))
            held = self._last_list
            if held is not None and held[0] == key and not self._pending_docs:
                return list(held[1])
            ids = [s.id for s in self.summaries(network_id)]
            found = [self._get(Meeting, "meetings", mid, "error.not_found_meeting") for mid in ids]
            found.sort(key=lambda m: (m.start, int(m.id)))
            self._last_list = (key, found)
        return list(found)

    def meeting(self, meeting_id: str) -> Meeting:
        return self._get(Meeting, "meetings", str(meeting_id), "error.not_found_meeting")

    def find_meeting(self, text: str) -> Meeting:
        """By id, or by date (``2027-03-12``) when only one meeting is that day."""
        text = text.strip()
        with self._lock:
            if self._doc("meetings", text) is not None:
                return self.meeting(text)
        same_day = [self.meeting(s.id) for s in self.summaries() if s.start[:10] == text]
        if len(same_day) == 1:
            return same_day[0]
        if len(same_day) > 1:
            raise NotFound("error.ambiguous", value=text, choices=", ".join(m.id for m in same_day))
        raise NotFound("error.not_found_meeting", value=text)

    def meeting_by_uid(self, uid: str) -> Meeting | None:
        """The meeting whose invites carry ``uid`` (calendar replies name it so)."""
        for summary in self.summaries():
            if summary.uid == uid:
                return self.meeting(summary.id)
        return None

    def add_meeting(self, **fields: Any) -> Meeting:
        return self._add(Meeting, fields)

    def save_meeting(self, meeting: Meeting) -> None:
        self._put(meeting)

    def update_meeting(self, meeting_id: str, **fields: Any) -> Meeting:
        """Change only ``fields`` of the stored meeting, keeping everything else as
        it is now: two editors of one meeting (agenda, attendees) never undo each
        other's saves."""
        with self._lock:
            meeting = replace(self.meeting(meeting_id), **fields)
            self.save_meeting(meeting)
            return meeting

    def delete_meeting(self, meeting_id: str) -> None:
        self._delete("meetings", str(meeting_id))

    # -- search ---------------------------------------------------------------

    def search(
        self, query: str, network_id: str | None = None, limit: int | None = None
    ) -> list[SearchHit]:
        """Full-text search of every meeting (``store/search.py``), as saved now."""
        index = self.search_index()
        with self._lock:
            self._sync_search(index)
            return index.search(query, network_id, limit)

    def _sync_search(self, index: SearchIndex) -> None:
        """Index again what changed since the last search (with the store lock held)."""
        if self._search_synced != self.db.changes:
            self._search_synced = self.db.changes
            index.sync(self.db.entries("meetings"))

    def search_index(self) -> SearchIndex:
        """The search index: the one kept beside the archive (``<db>.search``), brought up
        to date with the saves since it was written, else built from the archive (slow
        on a large one: call it off the UI thread the first time)."""
        from quorum.store import search_base
        from quorum.store.search import SearchIndex

        with self._lock:
            if self._search is not None:
                return self._search
        # One build at a time: the search screen opened while the background keeps the
        # index waits for that one, then reads what it wrote.
        with self._search_building:
            with self._lock:
                if self._search is not None:
                    return self._search
            loaded = search_base.load(self.path)
            if loaded is not None:
                index = SearchIndex(loaded[0], self._meeting_doc)
            else:
                index = self._build_search_index()
            with self._lock:
                self._search = index
                self._search_synced = -1
                return index

    def keep_search_index(self) -> None:
        """Write the search index beside the archive when there is none or the meetings
        changed since it was written are more than a twentieth (slow on a large archive:
        background work). It is not loaded to tell: its first line says what it covers."""
        from quorum.store import search_base
        from quorum.store.search import marker_of

        if self.readonly:
            return
        kept = search_base.markers(self.path)
        entries = self.db.entries("meetings")
        if kept is not None:
            changed = sum(
                1
                for meeting_id, entry in entries.items()
                if kept.get(meeting_id)
                != ((entry.crc, entry.length) if isinstance(entry, Span) else marker_of(entry))
            )
            changed += sum(1 for meeting_id in kept if meeting_id not in entries)
            if changed <= len(entries) // 20:
                return
        with self._search_building:
            fresh = self._build_search_index()
            with contextlib.suppress(OSError):  # derived: the next start builds it again
                search_base.save(self.path, fresh.base, {"generation": self.db.generation})
            with self._lock:
                if self._search is not None:  # in use: the fresh one replaces it
                    self._search = fresh
                    self._search_synced = -1

    def _build_search_index(self) -> SearchIndex:
        """Built from the archive, newest meeting first (the summaries give the order),
        one document at a time."""
        from quorum.store.search import SearchIndex, build_base, marker_of
        from quorum.store.search_base import IndexedMeeting

        entries = self.db.entries("meetings")
        summaries = sorted(
            (s for s in self.db.meeting_summaries() if s.id in entries),
            key=chronological,
            reverse=True,
        )

        def newest_first() -> Iterator[tuple[IndexedMeeting, dict[str, Any] | None]]:
            for s in summaries:
                entry = entries[s.id]
                if isinstance(entry, dict):
                    doc: dict[str, Any] | None = entry
                    marker = marker_of(entry)
                else:
                    doc, marker = self._meeting_doc(s.id), (entry.crc, entry.length)
                yield IndexedMeeting(s.id, s.network_id, s.start, s.title, marker), doc

        with quiet_gc():
            return SearchIndex(build_base(newest_first()), self._meeting_doc)

    def _meeting_doc(self, meeting_id: str) -> dict[str, Any] | None:
        return self.db.get("meetings", meeting_id)

    # -- approved minutes --------------------------------------------------------

    def versions(self, meeting_id: str | None = None) -> list[MinutesVersion]:
        """The approved versions of a meeting's minutes (of every meeting), oldest first.

        Kept when the meeting is reopened, changed or even deleted: they are the record.
        """
        found = self._all(MinutesVersion, "versions", "error.not_found_version")
        if meeting_id is not None:
            found = [v for v in found if v.meeting_id == meeting_id]
        return sorted(found, key=lambda v: (v.meeting_id, v.version))

    def version_by_hash(self, sha256: str) -> MinutesVersion | None:
        wanted = sha256.strip().lower()
        return next((v for v in self.versions() if v.sha256 == wanted), None)

    def save_approval(self, meeting: Meeting, version: dict[str, Any]) -> MinutesVersion:
        """The approved meeting and its new version of the minutes, saved together."""
        with self.batch():
            self.save_meeting(meeting)
            return self._add(MinutesVersion, version)

    # -- state documents (no records: sync bookkeeping) ------------------------

    def states(self, table: str) -> dict[str, dict[str, Any]]:
        """The documents of a state table by key (as an open batch left them). Callers
        must not mutate them."""
        with self._lock:
            docs = self.db.documents(table)
            for (t, key), doc in self._pending_docs.items():
                if t != table:
                    continue
                if doc is None:
                    docs.pop(key, None)
                else:
                    docs[key] = doc
            return docs

    def put_state(self, table: str, key: str, doc: dict[str, Any]) -> None:
        with self._lock:
            self._write([("put", table, key, doc)])
            if self._pending is not None:
                self._pending_docs[(table, key)] = doc
        self._fold_if_due()

    def delete_state(self, table: str, key: str) -> None:
        with self._lock:
            if self._doc(table, key) is None:
                return
            self._write([("del", table, key, None)])
            if self._pending is not None:
                self._pending_docs[(table, key)] = None
        self._fold_if_due()

    # -- for tests and diagnostics -------------------------------------------

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """All documents as plain data (to compare a reload with memory; parses every
        meeting)."""
        with self._lock:
            return {
                table: {k: dict(d) for k, d in self.db.documents(table).items()} for table in TABLES
            }


def load_record(cls: type[R], path: Path, table: str, record_id: str, doc: dict[str, Any]) -> R:
    """The record of a stored document. A document that is not its record's shape (a
    hand-edited file, a flipped bit) is refused naming the record and field."""
    try:
        record = codec.from_doc(cls, doc)
        if record.id != record_id:  # a changed digit in the file: two records in one
            raise codec.ShapeError("id", "shape.id_mismatch")
    except codec.ShapeError as err:
        found = backups(path)
        problem = err.problem
        raise DatabaseUnreadable(
            "error.db_record",
            path=str(path),
            record=Notice.of(f"record.{table}", id=record_id),
            field=err.field or "-",
            problem=Notice.of(problem) if isinstance(problem, str) else problem.sentence(),
            backup=str(found[0]) if found else "",
            remedy="backup" if found else "",
        ) from None
    return record


def check_document(path: Path, table: str, record_id: str, doc: dict[str, Any]) -> None:
    """One stored document read as its record (refused naming the record and field)."""
    cls = _CLASS_OF.get(table)
    if cls is not None:
        load_record(cls, path, table, record_id, doc)


def check_documents(path: Path, data: dict[str, dict[str, dict[str, Any]]]) -> None:
    """Every document read as its record (before an open writes anything: a crash's
    journal is folded only into a file whose every record reads)."""
    for cls, table in _TABLE_OF.items():
        for record_id, doc in data.get(table, {}).items():
            load_record(cls, path, table, record_id, doc)


def _name_key(record: Network | Organisation | Person) -> tuple[str, str]:
    return (record.name.casefold(), record.id)


def find_named(records: list[N], text: str, key: str) -> N:
    """The record whose id is ``text``, else whose name is it (a unique part of the name
    will do); NotFound with ``key`` or, for several, the choices."""
    wanted = text.strip()
    for r in records:
        if r.id == wanted:
            return r
    folded = wanted.casefold()
    exact = [r for r in records if r.name.casefold() == folded]
    if len(exact) == 1:
        return exact[0]
    matches = [r for r in records if folded and folded in r.name.casefold()]
    if len(matches) == 1:
        return matches[0]
    if len(matches) > 1:
        raise NotFound(
            "error.ambiguous", value=wanted, choices=", ".join(f"{r.id} {r.name}" for r in matches)
        )
    raise NotFound(key, value=wanted)


__all__ = ["Store", "find_named"]
