"""Two-way sync of one network with its server: pull, merge, push.

It lives in ``store/`` because its subject is the store's records and their
history (the last synced version of each, kept in the store's journal); the
two things it needs from outside are passed in, so the layers hold
(``store`` imports neither ``exports`` nor ``tui``):

- ``conv``: the conversions records <-> iCalendar/vCard, pure functions of
  ``exports/`` (:mod:`quorum.exports.dav_objects`, :mod:`quorum.exports.vcard`),
  wired by ``tui/sync_wiring.py``;
- the two collections (:class:`quorum.store.dav.DavCollection`, or a file).

One run:

1. **UIDs first.** People, organisations and the network get their UIDs
   (saved) before anything is sent, and an object is only ever created at
   the href its UID gives, with ``If-None-Match: *``: two runs can never
   create the same object twice.
2. **Pull** each collection's changes (RFC 6578 sync-collection, or every
   ETag where the server lacks it). For each changed object: if only the
   server changed it, take it; if both did, :func:`merge3` field by field
   against the last synced version; overlapping edits are a conflict that
   keeps both versions (ours stays local, the server's is kept beside it)
   until someone chooses. A deletion on the server deletes here unless we
   changed the object meanwhile (an edit wins over a deletion).
3. **Push** every object whose local version differs from the last synced
   one: the version is recorded as *pending* first, then PUT with
   ``If-Match`` on the ETag; a 412 fetches the server's version, merges and
   tries once more. Local deletions are DELETEs with ``If-Match``.

Each object's local change and its state land in one store batch, and the
sync token is saved only after its collection's changes were applied, so a
``kill -9`` anywhere leaves a state the next run converges from.
"""

from __future__ import annotations

import secrets
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from quorum.store import codec
from quorum.store.dav import Changes, PreconditionFailed
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.i18n import t
from quorum.store.records import (
    ActionItem,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    replace,
)
from quorum.store.store import Store
from quorum.store.sync_model import (
    Refs,
    action_doc,
    action_position,
    action_uid,
    drop_action,
    flatten,
    global_meeting,
    global_network,
    global_person,
    local_meeting,
    local_network,
    meeting_doc,
    meeting_from_doc,
    merge3,
    minutes_uid,
    network_doc,
    organisation_doc,
    person_doc,
    put_action,
    record_fields,
    unflatten,
    with_actions,
    with_local_state,
)
from quorum.store.sync_state import (
    Entry,
    Link,
    digest,
    drop_entry,
    entries,
    pack,
    save_entry,
    unpack,
)
from quorum.store.sync_state import link as load_link
from quorum.store.sync_state import save_link as _save_link

__all__ = ["Collection", "Conversions", "SyncEngine", "SyncReport", "new_uid", "resolve"]

# Referenced before referencing: people name organisations, the network names both.
_KIND_ORDER = ("organisation", "person", "network", "meeting", "action", "minutes")
_MINUTED = (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)
_CHUNK = 50  # objects sent between two journal writes of their state


def new_uid() -> str:
    return f"{secrets.token_hex(10)}@quorum"


class Collection(Protocol):
    kind: str

    def href_for(self, uid: str) -> str: ...
    def changes(self, token: str | None) -> Changes: ...
    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str | None]]: ...
    def put(self, href: str, data: bytes, etag: str | None) -> str | None: ...
    def delete(self, href: str, etag: str | None) -> None: ...


class Conversions(Protocol):
    """Records (global) <-> server objects; :mod:`quorum.tui.sync_wiring` gives exports' own."""

    def event(
        self, meeting: Meeting, network: Network, people: dict[str, Person], now: datetime
    ) -> bytes: ...
    def todo(
        self,
        meeting: Meeting,
        item_id: str,
        action: ActionItem,
        owner: Person | None,
        now: datetime,
        position: int,
    ) -> bytes: ...
    def journal(self, meeting: Meeting, title: str, text: str, now: datetime) -> bytes: ...
    def minutes(self, store: Store, meeting: Meeting) -> tuple[str, str]: ...
    def person_card(
        self, person: Person, org: Organisation | None, role: Role, share: dict[str, bool]
    ) -> bytes: ...
    def organisation_card(self, org: Organisation) -> bytes: ...
    def network_card(self, network: Network) -> bytes: ...
    def read_calendar_object(self, data: str) -> Any: ...
    def read_card(self, data: str) -> Any: ...


@dataclass
class SyncReport:
    pulled: int = 0
    pushed: int = 0
    deleted_here: int = 0
    deleted_there: int = 0
    merged: int = 0
    conflicts: list[str] = field(default_factory=list)

    def sentence(self, lang: str | None = None) -> str:
        """ "Synkroniserat: 3 ändringar hämtade, 1 skickad." (the counts that are not 0)."""
        counts = (
            ("pulled", self.pulled),
            ("pushed", self.pushed),
            ("deleted_here", self.deleted_here),
            ("deleted_there", self.deleted_there),
            ("merged", self.merged),
        )
        parts = [t(f"sync.report.{name}", lang=lang, count=n) for name, n in counts if n]
        if not parts:
            return t("sync.report_nothing", lang=lang)
        return t("sync.report", lang=lang, parts=", ".join(parts))


@dataclass
class _Local:
    """One object as this installation has it now."""

    kind: str
    uid: str
    flat: dict[str, Any]
    digest: str
    render: Callable[[], bytes]


Progress = Callable[[str, int, int], None]


class SyncEngine:
    def __init__(
        self,
        store: Store,
        network_id: str,
        calendar: Collection,
        addressbook: Collection,
        conv: Conversions,
        now: Callable[[], datetime],
        progress: Progress | None = None,
        link_state: Link | None = None,
        adopt_remote: bool = False,
    ) -> None:
        self.store = store
        self.network_id = network_id
        self.colls = {"calendar": calendar, "addressbook": addressbook}
        self.conv = conv
        self.now = now
        self.progress = progress or (lambda step, done, total: None)
        self.report = SyncReport()
        # Joining: what is here was made from the server a moment ago, so an object
        # synced for the first time takes the server's version instead of merging.
        self.adopt_remote = adopt_remote
        self._refs_cache: Refs | None = None
        self._people_cache: dict[str, Person] | None = None
        self._orgs_cache: dict[str, Organisation] | None = None
        self._global_meetings: dict[str, tuple[Meeting, Meeting]] = {}
        self._meeting_locals: dict[str, tuple[Meeting, _Local]] = {}
        self._people_gone: list[str] = []
        self._meeting_ids: dict[str, str] = {}
        self.link = link_state or load_link(store, network_id)

    # -- the whole run ------------------------------------------------------------

    def run(self, pull: bool = True, push: bool = True) -> SyncReport:
        self.entries = entries(self.store, self.network_id)
        self._assign_uids()
        if pull:
            for kind in ("addressbook", "calendar"):
                self._pull(self.colls[kind])
            self._forget_people()
        if push:
            self._push()
        self.link.last_sync = self.now().isoformat(timespec="seconds")
        _save_link(self.store, self.link)
        return self.report

    def export_all(self, record: bool) -> int:
        """Write every object to the collections (a network file). ``record``: the
        written versions become the base of the next merge (a network without server)."""
        self.entries = entries(self.store, self.network_id)
        self._assign_uids()
        written = 0
        with self.store.batch():
            for loc in sorted(self._locals().values(), key=lambda x: _KIND_ORDER.index(x.kind)):
                entry = self._entry(loc.uid, loc.kind)
                coll = self.colls[entry.coll]
                etag = coll.put(coll.href_for(loc.uid), loc.render(), None)
                written += 1
                if record:
                    entry.href = coll.href_for(loc.uid)
                    entry.set_base(loc.flat, etag)
                    save_entry(self.store, entry)
        return written

    # -- identities ---------------------------------------------------------------

    def _coll_of(self, kind: str) -> str:
        return "addressbook" if kind in ("network", "organisation", "person") else "calendar"

    def _entry(self, uid: str, kind: str) -> Entry:
        entry = self.entries.get(uid)
        if entry is None:
            coll = self._coll_of(kind)
            href = self.colls[coll].href_for(uid)
            entry = Entry(self.network_id, uid, kind, coll, href)
            self.entries[uid] = entry
        elif not entry.href:  # the network moved to another server
            entry.href = self.colls[entry.coll].href_for(uid)
        return entry

    def _network(self) -> Network:
        return self.store.network(self.network_id)

    def _people(self) -> list[Person]:
        """The network's members and everyone its meetings name."""
        wanted = {p.id: p for p in self.store.people(self.network_id)}
        named: set[str] = set()
        network = self._network()
        if network.coordinator_id:
            named.add(network.coordinator_id)
        for m in self.store.meetings(self.network_id):
            named.update(x for x in (m.chair_id, m.secretary_id, *m.adjuster_ids) if x)
            named.update(a.person_id for a in m.attendance if a.person_id)
            for item in m.agenda:
                if item.presenter_id:
                    named.add(item.presenter_id)
                named.update(a.owner_id for a in item.actions if a.owner_id)
        for person_id in named - set(wanted):
            try:
                wanted[person_id] = self.store.person(person_id)
            except QuorumError:
                continue
        return list(wanted.values())

    def _organisations(self, people: Iterable[Person]) -> list[Organisation]:
        network = self._network()
        ids = set(network.member_org_ids) | set(network.rotation_opt_out)
        ids |= {p.org_id for p in people if p.org_id}
        ids |= {m.host_org_id for m in self.store.meetings(self.network_id) if m.host_org_id}
        found = []
        for org_id in sorted(ids):
            try:
                found.append(self.store.organisation(org_id))
            except QuorumError:
                continue
        return found

    def _assign_uids(self) -> None:
        """Give every person and organisation a UID, saved before anything is sent."""
        known = {(e.kind, e.local): e for e in self.entries.values() if e.local}
        people = self._people()
        new: list[Entry] = []
        for kind, records in (("person", people), ("organisation", self._organisations(people))):
            for record in records:
                if (kind, record.id) not in known:
                    entry = self._entry(new_uid(), kind)
                    entry.local = record.id
                    new.append(entry)
        if self.link.network_uid not in self.entries:
            entry = self._entry(self.link.network_uid, "network")
            entry.local = self.network_id
            new.append(entry)
        if new:
            with self.store.batch():
                for entry in new:
                    save_entry(self.store, entry)

    def _refs(self) -> Refs:
        if self._refs_cache is None:
            refs = Refs(networks={self.network_id: self.link.network_uid})
            for e in self.entries.values():
                if e.local and e.kind == "person":
                    refs.people[e.local] = e.uid
                elif e.local and e.kind == "organisation":
                    refs.orgs[e.local] = e.uid
            refs.meetings = {m.id: m.uid for m in self.store.meetings(self.network_id)}
            self._refs_cache = refs
            self._meeting_ids = refs.back("meetings")
        return self._refs_cache

    def _forget_refs(self, people: bool = True) -> None:
        """After a record was added or changed: ids and global forms are computed again
        (``people``: the people's and organisations' too)."""
        self._refs_cache = None
        self._global_meetings.clear()
        self._meeting_locals.clear()
        if people:
            self._people_cache = None
            self._orgs_cache = None

    def _global_meeting(self, meeting: Meeting) -> Meeting:
        """The meeting in global form, once per version of the record (records are
        immutable, so the store's object is the version)."""
        cached = self._global_meetings.get(meeting.uid)
        if cached is not None and cached[0] is meeting:
            return cached[1]
        mg = global_meeting(meeting, self._refs())
        self._global_meetings[meeting.uid] = (meeting, mg)
        return mg

    # -- this installation's objects -----------------------------------------------

    def _inventory(self) -> list[tuple[str, str]]:
        """(kind, UID) of every object this installation has for the network."""
        refs = self._refs()
        found = [("network", self.link.network_uid)]
        found += [("person", refs.people[p.id]) for p in self._people() if p.id in refs.people]
        found += [
            ("organisation", refs.orgs[o.id])
            for o in self._organisations(self.store.people(self.network_id))
            if o.id in refs.orgs
        ]
        for meeting in self.store.meetings(self.network_id):
            found.append(("meeting", meeting.uid))
            found += [("action", action_uid(meeting.uid, a.id)) for _, a in meeting.all_actions()]
            if meeting.status in _MINUTED:
                found.append(("minutes", minutes_uid(meeting.uid)))
        return found

    def _locals(self) -> dict[str, _Local]:
        found = {}
        for kind, uid in self._inventory():
            loc = self._local(kind, uid)
            if loc is not None:
                found[uid] = loc
        return found

    def _local(self, kind: str, uid: str) -> _Local | None:
        """One object as this installation has it now (None: not here)."""
        if kind == "meeting":
            meeting = self._local_meeting(uid)
            cached = self._meeting_locals.get(uid)
            if meeting is not None and cached is not None and cached[0] is meeting:
                return cached[1]
        built = self._build(kind, uid)
        if built is None:
            return None
        doc, render = built
        flat = flatten(doc)
        found = _Local(kind, uid, flat, digest(flat), render)
        if kind == "meeting" and meeting is not None:
            self._meeting_locals[uid] = (meeting, found)
        return found

    def _build(self, kind: str, uid: str) -> tuple[dict[str, Any], Callable[[], bytes]] | None:
        refs = self._refs()
        now = self.now()
        conv = self.conv
        if kind == "network":
            network = global_network(self._network(), refs)
            return network_doc(network), lambda: conv.network_card(network)
        if kind in ("person", "organisation"):
            entry = self.entries.get(uid)
            if entry is None or not entry.local:
                return None
            try:
                if kind == "organisation":
                    og = replace(self.store.organisation(entry.local), id=uid)
                    return organisation_doc(og), lambda: conv.organisation_card(og)
                person = self.store.person(entry.local)
            except QuorumError:
                return None
            g = global_person(person, refs)
            role = person.role_in(self.network_id) or Role.GUEST
            share = entry.share or {"email": True, "phone": True}
            return person_doc(g, role, share), self._card(g, role, share)
        meeting_uid = uid.split(".", 1)[1] if kind in ("action", "minutes") else uid
        meeting = self._local_meeting(meeting_uid)
        if meeting is None:
            return None
        mg = self._global_meeting(meeting)
        if kind == "meeting":
            return meeting_doc(mg), lambda: conv.event(mg, self._network_g(), self._people_g(), now)
        if kind == "minutes":
            if meeting.status not in _MINUTED:
                return None
            # The text is rendered only when sent; what it derives from is compared.
            of_meeting = self._local("meeting", meeting_uid)
            doc = {
                "meeting": of_meeting.digest if of_meeting else "",
                "status": meeting.status.value,
            }

            def journal() -> bytes:
                title, text = conv.minutes(self.store, meeting)
                return conv.journal(mg, title, text, now)

            return doc, journal
        action_id = uid.split(".", 1)[0]
        for item, action in mg.all_actions():
            if action.id == action_id:
                owner = self._people_g().get(action.owner_id or "")
                position = action_position(mg, action.id)
                return action_doc(action, item.id, mg.uid, position), (
                    lambda i=item.id, a=action, o=owner, p=position: conv.todo(mg, i, a, o, now, p)
                )
        return None

    def _network_g(self) -> Network:
        return global_network(self._network(), self._refs())

    def _people_g(self) -> dict[str, Person]:
        if self._people_cache is None:
            refs = self._refs()
            found = {}
            for local, uid in refs.people.items():
                try:
                    found[uid] = global_person(self.store.person(local), refs)
                except QuorumError:
                    continue
            self._people_cache = found
        return self._people_cache

    def _orgs_g(self) -> dict[str, Organisation]:
        if self._orgs_cache is None:
            found = {}
            for local, uid in self._refs().orgs.items():
                try:
                    found[uid] = replace(self.store.organisation(local), id=uid)
                except QuorumError:
                    continue
            self._orgs_cache = found
        return self._orgs_cache

    def _card(self, person: Person, role: Role, share: dict[str, bool]) -> Callable[[], bytes]:
        def render() -> bytes:
            org = self._orgs_g().get(person.org_id or "")
            return self.conv.person_card(person, org, role, share)

        return render

    # -- pull -------------------------------------------------------------------------

    def _pull(self, coll: Collection) -> None:
        token = self.link.tokens.get(coll.kind)
        changes = coll.changes(token)
        by_href = {e.href: e for e in self.entries.values() if e.coll == coll.kind}
        deleted = list(changes.deleted)
        if changes.reset and not changes.changed and any(e.base for e in by_href.values()):
            # The server forgot our sync token and has nothing where we had objects: a
            # server restored or replaced, not every record deleted by hand. Nothing is
            # deleted here; all is sent again.
            with self.store.batch():
                for entry in by_href.values():
                    entry.set_base(None, None)
                    entry.pending = ""
                    save_entry(self.store, entry)
            by_href = {}
        elif changes.full:
            deleted += [h for h in by_href if h not in changes.changed]
        wanted = [
            href
            for href, etag in changes.changed.items()
            if href not in by_href
            or etag is None
            or by_href[href].etag != etag
            or by_href[href].pending
        ]
        self.progress("pull", 0, len(wanted))
        fetched = coll.fetch(wanted)
        parsed = []
        for href, (data, etag) in fetched.items():
            obj = self._read(coll, data)
            if obj is not None and obj.kind in _KIND_ORDER:
                parsed.append((href, etag, obj))
        parsed.sort(key=lambda p: (_KIND_ORDER.index(p[2].kind), getattr(p[2], "position", 0)))
        for n, (href, etag, obj) in enumerate(parsed, start=1):
            self._pulled(coll, href, etag, obj)
            self.progress("pull", n, len(parsed))
        for href in deleted:
            gone = by_href.get(href)
            if gone is not None:
                self._gone(gone)
        self._adopt_orphans()
        self.link.tokens[coll.kind] = changes.token
        _save_link(self.store, self.link)

    def _read(self, coll: Collection, data: str) -> Any:
        try:
            if coll.kind == "calendar":
                return self.conv.read_calendar_object(data)
            return self.conv.read_card(data)
        except (ValueError, KeyError, TypeError, ValidationError):
            return None  # not ours, or damaged: left alone on the server

    def _remote_flat(self, obj: Any) -> dict[str, Any]:
        kind = obj.kind
        if kind == "meeting":
            doc = meeting_doc(obj.meeting)
            self._apply_rsvps(doc, obj.rsvps)
            return flatten(doc)
        if kind == "action":
            return flatten(action_doc(obj.action, obj.item_id, obj.meeting_uid, obj.position))
        if kind == "person":
            return flatten(person_doc(obj.person, obj.role, obj.share))
        if kind == "organisation":
            return flatten(organisation_doc(obj.organisation))
        if kind == "network":
            return flatten(network_doc(obj.network))
        return {}

    def _apply_rsvps(self, doc: dict[str, Any], rsvps: dict[str, Any]) -> None:
        """Answers given in another calendar program, matched by e-mail address."""
        if not rsvps:
            return
        emails: dict[str, list[dict[str, Any]]] = {}
        people = self._people_g()
        for a in doc.get("attendance", []):
            person = people.get(a.get("person_id") or "")
            email = (person.email if person else a.get("guest_email") or "").lower()
            if email:
                emails.setdefault(email, []).append(a)
        for email, rsvp in rsvps.items():
            found = emails.get(email, [])
            if len(found) == 1:  # the same address twice is invited once: leave those
                found[0]["rsvp"] = rsvp.value

    def _pulled(self, coll: Collection, href: str, etag: str | None, obj: Any) -> None:
        entry = self._entry(obj.uid, obj.kind)
        entry.href = href
        if obj.kind == "minutes":
            if entry.pending:  # our VJOURNAL landed
                entry.base, entry.base_digest, entry.pending = entry.base, entry.pending, ""
            entry.etag = etag
            save_entry(self.store, entry)
            return
        remote = self._remote_flat(obj)
        remote_digest = digest(remote)
        base = entry.base_doc()
        if entry.pending and entry.pending == remote_digest:
            base = remote  # our own PUT, whose answer we never recorded
        entry.pending = ""
        if entry.base_digest == remote_digest and base is not None:
            entry.etag = etag
            save_entry(self.store, entry)
            return
        # Under the store lock: an edit saved meanwhile (the app's saver thread) waits,
        # so the merge never overwrites what it did not see.
        with self.store.batch():
            current = self._local(obj.kind, obj.uid)
            local = current.flat if current is not None else None
            conflicts: list[str] = []
            if local is None or local == base or (base is None and self.adopt_remote):
                merged = remote
            elif local == remote:
                merged = local
            else:
                merged, conflicts = merge3(base or {}, local, remote)
            if merged != local:
                self._apply(entry, merged)
                self.report.pulled += 1
            if conflicts:
                entry.conflict = pack(
                    {
                        "keys": conflicts,
                        "remote": remote,
                        "local": {k: local.get(k) for k in conflicts} if local else {},
                    }
                )
                self.report.conflicts.append(obj.uid)
            else:
                if local is not None and base is not None and local != base:
                    self.report.merged += 1
                entry.conflict = None
            entry.set_base(remote, etag)
            if obj.kind == "person":
                entry.share = dict(obj.share)
            save_entry(self.store, entry)

    def _gone(self, entry: Entry) -> None:
        """The object was deleted on the server."""
        with self.store.batch():
            current = self._local(entry.kind, entry.uid)
            if current is None or entry.kind == "minutes":
                drop_entry(self.store, entry)
                self.entries.pop(entry.uid, None)
            elif entry.base_digest and current.digest == entry.base_digest:
                self._delete_local(entry)
                self.report.deleted_here += 1
                if entry.kind == "person":
                    # Meetings pulled next may still name them: the UID stays known
                    # until the end of the pull (_forget_people).
                    entry.set_base(None, None)
                    save_entry(self.store, entry)
                else:
                    drop_entry(self.store, entry)
                    self.entries.pop(entry.uid, None)
            else:  # changed here since: it is created again on push
                entry.set_base(None, None)
                save_entry(self.store, entry)
        self._forget_refs()

    # -- applying to the records ---------------------------------------------------------

    def _apply(self, entry: Entry, flat: dict[str, Any]) -> None:
        doc = unflatten(flat)
        refs = self._refs()
        if entry.kind == "network":
            self._apply_network(doc, refs)
        elif entry.kind == "organisation":
            self._apply_organisation(entry, doc)
        elif entry.kind == "person":
            self._apply_person(entry, doc, refs)
        elif entry.kind == "meeting":
            self._apply_meeting(entry, doc, refs)
        elif entry.kind == "action":
            self._apply_action(entry, doc, refs)
        if entry.kind in ("person", "organisation"):
            self._forget_refs()  # a new record has an id now

    def _apply_network(self, doc: dict[str, Any], refs: Refs) -> None:
        current = self._network()
        g = codec.from_doc(Network, {**doc, "id": self.link.network_uid})
        network = local_network(g, refs, self.network_id)
        self.store.save_network(replace(network, smtp=current.smtp))

    def _apply_organisation(self, entry: Entry, doc: dict[str, Any]) -> None:
        org = codec.from_doc(Organisation, {**doc, "id": entry.local or "new"})
        if entry.local:
            self.store.save_organisation(org)
            return
        same = [o for o in self.store.organisations() if o.name.casefold() == org.name.casefold()]
        mapped = {e.local for e in self.entries.values() if e.kind == "organisation"}
        if same and same[0].id not in mapped:
            entry.local = same[0].id  # the same organisation, added on both sides
            self.store.save_organisation(replace(org, id=same[0].id))
        else:
            entry.local = self.store.add_organisation(**record_fields(org)).id

    def _apply_person(self, entry: Entry, doc: dict[str, Any], refs: Refs) -> None:
        role = Role(doc.pop("role", Role.MEMBER.value))
        share = doc.pop("share", {})
        entry.share = {k: bool(v) for k, v in dict(share).items()}
        existing = None
        if entry.local:
            try:
                existing = self.store.person(entry.local)
            except QuorumError:
                entry.local = None
        if existing is None and doc.get("email"):
            found = self.store.person_by_email(str(doc["email"]))
            mapped = {e.local for e in self.entries.values() if e.kind == "person"}
            if found is not None and found.id not in mapped:
                existing = found  # the same person, added on both sides
        email = doc.get("email") or (existing.email if existing else "") or _hidden(entry.uid)
        others = [
            m for m in (existing.memberships if existing else ()) if m.network_id != self.network_id
        ]
        memberships = (*others, Membership(self.network_id, role))
        fields = {
            **{k: v for k, v in doc.items() if k in ("name", "title", "active")},
            "email": email,
            "phone": doc.get("phone", existing.phone if existing else ""),
            "org_id": refs.back("orgs").get(doc.get("org_id") or ""),
            "memberships": memberships,
        }
        if existing is not None:
            entry.local = existing.id
            self.store.save_person(replace(existing, **fields))
        else:
            entry.local = self.store.add_person(**fields).id

    def _local_meeting(self, uid: str) -> Meeting | None:
        self._refs()
        local = self._meeting_ids.get(uid)
        if local is None:
            return None
        try:
            return self.store.meeting(local)
        except QuorumError:
            return None

    def _apply_meeting(self, entry: Entry, doc: dict[str, Any], refs: Refs) -> None:
        existing = self._local_meeting(entry.uid)
        g = meeting_from_doc(doc, entry.uid, self.link.network_uid)
        meeting = local_meeting(g, refs, existing.id if existing else "new", self.network_id)
        meeting = with_local_state(with_actions(meeting, existing), existing)
        if existing is not None:
            self.store.save_meeting(meeting)
        else:
            added = self.store.add_meeting(**record_fields(meeting))
            self._refs().meetings[added.id] = added.uid  # known at once, no recount
            self._meeting_ids[added.uid] = added.id

    def _apply_action(self, entry: Entry, doc: dict[str, Any], refs: Refs) -> None:
        meeting = self._local_meeting(str(doc["meeting_uid"]))
        if meeting is None:
            entry.orphan = pack(doc)  # its meeting has not arrived yet
            return
        entry.orphan = None
        item_id = str(doc.pop("item_id"))
        position = int(doc.pop("position", 0))
        doc.pop("meeting_uid")
        action_id = entry.uid.split(".", 1)[0]
        action = codec.from_doc(ActionItem, {**doc, "id": action_id})
        owner = refs.back("people").get(action.owner_id or "")
        action = replace(action, owner_id=owner)
        self.store.save_meeting(put_action(meeting, item_id, action, position))

    def _adopt_orphans(self) -> None:
        for entry in list(self.entries.values()):
            doc = unpack(entry.orphan)
            if doc is not None and self._local_meeting(str(doc["meeting_uid"])) is not None:
                with self.store.batch():
                    self._apply_action(entry, doc, self._refs())
                    save_entry(self.store, entry)

    def _delete_local(self, entry: Entry) -> None:
        if entry.kind == "meeting":
            meeting = self._local_meeting(entry.uid)
            if meeting is not None:
                self.store.delete_meeting(meeting.id)
        elif entry.kind == "action":
            meeting_uid = entry.uid.split(".", 1)[1]
            meeting = self._local_meeting(meeting_uid)
            if meeting is not None:
                self.store.save_meeting(drop_action(meeting, entry.uid.split(".", 1)[0]))
        elif entry.kind == "person" and entry.local:
            person = self.store.person(entry.local)
            kept = tuple(m for m in person.memberships if m.network_id != self.network_id)
            self.store.save_person(replace(person, memberships=kept))
            self._people_gone.append(person.id)

    def _forget_people(self) -> None:
        """A person whose card left the server (erased, or left the network) and whom
        nothing here names any more is deleted here too: no personal data kept for nobody."""
        for person_id in self._people_gone:
            try:
                person = self.store.person(person_id)
            except QuorumError:
                continue
            if person.memberships or self._named(person_id):
                continue
            with self.store.batch():
                self.store.delete_person(person_id)
                for entry in list(self.entries.values()):
                    if entry.kind == "person" and entry.local == person_id:
                        drop_entry(self.store, entry)
                        self.entries.pop(entry.uid, None)
        self._people_gone = []
        self._forget_refs()

    def _named(self, person_id: str) -> bool:
        if any(n.coordinator_id == person_id for n in self.store.networks()):
            return True
        for m in self.store.meetings():
            ids = {m.chair_id, m.secretary_id, *m.adjuster_ids}
            ids |= {a.person_id for a in m.attendance}
            for item in m.agenda:
                ids |= {item.presenter_id, *(a.owner_id for a in item.actions)}
            if person_id in ids:
                return True
        return False

    # -- push ----------------------------------------------------------------------------

    def _push(self) -> None:
        current = self._locals()
        todo = [
            loc
            for loc in current.values()
            if self._entry(loc.uid, loc.kind).conflict is None
            and self._entry(loc.uid, loc.kind).base_digest != loc.digest
            and self._entry(loc.uid, loc.kind).orphan is None
        ]
        todo.sort(key=lambda loc: _KIND_ORDER.index(loc.kind))
        gone = [
            e
            for e in self.entries.values()
            if e.uid not in current and (e.base is not None or e.pending) and e.orphan is None
        ]
        total = len(todo) + len(gone)
        self.progress("push", 0, total)
        done = 0
        for start in range(0, len(todo), _CHUNK):
            self._put_chunk(todo[start : start + _CHUNK])
            done += len(todo[start : start + _CHUNK])
            self.progress("push", done, total)
        for entry in gone:
            self._delete_remote(entry)
            done += 1
            self.progress("push", done, total)

    def _put_chunk(self, chunk: list[_Local]) -> None:
        """PUT a few objects: each is recorded as pending first (one journal write for
        the chunk), and their new ETags are recorded together afterwards."""
        with self.store.batch():
            for loc in chunk:
                entry = self._entry(loc.uid, loc.kind)
                entry.pending = loc.digest
                save_entry(self.store, entry)
        landed: list[tuple[_Local, str | None]] = []
        try:
            for loc in chunk:
                entry = self._entry(loc.uid, loc.kind)
                coll = self.colls[entry.coll]
                try:
                    etag = coll.put(entry.href, loc.render(), entry.etag if entry.base else None)
                except PreconditionFailed:
                    self._after_412(coll, entry, loc)
                    continue
                landed.append((loc, etag))
        finally:
            # Also when the server stops answering half-way: what landed is recorded.
            with self.store.batch():
                for loc, etag in landed:
                    self._landed(loc, etag)

    def _landed(self, loc: _Local, etag: str | None) -> None:
        entry = self._entry(loc.uid, loc.kind)
        if loc.kind == "minutes":
            entry.base, entry.base_digest, entry.etag = pack(loc.flat), loc.digest, etag
        else:
            entry.set_base(loc.flat, etag)
        entry.pending = ""
        save_entry(self.store, entry)
        self.report.pushed += 1

    def _after_412(self, coll: Collection, entry: Entry, loc: _Local) -> None:
        """The server's version changed since ours: merge it in, and send the merge once."""
        if not self._refetch(coll, entry):
            return
        fresh = self._local(loc.kind, loc.uid)
        entry = self.entries[loc.uid]
        if fresh is None or entry.conflict is not None or fresh.digest == entry.base_digest:
            return
        entry.pending = fresh.digest
        save_entry(self.store, entry)
        try:
            etag = coll.put(entry.href, fresh.render(), entry.etag if entry.base else None)
        except PreconditionFailed:
            return  # changed again meanwhile: the next sync merges it
        self._landed(fresh, etag)

    def _refetch(self, coll: Collection, entry: Entry) -> bool:
        """After a 412: take the server's version into a merge. False: nothing there."""
        found = coll.fetch([entry.href])
        if entry.href not in found:
            entry.set_base(None, None)
            save_entry(self.store, entry)
            return True
        data, etag = found[entry.href]
        obj = self._read(coll, data)
        if obj is None or obj.uid != entry.uid:
            return False
        self._pulled(coll, entry.href, etag, obj)
        return True

    def _delete_remote(self, entry: Entry) -> None:
        coll = self.colls[entry.coll]
        try:
            coll.delete(entry.href, entry.etag if entry.base else None)
        except PreconditionFailed:
            # Changed on the server since: an edit wins over a deletion.
            self._refetch(coll, entry)
            return
        drop_entry(self.store, entry)
        self.entries.pop(entry.uid, None)
        self.report.deleted_there += 1


def _hidden(uid: str) -> str:
    slug = "".join(c if c.isalnum() else "-" for c in uid.lower())[:40]
    return f"hidden.{slug}@quorum.invalid"


def resolve(
    store: Store, network_id: str, uid: str, keep: str, conv: Conversions, now: datetime
) -> None:
    """End a conflict: ``keep`` "mine" keeps this installation's values (pushed at the
    next sync), "theirs" takes the server's for the conflicting fields."""
    found = entries(store, network_id)
    entry = found.get(uid)
    data = unpack(entry.conflict) if entry else None
    if entry is None or data is None:
        raise QuorumError("sync.conflict_unknown", value=uid)
    engine = SyncEngine(store, network_id, _NoCollection(), _NoCollection(), conv, lambda: now)
    engine.entries = found
    with store.batch():
        if keep == "theirs":
            current = engine._local(entry.kind, entry.uid)
            merged = dict(current.flat) if current is not None else {}
            for key in data["keys"]:
                if key in data["remote"]:
                    merged[key] = data["remote"][key]
                else:
                    merged.pop(key, None)
            engine._apply(entry, merged)
        entry.conflict = None
        save_entry(store, entry)


class _NoCollection:
    kind = "none"

    def href_for(self, uid: str) -> str:
        return uid

    def changes(self, token: str | None) -> Changes:
        return Changes(token)

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str | None]]:
        return {}

    def put(self, href: str, data: bytes, etag: str | None) -> str | None:
        raise PreconditionFailed(href)

    def delete(self, href: str, etag: str | None) -> None:
        raise PreconditionFailed(href)


def snapshot(store: Store, network_id: str, conv: Conversions) -> dict[str, dict[str, Any]]:
    """Every synced object of the network as this installation has it, by UID
    (global: comparable between installations)."""
    engine = SyncEngine(
        store, network_id, _NoCollection(), _NoCollection(), conv, lambda: datetime.now()
    )
    engine.entries = entries(store, network_id)
    return {uid: loc.flat for uid, loc in engine._locals().items()}
