"""The CLI contract: demo, list, --db anywhere, sentences instead of tracebacks."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from quorum.tui.cli import main

ROOT = Path(__file__).resolve().parent.parent


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "quorum.tui", *args],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_demo_then_list_meetings_json(tmp_path):
    db = tmp_path / "x.json"
    assert run("demo", "--db", str(db)).returncode == 0
    out = run("list", "meetings", "--db", str(db), "--json")
    assert out.returncode == 0, out.stderr
    rows = json.loads(out.stdout)
    assert len(rows) >= 5
    assert {"id", "start", "title", "status"} <= set(rows[0])
    assert rows[0]["start"][-6:] in ("+01:00", "+02:00")
    statuses = {r["status"] for r in rows}
    assert {"cancelled", "invited", "drafted"} <= statuses


def test_db_before_the_subcommand(tmp_path, capsys):
    db = tmp_path / "x.json"
    assert main(["--db", str(db), "demo"]) == 0
    assert main(["--db", str(db), "list", "people", "--json"]) == 0
    people = json.loads(capsys.readouterr().out)
    assert len(people) >= 25
    assert all(p["email"].endswith(("@example.se", "@example.org")) for p in people)


def test_demo_never_overwrites(tmp_path, capsys):
    db = tmp_path / "x.json"
    assert main(["demo", "--db", str(db)]) == 0
    before = db.read_bytes()
    assert main(["demo", "--db", str(db)]) == 1
    assert db.read_bytes() == before
    assert "already exists" in capsys.readouterr().err


def test_quorum_db_environment_variable(tmp_path, monkeypatch, capsys):
    db = tmp_path / "env.json"
    monkeypatch.setenv("QUORUM_DB", str(db))
    assert main(["demo"]) == 0
    assert db.exists()
    assert main(["list", "networks"]) == 0
    assert "Skogsbygden" in capsys.readouterr().out


@pytest.mark.parametrize(
    "argv",
    [
        ["list", "bogus"],
        ["export", "plan", "1"],  # --year missing
        ["--lang", "xx"],
        ["export", "plan", "1", "--year", "twenty"],
    ],
)
def test_bad_arguments_give_a_sentence_and_no_traceback(argv, capsys):
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.strip() and "Traceback" not in err


def test_unknown_network_is_a_sentence(tmp_path, capsys):
    db = tmp_path / "x.json"
    main(["demo", "--db", str(db)])
    capsys.readouterr()
    assert main(["list", "meetings", "--network", "Atlantis", "--db", str(db)]) == 1
    assert "Atlantis" in capsys.readouterr().err


def test_swedish_messages(tmp_path, capsys):
    db = tmp_path / "x.json"
    main(["demo", "--db", str(db)])
    capsys.readouterr()
    assert main(["--lang", "sv", "list", "meetings", "--network", "Atlantis", "--db", str(db)]) == 1
    assert "Hittar inget nätverk" in capsys.readouterr().err


def test_subprocess_has_no_traceback_on_a_directory(tmp_path):
    out = run("list", "networks", "--db", str(tmp_path))
    assert out.returncode != 0 and "Traceback" not in out.stderr and out.stderr.strip()
