"""Hand-over without a server: ``quorum export network`` / ``quorum import network`` merge
by the sync's rules (UIDs identify records, the last exchanged version is the base)."""

from __future__ import annotations

import io
import json
from pathlib import Path

from quorum.store.records import replace
from quorum.store.store import Store
from quorum.store.sync_state import conflicts
from quorum.tui.cli import main
from tests.sync.world import add_members, coordinator_store, plan_meeting, record_minutes, view


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def _meeting(store: Store, network_id: str, uid: str):
    return next(m for m in store.meetings(network_id) if m.uid == uid)


def test_a_network_file_goes_back_and_forth_and_merges(tmp_path: Path) -> None:
    a_db, b_db = tmp_path / "a.json", tmp_path / "b.json"
    store, nid = coordinator_store(a_db)
    add_members(store, nid)
    uid = plan_meeting(store, nid)
    record_minutes(store, nid, uid)
    store.close()
    file = tmp_path / "natverket.json"
    code, _out, err = _cli("--db", str(a_db), "export", "network", nid, "-o", str(file))
    assert code == 0, err
    doc = json.loads(file.read_text(encoding="utf-8"))
    assert doc["format"] == "quorum-network" and len(doc["calendar"]) == 3
    assert _cli("--db", str(a_db), "export", "network", nid, "-o", str(file))[0] == 1  # no --force

    code, out, err = _cli("--db", str(b_db), "import", "network", str(file))
    assert code == 0, err
    with Store.open(a_db) as a, Store.open(b_db) as b:
        assert view(a, nid) == view(b, "1")
        # B edits one item, A another: no overlap
        m = _meeting(b, "1", uid)
        b.save_meeting(m.with_item(replace(m.item("a3"), notes="Från B.")))
        m = _meeting(a, nid, uid)
        a.save_meeting(m.with_item(replace(m.item("a1"), title="Från A")))
    code, _, err = _cli("--db", str(b_db), "export", "network", "1", "-o", str(file), "--force")
    assert code == 0, err
    code, out, err = _cli("--db", str(a_db), "import", "network", str(file))
    assert code == 0, err
    assert "1 merged" in out
    with Store.open(a_db) as a:
        m = _meeting(a, nid, uid)
        assert (m.item("a1").title, m.item("a3").notes) == ("Från A", "Från B.")
        assert conflicts(a, nid) == []


def test_an_overlapping_edit_in_a_network_file_is_a_conflict(tmp_path: Path) -> None:
    a_db, b_db = tmp_path / "a.json", tmp_path / "b.json"
    store, nid = coordinator_store(a_db)
    uid = plan_meeting(store, nid)
    store.close()
    file = tmp_path / "natverket.json"
    assert _cli("--db", str(a_db), "export", "network", nid, "-o", str(file))[0] == 0
    assert _cli("--db", str(b_db), "import", "network", str(file))[0] == 0
    for db, nid_, title in ((a_db, nid, "A:s rubrik"), (b_db, "1", "B:s rubrik")):
        with Store.open(db) as s:
            m = _meeting(s, nid_, uid)
            s.save_meeting(m.with_item(replace(m.item("a2"), title=title)))
    assert _cli("--db", str(b_db), "export", "network", "1", "-o", str(file), "--force")[0] == 0
    code, out, err = _cli("--db", str(a_db), "--lang", "sv", "import", "network", str(file))
    assert code == 0, err
    assert "Konflikt 1" in out and "A:s rubrik" in out and "B:s rubrik" in out
    assert "quorum sync resolve" in out
    code, out, err = _cli("--db", str(a_db), "sync", "resolve", nid, "1", "--keep", "theirs")
    assert code == 0, err
    with Store.open(a_db) as a:
        assert _meeting(a, nid, uid).item("a2").title == "B:s rubrik"
        assert conflicts(a, nid) == []


def test_a_file_that_is_no_network_is_one_sentence(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text("{}", encoding="utf-8")
    code, _out, err = _cli("--db", str(tmp_path / "q.json"), "import", "network", str(bad))
    assert code == 1 and err.count("\n") == 1 and "not a network file" in err


def test_a_network_moved_from_a_file_to_a_server_keeps_its_uids(radicale, tmp_path: Path) -> None:
    a_db = tmp_path / "a.json"
    store, nid = coordinator_store(a_db)
    add_members(store, nid)
    plan_meeting(store, nid)
    store.close()
    file = tmp_path / "natverket.json"
    assert _cli("--db", str(a_db), "export", "network", nid, "-o", str(file))[0] == 0
    with Store.open(a_db) as a:
        before = view(a, nid)
    args = ("--url", radicale.url, "--user", "u")
    code, _out, err = _cli("--db", str(a_db), "sync", "setup", nid, *args)
    assert code == 0, err
    code, _out, err = _cli("--db", str(tmp_path / "b.json"), "sync", "join", *args)
    assert code == 0, err
    code, _out, err = _cli("--db", str(tmp_path / "b.json"), "sync", "join", *args)
    assert code == 1 and "is here already" in err
    with Store.open(a_db) as a, Store.open(tmp_path / "b.json") as b:
        assert view(a, nid) == before == view(b, "1")
