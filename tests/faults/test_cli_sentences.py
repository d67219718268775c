"""Every path of the CLI ends in a sentence and a non-zero exit, never a traceback —
including a reader that goes away (``| head``) and errors nobody planned for."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from pathlib import Path

import pytest

from quorum.store.store import Store
from quorum.tui.cli import main
from tests.faults.conftest import Db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name != "posix", reason="a shell pipe")
def test_a_reader_that_goes_away_ends_quietly(tmp_path: Path):
    path = tmp_path / "quorum.json"
    with Store.open(path) as store, store.batch():
        network = store.add_network(name="Nätverket")
        for i in range(1500):  # more than a pipe holds
            store.add_organisation(name=f"Kommun {i}")
    people = "\n".join(f"Person {i};p{i}@example.se;medlem" for i in range(1500))
    (tmp_path / "people.csv").write_text("Namn;E-post;Roll\n" + people, encoding="utf-8")
    assert (
        main(
            [
                "import",
                "people",
                str(tmp_path / "people.csv"),
                "--network",
                network.id,
                "--db",
                str(path),
            ],
            out=io.StringIO(),
            err=io.StringIO(),
        )
        == 0
    )
    command = f"{sys.executable} -m quorum.tui list people --db {path} | head -2"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=ROOT, capture_output=True, text=True
    )
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr == ""  # no traceback, no "Exception ignored"
    assert done.returncode == 141  # as a shell reports a tool cut off by SIGPIPE


def test_an_unplanned_error_ends_in_a_sentence(db: Db):
    err = io.StringIO()
    code = main(
        ["export", "plan", "1", "--year", "99999", "--db", str(db.path)], out=io.StringIO(), err=err
    )
    assert code == 1
    assert err.getvalue().startswith("quorum stopped on an unexpected error (ValueError: ")
    assert "Traceback" not in err.getvalue()


def test_output_to_a_full_device_ends_in_a_sentence(db: Db):
    if not Path("/dev/full").exists():
        pytest.skip("no /dev/full")
    command = [
        sys.executable,
        "-m",
        "quorum.tui",
        "--lang",
        "sv",
        "list",
        "meetings",
        "--db",
        str(db.path),
    ]
    with open("/dev/full", "w") as full:
        done = subprocess.run(command, cwd=ROOT, stdout=full, stderr=subprocess.PIPE, text=True)
    assert done.returncode == 1
    assert done.stderr == "Kunde inte läsa eller skriva: disken är full.\n"
