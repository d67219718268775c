"""The store's fast paths (spans, copying checkpoints, lazy meetings, generator) keep their
meaning: the file is what orjson would write, and what is read equals what was saved."""

from __future__ import annotations

import io
import os

import orjson
import pytest

from quorum.store.archive import ArchiveDamaged, scan_archive, write_archive
from quorum.store.records import replace
from quorum.store.store import Store
from tests.bench.generate import generate


def _without_meta(snapshot: dict) -> dict:
    return {k: v for k, v in snapshot.items() if k != "_meta"}


def test_a_checkpoint_copying_spans_writes_what_orjson_would(tmp_path):
    path = generate(tmp_path / "a.json", meetings=12, seed=4)
    data = orjson.loads(path.read_bytes())
    fd = os.open(path, os.O_RDONLY)
    try:
        scanned = scan_archive(fd)
        tables = {
            name: dict(scanned.docs[name]) if name in scanned.docs else scanned.tables[name]
            for name in scanned.order
        }
        # Some meetings changed in memory, the others still spans of the old file.
        changed = list(data["meetings"])[3:6]
        for mid in changed:
            tables["meetings"][mid] = data["meetings"][mid]
        out = io.BytesIO()
        written = write_archive(out, tables, fd)
    finally:
        os.close(fd)
    assert out.getvalue() == orjson.dumps(data)
    for mid, span in written.docs["meetings"].items():
        body = out.getvalue()[span.offset : span.offset + span.length]
        assert orjson.loads(body) == data["meetings"][mid]
    empty = {"_meta": {"1": {"schema": 1}}, "meetings": {}}
    out = io.BytesIO()
    write_archive(out, empty)
    assert out.getvalue() == orjson.dumps(empty)


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


def test_meetings_are_parsed_when_used_and_equal_a_full_parse(tmp_path):
    path = generate(tmp_path / "a.json", meetings=15, seed=2)
    with Store.open(path) as store:
        assert store.db.verify()
        first = store.meetings()
        # Summaries list every meeting without making records of them.
        assert [s.id for s in store.summaries()] == [m.id for m in first]
        assert all(store.meeting(m.id) is m for m in first)  # held: the same record
        store.save_meeting(replace(first[0], title="Ändrad"))
    with Store.open(path) as again:  # from the sidecar written at the checkpoint
        assert again.db.identity is not None and not again.db.verified
        assert again.meeting(first[0].id).title == "Ändrad"
        assert again.meetings()[1:] == first[1:]
        assert again.db.verify()
    data = orjson.loads(path.read_bytes())
    assert data["meetings"][first[0].id]["title"] == "Ändrad"


def _split_at_an_edge(escape: str, block: int) -> dict:
    """An archive with a meeting whose long title has a block's edge right inside one
    ``escape`` (between its backslash and its character), braces just after it."""
    for shift in range(block):
        text = "x" * shift + ("ab" + escape + "{") * (block // 4) + "å"
        data = {
            "_meta": {"1": {"schema": 3, "generation": 1}},
            "networks": {"1": {"id": "1", "name": "N", "organiser": "y" * (2 * block)}},
            "meetings": {"1": {"id": "1", "title": text, "agenda": [{"n": "}"}]}},
        }
        raw = orjson.dumps(data)
        edge = (raw.index(b"ab\\", 2 * block) // block + 1) * block
        if raw[edge - 1 : edge] == b"\\" and raw[edge - 3 : edge - 1] == b"ab":
            return data
    raise AssertionError("no shift puts the edge inside the escape")


@pytest.mark.parametrize("escape", ["\\", '"'])
def test_the_scan_reads_strings_longer_than_a_block_with_an_escape_at_its_edge(tmp_path, escape):
    """A string many blocks long is read on from where each block ended (not from its
    start again), also when a block ends inside an escape."""
    from quorum.store.archive import BLOCK

    data = _split_at_an_edge(escape, BLOCK)
    raw = orjson.dumps(data)
    path = tmp_path / "long.json"
    path.write_bytes(raw)
    fd = os.open(path, os.O_RDONLY)
    try:
        scanned = scan_archive(fd)
    finally:
        os.close(fd)
    span = scanned.docs["meetings"]["1"]
    assert orjson.loads(raw[span.offset : span.offset + span.length]) == data["meetings"]["1"]
    assert scanned.tables["networks"] == data["networks"]
    path.write_bytes(raw[: span.offset + BLOCK])  # cut inside the long string
    fd = os.open(path, os.O_RDONLY)
    try:
        with pytest.raises(ArchiveDamaged):
            scan_archive(fd)
    finally:
        os.close(fd)
