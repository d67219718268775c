"""The search index kept beside the archive: what it finds is what the archive holds now.

It is derived: written by ``Store.keep_search_index``, brought up to date with every
save, and a missing, damaged or stale one (from another state of the archive) never
changes a result, only what it costs.
"""

from __future__ import annotations

import shutil

from quorum.store import search_base
from quorum.store.records import replace
from quorum.store.search import SearchIndex
from quorum.store.store import Store
from tests.bench.generate import generate

QUERIES = ["lovskolor samordna", "åtgärd", "skola", '"och att"', "e-post", "zzzqqq", "s", "2025"]


def _found(hits):
    return [(h.meeting_id, h.field, h.item_id, h.ref_id, h.snippet) for h in hits]


def _fresh(store: Store, query: str, limit: int | None = None):
    """What an index built now from every meeting record finds."""
    return _found(SearchIndex.build(store.meetings()).search(query, limit=limit))


def test_the_kept_index_finds_what_a_fresh_one_does(tmp_path):
    path = generate(tmp_path / "a.json", meetings=40, seed=3)
    with Store.open(path) as store:
        store.keep_search_index()
        assert search_base.search_path(path).exists()
        for query in QUERIES:
            assert _found(store.search(query)) == _fresh(store, query), query
            assert _found(store.search(query, limit=7)) == _fresh(store, query, 7), query
        network = store.networks()[1].id
        kept = store.search("skola", network_id=network)
        assert kept and {h.network_id for h in kept} == {network}
    with Store.open(path, readonly=True) as again:
        index = again.search_index()  # read from the file: nothing to index again
        assert len(index) == 40 and not index.overlay and not index.dead
        assert _found(again.search("lovskolor")) == _fresh(again, "lovskolor")


def test_saves_reach_the_index_at_once_and_after_a_reopen(tmp_path):
    path = generate(tmp_path / "a.json", meetings=30, seed=5)
    with Store.open(path) as store:
        store.keep_search_index()
        meetings = store.meetings()
        first, gone = meetings[-1], meetings[3]
        item = first.agenda[2]
        store.save_meeting(first.with_item(replace(item, notes="Kvastfening på schemat.")))
        assert [h.meeting_id for h in store.search("kvastfening")] == [first.id]
        store.delete_meeting(gone.id)
        assert gone.id not in {h.meeting_id for h in store.search("skola")}
        added = store.add_meeting(
            network_id=first.network_id,
            title="Extrainsatt zebramöte",
            start=first.start,
            end=first.end,
        )
        assert [h.meeting_id for h in store.search("zebramöte")] == [added.id]
        for query in [*QUERIES, "kvastfening"]:
            assert _found(store.search(query)) == _fresh(store, query), query
    # The file still holds the index as written: reopened, the saves are found again.
    with Store.open(path) as again:
        assert [h.meeting_id for h in again.search("kvastfening")] == [first.id]
        for query in QUERIES:
            assert _found(again.search(query)) == _fresh(again, query), query


def test_a_damaged_or_foreign_index_changes_no_result(tmp_path):
    path = generate(tmp_path / "a.json", meetings=25, seed=8)
    other = generate(tmp_path / "b.json", meetings=25, seed=9)
    with Store.open(other) as store:
        store.keep_search_index()
    with Store.open(path) as store:
        expected = {q: _fresh(store, q) for q in QUERIES}
    kept = search_base.search_path(path)
    for damage in (b"", b"garbage\n", b'{"format": 1}\n'):
        kept.write_bytes(damage)
        with Store.open(path) as store:
            assert {q: _found(store.search(q)) for q in QUERIES} == expected
    # Another archive's index (every meeting differs): each meeting is indexed anew.
    shutil.copyfile(search_base.search_path(other), kept)
    with Store.open(path) as store:
        assert {q: _found(store.search(q)) for q in QUERIES} == expected
        store.keep_search_index()  # so many differ that it is written anew
        assert search_base.markers(path) == {
            mid: (span.crc, span.length) for mid, span in store.db.entries("meetings").items()
        }
    truncated = kept.read_bytes()[:-100]
    kept.write_bytes(truncated)
    with Store.open(path) as store:
        assert {q: _found(store.search(q)) for q in QUERIES} == expected
