"""Two quorum instances on one file: the second is read-only, no update is lost.

Rounds of two processes started together on one archive, each opening it as
the app does and adding to a counter. Whichever gets the lock writes; the
other opens read-only and its save is refused. After every round the counter
equals the sum of what the writers reported.

Short version in the default suite; ``-m slow`` runs 50 rounds at 1,000 meetings.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

from quorum.store.errors import DatabaseLocked
from quorum.store.records import replace
from quorum.store.store import Store
from tests.soak.incrementer import ITEM

ROOT = Path(__file__).resolve().parents[2]


def _counter(path: Path, meeting_id: str) -> int:
    with Store.open(path, readonly=True) as store:
        return int(store.meeting(meeting_id).agenda[ITEM].notes or "0")


def run_rounds(path: Path, rounds: int, steps: int) -> dict[str, int]:
    with Store.open(path) as store:
        meeting = store.meetings()[0]
        store.save_meeting(meeting.with_item(replace(meeting.agenda[ITEM], notes="0")))
        meeting_id = meeting.id
    stats = {"rounds": 0, "writes": 0, "refused": 0, "both_wrote": 0, "no_writer": 0, "lost": 0}
    expected = 0
    for _ in range(rounds):
        children = [
            subprocess.Popen(
                [
                    sys.executable,
                    "-m",
                    "tests.soak.incrementer",
                    str(path),
                    meeting_id,
                    str(steps),
                    "0.3",
                ],
                cwd=ROOT,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                text=True,
            )
            for _ in range(2)
        ]
        outputs = [c.communicate(timeout=120) for c in children]
        for child, (_out, err) in zip(children, outputs, strict=True):
            assert child.returncode == 0, err
        said = [out.strip() for out, _ in outputs]
        writers = [int(s.split()[1]) for s in said if s.startswith("writer")]
        stats["refused"] += sum(s == "readonly refused" for s in said)
        # Both may write when the first has finished before the second opens;
        # never at the same time, or one's updates would be lost below.
        stats["both_wrote"] += len(writers) == 2
        stats["no_writer"] += not writers
        expected += sum(writers)
        stats["writes"] += sum(writers)
        stats["lost"] += max(0, expected - _counter(path, meeting_id))
        expected = _counter(path, meeting_id)
        stats["rounds"] += 1
    return stats


def test_second_writer_is_refused_in_process(archive):
    path = archive(100)
    with Store.open(path), pytest.raises(DatabaseLocked):
        Store.open(path)


def test_two_instances_short(archive):
    stats = run_rounds(archive(100), rounds=3, steps=20)
    print(f"\ntwo instances: {stats}")
    assert stats["lost"] == 0, stats
    assert stats["refused"] >= 1 and stats["no_writer"] == 0, stats


@pytest.mark.slow
def test_two_instances_50_rounds_at_1000_meetings(archive):
    stats = run_rounds(archive(1000), rounds=50, steps=50)
    print(f"\ntwo instances: {stats}")
    assert stats["lost"] == 0, stats
    assert stats["refused"] >= 25 and stats["no_writer"] == 0, stats
