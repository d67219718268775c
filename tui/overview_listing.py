"""What the overview lists and how a row reads: from the store or the sidecar.

The overview lists meeting *summaries* (``store/summary.py``), never records: no
meeting is parsed to be listed. Before the store is open the listing comes from the
sidecar's first frame (``store/sidecar.py``); the cells and the column widths are
made here once for both the first frame's stand-in (``tui/widgets/first_frame.py``)
and the real DataTable, so the one replaces the other without a shift.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from rich.cells import cell_len
from rich.text import Text

from quorum.store.i18n import t
from quorum.store.summary import MeetingSummary, listed_networks
from quorum.store.when import clock_span
from quorum.tui.cells import clip

if TYPE_CHECKING:
    from quorum.store.sidecar import FirstFrame
    from quorum.store.store import Store

# The title last: a long one is cut at the edge, never the status or the host.
COLUMNS = ("col.date", "col.time", "col.status", "col.host", "col.title")

# By MeetingStatus value.
STATUS_STYLE = {
    "planned": "",
    "invited": "bold",
    "held": "",
    "drafted": "italic",
    "approved": "",
    "published": "dim",
    "cancelled": "dim strike",
}


@dataclass
class Listing:
    """What the overview lists, from the store or (before it is open) the sidecar."""

    networks: list[tuple[str, str]]  # (id, name) in list order
    org_names: dict[str, str]
    summaries: Callable[[str], list[MeetingSummary]]  # a network's, soonest first
    # From the sidecar: the first network's part, how many it has in all, and its
    # widest title, statuses and hosts (the table's columns are as wide as the full one).
    frame: FirstFrame | None = None

    @classmethod
    def of_store(cls, store: Store) -> Listing:
        return cls(
            listed_networks([(n.id, n.name, n.parent_id) for n in store.networks()]),
            {o.id: o.name for o in store.organisations()},
            store.summaries,
        )

    @classmethod
    def of_first_frame(cls, frame: FirstFrame) -> Listing:
        first = frame.networks[0][0] if frame.networks else None

        def summaries(network_id: str) -> list[MeetingSummary]:
            # Only the first network's first rows are kept; the rest wait for the store.
            return frame.meetings if network_id == first else []

        return cls(frame.networks, frame.organisations, summaries, frame)

    def counts(self, upcoming: list[MeetingSummary], past: list[MeetingSummary]) -> tuple[int, int]:
        """Upcoming and past meetings of the network shown (the sidecar keeps only the
        latest past ones, and says how many there are)."""
        if self.frame is not None:
            return len(upcoming), max(len(past), self.frame.count - len(upcoming))
        return len(upcoming), len(past)


def split_upcoming(
    meetings: list[MeetingSummary], now: datetime
) -> tuple[list[MeetingSummary], list[MeetingSummary]]:
    """Upcoming meetings soonest first, then past ones newest first (``meetings``
    soonest first)."""
    upcoming = [m for m in meetings if m.ends >= now]
    past = [m for m in meetings if m.ends < now]
    return upcoming, past[::-1]


CELL_PADDING = 2  # a cell's space on either side, in DataTable and the first frame
CUT_MIN = 10  # a title or host cut shorter than this says nothing


class RowCells:
    """The cells of a row, with the translated words looked up once per table."""

    def __init__(self, org_names: dict[str, str]) -> None:
        self.org_names = org_names
        self.weekdays = [t(f"weekday.{n}")[:3] for n in range(7)]
        self.statuses: dict[str, str] = {}
        # The columns the host and title are cut to (fit), when the table has them.
        self.host_width: int | None = None
        self.title_width: int | None = None

    def fit(self, widths: list[int]) -> None:
        """Cut the host and the title to their columns (as :func:`column_widths` gave)."""
        self.host_width, self.title_width = widths[-2], widths[-1]

    def status(self, value: str) -> str:
        name = self.statuses.get(value)
        if name is None:
            # The short word ("utkast", "justerat"): true whatever the network keeps
            # (store.wording.short_status), and narrow enough for 80 columns.
            name = self.statuses[value] = t(f"status.short.{value}")
        return name

    def plain(self, m: MeetingSummary) -> list[tuple[str, str]]:
        """The row's texts and the one style they share (for the first frame's table)."""
        style = STATUS_STYLE.get(m.status, "")
        day = m.day
        return [
            (f"{day.isoformat()} {self.weekdays[day.weekday()]}", style),
            (self.times(m), style),
            (self.status(m.status), style),
            (clip(self.org_names.get(m.host_org_id or "", ""), self.host_width), style),
            (clip(m.title, self.title_width), style),
        ]

    @staticmethod
    def times(m: MeetingSummary) -> str:
        """``09.00–12.00`` (Swedish) or ``09:00–12:00``, in the meeting's own zone."""
        try:
            return clock_span(m.starts, m.ends)
        except ValueError:  # a time a hand edit broke: shown as stored
            return m.times

    def __call__(self, m: MeetingSummary) -> tuple[Text, ...]:
        return tuple(Text(text, style=style) for text, style in self.plain(m))


def column_widths(
    rows: list[MeetingSummary],
    cells: RowCells,
    frame: FirstFrame | None = None,
    room: int | None = None,
) -> list[int]:
    """Each column as wide as its widest cell or label (as DataTable would measure
    them), from the summaries' text alone: no cell is made for it. With the sidecar's
    first frame, as wide as the whole network's will be (it keeps only some rows).
    ``room``: the cells the table has, so the title column ends inside it."""
    if not rows:
        return [cell_len(t(key)) for key in COLUMNS]
    date = len("2027-03-12 ") + max(cell_len(day) for day in cells.weekdays)
    times = max(cell_len(cells.times(m)) for m in rows)
    titles = max(cell_len(m.title) for m in rows)
    statuses = {m.status for m in rows}
    hosts = {m.host_org_id or "" for m in rows}
    if frame is not None:
        titles = max(titles, frame.title_width)
        statuses.update(frame.statuses)
        hosts.update(frame.hosts)
    status = max(cell_len(cells.status(s)) for s in statuses)
    host = max(cell_len(cells.org_names.get(h, "")) for h in hosts)
    widths = [
        max(cell_len(t(key)), w)
        for key, w in zip(COLUMNS, (date, times, status, host, titles), strict=True)
    ]
    if room is not None:
        # The title is last and takes what the others leave, then the host gives way:
        # both cut with "…" rather than at the table's edge, where "Nätverksträff v. 19"
        # would read as "… v. 1". The date, time and status are never cut.
        left = room - sum(widths[:-1]) - CELL_PADDING * len(widths)
        widths[-1] = max(min(widths[-1], CUT_MIN), min(widths[-1], left))
        short = widths[-1] - left
        if short > 0:
            widths[-2] = max(min(widths[-2], CUT_MIN), widths[-2] - short)
    return widths


# Rows added to the table per step: the first step fills any screen and is painted in
# the first frame; the rest follow a step per turn of the event loop, so a network of
# 2,000 meetings never holds up a frame or a key (DataTable measures each row it gets).
ROWS_PER_STEP = 80
