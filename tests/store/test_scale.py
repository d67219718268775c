"""The store's fast paths (chunked checkpoint, cache warm-up, generator) keep their meaning."""

from __future__ import annotations

import orjson

from quorum.store.db import _dump_chunks
from quorum.store.store import Store
from tests.bench.generate import generate


def _without_meta(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k != "_meta"}


def test_checkpoint_bytes_are_orjson_of_the_whole(tmp_path):
    path = generate(tmp_path / "a.json", meetings=12, seed=4)
    data = orjson.loads(path.read_bytes())
    assert b"".join(_dump_chunks(data)) == orjson.dumps(data)
    empty = {"_meta": {"1": {"schema": 1}}, "meetings": {}}
    assert b"".join(_dump_chunks(empty)) == orjson.dumps(empty)


def test_generator_is_deterministic_and_realistic(tmp_path):
    a = generate(tmp_path / "a.json", meetings=20, seed=9)
    b = generate(tmp_path / "b.json", meetings=20, seed=9)
    with Store.open(a, readonly=True) as sa, Store.open(b, readonly=True) as sb:
        assert _without_meta(sa.snapshot()) == _without_meta(sb.snapshot())
        meetings = sa.meetings()
        assert len(meetings) == 20 and len(sa.networks()) >= 3
        held = [m for m in meetings if any(i.notes for i in m.agenda)]
        assert held and all(len(m.agenda) == 12 and len(m.attendance) == 15 for m in meetings)
        assert any("å" in i.notes or "ä" in i.notes for m in held for i in m.agenda)
        assert any(i.decisions for m in held for i in m.agenda)
        assert any(i.actions for m in held for i in m.agenda)


def test_warm_converts_every_record_once(tmp_path):
    path = generate(tmp_path / "a.json", meetings=15, seed=2)
    with Store.open(path, readonly=True) as store:
        store.warm()
        cached = store.meetings()
        assert len(cached) == 15
        assert all(store.meeting(m.id) is m for m in cached)
    with Store.open(path, readonly=True) as cold:
        assert cold.meetings() == cached
