"""A network as one file, for hand-over without a server.

The file holds the same objects a server would — the calendar's VEVENTs,
VTODOs and VJOURNALs and the address book's vCards, as text — so
``quorum import network`` merges it by the very rules of the sync
(:mod:`quorum.store.sync`): UIDs identify records, the last exchanged version
is the base of a field-by-field merge, overlapping edits are conflicts.

:class:`FileCollection` has the methods of a server collection; the file is
written atomically.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import Any

from quorum.store.dav import Changes
from quorum.store.db import atomic_write
from quorum.store.errors import QuorumError

__all__ = ["FORMAT", "FileCollection", "read_archive", "write_archive"]

FORMAT = "quorum-network"


def _etag(data: str) -> str:
    return '"' + hashlib.sha256(data.encode("utf-8")).hexdigest()[:24] + '"'


class FileCollection:
    """One collection (calendar or address book) of a network file, in memory."""

    def __init__(self, kind: str, objects: dict[str, str] | None = None) -> None:
        self.kind = kind
        self.objects: dict[str, str] = dict(objects or {})
        self.suffix = ".ics" if kind == "calendar" else ".vcf"

    def href_for(self, uid: str) -> str:
        return "".join(c if c.isalnum() or c in "._-" else "-" for c in uid)[:100] + self.suffix

    def changes(self, token: str | None) -> Changes:
        changed: dict[str, str | None] = {h: _etag(d) for h, d in self.objects.items()}
        return Changes(token=None, changed=changed, full=True)

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str | None]]:
        return {h: (self.objects[h], _etag(self.objects[h])) for h in hrefs if h in self.objects}

    def put(self, href: str, data: bytes, etag: str | None) -> str | None:
        text = data.decode("utf-8")
        self.objects[href] = text
        return _etag(text)

    def delete(self, href: str, etag: str | None) -> None:
        self.objects.pop(href, None)


def write_archive(path: Path, calendar: FileCollection, addressbook: FileCollection) -> None:
    doc: dict[str, Any] = {
        "format": FORMAT,
        "version": 1,
        "addressbook": dict(sorted(addressbook.objects.items())),
        "calendar": dict(sorted(calendar.objects.items())),
    }
    data = json.dumps(doc, ensure_ascii=False, indent=1).encode("utf-8")
    try:
        atomic_write(path, data)
    except OSError as err:
        raise QuorumError("cli.os_error", path=str(path), detail=err.strerror) from None


def read_archive(path: Path) -> tuple[FileCollection, FileCollection]:
    try:
        doc = json.loads(path.read_text(encoding="utf-8"))
    except OSError as err:
        raise QuorumError("cli.os_error", path=str(path), detail=err.strerror) from None
    except ValueError:
        raise QuorumError("sync.file_invalid", path=str(path)) from None
    if not isinstance(doc, dict) or doc.get("format") != FORMAT or doc.get("version") != 1:
        raise QuorumError("sync.file_invalid", path=str(path))
    return FileCollection("calendar", doc.get("calendar")), FileCollection(
        "addressbook", doc.get("addressbook")
    )
