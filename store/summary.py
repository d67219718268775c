"""What the overview lists of a meeting, read from its document without making the record.

A :class:`MeetingSummary` is a handful of strings: enough for a row of the overview
(date, time, title, status, host), to filter by network, to find a meeting by its
date or invite UID and to see that it was left live. The database keeps one per
meeting, updated with each save and kept in the sidecar, so the overview never
parses a meeting to list it. It imports nothing of quorum: the first frame uses it.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime
from typing import Any

__all__ = ["MeetingSummary", "chronological", "summarise"]

Row = list[Any]  # as stored: [network_id, title, start, end, status, host_org_id, uid, live]


@dataclass(frozen=True, slots=True)
class MeetingSummary:
    id: str
    network_id: str
    title: str
    start: str  # ISO with offset, in the meeting's own zone (as the record keeps it)
    end: str
    status: str  # a MeetingStatus value
    host_org_id: str | None
    uid: str
    live: bool  # started and not ended: offered for resumption

    @classmethod
    def from_row(cls, meeting_id: str, row: Row) -> MeetingSummary:
        return cls(meeting_id, *row)

    def row(self) -> Row:
        return [
            self.network_id,
            self.title,
            self.start,
            self.end,
            self.status,
            self.host_org_id,
            self.uid,
            self.live,
        ]

    @property
    def starts(self) -> datetime:
        return datetime.fromisoformat(self.start)

    @property
    def ends(self) -> datetime:
        return datetime.fromisoformat(self.end)

    @property
    def day(self) -> date:
        return date.fromisoformat(self.start[:10])

    @property
    def times(self) -> str:
        """``09:00–12:00`` in the meeting's zone."""
        return f"{self.start[11:16]}–{self.end[11:16]}"


_NEVER = datetime.min.replace(tzinfo=UTC)


def chronological(summary: MeetingSummary) -> tuple[datetime, int]:
    """Sort key: by start, then by id (as ``Store.meetings`` sorts the records)."""
    try:
        return (summary.starts, int(summary.id))
    except (ValueError, TypeError):  # a meeting that will not load: listed first
        return (_NEVER, 0)


def summarise(meeting_id: str, doc: dict[str, Any]) -> MeetingSummary:
    """The summary of a stored meeting document (as ``codec.to_doc`` wrote it)."""
    tz = doc.get("tz")
    return MeetingSummary(
        meeting_id,
        str(doc.get("network_id", "")),
        str(doc.get("title", "")),
        _in_zone(doc.get("start"), tz),
        _in_zone(doc.get("end"), tz),
        str(doc.get("status", "planned")),
        doc.get("host_org_id") if isinstance(doc.get("host_org_id"), str) else None,
        str(doc.get("uid", "")),
        bool(doc.get("actual_start")) and not doc.get("actual_end"),
    )


def _in_zone(value: Any, tz: Any) -> str:
    """The time as the record shows it: in the meeting's zone (a file edited by hand
    may hold another offset)."""
    text = str(value or "")
    if not isinstance(tz, str):
        return text
    try:
        from zoneinfo import ZoneInfo

        return datetime.fromisoformat(text).astimezone(ZoneInfo(tz)).isoformat()
    except (ValueError, KeyError, OSError):  # the record will say what is wrong
        return text


def listed_networks(networks: list[tuple[str, str, str | None]]) -> list[tuple[str, str]]:
    """The overview's network list from (id, name, parent id), in name order: each
    sub-network (a campus) right under its coordinating network, indented, as
    :func:`quorum.store.signup.ordered_networks` orders records. (id, label) pairs."""
    named = sorted(networks, key=lambda n: (n[1].casefold(), n[0]))
    ids = {n[0] for n in named}
    out: list[tuple[str, str]] = []
    for top_id, top_name, parent in named:
        if parent in ids:
            continue
        out.append((top_id, top_name))
        out += [(i, f"  ↳ {name}") for i, name, p in named if p == top_id]
    return out
