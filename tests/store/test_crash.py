"""kill -9 a writer at random moments: every trial opens and holds a committed state."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from quorum.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
TRIALS = int(os.environ.get("QUORUM_CRASH_TRIALS", "50"))


def kill_a_writer(path: Path, rng: random.Random, longest: float, *mode: str) -> int:
    """Start ``tests/store/crash_writer.py``, SIGKILL it after a random while; the last
    save it reported committed."""
    child = subprocess.Popen(
        [sys.executable, "-m", "tests.store.crash_writer", str(path), *mode],
        cwd=ROOT,
        stdout=subprocess.PIPE,
        text=True,
    )
    assert child.stdout is not None
    assert child.stdout.readline().strip() == "ready"
    time.sleep(rng.uniform(0.0, longest))
    os.kill(child.pid, signal.SIGKILL)
    child.wait()
    reported = [line.strip() for line in child.stdout.read().splitlines()]
    return int(reported[-1]) if reported and reported[-1].isdigit() else 0


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_minus_nine_never_breaks_the_file(demo_store, db_path):
    demo_store.close()
    rng = random.Random(2026)
    for trial in range(TRIALS):
        committed = kill_a_writer(db_path, rng, 0.15)
        with Store.open(db_path) as store:
            notes = store.meetings()[0].agenda[0].notes
        if committed:
            saved = int(notes.split()[1])
            # Printed after the commit, so what is printed is on disk; the one
            # being written at the kill may be there too.
            assert saved in (committed, committed + 1), (trial, saved, committed)


def _parsed(path: Path) -> dict:
    """Every document as the archive holds it, found by reading the whole file (no
    derived file used: they are moved aside first)."""
    aside = [p for p in path.parent.glob(path.name + ".*") if p.suffix in DERIVED]
    for p in aside:
        p.rename(p.with_name(p.name + ".aside"))
    try:
        with Store.open(path, readonly=True) as store:
            return store.snapshot()
    finally:
        for p in aside:
            p.with_name(p.name + ".aside").rename(p)


DERIVED = (".sidecar", ".index", ".search")


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_minus_nine_while_derived_files_are_written_the_archive_wins(tmp_path):
    """Kills land in checkpoints (with their index and sidecar), in writing the search
    index and in compressing a backup: the archive always opens with every committed
    save, whatever derived file was left, and what the derived files give is what the
    archive holds."""
    from quorum.store import backup
    from quorum.store.search import SearchIndex
    from tests.bench.generate import generate

    path = generate(tmp_path / "quorum.json", meetings=30, seed=11)
    rng = random.Random(16)
    trials = max(10, TRIALS // 2)
    for trial in range(trials):
        committed = kill_a_writer(path, rng, 0.4, "derived")
        with Store.open(path) as store:  # sidecar, index and search index if they fit
            notes = store.meetings()[0].agenda[0].notes
            through_derived = store.snapshot()
            found = [(h.meeting_id, h.field, h.snippet) for h in store.search("note å")]
            fresh = SearchIndex.build(store.meetings()).search("note å")
        if committed:
            assert int(notes.split()[1]) in (committed, committed + 1), (trial, committed)
        assert not list(tmp_path.glob("quorum.json.tmp-*"))  # leftovers cleaned at open
        assert through_derived == _parsed(path), trial
        assert found == [(h.meeting_id, h.field, h.snippet) for h in fresh], trial
        for made in backup.backups(path):  # a backup is whole or absent, never torn
            assert orjson.loads(b"".join(backup.backup_chunks(made)))
