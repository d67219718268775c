"""Child process for the crash tests: saves in a loop and reports each commit.

python -m tests.store.crash_writer DB            checkpoints every 25 saves
python -m tests.store.crash_writer DB derived    and writes every derived file in
                                                 turn: index and sidecar (with a
                                                 checkpoint), the search index, a
                                                 compressed backup
"""

import sys
from datetime import date
from pathlib import Path

from quorum.store import search_base
from quorum.store.backup import backups
from quorum.store.records import replace
from quorum.store.store import Store


def derived_step(store: Store, path: Path, counter: int) -> None:
    phase = counter % 3
    if phase == 0:
        store.checkpoint()  # the main file, then its index and sidecar
    elif phase == 1:
        search_base.search_path(path).unlink(missing_ok=True)
        store.keep_search_index()  # written anew: no index on disk
    else:
        for made in backups(path):
            if date.today().isoformat() in made.name:
                made.unlink()
        store.maintain()  # verify, then today's compressed backup


path = Path(sys.argv[1])
derived = sys.argv[2:] == ["derived"]
store = Store.open(path)
store.db.backup_in_foreground = False
meeting = store.meetings()[0]
counter = 0
print("ready", flush=True)
while True:
    counter += 1
    item = replace(meeting.agenda[0], notes=f"note {counter} " + "å" * (500 if derived else 2000))
    meeting = meeting.with_item(item)
    store.save_meeting(meeting)
    print(counter, flush=True)
    if derived:
        derived_step(store, path, counter)
    elif counter % 25 == 0:
        store.checkpoint()  # kills also land inside the atomic replace
