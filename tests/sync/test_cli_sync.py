"""The sync commands as a user types them: setup, --links, share, usage mistakes."""

from __future__ import annotations

import io
from pathlib import Path

from quorum.tui.cli import main
from tests.sync.servers import Server
from tests.sync.world import add_members, coordinator_store


def _cli(*argv: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    return main(list(argv), out=out, err=err), out.getvalue(), err.getvalue()


def test_setup_links_and_share(radicale: Server, tmp_path: Path) -> None:
    db = tmp_path / "q.json"
    store, nid = coordinator_store(db)
    add_members(store, nid)
    store.close()
    code, out, err = _cli(
        "--db",
        str(db),
        "--lang",
        "sv",
        "sync",
        "setup",
        "Gymnasie",
        "--url",
        radicale.url,
        "--user",
        "anna",
    )
    assert code == 0, err
    assert "är kopplat till servern" in out and "4 skickade" not in out
    code, out, err = _cli("--db", str(db), "sync", "Gymnasie", "--links")
    assert code == 0, err
    calendar = f"{radicale.url}anna/quorum-gymnasienatverket-skaraborg/"
    assert f"(CalDAV): {calendar}" in out
    assert "webcal://127.0.0.1:" in out and ".ics feed" in out
    code, out, err = _cli(
        "--db", str(db), "sync", "share", "Gymnasie", "Märta", "--email", "nej", "--phone", "no"
    )
    assert code == 0, err
    assert "e-mail no, phone no" in out
    code, out, err = _cli("--db", str(db), "sync", "Gymnasie")
    assert code == 0 and "1 sent" in out, out + err


def test_usage_mistakes_are_one_sentence(tmp_path: Path) -> None:
    db = str(tmp_path / "q.json")
    code, _out, err = _cli("--db", db, "sync", "setup", "X", "--url", "http://127.0.0.1:9/")
    assert code == 2 and err.strip() == "Give --user."
    code, _out, err = _cli("--db", db, "sync", "setup")
    assert code == 2 and err.startswith("Use: quorum sync setup")
    code, _out, err = _cli("--db", db, "sync", "Nätverket", "--links")
    assert code == 1 and err.count("\n") == 1


def test_a_network_with_no_server_says_so_before_any_password(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    # Without QUORUM_SYNC_PASSWORD and no terminal the password cannot be had: the
    # sentence must still be the one that helps (connect it first).
    monkeypatch.delenv("QUORUM_SYNC_PASSWORD", raising=False)
    db = str(tmp_path / "q.json")
    assert _cli("demo", "--db", db)[0] == 0
    code, _, err = _cli("--lang", "en", "sync", "1", "--db", db)
    assert code == 1 and "is not connected to a server" in err, err
