"""Importing people from CSV at scale: prints the time and memory of each step.

    python -m tests.bench.import_people [--rows 5000,100000] [--dir DIR]

For each size a Swedish Excel-style CSV (semicolons, UTF-8 with a BOM) is written with
that many people in a few hundred organisations, half of them already in the roster
(those rows update), and imported into a fresh database as ``quorum import people``
does: read and decode, plan (the report), apply in one batch. Each size runs in a
process of its own, whose peak resident memory is shown with what it was before the
import began (the database with half the people in it).
Targets (issue 13): 5,000 people under 2 s, 100,000 rows under 30 s, memory linear in
the file, all or nothing.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import resource
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

from quorum.store.records import Membership
from quorum.store.roster_import import apply_import, plan_import, read_people_csv
from quorum.store.store import Store

T = TypeVar("T")
FIRST = ["Anna", "Björn", "Cecilia", "Dragan", "Elin", "Fatima", "Göran", "Hanna", "Åsa", "Örjan"]
LAST = ["Berg", "Lindström", "Öberg", "Nilsson", "Hassan", "Åkesson", "Ek", "Dahl", "Wiik"]
TITLES = ["rektor", "SYV", "lärare", "utvecklingsledare", "HR-chef"]


def write_csv(path: Path, rows: int) -> None:
    lines = ["Namn;E-post;Organisation;Titel;Telefon;Roll"]
    for i in range(rows):
        name = f"{FIRST[i % len(FIRST)]} {LAST[(i // len(FIRST)) % len(LAST)]} {i}"
        org = f"Skola {i % 300} i {LAST[i % len(LAST)]}köping"
        lines.append(
            f"{name};person{i}@skola{i % 300}.example.se;{org};{TITLES[i % len(TITLES)]};"
            f"070-{i:07d};medlem"
        )
    path.write_bytes(("\ufeff" + "\r\n".join(lines) + "\r\n").encode("utf-8"))


def timed(step: Callable[[], T]) -> tuple[T, float]:
    started = time.perf_counter()
    result = step()
    return result, time.perf_counter() - started


def run(rows: int, folder: Path) -> dict[str, Any]:
    """One size, in this process (main runs each in a fresh one, for its peak memory)."""
    csv_path = folder / f"people-{rows}.csv"
    write_csv(csv_path, rows)
    db = folder / f"quorum-{rows}.json"
    with Store.open(db) as store:
        network = store.add_network(name="Teknikcollege Skaraborg")
        # Half the people are already known (another network): their rows update.
        with store.batch():
            for i in range(0, rows, 2):
                store.add_person(
                    name=f"Känd {i}",
                    email=f"person{i}@skola{i % 300}.example.se",
                    memberships=(Membership("99"),),
                )
        before = _peak_mb()
        data = csv_path.read_bytes()
        table, read_s = timed(lambda: read_people_csv(data))
        people, orgs = store.people(), store.organisations()
        report, plan_s = timed(lambda: plan_import(table, network.id, people, orgs))
        _, apply_s = timed(lambda: apply_import(store, report))
        stored = len(store.people(network.id))
    return {
        "rows": rows,
        "file_mb": csv_path.stat().st_size / 1e6,
        "read_s": read_s,
        "plan_s": plan_s,
        "apply_s": apply_s,
        "total_s": read_s + plan_s + apply_s,
        "peak_mb": _peak_mb(),
        "before_mb": before,
        "added": len(report.to_add),
        "updated": len(report.to_update),
        "stored": stored,
    }


def _peak_mb() -> float:
    """This process's peak resident memory so far (Linux reports kB, macOS bytes)."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1e6 if sys.platform == "darwin" else 1e3)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rows", default="5000,100000")
    parser.add_argument("--dir", default=None)
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # a size, in this process
    args = parser.parse_args(argv)
    folder = Path(args.dir or tempfile.mkdtemp(prefix="quorum-import-bench-"))
    if args.one:
        print(json.dumps(run(args.one, folder)))
        return 0
    print(f"import people: {os.cpu_count()} cores, Python {platform.python_version()}")
    print(
        "| rows | file | read | plan | apply (one batch) | total | peak memory | added / updated |"
    )
    print("|---|---|---|---|---|---|---|---|")
    for rows in (int(r) for r in args.rows.split(",")):
        command = [sys.executable, "-m", "tests.bench.import_people", "--one", str(rows)]
        done = subprocess.run(
            [*command, "--dir", str(folder)], capture_output=True, text=True, check=True
        )
        r = json.loads(done.stdout.strip().splitlines()[-1])
        assert r["stored"] == rows, r
        print(
            f"| {rows:,} | {r['file_mb']:.1f} MB | {r['read_s']:.2f} s | {r['plan_s']:.2f} s "
            f"| {r['apply_s']:.2f} s | **{r['total_s']:.2f} s** "
            f"| {r['peak_mb']:.0f} MB ({r['before_mb']:.0f} MB before) "
            f"| {r['added']:,} / {r['updated']:,} |"
        )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
