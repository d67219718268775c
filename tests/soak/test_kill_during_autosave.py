"""kill -9 while a secretary types live minutes: nothing committed is lost, no file breaks.

Each trial starts ``tests/soak/typist.py`` on the archive (which folds the
previous trial's journal, so kills also land in checkpoints), lets it type
and autosave for a random while, kills it with SIGKILL and opens the archive
again as the app would. Counted per trial: the archive opens, every other
meeting is untouched, every save reported committed is there, and the words
typed but not saved span at most 2 s.

Short version in the default suite; ``-m slow`` runs 200 trials at 1,000 meetings.
"""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quorum.store.records import MeetingStatus
from quorum.store.store import Store
from tests.soak.typist import ITEM

ROOT = Path(__file__).resolve().parents[2]
INTERVAL = 0.02  # a word every 20 ms: faster than anyone types
MAX_LOST_SECONDS = 2.0


def _words(notes: str) -> list[int]:
    return [int(w[1:]) for w in notes.split() if w[:1] == "w" and w[1:].isdigit()]


def run_trials(path: Path, trials: int, seed: int) -> dict[str, int | float]:
    rng = random.Random(seed)
    with Store.open(path) as store:
        target = next(m for m in store.meetings() if m.status == MeetingStatus.DRAFTED).id
        others = {k: v for k, v in store.snapshot()["meetings"].items() if k != target}
        count = len(store.snapshot()["meetings"])
    stats: dict[str, int | float] = {
        "trials": 0,
        "corrupt": 0,
        "lost_commits": 0,
        "killed_before_ready": 0,
        "max_lost_s": 0.0,
    }
    for _trial in range(trials):
        child = subprocess.Popen(
            [sys.executable, "-m", "tests.soak.typist", str(path), target, str(INTERVAL)],
            cwd=ROOT,
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None
        if rng.random() < 0.1:
            # Some kills land while the child opens (and folds the journal).
            time.sleep(rng.uniform(0.0, 0.4))
        else:
            first = child.stdout.readline()
            assert first.startswith("ready"), first
            time.sleep(rng.uniform(0.0, 1.2))
        os.kill(child.pid, signal.SIGKILL)
        child.wait()
        lines = child.stdout.read().split("\n")
        child.stdout.close()
        typed = [int(line.split()[1]) for line in lines if line.startswith("typed ")]
        saved = [int(line.split()[1]) for line in lines if line.startswith("saved ")]
        if not typed:
            stats["killed_before_ready"] += 1
        try:
            with Store.open(path) as store:
                meetings = store.snapshot()["meetings"]
                notes = store.meeting(target).agenda[ITEM].notes
                intact = len(meetings) == count and all(meetings[k] == v for k, v in others.items())
        except Exception:
            stats["corrupt"] += 1
            continue
        stats["trials"] += 1
        if not intact:
            stats["corrupt"] += 1
        words = _words(notes)
        kept = max(words, default=0)
        if words and words != list(range(words[0], kept + 1)):
            stats["corrupt"] += 1  # a gap or a repeat inside the notes
        if saved and kept < max(saved):
            stats["lost_commits"] += 1
        if typed:
            stats["max_lost_s"] = max(stats["max_lost_s"], (max(typed) - kept) * INTERVAL)
    return stats


def _check(stats: dict[str, int | float], trials: int) -> None:
    print(f"\nkill -9 soak: {stats}")
    assert stats["corrupt"] == 0, stats
    assert stats["lost_commits"] == 0, stats
    assert stats["trials"] == trials, stats
    assert stats["max_lost_s"] <= MAX_LOST_SECONDS, stats


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_during_autosave_short(archive):
    _check(run_trials(archive(100), trials=10, seed=1), 10)


@pytest.mark.slow
@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_kill_during_autosave_200_trials_at_1000_meetings(archive):
    trials = int(os.environ.get("QUORUM_SOAK_TRIALS", "200"))
    _check(run_trials(archive(1000), trials=trials, seed=2026), trials)
