"""What an installation remembers about a network's server: kept in the store.

Two state tables beside the records (``Store.states``), journalled and
checkpointed like every record, so they survive a crash:

- ``sync_links``: per network, the server address, user, the collections,
  the network's UID and the last sync tokens. Never the password.
- ``sync_objects``: per synced object, its UID, kind, href and ETag on the
  server, the last synced version (the *base* of the next merge, compressed),
  the version being pushed (*pending*: written before the PUT, so a crash
  between the server's answer and our record of it is recognised on the next
  run), an open conflict, and for a person what they share.

The queue of local changes is the difference between the records and each
object's base: a change is saved in the store's journal the moment it is
made, and stays "to push" until the server has it.
"""

from __future__ import annotations

import base64
import hashlib
import json
import zlib
from dataclasses import asdict, dataclass, field
from typing import Any

import orjson

from quorum.store.errors import NotFound, QuorumError
from quorum.store.store import Store
from quorum.store.sync_model import unflatten

__all__ = [
    "LINKS",
    "OBJECTS",
    "Conflict",
    "Entry",
    "Link",
    "conflicts",
    "digest",
    "entries",
    "link",
    "pack",
    "save_entry",
    "save_link",
    "unpack",
]

LINKS = "sync_links"
OBJECTS = "sync_objects"


def digest(doc: dict[str, Any] | None) -> str:
    """A fingerprint of a sync document (orjson: a 1,000-meeting network is hashed in
    well under a second)."""
    if doc is None:
        return ""
    return hashlib.sha256(orjson.dumps(doc, option=orjson.OPT_SORT_KEYS)).hexdigest()[:32]


def pack(doc: dict[str, Any] | None) -> str | None:
    if doc is None:
        return None
    raw = json.dumps(doc, sort_keys=True, ensure_ascii=False, separators=(",", ":"))
    return base64.b64encode(zlib.compress(raw.encode("utf-8"), 6)).decode("ascii")


def unpack(packed: str | None) -> dict[str, Any] | None:
    if not packed:
        return None
    doc = json.loads(zlib.decompress(base64.b64decode(packed)).decode("utf-8"))
    return doc if isinstance(doc, dict) else None


@dataclass
class Link:
    """A network's connection to its server."""

    network_id: str
    url: str
    user: str
    calendar_url: str
    addressbook_url: str
    network_uid: str
    tokens: dict[str, str | None] = field(default_factory=dict)
    last_sync: str = ""

    def doc(self) -> dict[str, Any]:
        return asdict(self)


def link(store: Store, network_id: str) -> Link:
    doc = store.states(LINKS).get(network_id)
    if doc is None:
        raise NotFound("sync.not_linked", network=store.network(network_id).name)
    return Link(**doc)


def linked(store: Store) -> list[Link]:
    return [Link(**doc) for doc in store.states(LINKS).values()]


def save_link(store: Store, value: Link) -> None:
    store.put_state(LINKS, value.network_id, value.doc())


@dataclass
class Entry:
    """One synced object of one network."""

    network_id: str
    uid: str
    kind: str  # network | organisation | person | meeting | action | minutes
    coll: str  # calendar | addressbook
    href: str
    etag: str | None = None
    local: str | None = None  # the local id (person, organisation)
    base: str | None = None  # packed flat document last synced
    base_digest: str = ""
    pending: str = ""  # digest of the version whose PUT may have landed
    conflict: str | None = None  # packed {"keys": [...], "remote": flat}
    share: dict[str, bool] = field(default_factory=dict)
    orphan: str | None = None  # packed remote action whose meeting is not here yet

    @property
    def key(self) -> str:
        return f"{self.network_id}|{self.uid}"

    def doc(self) -> dict[str, Any]:
        return asdict(self)

    def set_base(self, flat: dict[str, Any] | None, etag: str | None) -> None:
        self.base = pack(flat)
        self.base_digest = digest(flat)
        self.etag = etag

    def base_doc(self) -> dict[str, Any] | None:
        return unpack(self.base)


def entries(store: Store, network_id: str) -> dict[str, Entry]:
    """The network's synced objects by UID."""
    prefix = network_id + "|"
    return {
        doc["uid"]: Entry(**doc)
        for key, doc in store.states(OBJECTS).items()
        if key.startswith(prefix)
    }


def save_entry(store: Store, entry: Entry) -> None:
    store.put_state(OBJECTS, entry.key, entry.doc())


def drop_entry(store: Store, entry: Entry) -> None:
    store.delete_state(OBJECTS, entry.key)


@dataclass(frozen=True)
class Conflict:
    """An object edited on both sides where the edits overlap: both versions kept."""

    uid: str
    kind: str
    title: str
    fields: tuple[tuple[str, Any, Any], ...]  # (key, this installation's, the server's)


def conflicts(store: Store, network_id: str) -> list[Conflict]:
    found = []
    for entry in entries(store, network_id).values():
        data = unpack(entry.conflict)
        if data is None:
            continue
        remote: dict[str, Any] = data["remote"]
        local: dict[str, Any] = data.get("local", {})
        keys: list[str] = data["keys"]
        doc = unflatten(remote)
        title = str(doc.get("title") or doc.get("text") or doc.get("name") or entry.uid)
        found.append(
            Conflict(
                entry.uid,
                entry.kind,
                title,
                tuple((k, local.get(k), remote.get(k)) for k in keys),
            )
        )
    return found


def find_conflict(store: Store, network_id: str, text: str) -> Conflict:
    """A conflict by UID, or by its number in :func:`conflicts` (1, 2, ...)."""
    found = conflicts(store, network_id)
    for n, c in enumerate(found, start=1):
        if text.strip() in (c.uid, str(n)):
            return c
    raise QuorumError("sync.conflict_unknown", value=text)


def forget_server(store: Store, network_id: str) -> None:
    """Keep every object's UID (and a person's sharing), forget where and in which
    version it was on the server: for a network moved to another server."""
    for entry in entries(store, network_id).values():
        entry.href = ""
        entry.set_base(None, None)
        entry.pending = ""
        entry.conflict = None
        entry.orphan = None
        save_entry(store, entry)
