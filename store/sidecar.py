"""Two small derived files beside the database that let quorum start without reading it.

Written with each checkpoint (and after a start that had to read the whole archive),
both describe the main file exactly as it was written:

* ``<db>.index``: the file's identity (size, modification time, inode, generation,
  CRC-32), the span (offset, length, CRC) of each small table and of each meeting,
  so a meeting is parsed from its own bytes when first used (``store/archive.py``),
  and each meeting's summary (``store/summary.py``). The store reads it to open.
* ``<db>.sidecar``: the first frame. The same identity, the networks' and
  organisations' names, and of the first network (the one the overview opens on) the
  meetings a screen can show first, the upcoming ones and the latest held, with how
  many there are in all and what the columns' widths depend on: a few KB whatever
  the archive's size, read before the database is even opened, so the overview the
  user will work in is painted as fast as a bare Textual app.

Both are derived: never trusted over the archive. Each is used only when the main
file's size, modification time and inode are the ones it records; every span is
checked against its CRC when read; after start the whole file is read once more in
the background and its CRC compared (``Database.verify``). A missing, damaged, stale
or unreadable one is rebuilt from the archive.

Imports nothing of quorum but the span and the summary: the first frame reads it.
"""

from __future__ import annotations

import contextlib
import os
import threading
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path
from typing import Any, NamedTuple

import orjson

from quorum.store.span import Span
from quorum.store.summary import MeetingSummary

__all__ = [
    "FIRST_FRAME_PAST",
    "FORMAT",
    "FirstFrame",
    "Identity",
    "Index",
    "first_frame",
    "index_path",
    "read",
    "read_index",
    "remove",
    "sidecar_path",
    "write",
    "write_index",
]

FORMAT = 2
# Past meetings the first frame keeps besides the upcoming ones: more than any screen
# shows before the store, with every row, is there (a fraction of a second later).
FIRST_FRAME_PAST = 100


class Identity(NamedTuple):
    """The main file a sidecar describes."""

    size: int
    mtime_ns: int
    ino: int
    generation: int
    crc: int

    def matches(self, st: os.stat_result) -> bool:
        return (st.st_size, st.st_mtime_ns, st.st_ino) == (self.size, self.mtime_ns, self.ino)


@dataclass
class Index:
    """Where everything lies in the main file, and every meeting's summary."""

    identity: Identity
    order: list[str]  # the tables in file order
    tables: dict[str, Span]  # small tables, whole
    meetings: dict[str, Span]
    summaries: dict[str, MeetingSummary]


@dataclass
class FirstFrame:
    """What the overview shows first: networks, organisations' names, and of the first
    network the meetings upcoming when it was written and the latest before them
    (soonest first), how many it has, and what its table's widths depend on."""

    identity: Identity
    networks: list[tuple[str, str]]  # (id, name), as listed
    organisations: dict[str, str]  # id -> name
    meetings: list[MeetingSummary]  # of networks[0], the part a screen can show first
    count: int = 0  # of networks[0], all of them
    title_width: int = 0  # the widest title of networks[0], in cells
    statuses: list[str] = field(default_factory=list)  # every status in networks[0]
    hosts: list[str] = field(default_factory=list)  # every host organisation there


def sidecar_path(db: Path) -> Path:
    return db.with_name(db.name + ".sidecar")


def index_path(db: Path) -> Path:
    return db.with_name(db.name + ".index")


def _identity(data: dict[str, Any]) -> Identity:
    return Identity(*(int(data[k]) for k in ("size", "mtime_ns", "ino", "generation", "crc")))


def _load(
    path: Path, db: Path, st: os.stat_result | None
) -> tuple[dict[str, Any], Identity] | None:
    """The parsed file and its identity if it describes ``db`` as it is now."""
    try:
        if st is None:
            st = os.stat(db)
        data = orjson.loads(path.read_bytes())
        if not isinstance(data, dict) or data.get("format") != FORMAT:
            return None
        identity = _identity(data)
    except (OSError, ValueError, TypeError, KeyError):
        return None
    if not identity.matches(st):
        return None
    return data, identity


def _summary(meeting_id: str, row: Any) -> MeetingSummary:
    if (
        not isinstance(row, list)
        or len(row) != 8
        or not all(isinstance(v, str) for v in row[:5])
        or not (row[5] is None or isinstance(row[5], str))
    ):
        raise ValueError("a summary of the wrong shape")
    return MeetingSummary.from_row(meeting_id, row)


def read(db: Path, st: os.stat_result | None = None) -> FirstFrame | None:
    """The first frame of ``db`` if its sidecar describes the main file as it is now.

    Anything unexpected in it (damaged, another version) counts as no sidecar: it is
    rebuilt, never a reason not to start.
    """
    found = _load(sidecar_path(db), db, st)
    if found is None:
        return None
    data, identity = found
    try:
        return FirstFrame(
            identity,
            [(str(i), str(n)) for i, n in data["networks"]],
            {str(i): str(n) for i, n in data["organisations"]},
            [_summary(str(row[0]), row[1:]) for row in data["meetings"]],
            int(data["count"]),
            int(data["title_width"]),
            [str(v) for v in data["statuses"]],
            [str(v) for v in data["hosts"]],
        )
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def read_index(db: Path, st: os.stat_result | None = None) -> Index | None:
    """The index of ``db`` if it describes the main file as it is now (else None)."""
    found = _load(index_path(db), db, st)
    if found is None:
        return None
    data, identity = found
    try:
        meetings: dict[str, Span] = {}
        summaries: dict[str, MeetingSummary] = {}
        for row in data["meetings"]:
            meeting_id = str(row[0])
            meetings[meeting_id] = Span(int(row[1]), int(row[2]), int(row[3]))
            summaries[meeting_id] = _summary(meeting_id, row[4:])
        return Index(
            identity,
            [str(name) for name in data["order"]],
            {str(k): Span(*(int(x) for x in v)) for k, v in data["tables"].items()},
            meetings,
            summaries,
        )
    except (ValueError, TypeError, KeyError, IndexError):
        return None


def _head(identity: Identity) -> dict[str, Any]:
    return {"format": FORMAT, **identity._asdict()}


def write_index(db: Path, index: Index) -> None:
    _write(
        db,
        index_path(db),
        {
            **_head(index.identity),
            "order": index.order,
            "tables": {k: list(v) for k, v in index.tables.items()},
            "meetings": [
                [meeting_id, *span, *index.summaries[meeting_id].row()]
                for meeting_id, span in index.meetings.items()
            ],
        },
    )


def write(db: Path, frame: FirstFrame) -> None:
    _write(
        db,
        sidecar_path(db),
        {
            **_head(frame.identity),
            "networks": frame.networks,
            "organisations": list(frame.organisations.items()),
            "meetings": [[m.id, *m.row()] for m in frame.meetings],
            "count": frame.count,
            "title_width": frame.title_width,
            "statuses": frame.statuses,
            "hosts": frame.hosts,
        },
    )


def _write(db: Path, target: Path, content: dict[str, Any]) -> None:
    """Atomically (a temp file renamed over it, like the database).

    No fsync: it is derived, and one that a crash leaves behind is stale (its identity
    no longer matches) or whole; either way the archive decides.
    """
    payload = orjson.dumps(content)
    tmp = db.with_name(f"{db.name}.tmp-{target.suffix[1:]}-{os.getpid()}-{threading.get_ident()}")
    try:
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC | getattr(os, "O_BINARY", 0), 0o600)
        with os.fdopen(fd, "wb") as fh:
            fh.write(payload)
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            tmp.unlink()
        raise


def remove(db: Path) -> None:
    for path in (sidecar_path(db), index_path(db)):
        with contextlib.suppress(OSError):
            path.unlink()


def first_frame(
    identity: Identity,
    networks: list[tuple[str, str]],
    organisations: dict[str, str],
    meetings: list[MeetingSummary],
    now: datetime,
) -> FirstFrame:
    """The first frame of the first network's ``meetings`` (soonest first) as of ``now``."""
    # The widest title in terminal cells, as the overview's table measures it (rich
    # is a dependency of the store's callers anyway; Textual is not imported).
    from rich.cells import cell_len

    upcoming_from = len(meetings)
    for index, m in enumerate(meetings):
        try:
            ends = m.ends
        except ValueError:
            continue
        if ends >= now:
            upcoming_from = index
            break
    kept = meetings[max(0, upcoming_from - FIRST_FRAME_PAST) :]
    return FirstFrame(
        identity,
        networks,
        organisations,
        kept,
        len(meetings),
        max((cell_len(m.title) for m in meetings), default=0),
        sorted({m.status for m in meetings}),
        sorted({m.host_org_id or "" for m in meetings}),
    )
