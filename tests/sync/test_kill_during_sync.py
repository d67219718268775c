"""kill -9 at random points of a sync: no change lost, no object twice on the server,
and the next run converges. 30 trials in the default suite, 200 with ``-m slow``."""

from __future__ import annotations

import multiprocessing
import os
import random
import signal
import time
from collections import Counter
from pathlib import Path

import pytest

from quorum.store.dav import DavAccount
from quorum.store.records import ActionItem, ActionStatus, replace
from quorum.store.store import Store
from quorum.store.sync import resolve
from quorum.store.sync_state import conflicts
from quorum.tui.sync_wiring import ExportConversions, join, now_utc, run_sync, setup
from tests.sync.servers import Server
from tests.sync.world import add_members, coordinator_store, plan_meeting, view

USER = "natverket"


def _sync_child(db: str, network_id: str) -> None:
    with Store.open(db) as store:
        run_sync(store, network_id, "x")


def _edit(store: Store, network_id: str, rng: random.Random, n: int) -> None:
    """A few edits of the kinds a network makes: titles, notes, actions, new meetings."""
    meetings = store.meetings(network_id)
    for _ in range(3):
        meeting = rng.choice(meetings)
        item = rng.choice(meeting.agenda)
        choice = rng.randrange(4)
        if choice == 0:
            item = replace(item, title=f"{item.title.split(' #')[0]} #{n}")
        elif choice == 1:
            item = replace(item, notes=f"Anteckning {n}")
        elif choice == 2:
            action = ActionItem(f"k{n}x{rng.randrange(10**6)}", f"Åtgärd {n}")
            item = replace(item, actions=(*item.actions, action))
        elif item.actions:
            done = replace(item.actions[0], status=ActionStatus.DONE)
            item = replace(item, actions=(done, *item.actions[1:]))
        store.save_meeting(meeting.with_item(item))
        meetings = store.meetings(network_id)
    if n % 5 == 0:
        plan_meeting(store, network_id)


def _server_uids(server: Server, store: Store, network_id: str) -> Counter[str]:
    links = store.states("sync_links")[network_id]
    account = DavAccount(server.url, USER, "x")
    found: Counter[str] = Counter()
    for url, kind in (
        (links["calendar_url"], "calendar"),
        (links["addressbook_url"], "addressbook"),
    ):
        coll = account.collection(url, kind)
        for data, _etag in coll.fetch(list(coll.changes(None).changed)).values():
            uid = next(line for line in data.splitlines() if line.startswith("UID:"))
            found[uid[4:].strip()] += 1
    return found


def _trials(server: Server, tmp_path: Path, count: int) -> None:
    rng = random.Random(14)
    db = tmp_path / "coordinator.json"
    store, nid = coordinator_store(db)
    setup(store, nid, server.url, USER, "x")
    add_members(store, nid)
    for _ in range(6):
        plan_meeting(store, nid)
    run_sync(store, nid, "x")
    store.close()
    host = Store.open(tmp_path / "host.json")
    hid = join(host, server.url, USER, "x", None, None)[0].id
    fork = multiprocessing.get_context("fork")
    # How long one sync of this size takes here and now: the kills land inside that
    # window (a fixed one was too long once the store got faster on an idle machine).
    with Store.open(db) as store:
        _edit(store, nid, rng, -1)
    started = time.monotonic()
    child = fork.Process(target=_sync_child, args=(str(db), nid))
    child.start()
    child.join()
    window = max(0.02, (time.monotonic() - started) * 0.9)
    killed = 0
    for n in range(count):
        with Store.open(db) as store:
            _edit(store, nid, rng, n)
        if n % 3 == 0:  # someone else's changes, so kills land in pulls too
            _edit(host, hid, rng, 1000 + n)
            run_sync(host, hid, "x")
        child = fork.Process(target=_sync_child, args=(str(db), nid))
        child.start()
        time.sleep(rng.uniform(0.0, window))
        if child.is_alive():
            os.kill(child.pid, signal.SIGKILL)
            killed += 1
        child.join()
    assert killed >= count // 3  # most trials did die mid-way
    with Store.open(db) as store:
        run_sync(store, nid, "x")
        run_sync(host, hid, "x")
        # Both sides edited the same fields now and then: real conflicts, kept until chosen.
        for side, side_id in ((store, nid), (host, hid)):
            for conflict in conflicts(side, side_id):
                resolve(side, side_id, conflict.uid, "theirs", ExportConversions(side), now_utc())
        run_sync(store, nid, "x")
        run_sync(host, hid, "x")
        run_sync(store, nid, "x")
        mine = view(store, nid)
        assert conflicts(store, nid) == [] and conflicts(host, hid) == []
        uids = _server_uids(server, store, nid)
    assert [u for u, c in uids.items() if c > 1] == []
    # no object the coordinator has is missing on the server, nor the other way round
    assert set(uids) == set(mine) | {u for u in uids if u.startswith("minutes.")}
    assert view(host, hid) == mine
    fresh = Store.open(tmp_path / "fresh.json")
    assert view(fresh, join(fresh, server.url, USER, "x", None, None)[0].id) == mine
    fresh.close()
    host.close()


def test_kill_9_during_sync_loses_nothing_and_duplicates_nothing(
    radicale: Server, tmp_path: Path
) -> None:
    _trials(radicale, tmp_path, 30)


@pytest.mark.slow
def test_kill_9_during_sync_soak(server: Server, tmp_path: Path) -> None:
    _trials(server, tmp_path, 200)
