"""The store API: typed records in and out, persistence hidden behind it.

Nothing outside ``store/`` sees a TinyDB document. Records are immutable, so
the store hands out the cached objects themselves and threads can share them.
All writes go through :meth:`Store._put`/``_delete`` and land in the journal
as one batch per call, or per ``with store.batch():`` block.
"""

from __future__ import annotations

import contextlib
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from quorum.store import codec
from quorum.store.db import Database, backups, quiet_gc
from quorum.store.errors import DatabaseUnreadable, NotFound, QuorumError, ValidationError
from quorum.store.i18n import Notice
from quorum.store.journal import Op
from quorum.store.records import Meeting, MinutesVersion, Network, Organisation, Person, replace

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


class Store:
    def __init__(self, db: Database) -> None:
        self.db = db
        self._lock = threading.RLock()
        self._cache: dict[str, dict[str, Any]] = {}
        self._docs: dict[str, dict[str, dict[str, Any]]] = {}
        self._pending: list[Op] | None = None
        # Derived from _docs, built on first use and kept up to date by _put/_delete (and
        # dropped when a batch rolls back): a 5,000-row import asks for both per row.
        self._next_id: dict[str, int] = {}
        self._by_email: dict[str, set[str]] | None = None  # casefolded e-mail -> person ids
        for table in TABLES:
            self._docs[table] = db.documents(table)
            self._cache[table] = {}

    # -- lifecycle ------------------------------------------------------------

    @classmethod
    def open(cls, path: str | Path, readonly: bool = False) -> Store:
        db = Database(Path(path), readonly=readonly, tables=TABLES, keyed=RECORD_TABLES)
        db.open(check=lambda data: check_documents(db.path, data))
        return cls(db)

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

    def _get(self, cls: type[R], table: str, record_id: str, key: str) -> R:
        with self._lock:
            cached: R | None = self._cache[table].get(record_id)
            if cached is not None:
                return cached
            doc = self._docs[table].get(str(record_id))
            if doc is None:
                raise NotFound(key, value=record_id)
            record = load_record(cls, self.path, table, record_id, doc)
            self._cache[table][record_id] = record
            return record

    def _all(self, cls: type[R], table: str, key: str) -> list[R]:
        with self._lock:
            return [self._get(cls, table, rid, key) for rid in self._docs[table]]

    def warm(self) -> None:
        """Turn every document into its record ahead of use, off the UI thread.

        One record at a time under the lock, so a reader on another thread
        waits for one conversion at most, never for the whole archive.
        """
        keys = {
            "networks": "error.not_found_network",
            "organisations": "error.not_found_org",
            "people": "error.not_found_person",
            "meetings": "error.not_found_meeting",
            "versions": "error.not_found_version",
        }
        with quiet_gc():
            for cls, table in _TABLE_OF.items():
                with self._lock:
                    ids = list(self._docs[table])
                for record_id in ids:
                    with contextlib.suppress(NotFound):  # deleted meanwhile
                        self._get(cls, table, record_id, keys[table])

    def _put(self, record: Any) -> None:
        table = _TABLE_OF[type(record)]
        doc = codec.to_doc(record)
        with self._lock:
            self._write([("put", table, record.id, doc)])
            self._index_out(table, record.id)
            self._docs[table][record.id] = doc
            self._cache[table][record.id] = record
            self._index_in(table, record.id)
        self._fold_if_due()

    def _delete(self, table: str, record_id: str) -> None:
        with self._lock:
            self._write([("del", table, record_id, None)])
            self._index_out(table, record_id)
            self._docs[table].pop(record_id, None)
            self._cache[table].pop(record_id, None)
        self._fold_if_due()

    def _emails(self) -> dict[str, set[str]]:
        if self._by_email is None:
            index: dict[str, set[str]] = {}
            for pid, doc in self._docs["people"].items():
                index.setdefault(str(doc.get("email", "")).casefold(), set()).add(pid)
            self._by_email = index
        return self._by_email

    def _index_out(self, table: str, record_id: str) -> None:
        doc = self._docs[table].get(record_id)
        if table == "people" and self._by_email is not None and doc is not None:
            self._by_email.get(str(doc.get("email", "")).casefold(), set()).discard(record_id)

    def _index_in(self, table: str, record_id: str) -> None:
        if table == "people" and self._by_email is not None:
            email = str(self._docs[table][record_id].get("email", "")).casefold()
            self._by_email.setdefault(email, set()).add(record_id)
        if table in self._next_id and record_id.isdigit():
            self._next_id[table] = max(self._next_id[table], int(record_id) + 1)

    def _write(self, ops: list[Op]) -> None:
        if self._pending is not None:
            self._pending.extend(ops)
        else:
            self.db.commit(ops)

    def _fold_if_due(self) -> None:
        # Called after the store lock is released: a checkpoint rewrites the
        # whole archive (~70 ms at 1,000 meetings, ~400 ms at 5,000) and the
        # UI thread's reads must not wait for it.
        if self._pending is None:
            self.db.checkpoint_if_due()

    def _new_id(self, table: str) -> str:
        with self._lock:
            if table not in self._next_id:
                ids = [int(k) for k in self._docs[table] if k.isdigit()]
                self._next_id[table] = max(ids, default=0) + 1
            return str(self._next_id[table])

    @contextmanager
    def batch(self) -> Iterator[None]:
        """Every write inside lands together, or none does (and memory is rolled back)."""
        with self._lock:
            if self._pending is not None:  # nested: the outer batch commits
                yield
                return
            saved_docs = {t: dict(d) for t, d in self._docs.items()}
            saved_cache = {t: dict(c) for t, c in self._cache.items()}
            self._pending = []
            try:
                yield
                ops, self._pending = self._pending, None
                self.db.commit(ops)
            except BaseException:
                self._pending = None
                self._docs, self._cache = saved_docs, saved_cache
                self._next_id, self._by_email = {}, None  # rebuilt from the docs restored
                raise
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

    def meetings(self, network_id: str | None = None) -> list[Meeting]:
        with self._lock:
            docs = self._docs["meetings"]
            ids = [
                mid
                for mid, doc in docs.items()
                if network_id is None or doc.get("network_id") == network_id
            ]
            found = [self._get(Meeting, "meetings", mid, "error.not_found_meeting") for mid in ids]
        return sorted(found, key=lambda m: (m.start, int(m.id)))

    def meeting(self, meeting_id: str) -> Meeting:
        return self._get(Meeting, "meetings", str(meeting_id), "error.not_found_meeting")

    def find_meeting(self, text: str) -> Meeting:
        """By id, or by date (``2027-03-12``) when only one meeting is that day."""
        text = text.strip()
        with self._lock:
            if text in self._docs["meetings"]:
                return self.meeting(text)
        same_day = [m for m in self.meetings() if m.day.isoformat() == text]
        if len(same_day) == 1:
            return same_day[0]
        if len(same_day) > 1:
            raise NotFound("error.ambiguous", value=text, choices=", ".join(m.id for m in same_day))
        raise NotFound("error.not_found_meeting", value=text)

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
        """The documents of a state table by key. Callers must not mutate them."""
        with self._lock:
            return dict(self._docs[table])

    def put_state(self, table: str, key: str, doc: dict[str, Any]) -> None:
        with self._lock:
            self._write([("put", table, key, doc)])
            self._docs[table][key] = doc
        self._fold_if_due()

    def delete_state(self, table: str, key: str) -> None:
        with self._lock:
            if key not in self._docs[table]:
                return
            self._write([("del", table, key, None)])
            self._docs[table].pop(key, None)
        self._fold_if_due()

    # -- for tests and diagnostics -------------------------------------------

    def snapshot(self) -> dict[str, dict[str, dict[str, Any]]]:
        """All documents as plain data (to compare a reload with memory)."""
        with self._lock:
            return {t: {k: dict(v) for k, v in d.items()} for t, d in self._docs.items()}


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
