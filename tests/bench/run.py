"""quorum at scale: one command prints a table of timings per archive size.

    python -m tests.bench.run [--sizes 100,1000,5000] [--seed 1] [--dir DIR]

For each size a fresh archive is generated (tests/bench/generate.py) and
measured:

* cold start: ``python -m tui --db ARCHIVE`` in a pseudo-terminal until the
  overview has painted its rows (``QUORUM_EXIT_AFTER=ready``) and until its
  first frame (``=paint``), against a bare Textual app that paints one
  widget, alternated in the same run; the ratio is the figure;
* open: ``Store.open`` of the archive, and the overview's first query;
* autosave during live minutes: note edits saved through the app's Saver
  thread while the main thread runs an asyncio loop ticking every 1 ms; the
  largest gap between ticks is the longest the UI was blocked;
* checkpoint: folding everything into the main file, and the UI block;
* exports (invite, year plan, minutes HTML, the minutes of a 20-item meeting as
  PDF/A) and a full-text search.

Timings are wall-clock on a warm page cache; medians unless marked.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import platform
import pty
import select
import shutil
import statistics
import struct
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import datetime
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {
    "start_ratio": 1.5,
    "autosave_p95_ms": 25.0,
    "ui_block_ms": {1000: 50.0, 5000: 100.0},
    "search_ms": 100.0,
    "export_ms": 50.0,
    "pdf_ms": 1000.0,
}


# -- helpers -------------------------------------------------------------------


def _ms(seconds: float) -> float:
    return seconds * 1000.0


def _p95(values: list[float]) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(0.95 * (len(ordered) - 1)))]


def _timed(fn: Callable[[], Any], repeat: int = 5) -> list[float]:
    out = []
    for _ in range(repeat):
        began = time.perf_counter()
        fn()
        out.append(time.perf_counter() - began)
    return out


LEAVE_ALT_SCREEN = b"\x1b[?1049l"  # Textual's first act on exit, before teardown


def run_in_pty(
    argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 32), timeout: float = 120.0
) -> float:
    """Seconds from spawning ``argv`` in a pseudo-terminal until its Textual app
    leaves the alternate screen (it exits right after a paint; the interpreter's
    teardown, which frees a large archive, is not start-up time)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(slave)
    seen = b""
    elapsed: float | None = None
    try:
        while True:
            if time.perf_counter() - began > timeout:
                proc.kill()
                raise RuntimeError(f"{argv} did not exit within {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.005)
            if ready:
                try:
                    chunk = os.read(master, 1 << 16)  # a full pty would block the app
                except OSError:
                    chunk = b""
                if elapsed is None:
                    seen = seen[-16:] + chunk
                    if LEAVE_ALT_SCREEN in seen:
                        elapsed = time.perf_counter() - began
                if chunk:
                    continue
            if proc.poll() is not None:
                break
    finally:
        os.close(master)
    if proc.returncode != 0 or elapsed is None:
        raise RuntimeError(f"{argv} exited with {proc.returncode}")
    return elapsed


# -- measurements --------------------------------------------------------------


def measure_start(path: Path, runs: int) -> dict[str, float]:
    env = dict(os.environ, TERM="xterm-256color", QUORUM_LANG="sv", LANG="sv_SE.UTF-8")
    bare = [sys.executable, "-m", "tests.bench.bare_app"]
    quorum = [sys.executable, "-m", "quorum.tui", "--db", str(path)]
    times: dict[str, list[float]] = {"bare": [], "paint": [], "ready": []}
    run_in_pty(bare, env)  # warm the page cache for the interpreter and Textual
    for _ in range(runs):
        times["bare"].append(run_in_pty(bare, env))
        times["paint"].append(run_in_pty(quorum, dict(env, QUORUM_EXIT_AFTER="paint")))
        times["ready"].append(run_in_pty(quorum, dict(env, QUORUM_EXIT_AFTER="ready")))
    return {k: statistics.median(v) for k, v in times.items()}


def measure_open(path: Path) -> dict[str, float]:
    from quorum.store.store import Store

    def open_close() -> None:
        Store.open(path).close()

    def open_overview() -> None:
        with Store.open(path) as store:
            first = store.networks()[0]
            store.meetings(first.id)
            store.organisations()

    def open_all() -> None:
        with Store.open(path) as store:
            store.meetings()

    return {
        "open": statistics.median(_timed(open_close)),
        "open_overview": statistics.median(_timed(open_overview)),
        "open_all": statistics.median(_timed(open_all, repeat=3)),
    }


class Ticker:
    """Stands in for the UI thread's event loop: ticks every 1 ms, records the largest
    gap; with a ``probe`` (a store read) it also records the slowest probe."""

    def __init__(self, probe: Callable[[], Any] | None = None) -> None:
        self.max_gap = 0.0
        self.max_probe = 0.0
        self.probe = probe
        self.running = True

    async def run(self) -> None:
        last = time.perf_counter()
        while self.running:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.max_gap = max(self.max_gap, now - last)
            if self.probe is not None:
                self.probe()
                after = time.perf_counter()
                self.max_probe = max(self.max_probe, after - now)
                now = after
            last = now


async def _autosave(store: Any, saves: int, interval: float) -> dict[str, Any]:
    from quorum.store.records import MeetingStatus, replace
    from quorum.tui.saver import Saver

    network = store.networks()[0]
    held = [m for m in store.meetings(network.id) if m.status == MeetingStatus.DRAFTED]
    meeting = held[-1]
    position = 6
    durations: list[float] = []
    checkpoints = 0

    def save(m: Any) -> Callable[[], None]:
        def fn() -> None:
            nonlocal checkpoints
            generation = store.db.generation
            began = time.perf_counter()
            store.save_meeting(m)
            durations.append(time.perf_counter() - began)
            checkpoints += store.db.generation != generation

        return fn

    other = held[0].id
    saver = Saver()
    ticker = Ticker(probe=lambda: store.meeting(other))  # the UI reading another record
    tick = asyncio.ensure_future(ticker.run())
    await asyncio.sleep(0.05)
    baseline = ticker.max_gap
    for i in range(saves):
        item = meeting.agenda[position]
        meeting = meeting.with_item(replace(item, notes=item.notes + f" ord{i}"))
        saver.submit(f"meeting:{meeting.id}", save(meeting))
        await asyncio.sleep(interval)
    while not saver.idle:
        await asyncio.sleep(0.001)
    ticker.running = False
    await tick
    saver.close()
    return {
        "median": statistics.median(durations),
        "p95": _p95(durations),
        "max": max(durations),
        "count": len(durations),
        "block": ticker.max_gap,
        "read": ticker.max_probe,
        "baseline_block": baseline,
        "checkpoints": checkpoints,
    }


async def _checkpoint(store: Any, repeat: int) -> dict[str, float]:
    from quorum.tui.saver import Saver

    durations: list[float] = []

    def fn() -> None:
        began = time.perf_counter()
        store.checkpoint()
        durations.append(time.perf_counter() - began)

    saver = Saver()
    ticker = Ticker()
    tick = asyncio.ensure_future(ticker.run())
    for i in range(repeat):
        saver.submit(f"checkpoint:{i}", fn)
        while not saver.idle:
            await asyncio.sleep(0.001)
    ticker.running = False
    await tick
    saver.close()
    return {"median": statistics.median(durations), "block": ticker.max_gap}


def measure_saving(path: Path, saves: int, interval: float) -> dict[str, Any]:
    from quorum.store.store import Store

    with Store.open(path) as store:
        store.meetings()  # as the app's loader does
        autosave = asyncio.run(_autosave(store, saves, interval))
        checkpoint = asyncio.run(_checkpoint(store, 3))
    return {"autosave": autosave, "checkpoint": checkpoint}


def measure_exports(path: Path) -> dict[str, Any]:
    from quorum.store.records import MeetingStatus
    from quorum.store.store import Store

    out: dict[str, Any] = {}
    now = datetime.now().astimezone()
    with Store.open(path, readonly=True) as store:
        network = store.networks()[0]
        meetings = store.meetings(network.id)
        upcoming = next(m for m in meetings if m.status == MeetingStatus.INVITED)
        held = [m for m in meetings if m.status == MeetingStatus.PUBLISHED][-1]
        year = held.start.year
        try:
            from quorum.exports import ics
        except ImportError:
            out["invite"] = out["plan"] = None
        else:

            def invite() -> bytes:
                people = {p.id: p for p in store.people()}
                organiser = people.get(network.coordinator_id or "")
                return ics.invite(upcoming, network, people, organiser, now)

            def plan() -> bytes:
                people = {p.id: p for p in store.people()}
                organiser = people.get(network.coordinator_id or "")
                return ics.year_plan(
                    network, store.meetings(network.id), people, organiser, year, now
                )

            invite()
            plan()
            out["invite"] = statistics.median(_timed(invite))
            out["plan"] = statistics.median(_timed(plan))
        try:
            from quorum.exports.context import build_context
            from quorum.exports.minutes import minutes_html
        except ImportError:
            out["minutes"] = None
        else:

            def minutes() -> str:
                ctx = build_context(
                    held, network, store.people(), store.organisations(), store.meetings(network.id)
                )
                return minutes_html(ctx)

            minutes()
            out["minutes"] = statistics.median(_timed(minutes))
        out.update(_measure_pdf(store, held, now))
    return out


def _measure_pdf(store: Any, held: Any, now: datetime) -> dict[str, Any]:
    """The minutes of a 20-item meeting as PDF/A: the first in the process (typst reads
    its fonts) and the median after."""
    try:
        from quorum.exports.meeting_export import export_document
    except ImportError:
        return {"pdf_first": None, "pdf": None}
    from quorum.store.gather import meeting_records
    from quorum.store.records import new_item_id, replace

    items = list(held.agenda)
    while len(items) < 20:
        items.append(replace(items[len(items) % len(held.agenda)], id=new_item_id()))
    meeting = replace(held, agenda=tuple(items[:20]))
    records = meeting_records(store, meeting)

    def pdf() -> bytes:
        return export_document("minutes", "pdf", records, now)

    started = time.perf_counter()
    pdf()
    first = time.perf_counter() - started
    return {"pdf_first": first, "pdf": statistics.median(_timed(pdf))}


def measure_search(path: Path) -> dict[str, Any]:
    from quorum.store.store import Store

    query = "lovskolor samordna"
    with Store.open(path, readonly=True) as store:
        meetings = store.meetings()
        try:
            from quorum.store.search import SearchIndex
        except ImportError:

            def scan() -> int:
                words = query.casefold().split()
                hits = 0
                for m in meetings:
                    for item in m.agenda:
                        texts = [item.title, item.notes] + [d.text for d in item.decisions]
                        texts += [a.text for a in item.actions]
                        hits += sum(all(w in t.casefold() for w in words) for t in texts)
                return hits

            return {
                "kind": "casefold scan (store/search.py not merged yet)",
                "query": statistics.median(_timed(scan)),
                "build": 0.0,
                "hits": scan(),
            }
        build_times = _timed(lambda: SearchIndex.build(meetings), repeat=3)
        index = SearchIndex.build(meetings)
        return {
            "kind": "store.search.SearchIndex",
            "build": statistics.median(build_times),
            "query": statistics.median(_timed(lambda: index.search(query))),
            "hits": len(index.search(query)),
        }


# -- report --------------------------------------------------------------------


def _mark(ok: bool | None) -> str:
    return "" if ok is None else ("met" if ok else "MISSED")


def _row(label: str, value: str, target: str = "", ok: bool | None = None) -> str:
    return f"| {label} | {value} | {target} | {_mark(ok)} |"


def report(size: int, mb: float, r: dict[str, Any]) -> list[str]:
    start, opened, save = r["start"], r["open"], r["saving"]
    auto, cp, ex, se = save["autosave"], save["checkpoint"], r["exports"], r["search"]
    ratio = start["ready"] / start["bare"]
    block_target = TARGETS["ui_block_ms"].get(size)
    lines = [
        f"### {size} meetings ({mb:.1f} MB)",
        "",
        "| measure | value | target | |",
        "|---|---|---|---|",
        _row("bare Textual app, start to first paint", f"{_ms(start['bare']):.0f} ms"),
        _row(
            "quorum, start to first paint",
            f"{_ms(start['paint']):.0f} ms ({start['paint'] / start['bare']:.2f}x)",
        ),
        _row(
            "quorum, start to overview rows painted",
            f"{_ms(start['ready']):.0f} ms (**{ratio:.2f}x**)",
            "1.5x at 1,000",
            ratio <= TARGETS["start_ratio"] if size == 1000 else None,
        ),
        _row("open database", f"{_ms(opened['open']):.0f} ms"),
        _row("open + overview query", f"{_ms(opened['open_overview']):.0f} ms"),
        _row("open + every meeting as a record", f"{_ms(opened['open_all']):.0f} ms"),
        _row(
            f"autosave (note edit), {auto['count']} saves",
            f"median {_ms(auto['median']):.1f} ms, "
            f"p95 {_ms(auto['p95']):.1f} ms, max {_ms(auto['max']):.0f} ms "
            f"({auto['checkpoints']} checkpoint)",
            "p95 < 25 ms",
            _ms(auto["p95"]) < TARGETS["autosave_p95_ms"] if size >= 1000 else None,
        ),
        _row(
            "longest UI block during autosaves",
            f"{_ms(auto['block']):.1f} ms (idle loop: {_ms(auto['baseline_block']):.1f} ms)",
            f"< {block_target:.0f} ms" if block_target else "",
            _ms(auto["block"]) < block_target if block_target else None,
        ),
        _row("slowest store read on the UI thread during autosaves", f"{_ms(auto['read']):.1f} ms"),
        _row("checkpoint (whole file, fsync)", f"{_ms(cp['median']):.0f} ms"),
        _row(
            "longest UI block during checkpoints",
            f"{_ms(cp['block']):.1f} ms",
            f"< {block_target:.0f} ms" if block_target else "",
            _ms(cp["block"]) < block_target if block_target else None,
        ),
    ]
    for key, label, target, limit in (
        ("invite", "export: one invite (.ics)", "< 50 ms", TARGETS["export_ms"]),
        ("plan", "export: year plan (.ics)", "< 50 ms", TARGETS["export_ms"]),
        ("minutes", "export: minutes HTML", "< 50 ms", TARGETS["export_ms"]),
        ("pdf_first", "export: minutes PDF/A, 20 items, first in the process", "< 1 s", 1000.0),
        ("pdf", "export: minutes PDF/A, 20 items", "< 1 s", TARGETS["pdf_ms"]),
    ):
        value = ex.get(key)
        if value is None:
            lines.append(_row(label, "n/a (renderer not merged yet)", target))
        else:
            lines.append(_row(label, f"{_ms(value):.1f} ms", target, _ms(value) < limit))
    build = f", index build {_ms(se['build']):.0f} ms" if se["build"] else ""
    lines.append(
        _row(
            f"search all minutes ({se['kind']}, {se['hits']} hits)",
            f"{_ms(se['query']):.1f} ms{build}",
            "< 100 ms at 1,000",
            _ms(se["query"]) < TARGETS["search_ms"] if size == 1000 else None,
        )
    )
    return [*lines, ""]


def machine() -> str:
    model = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="100,1000,5000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=5, help="cold starts per app (median)")
    parser.add_argument("--saves", type=int, default=300, help="autosaves per size")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between edits")
    parser.add_argument("--dir", help="where to write archives (default: a temp folder)")
    args = parser.parse_args(argv)
    from tests.bench.generate import generate

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="quorum-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    command = f"python -m tests.bench.run --sizes {args.sizes} --seed {args.seed}"
    out = [f"Machine: {machine()}", f"Command: {command}", ""]
    print("\n".join(out), flush=True)
    try:
        for size in sizes:
            path = folder / f"archive-{size}.json"
            generate(path, meetings=size, seed=args.seed)
            results = {
                "open": measure_open(path),
                "saving": measure_saving(path, args.saves, args.interval),
                "exports": measure_exports(path),
                "search": measure_search(path),
                "start": measure_start(path, args.runs),
            }
            lines = report(size, path.stat().st_size / 1e6, results)
            print("\n".join(lines), flush=True)
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
