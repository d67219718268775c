"""Server down, wrong password, a forbidden collection: one sentence, a non-zero exit,
nothing lost; the changes go out at the next sync that reaches the server."""

from __future__ import annotations

import io
from pathlib import Path

import pytest

from quorum.store.store import Store
from quorum.store.sync_state import Link, link, save_link
from quorum.tui.cli import main
from tests.sync.servers import Server, running, start
from tests.sync.world import add_members, coordinator_store, plan_meeting, view


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(argv), out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def _one_sentence(err: str) -> None:
    assert err.count("\n") == 1 and "Traceback" not in err, err


def test_server_down_keeps_the_queue_and_sends_it_later(tmp_path: Path) -> None:
    db = tmp_path / "coordinator.json"
    store, nid = coordinator_store(db)
    server = start("radicale", tmp_path / "radicale")
    store.close()
    code, _, err = _cli(
        "--db", str(db), "--lang", "sv", "sync", "setup", nid, "--url", server.url, "--user", "u"
    )
    assert code == 0, err
    server.stop()
    with Store.open(db) as store:
        add_members(store, nid)
        plan_meeting(store, nid)
    code, out, err = _cli("--db", str(db), "--lang", "sv", "sync", nid)
    assert code == 1 and out == ""
    _one_sentence(err)
    assert "svarar inte" in err
    port = int(server.url.rsplit(":", 1)[1].strip("/"))
    again = start("radicale", tmp_path / "radicale", port=port)
    try:
        code, out, err = _cli("--db", str(db), "sync", nid)
        assert code == 0, err
        assert "3 sent" in out  # two people and the meeting, queued while it was down
        other = tmp_path / "host.json"
        code, _, err = _cli("--db", str(other), "sync", "join", "--url", again.url, "--user", "u")
        assert code == 0, err
        with Store.open(db) as a, Store.open(other) as b:
            assert view(a, nid) == view(b, "1")
    finally:
        again.stop()


def test_wrong_password_is_one_sentence(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    db = tmp_path / "coordinator.json"
    store, nid = coordinator_store(db)
    store.close()
    with running("radicale", tmp_path / "radicale", users={"anna": "rätt"}) as server:
        monkeypatch.setenv("QUORUM_SYNC_PASSWORD", "fel")
        code, _out, err = _cli(
            "--db", str(db), "sync", "setup", nid, "--url", server.url, "--user", "anna"
        )
        assert code == 1
        _one_sentence(err)
        assert "did not accept the user name or password" in err
        monkeypatch.setenv("QUORUM_SYNC_PASSWORD", "rätt")
        code, _out, err = _cli(
            "--db", str(db), "sync", "setup", nid, "--url", server.url, "--user", "anna"
        )
        assert code == 0, err


def test_a_forbidden_collection_is_one_sentence(tmp_path: Path) -> None:
    users = {"anna": "hemligt", "bertil": "hemligt"}
    with running("radicale", tmp_path / "radicale", users=users) as server:
        _forbidden(tmp_path, server)


def _forbidden(tmp_path: Path, radicale: Server) -> None:
    db = tmp_path / "coordinator.json"
    store, nid = coordinator_store(db)
    store.close()
    code, _, err = _cli(
        "--db", str(db), "sync", "setup", nid, "--url", radicale.url, "--user", "anna"
    )
    assert code == 0, err
    with Store.open(db) as store:
        # Radicale lets each user into their own collections only.
        value = link(store, nid)
        save_link(store, Link(**{**value.doc(), "user": "bertil"}))
        meeting_uid = plan_meeting(store, nid)
        assert meeting_uid
    code, _out, err = _cli("--db", str(db), "--lang", "sv", "sync", nid)
    assert code == 1
    _one_sentence(err)
    assert "får inte läsa eller ändra" in err


def test_no_password_and_no_terminal_is_one_sentence(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("QUORUM_SYNC_PASSWORD")
    monkeypatch.setattr("sys.stdin", io.StringIO(""))
    code, _out, err = _cli(
        "--db",
        str(tmp_path / "q.json"),
        "sync",
        "join",
        "--url",
        "http://127.0.0.1:9/",
        "--user",
        "u",
    )
    assert code == 1
    _one_sentence(err)
    assert "QUORUM_SYNC_PASSWORD" in err
