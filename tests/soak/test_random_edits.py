"""Random edits through the store API, then a reload equals what was in memory.

Edits of every kind (notes typed, items added and removed, attendance,
meetings added and deleted, people and organisations renamed, batches that
commit and batches that fail and roll back, checkpoints), on a generated
archive. The journal passes its checkpoint size several times on the way.
Checked: a read-only open beside the writer (main file + journal replay) and
a reopen after close both equal the writer's memory, document for document
and record for record.

Short version (1,000 edits) in the default suite; ``-m slow`` runs 10,000.
"""

from __future__ import annotations

import random
from datetime import timedelta
from pathlib import Path

import pytest

from quorum.store.records import AgendaItem, Attendance, Decision, ItemKind, Presence, replace
from quorum.store.store import Store


class Rollback(Exception):
    pass


def _edit(store: Store, rng: random.Random, step: int) -> None:
    meetings = store.meetings()
    roll = rng.random()
    m = rng.choice(meetings)
    if roll < 0.45:  # a note typed (the common case)
        i = rng.randrange(len(m.agenda)) if m.agenda else None
        if i is None:
            return
        item = m.agenda[i]
        store.save_meeting(m.with_item(replace(item, notes=f"{item.notes} ändring {step} åäö")))
    elif roll < 0.55:  # an item added or removed
        if m.agenda and rng.random() < 0.5:
            gone = rng.choice(m.agenda).id
            store.save_meeting(replace(m, agenda=tuple(i for i in m.agenda if i.id != gone)))
        else:
            item = AgendaItem(
                id=f"r{step}",
                title=f"Punkt {step}",
                kind=ItemKind.DISCUSSION,
                decisions=(Decision(f"d{step}", f"Beslut {step}"),),
            )
            store.save_meeting(replace(m, agenda=(*m.agenda, item)))
    elif roll < 0.65 and m.attendance:  # attendance taken
        j = rng.randrange(len(m.attendance))
        who = replace(m.attendance[j], presence=rng.choice(list(Presence)))
        store.save_meeting(replace(m, attendance=(*m.attendance[:j], who, *m.attendance[j + 1 :])))
    elif roll < 0.72:  # a meeting added, moved or deleted
        choice = rng.random()
        if choice < 0.4:
            store.add_meeting(
                network_id=m.network_id,
                title=f"Extra möte {step}",
                start=m.start + timedelta(days=1),
                end=m.end + timedelta(days=1),
                attendance=(Attendance(guest_name=f"Gäst {step}"),),
            )
        elif choice < 0.7 and len(meetings) > 5:
            store.delete_meeting(m.id)
        else:
            store.save_meeting(
                replace(m, start=m.start + timedelta(hours=1), end=m.end + timedelta(hours=1))
            )
    elif roll < 0.8:  # the roster
        if rng.random() < 0.5:
            p = rng.choice(store.people())
            store.save_person(replace(p, title=f"titel {step}"))
        else:
            o = rng.choice(store.organisations())
            store.save_organisation(replace(o, name=f"{o.name.split(' #')[0]} #{step}"))
    elif roll < 0.9:  # a batch that commits
        with store.batch():
            for other in rng.sample(meetings, min(3, len(meetings))):
                store.save_meeting(replace(other, place=f"Rum {step}"))
            store.add_organisation(name=f"Ny organisation {step}")
    elif roll < 0.97:  # a batch that fails: nothing of it may remain
        with pytest.raises(Rollback), store.batch():
            store.save_meeting(replace(m, title=f"Aldrig sparad {step}"))
            store.add_organisation(name=f"Aldrig sparad {step}")
            raise Rollback
    else:
        store.checkpoint()


def _records(store: Store) -> tuple:
    return (store.networks(), store.organisations(), store.people(), store.meetings())


def run_edits(path: Path, edits: int, seed: int) -> dict[str, int]:
    rng = random.Random(seed)
    store = Store.open(path)
    generations = store.db.generation
    try:
        for step in range(edits):
            _edit(store, rng, step)
        memory, records = store.snapshot(), _records(store)
        with Store.open(path, readonly=True) as beside:  # main file + journal, writer still open
            assert beside.snapshot() == memory
            assert _records(beside) == records
        checkpoints = store.db.generation - generations
    finally:
        store.close()
    with Store.open(path) as again:
        assert again.snapshot() == memory
        assert _records(again) == records
    return {"edits": edits, "checkpoints": checkpoints, "meetings": len(records[3])}


def test_random_edits_short(archive):
    stats = run_edits(archive(100), edits=1000, seed=3)
    print(f"\nrandom edits: {stats}")
    assert stats["checkpoints"] >= 1


@pytest.mark.slow
def test_random_edits_10000(archive):
    stats = run_edits(archive(1000), edits=10_000, seed=2026)
    print(f"\nrandom edits: {stats}")
