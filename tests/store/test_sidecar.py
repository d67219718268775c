"""The derived files beside the archive (index and first-frame sidecar): used only when
they describe the file as it is, rebuilt when missing, stale or damaged, and never
trusted over the archive."""

from __future__ import annotations

import os

import orjson

from quorum.store import sidecar
from quorum.store.records import replace
from quorum.store.store import Store
from tests.bench.generate import generate


def _archive(tmp_path, meetings=12):
    return generate(tmp_path / "quorum.json", meetings=meetings, seed=6)


def test_a_checkpoint_writes_both_and_an_open_uses_them(tmp_path):
    path = _archive(tmp_path)
    index = sidecar.read_index(path)
    frame = sidecar.read(path)
    assert index is not None and frame is not None
    assert index.identity == frame.identity and index.identity.size == path.stat().st_size
    with Store.open(path) as store:
        assert not store.db.verified  # trusted on the sidecar's word until verified
        assert [s.id for s in store.summaries()] == [m.id for m in store.meetings()]
        first = store.networks()[0]
        assert frame.networks[0] == (first.id, first.name)
        assert [m.id for m in frame.meetings] == [s.id for s in store.summaries(first.id)][
            -len(frame.meetings) :
        ]
        assert frame.count == len(store.summaries(first.id))
        assert store.db.verify() and store.db.verified


def test_missing_stale_or_damaged_sidecars_are_rebuilt(tmp_path):
    path = _archive(tmp_path)
    with Store.open(path, readonly=True) as store:
        expected = store.snapshot()
    for damage in ("missing", "garbage", "shape", "stale"):
        for derived in (sidecar.index_path(path), sidecar.sidecar_path(path)):
            if damage == "missing":
                derived.unlink()
            elif damage == "garbage":
                derived.write_bytes(b"\x00{not json")
            elif damage == "shape":
                data = orjson.loads(derived.read_bytes())
                data["meetings"] = [["1", "x"]]
                derived.write_bytes(orjson.dumps(data))
            else:  # another file's: the size no longer matches
                data = orjson.loads(derived.read_bytes())
                data["size"] += 1
                derived.write_bytes(orjson.dumps(data))
        assert sidecar.read(path) is None and sidecar.read_index(path) is None
        with Store.open(path) as store:
            assert store.db.verified  # read block by block: nothing to verify after
            assert store.snapshot() == expected, damage
        assert sidecar.read_index(path) is not None, damage  # written again
        assert sidecar.read(path) is not None, damage


def test_the_archive_wins_over_a_sidecar_that_lies(tmp_path):
    """The same size, time and inode, other bytes (the file written in place by some
    tool): the first frame may show the sidecar's rows, but the verification after
    start finds the difference and the archive is read again."""
    path = _archive(tmp_path)
    with Store.open(path) as store:
        meeting = store.meetings()[0]
        old_title = meeting.title
        store.save_meeting(replace(meeting, title="Y" * len(old_title)))
    before = path.stat()
    raw = path.read_bytes()
    swapped = raw.replace(b"Y" * len(old_title), b"Z" * len(old_title))
    assert len(swapped) == len(raw) and swapped != raw
    with open(path, "r+b") as fh:  # in place: the inode stays
        fh.write(swapped)
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))
    assert sidecar.read(path) is not None  # the sidecar still believes it
    with Store.open(path) as store:
        assert not store.maintain()  # verified: it did not describe the file
        assert store.meeting(meeting.id).title == "Z" * len(old_title)
        assert [s.title for s in store.summaries() if s.id == meeting.id] == ["Z" * len(old_title)]
    frame = sidecar.read(path)
    assert frame is not None and sidecar.read_index(path) is not None
    assert "Y" * len(old_title) not in {m.title for m in frame.meetings}


def test_a_meeting_changed_in_place_is_refused_not_misread(tmp_path):
    """Bytes of one meeting changed under an open store: its span's CRC no longer
    matches, so reading it says so (a sentence), never returns other data."""
    import pytest

    from quorum.store.errors import DatabaseUnreadable

    path = _archive(tmp_path)
    store = Store.open(path, readonly=True)
    try:
        span = store.db.entries("meetings")[store.summaries()[-1].id]
        with open(path, "r+b") as fh:
            fh.seek(span.offset + 10)
            fh.write(b"#")
        with pytest.raises(DatabaseUnreadable) as err:
            store.meeting(store.summaries()[-1].id)
        assert "another program wrote into the file" in err.value.sentence("en")
    finally:
        store.close()


def test_the_first_frame_stays_small_for_a_long_archive(tmp_path):
    """However many meetings the first network has, the first frame keeps the upcoming
    ones and the latest held (what a screen shows first), says how many there are in
    all, and what the full table's widths depend on."""
    from datetime import UTC, datetime

    from rich.cells import cell_len

    path = generate(tmp_path / "quorum.json", meetings=700, seed=4)
    frame = sidecar.read(path)
    assert frame is not None
    with Store.open(path, readonly=True) as store:
        first = store.summaries(frame.networks[0][0])
    now = datetime.now(UTC)
    upcoming = [m for m in first if m.ends >= now]
    assert frame.count == len(first) == 140
    assert [m.id for m in frame.meetings] == [m.id for m in first][-len(upcoming) - 100 :]
    assert frame.title_width == max(cell_len(m.title) for m in first)
    assert set(frame.statuses) == {m.status for m in first}
    assert len(sidecar.sidecar_path(path).read_bytes()) < 40_000


def test_the_first_frame_lists_sub_networks_under_their_network_as_the_overview_does(tmp_path):
    from quorum.tui.overview_listing import Listing

    path = tmp_path / "q.json"
    with Store.open(path) as store:
        college = store.add_network(name="Teknikcollege Väst")
        store.add_network(name="Ämnesnätverket")
        store.add_network(name="Campus Ale", parent_id=college.id)
        store.add_network(name="Arbetsgrupp")
        listed = Listing.of_store(store).networks
    frame = sidecar.read(path)
    assert frame is not None
    assert frame.networks == listed
    assert [name for _, name in listed] == [
        "Arbetsgrupp",
        "Teknikcollege Väst",
        "  ↳ Campus Ale",
        "Ämnesnätverket",
    ]
