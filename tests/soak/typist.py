"""Child process for the kill -9 soak: types into a meeting's notes and autosaves.

Types one word every ``interval`` seconds into one agenda item of a held
meeting and hands each version to the app's Saver thread, as the live-minutes
screen does. Prints ``typed N`` after each word and ``saved N`` once the save
holding word N has committed, so the parent knows what must survive a kill.

    python -m tests.soak.typist DB MEETING_ID [INTERVAL]
"""

from __future__ import annotations

import sys
import threading
import time

from quorum.store.records import replace
from quorum.store.store import Store
from quorum.tui.saver import Saver

ITEM = 6
_out = threading.Lock()


def say(line: str) -> None:
    # One write per line under a lock: the saver thread reports too.
    with _out:
        sys.stdout.write(line + "\n")
        sys.stdout.flush()


def word(n: int) -> str:
    return f"w{n}"


def main() -> None:
    path, meeting_id = sys.argv[1], sys.argv[2]
    interval = float(sys.argv[3]) if len(sys.argv) > 3 else 0.02
    store = Store.open(path)
    meeting = store.meeting(meeting_id)
    item = meeting.agenda[ITEM]
    # Carry on from the words that survived earlier trials.
    last = max(
        (int(w[1:]) for w in item.notes.split() if w[:1] == "w" and w[1:].isdigit()), default=0
    )
    saver = Saver()
    say(f"ready {last}")
    n = last
    while True:
        n += 1
        item = replace(item, notes=f"{item.notes} {word(n)}")
        meeting = meeting.with_item(item)

        def save(m=meeting, k=n) -> None:
            store.save_meeting(m)
            say(f"saved {k}")

        saver.submit("meeting", save)
        say(f"typed {n}")
        time.sleep(interval)


if __name__ == "__main__":
    main()
