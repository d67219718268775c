"""quorum at scale: one command prints a table of measures per archive size.

    python -m tests.bench.run [--sizes 100,1000,5000,10000] [--runs 7] [--dir DIR]

For each size a fresh archive is generated (tests/bench/generate.py; written through the
Store, so its sidecar, index and journal are what quorum itself leaves) and measured:

* **ready**: ``python -m quorum.tui --db ARCHIVE`` in a pseudo-terminal until the overview
  has painted its rows (``QUORUM_EXIT_AFTER=ready``), against a bare Textual app that
  paints one widget and a bare app whose one screen is a DataTable, all three alternated
  in the same run; the ratios are the headline. quorum's modules are compiled first, as
  installing it does (``pip`` writes the .pyc files; a checkout run with
  PYTHONDONTWRITEBYTECODE would compile ~35 modules on every start);
* **peak memory** (the process's own high-water mark, VmHWM) at ready, and once the
  database is open;
* **quit**: the app quits as ``ctrl+q`` does once the database is open
  (``QUORUM_EXIT_AFTER=loaded``): from leaving the screen to the process gone;
* **amortised save**: note edits saved one after another through the Store, each
  growing one agenda item's notes like typing does, checkpoints included, total / saves,
  paired in alternating blocks with the same edits to a 100-meeting archive (the ratio);
* **autosave while the UI runs**: edits through the app's Saver thread while the main
  thread runs an asyncio loop ticking every 1 ms (its largest gap is the longest block);
* **search**: the kept index loaded, then the slowest of a set of queries (a word with no
  hits, common words, a prefix, a phrase), and the index's build (background work);
* **disk**: the file, journal, backups (compressed) and the derived files;
* **exports**: an invite, the minutes as HTML and a 20-item meeting's minutes as PDF/A
  (each with the network's records gathered, as the export screen does).

Timings are wall-clock on a warm page cache; medians unless marked.
"""

from __future__ import annotations

import argparse
import asyncio
import compileall
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
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
TARGETS = {
    "ready_ratio": 1.2,  # against the bare one-widget app, every size
    "memory_mb": {1000: 100.0, 10000: 250.0},
    "save_ratio": 1.2,  # amortised save at 5,000 against 100
    "search_ms": 50.0,  # worst query at 5,000
    "autosave_p95_ms": 25.0,
    "pdf_ms": 1000.0,
}
SEARCHES = [
    "zzqxjw",  # a word with no hits
    "lovskolor samordna",
    "skola",
    "s",
    "beslut",
    "och att",
    '"och att"',
    "e-post",
    "kontakta xylofon",  # a common word and one nowhere
]

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


@dataclass
class Run:
    left: float  # seconds from spawning until the app left the alternate screen
    gone: float  # ... until the process had exited (the shell prompt would be back)
    peak_mb: float  # the process's own peak memory (quorum reports it; 0 for the others)


def run_in_pty(
    argv: list[str], env: dict[str, str], size: tuple[int, int] = (100, 32), timeout: float = 120.0
) -> Run:
    """Run a Textual app in a pseudo-terminal until it exits (it exits by itself)."""
    import fcntl
    import termios

    master, slave = pty.openpty()
    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", size[1], size[0], 0, 0))
    # The child's maxrss is no measure (Linux carries this process's peak into a child
    # it forks): quorum writes its own peak (VmHWM) to this file as it exits.
    peak_file = Path(tempfile.mkstemp(prefix="quorum-peak-")[1])
    env = dict(env, QUORUM_PEAK_FILE=str(peak_file))
    began = time.perf_counter()
    proc = subprocess.Popen(
        argv, stdin=slave, stdout=slave, stderr=slave, env=env, cwd=ROOT, start_new_session=True
    )
    os.close(slave)
    seen = b""
    left: float | None = None
    try:
        while True:
            if time.perf_counter() - began > timeout:
                proc.kill()
                raise RuntimeError(f"{argv} did not exit within {timeout} s")
            ready, _, _ = select.select([master], [], [], 0.005)
            if not ready:
                continue
            try:
                chunk = os.read(master, 1 << 16)  # a full pty would block the app
            except OSError:
                chunk = b""
            if not chunk:
                break  # every holder of the terminal has closed it: the process is gone
            if left is None:
                seen = seen[-16:] + chunk
                if LEAVE_ALT_SCREEN in seen:
                    left = time.perf_counter() - began
    finally:
        os.close(master)
    _, status, _usage = os.wait4(proc.pid, 0)
    gone = time.perf_counter() - began
    proc.returncode = os.waitstatus_to_exitcode(status)
    peak = peak_file.read_text(encoding="ascii").strip()
    peak_file.unlink()
    if proc.returncode != 0 or left is None:
        raise RuntimeError(f"{argv} exited with {proc.returncode}")
    return Run(left, gone, int(peak) / 1024 if peak else 0.0)


def compile_quorum() -> None:
    """Write quorum's .pyc files, as installing it does."""
    for folder in ("tui", "store", "exports"):
        compileall.compile_dir(ROOT / folder, quiet=1)


# -- measurements --------------------------------------------------------------


def measure_start(path: Path, runs: int) -> dict[str, Any]:
    env = dict(os.environ, TERM="xterm-256color", QUORUM_LANG="sv", LANG="sv_SE.UTF-8")
    bare = [sys.executable, "-m", "tests.bench.bare_app"]
    table = [sys.executable, "-m", "tests.bench.bare_table"]
    quorum = [sys.executable, "-m", "quorum.tui", "--db", str(path)]
    out: dict[str, list[Run]] = {"bare": [], "table": [], "ready": [], "loaded": []}
    run_in_pty(bare, env)  # warm the page cache for the interpreter and Textual
    run_in_pty(quorum, dict(env, QUORUM_EXIT_AFTER="loaded"))
    for _ in range(runs):
        out["bare"].append(run_in_pty(bare, env))
        out["table"].append(run_in_pty(table, env))
        out["ready"].append(run_in_pty(quorum, dict(env, QUORUM_EXIT_AFTER="ready")))
        out["loaded"].append(run_in_pty(quorum, dict(env, QUORUM_EXIT_AFTER="loaded")))
    return {
        "bare": statistics.median(r.left for r in out["bare"]),
        "table": statistics.median(r.left for r in out["table"]),
        "ready": statistics.median(r.left for r in out["ready"]),
        "ready_mb": statistics.median(r.peak_mb for r in out["ready"]),
        "loaded_mb": statistics.median(r.peak_mb for r in out["loaded"]),
        "quit": statistics.median(r.gone - r.left for r in out["loaded"]),
        "bare_quit": statistics.median(r.gone - r.left for r in out["bare"]),
    }


def measure_open(path: Path) -> dict[str, float]:
    from quorum.store.store import Store

    def open_close() -> None:
        Store.open(path).close()

    return {"open": statistics.median(_timed(open_close))}


class _Edits:
    """Note edits saved one after another to one archive's last drafted meeting (each adds
    a word to one agenda item's notes, as typing does), timed one by one."""

    def __init__(self, store: Any) -> None:
        from quorum.store.records import MeetingStatus

        network = store.networks()[0]
        drafted = [m for m in store.meetings(network.id) if m.status == MeetingStatus.DRAFTED]
        self.store = store
        self.meeting = drafted[-1]
        self.done = 0
        self.total = 0.0
        self.durations: list[float] = []
        store.db.backup_in_foreground = False
        store.checkpoint()  # an empty journal to begin with
        self.generation = store.db.generation

    def save(self, count: int) -> None:
        from quorum.store.records import replace

        for _ in range(count):
            item = self.meeting.agenda[6]
            self.meeting = self.meeting.with_item(
                replace(item, notes=item.notes + f" ord{self.done}")
            )
            began = time.perf_counter()
            self.store.save_meeting(self.meeting)
            took = time.perf_counter() - began
            self.durations.append(took)
            self.total += took
            self.done += 1

    def result(self) -> dict[str, Any]:
        """Total / saves, checkpoints included. When the run is too short to reach the
        journal's checkpoint size, the share of the next checkpoint each save brings
        nearer (its cost x journal bytes per save / the checkpoint size) is added."""
        from quorum.store.db import CHECKPOINT_JOURNAL_BYTES

        db = self.store.db
        checkpoints = db.generation - self.generation
        journal_bytes = db.journal_path.stat().st_size if db.journal_path.exists() else 0
        began = time.perf_counter()
        self.store.checkpoint()
        checkpoint = time.perf_counter() - began
        per_save = journal_bytes / self.done
        share = 0.0 if checkpoints else checkpoint * per_save / CHECKPOINT_JOURNAL_BYTES
        return {
            "amortised": self.total / self.done + share,
            "median": statistics.median(self.durations),
            "max": max(self.durations),
            "checkpoints": checkpoints,
            "saves": self.done,
            "journal_per_save": per_save,
            "checkpoint": checkpoint,
        }


SAVE_BLOCK = 50  # edits to one archive before the same to the other


def measure_amortised_save(path: Path, saves: int, reference: Path) -> dict[str, Any]:
    """The amortised cost of a note edit's save at this size, paired with the same edits
    to a 100-meeting archive (``reference``) in alternating blocks of the same run: a
    save is mostly the journal's fsync, whose cost swings with the machine's other
    writes, so sizes measured minutes apart are not comparable (this machine: 1.0 vs
    3.9 ms medians for the same code and size). The ratio is the headline."""
    from quorum.store.store import Store

    with Store.open(path) as store, Store.open(reference) as small:
        edits, paired = _Edits(store), _Edits(small)
        os.sync()  # the writes before (a generated archive) do not slow these fsyncs
        while edits.done < saves:
            count = min(SAVE_BLOCK, saves - edits.done)
            # Each goes first in turn: an fsync right after another's costs it more.
            first, second = (
                (edits, paired) if edits.done % (2 * SAVE_BLOCK) == 0 else (paired, edits)
            )
            first.save(count)
            second.save(count)
        result = edits.result()
        result["paired"] = paired.result()
    result["ratio"] = result["amortised"] / result["paired"]["amortised"]
    return result


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

    def save(m: Any) -> Callable[[], None]:
        def fn() -> None:
            began = time.perf_counter()
            store.save_meeting(m)
            durations.append(time.perf_counter() - began)

        return fn

    other = held[0].id
    saver = Saver()
    ticker = Ticker(probe=lambda: store.meeting(other))  # the UI reading another record
    tick = asyncio.ensure_future(ticker.run())
    await asyncio.sleep(0.05)
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
        "p95": _p95(durations),
        "block": ticker.max_gap,
        "read": ticker.max_probe,
        "count": len(durations),
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


def measure_ui_saving(path: Path, saves: int, interval: float) -> dict[str, Any]:
    from quorum.store.store import Store

    with Store.open(path) as store:
        store.db.backup_in_foreground = False
        autosave = asyncio.run(_autosave(store, saves, interval))
        checkpoint = asyncio.run(_checkpoint(store, 3))
    return {"autosave": autosave, "checkpoint": checkpoint}


def measure_search(path: Path) -> dict[str, Any]:
    from quorum.store import search_base
    from quorum.store.store import Store

    with Store.open(path) as store:
        store.db.backup_in_foreground = False
        search_base.search_path(path).unlink(missing_ok=True)
        began = time.perf_counter()
        store.keep_search_index()  # the app does this in the background after start
        build = time.perf_counter() - began
    with Store.open(path, readonly=True) as store:
        began = time.perf_counter()
        store.search_index()
        load = time.perf_counter() - began
        times = {
            q: statistics.median(_timed(lambda q=q: store.search(q, limit=200))) for q in SEARCHES
        }
        hits = {q: len(store.search(q, limit=200)) for q in SEARCHES}
    worst = max(times, key=lambda q: times[q])
    return {"build": build, "load": load, "times": times, "hits": hits, "worst": worst}


def measure_disk(path: Path) -> dict[str, int]:
    """Bytes beside the archive once the app's background work is done, with five days of
    backups of this archive (one made, counted five times: the steady state)."""
    from quorum.store.backup import backups
    from quorum.store.store import Store

    for old in backups(path):
        old.unlink()  # the generator's backup is of the empty start
    with Store.open(path) as store:
        store.maintain()
        store.keep_search_index()
    made = backups(path)
    parts: dict[str, int] = {"file": 0, "journal": 0, "backups": 0, "derived": 0}
    for found in path.parent.glob(path.name + "*"):
        suffix = found.name[len(path.name) :]
        kind = (
            "file"
            if not suffix
            else "journal"
            if suffix == ".journal"
            else "backups"
            if suffix.startswith(".backup-")
            else "derived"
            if suffix in (".sidecar", ".index", ".search")
            else None
        )
        if kind is not None and kind != "backups":
            parts[kind] += found.stat().st_size
    parts["backups"] = 5 * sum(b.stat().st_size for b in made)
    return parts


def measure_exports(path: Path) -> dict[str, float]:
    from datetime import datetime

    from quorum.exports import ics
    from quorum.exports.documents import document_context
    from quorum.exports.minutes import minutes_html
    from quorum.store.gather import meeting_records
    from quorum.store.records import MeetingStatus
    from quorum.store.store import Store

    now = datetime.now().astimezone()
    with Store.open(path, readonly=True) as store:
        network = store.networks()[0]
        meetings = store.meetings(network.id)
        upcoming = next(m for m in meetings if m.status == MeetingStatus.INVITED)
        held = [m for m in meetings if m.status == MeetingStatus.PUBLISHED][-1]
        people = {p.id: p for p in store.people()}
        organiser = people.get(network.coordinator_id or "")

        def invite() -> bytes:
            return ics.invite(upcoming, network, people, organiser, now)

        def minutes() -> str:
            # As the export screen does: the network's records gathered, then rendered.
            return minutes_html(document_context(meeting_records(store, held)))

        return {
            "invite": statistics.median(_timed(invite)),
            "minutes": statistics.median(_timed(minutes, repeat=3)),
            **_measure_pdf(store, held, now),
        }


def _measure_pdf(store: Any, held: Any, now: Any) -> dict[str, float | None]:
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
    return {"pdf_first": first, "pdf": statistics.median(_timed(pdf, repeat=3))}


# -- report --------------------------------------------------------------------


def _met(ok: bool) -> str:
    return "met" if ok else "**MISSED**"


def size_report(size: int, mb: float, r: dict[str, Any]) -> list[str]:
    start, save, ui, se, disk = r["start"], r["save"], r["ui"], r["search"], r["disk"]
    auto, cp = ui["autosave"], ui["checkpoint"]
    lines = [
        f"### {size} meetings ({mb:.1f} MB)",
        "",
        "| measure | value |",
        "|---|---|",
        f"| bare Textual app / bare DataTable screen, start to first paint | "
        f"{_ms(start['bare']):.0f} ms / {_ms(start['table']):.0f} ms |",
        f"| quorum, start to overview rows painted | {_ms(start['ready']):.0f} ms |",
        f"| peak memory at ready / once the database is open | "
        f"{start['ready_mb']:.0f} MB / {start['loaded_mb']:.0f} MB |",
        f"| quit once open (screen left to process gone; bare app) | "
        f"{_ms(start['quit']):.0f} ms ({_ms(start['bare_quit']):.0f} ms) |",
        f"| open database (Store.open + close) | {_ms(r['open']['open']):.1f} ms |",
        f"| amortised save ({save['saves']} note edits, {save['checkpoints']} checkpoints, "
        f"{save['journal_per_save']:.0f} journal bytes a save, a checkpoint "
        f"{_ms(save['checkpoint']):.0f} ms) | "
        f"{_ms(save['amortised']):.2f} ms (median {_ms(save['median']):.2f}, "
        f"max {_ms(save['max']):.0f}) |",
        f"| the same edits to a 100-meeting archive, in turn (ratio) | "
        f"{_ms(save['paired']['amortised']):.2f} ms ({save['ratio']:.2f}x) |",
        f"| autosave through the Saver, p95 / longest UI block / slowest read meanwhile | "
        f"{_ms(auto['p95']):.1f} / {_ms(auto['block']):.1f} / {_ms(auto['read']):.1f} ms |",
        f"| checkpoint (copying unchanged meetings) / longest UI block | "
        f"{_ms(cp['median']):.0f} / {_ms(cp['block']):.1f} ms |",
        f"| search index: build (background) / load | "
        f"{se['build']:.2f} s / {_ms(se['load']):.0f} ms |",
    ]
    for query, seconds in se["times"].items():
        lines.append(f"| search `{query}` ({se['hits'][query]} hits) | {_ms(seconds):.1f} ms |")
    lines.append(
        f"| disk: file / journal / 5 daily backups / derived | {disk['file'] / 1e6:.1f} / "
        f"{disk['journal'] / 1e6:.1f} / {disk['backups'] / 1e6:.1f} / "
        f"{disk['derived'] / 1e6:.1f} MB |"
    )
    if r.get("exports"):
        ex = r["exports"]
        lines.append(
            f"| export: invite .ics / minutes HTML (records gathered) | {_ms(ex['invite']):.1f} / "
            f"{_ms(ex['minutes']):.1f} ms |"
        )
        if ex.get("pdf") is not None:
            lines.append(
                f"| export: minutes PDF/A, 20 items, first in the process / after (< 1 s) | "
                f"{_ms(ex['pdf_first']):.0f} / {_ms(ex['pdf']):.0f} ms |"
            )
    return [*lines, ""]


def summary(results: dict[int, dict[str, Any]]) -> list[str]:
    sizes = sorted(results)
    head = "| | " + " | ".join(f"{s:,}" for s in sizes) + " meetings | target |"
    rule = "|---|" + "---|" * len(sizes) + "---|"

    def row(label: str, cells: list[str], target: str) -> str:
        return f"| {label} | " + " | ".join(cells) + f" | {target} |"

    ratio = {s: results[s]["start"]["ready"] / results[s]["start"]["bare"] for s in sizes}
    table = {s: results[s]["start"]["ready"] / results[s]["start"]["table"] for s in sizes}
    mem = {s: results[s]["start"]["ready_mb"] for s in sizes}
    worst = {s: results[s]["search"]["times"][results[s]["search"]["worst"]] for s in sizes}
    save = {s: results[s]["save"] for s in sizes}
    disk = {s: sum(results[s]["disk"].values()) for s in sizes}
    lines = [head, rule]
    ok = all(v <= TARGETS["ready_ratio"] for v in ratio.values())
    lines.append(
        row(
            "**overview rows painted (ready) vs bare app**",
            [f"{ratio[s]:.2f}x" for s in sizes],
            f"≤ {TARGETS['ready_ratio']}x: {_met(ok)}",
        )
    )
    lines.append(row("ready vs bare DataTable screen", [f"{table[s]:.2f}x" for s in sizes], ""))
    mem_ok = all(mem[s] < limit for s, limit in TARGETS["memory_mb"].items() if s in mem)
    lines.append(
        row(
            "peak memory at ready",
            [f"{mem[s]:.0f} MB" for s in sizes],
            f"< 100 MB at 1,000, < 250 MB at 10,000: {_met(mem_ok)}",
        )
    )
    lines.append(
        row(
            "peak memory once the database is open",
            [f"{results[s]['start']['loaded_mb']:.0f} MB" for s in sizes],
            "",
        )
    )
    save_ok = 5000 not in save or save[5000]["ratio"] <= TARGETS["save_ratio"]
    lines.append(
        row(
            "amortised save (vs 100 meetings, paired in the run)",
            [f"{_ms(save[s]['amortised']):.2f} ms ({save[s]['ratio']:.2f}x)" for s in sizes],
            f"≤ 1.2x at 5,000: {_met(save_ok)}",
        )
    )
    search_ok = 5000 not in worst or _ms(worst[5000]) < TARGETS["search_ms"]
    lines.append(
        row(
            "search, worst query (kept index)",
            [f"{_ms(worst[s]):.1f} ms" for s in sizes],
            f"< 50 ms at 5,000: {_met(search_ok)}",
        )
    )
    lines.append(
        row(
            "search index load / build (background)",
            [
                f"{_ms(results[s]['search']['load']):.0f} ms / "
                f"{results[s]['search']['build']:.1f} s"
                for s in sizes
            ],
            "",
        )
    )
    lines.append(
        row(
            "disk: file + journal + 5 backups + derived",
            [f"{disk[s] / 1e6:.0f} MB" for s in sizes],
            "",
        )
    )
    lines.append(
        row(
            "quit once open (prompt back after the screen is left)",
            [f"{_ms(results[s]['start']['quit']):.0f} ms" for s in sizes],
            "",
        )
    )
    return lines


def machine() -> str:
    model = "?"
    with open("/proc/cpuinfo", encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    load = os.getloadavg()[0]
    return (
        f"{os.cpu_count()} cores (nproc {len(os.sched_getaffinity(0))}), {model}, "
        f"Python {platform.python_version()}, {platform.system()} {platform.release()}, "
        f"load average {load:.1f} at the start"
    )


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.run",
        description=__doc__,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--sizes", default="100,1000,5000,10000")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--runs", type=int, default=7, help="cold starts per app (median)")
    parser.add_argument("--saves", type=int, default=3000, help="saves for the amortised cost")
    parser.add_argument("--autosaves", type=int, default=300, help="saves through the Saver")
    parser.add_argument("--interval", type=float, default=0.02, help="seconds between edits")
    parser.add_argument("--dir", help="where to write archives (default: a temp folder)")
    args = parser.parse_args(argv)
    from tests.bench.generate import generate

    sizes = [int(s) for s in args.sizes.split(",") if s.strip()]
    folder = Path(args.dir) if args.dir else Path(tempfile.mkdtemp(prefix="quorum-bench-"))
    folder.mkdir(parents=True, exist_ok=True)
    command = (
        f"python -m tests.bench.run --sizes {args.sizes} --runs {args.runs} --saves {args.saves}"
    )
    print("\n".join([f"Machine: {machine()}", f"Command: {command}", ""]), flush=True)
    compile_quorum()
    results: dict[int, dict[str, Any]] = {}
    try:
        for size in sizes:
            path = folder / f"archive-{size}.json"
            generate(path, meetings=size, seed=args.seed)
            mb = path.stat().st_size / 1e6
            result: dict[str, Any] = {
                "start": measure_start(path, args.runs),
                "open": measure_open(path),
                "search": measure_search(path),
                "disk": measure_disk(path),
            }
            # These change the archive (saves): after the read-only measures.
            result["exports"] = measure_exports(path)
            result["ui"] = measure_ui_saving(path, args.autosaves, args.interval)
            # What the saves are paired with: made anew, so both start from the same notes.
            reference = generate(folder / "reference-100.json", meetings=100, seed=args.seed)
            result["save"] = measure_amortised_save(path, args.saves, reference)
            results[size] = result
            print("\n".join(size_report(size, mb, result)), flush=True)
        print("\n".join(["## Summary", "", *summary(results), ""]), flush=True)
    finally:
        if not args.dir:
            shutil.rmtree(folder, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
