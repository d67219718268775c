"""Child process for the two-instance soak: another quorum on the same file.

Opens the archive as the app does (``tui.cli._open_for_app``: read-write, or
read-only when another instance holds the lock). A writer adds ``N`` to a
counter kept in one meeting's notes, one read-modify-save per step; a
read-only instance tries one save and reports that it was refused.

    python -m tests.soak.incrementer DB MEETING_ID N HOLD_SECONDS

Prints ``writer N`` or ``readonly refused`` and exits 0.
"""

from __future__ import annotations

import sys
import time
from pathlib import Path

from quorum.store.errors import ReadOnly
from quorum.store.records import replace
from quorum.tui.cli import _open_for_app

ITEM = 0


def bump(store, meeting_id: str) -> None:
    meeting = store.meeting(meeting_id)
    item = meeting.agenda[ITEM]
    value = int(item.notes or "0") + 1
    store.save_meeting(meeting.with_item(replace(item, notes=str(value))))


def main() -> None:
    path, meeting_id, steps, hold = (
        Path(sys.argv[1]),
        sys.argv[2],
        int(sys.argv[3]),
        float(sys.argv[4]),
    )
    store = _open_for_app(path)
    try:
        if store.readonly:
            try:
                bump(store, meeting_id)
            except ReadOnly:
                print("readonly refused", flush=True)
            return
        for _ in range(steps):
            bump(store, meeting_id)
        time.sleep(hold)  # keep the lock a while, so the other instance meets it
        print(f"writer {steps}", flush=True)
    finally:
        store.close()


if __name__ == "__main__":
    main()
