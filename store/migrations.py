"""Schema versions of the database file and the steps between them.

Version 1 (quorum 0.0, never released widely) stored a meeting's time as a
naive ``date`` + ``start_time`` + ``end_time`` and its invitees as a list of
e-mail addresses. Version 2 stores aware ISO datetimes in the network's zone
and one attendance entry per invitee.

Version 3 fixes the § numbers of approved protokoll (``paragraph_first``,
``paragraph_count``). Until then they were counted anew at every export,
running on through all of a network's formal minutes; from version 3 they
restart each year and are frozen at approval. An approved protokoll keeps the
numbers it was approved with, so the migration freezes each at the number the
old count gave it.

A migration gets the raw documents and returns new ones; it never writes. The
database keeps a copy of the pre-migration file next to it.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from quorum.store.errors import DatabaseUnreadable

CURRENT_SCHEMA = 3
Data = dict[str, dict[str, Any]]


def _v1_to_v2(data: Data) -> Data:
    networks = data.get("networks", {})
    people = data.get("people", {})
    by_email = {str(p.get("email", "")).lower(): pid for pid, p in people.items()}
    meetings = {}
    for mid, doc in data.get("meetings", {}).items():
        doc = dict(doc)
        tz = networks.get(str(doc.get("network_id")), {}).get("tz", "Europe/Stockholm")
        zone = ZoneInfo(tz)
        day = doc.pop("date")
        for old, new in (("start_time", "start"), ("end_time", "end")):
            naive = datetime.fromisoformat(f"{day}T{doc.pop(old)}")
            doc[new] = naive.replace(tzinfo=zone).isoformat()
        doc["tz"] = tz
        attendance = []
        for email in doc.pop("invitees", []):
            pid = by_email.get(str(email).lower())
            if pid:
                attendance.append({"person_id": pid})
            else:
                attendance.append({"guest_name": email, "guest_email": email})
        doc["attendance"] = attendance
        meetings[mid] = doc
    data = dict(data)
    data["meetings"] = meetings
    return data


_MINUTED = ("held", "drafted", "approved", "published")
_APPROVED = ("approved", "published")


def _v2_to_v3(data: Data) -> Data:
    meetings = {mid: dict(doc) for mid, doc in data.get("meetings", {}).items()}
    formal = sorted(
        (
            (str(doc.get("network_id")), datetime.fromisoformat(str(doc["start"])), mid)
            for mid, doc in meetings.items()
            if doc.get("formality") == "formal" and doc.get("status") in _MINUTED
        ),
        key=lambda row: (row[0], row[1], row[2].zfill(12)),
    )
    used: dict[str, int] = {}  # the old count: on through the network, never restarting
    for network_id, _start, mid in formal:
        doc = meetings[mid]
        count = len(doc.get("agenda") or [])
        first = used.get(network_id, 0) + 1
        used[network_id] = first - 1 + count
        if doc.get("status") in _APPROVED and doc.get("paragraph_first") is None:
            doc["paragraph_first"] = first
            doc["paragraph_count"] = count
    data = dict(data)
    data["meetings"] = meetings
    return data


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2, 2: _v2_to_v3}


def migrate(data: Data, schema: int, path: Path) -> Data:
    if schema > CURRENT_SCHEMA:
        raise DatabaseUnreadable(
            "error.db_newer", path=str(path), found=schema, supported=CURRENT_SCHEMA
        )
    while schema < CURRENT_SCHEMA:
        try:
            data = MIGRATIONS[schema](data)
        except (KeyError, ValueError, TypeError) as err:
            raise DatabaseUnreadable(
                "error.db_unreadable", path=str(path), detail=f"migration: {err!r}", backup=""
            ) from None
        schema += 1
    meta = data.setdefault("_meta", {}).setdefault("1", {})
    meta["schema"] = CURRENT_SCHEMA
    meta.setdefault("generation", 0)
    return data
