"""One sync of a 1,000-meeting network against a local Radicale, timed.

    python -m tests.bench.sync [--meetings 1000] [--server radicale|xandikos]

Writes an archive with :mod:`tests.bench.generate`, puts all its meetings in one
network, starts the server on 127.0.0.1 (storage in a temp folder), and times:
the first sync (setup: collections created, every object sent), a sync with
nothing to do, an incremental sync after a few edits (3 meetings, 1 action item),
and a second installation joining (every object fetched and merged in).
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path

from quorum.store.records import ActionStatus
from quorum.store.store import Store
from quorum.tui.sync_wiring import join, run_sync, setup
from tests.bench.generate import generate
from tests.sync.servers import start


def _one_network(path: Path) -> str:
    with Store.open(path) as store:
        network = store.networks()[0]
        with store.batch():
            for meeting in store.meetings():
                if meeting.network_id != network.id:
                    store.save_meeting(replace(meeting, network_id=network.id))
        return network.id


def _objects(store: Store) -> dict[str, int]:
    counts: dict[str, int] = {}
    for doc in store.states("sync_objects").values():
        counts[doc["kind"]] = counts.get(doc["kind"], 0) + 1
    return counts


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--server", choices=("radicale", "xandikos"), default="radicale")
    args = parser.parse_args(argv)
    with tempfile.TemporaryDirectory(prefix="quorum-sync-bench-") as tmp:
        folder = Path(tmp)
        db = generate(folder / "coordinator.json", meetings=args.meetings, seed=1)
        network_id = _one_network(db)
        server = start(args.server, folder / args.server)
        rows: list[tuple[str, float, str]] = []
        try:
            with Store.open(db) as store:
                began = time.perf_counter()
                setup(store, network_id, server.url, "bench", "x")
                report = run_sync(store, network_id, "x")
                rows.append(
                    (
                        "first sync (setup, everything sent)",
                        time.perf_counter() - began,
                        f"{report.pushed} objects sent",
                    )
                )
                counts = _objects(store)
                began = time.perf_counter()
                report = run_sync(store, network_id, "x")
                rows.append(
                    (
                        "sync with nothing to do",
                        time.perf_counter() - began,
                        f"{report.pushed} sent, {report.pulled} fetched",
                    )
                )
                meetings = store.meetings(network_id)
                for meeting in meetings[-3:]:
                    item = replace(meeting.agenda[0], notes=meeting.agenda[0].notes + " Tillägg.")
                    store.save_meeting(meeting.with_item(item))
                with_actions = next(m for m in meetings if m.all_actions())
                item, action = with_actions.all_actions()[0]
                done = replace(action, status=ActionStatus.DONE)
                item = replace(item, actions=(done, *item.actions[1:]))
                store.save_meeting(with_actions.with_item(item))
                began = time.perf_counter()
                report = run_sync(store, network_id, "x")
                rows.append(
                    (
                        "incremental sync (3 meetings, 1 action item edited)",
                        time.perf_counter() - began,
                        f"{report.pushed} sent",
                    )
                )
            with Store.open(folder / "host.json") as host:
                began = time.perf_counter()
                _network, report = join(host, server.url, "bench", "x", None, None)
                rows.append(
                    (
                        "second installation joins (everything fetched)",
                        time.perf_counter() - began,
                        f"{report.pulled} objects fetched",
                    )
                )
                began = time.perf_counter()
                report = run_sync(host, _network.id, "x")
                rows.append(
                    (
                        "its next sync (the coordinator's edits already in)",
                        time.perf_counter() - began,
                        f"{report.pulled} fetched",
                    )
                )
        finally:
            server.stop()
    print(f"{args.meetings} meetings in one network on {args.server}; objects: {counts}")
    print("| step | time | |")
    print("|---|---|---|")
    for name, seconds, note in rows:
        print(f"| {name} | {seconds:.1f} s | {note} |")
    return 0


if __name__ == "__main__":
    sys.exit(main())
