"""Schema versions of the database file and the steps between them.

Version 1 (quorum 0.0, never released widely) stored a meeting's time as a
naive ``date`` + ``start_time`` + ``end_time`` and its invitees as a list of
e-mail addresses. Version 2 stores aware ISO datetimes in the network's zone
and one attendance entry per invitee.

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

CURRENT_SCHEMA = 2
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


MIGRATIONS: dict[int, Callable[[Data], Data]] = {1: _v1_to_v2}


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
