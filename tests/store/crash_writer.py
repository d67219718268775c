"""Child process for the crash test: saves in a loop and reports each commit."""

import sys

from quorum.store.records import replace
from quorum.store.store import Store

store = Store.open(sys.argv[1])
meeting = store.meetings()[0]
counter = 0
print("ready", flush=True)
while True:
    counter += 1
    item = replace(meeting.agenda[0], notes=f"note {counter} " + "å" * 2000)
    meeting = meeting.with_item(item)
    store.save_meeting(meeting)
    print(counter, flush=True)
    if counter % 25 == 0:
        store.checkpoint()  # kills also land inside the atomic replace
