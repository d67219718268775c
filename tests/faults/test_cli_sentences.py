"""Every path of the CLI ends in a sentence and a non-zero exit, never a traceback —
including a reader that goes away (``| head``) and errors nobody planned for."""

from __future__ import annotations

import os
import subprocess
import sys
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quorum.store.errors import as_quorum_error
from quorum.store.store import Store
from tests.faults.conftest import Db

ROOT = Path(__file__).resolve().parents[2]


@pytest.mark.skipif(os.name != "posix", reason="a shell pipe")
def test_a_reader_that_goes_away_ends_quietly(tmp_path: Path):
    path = tmp_path / "quorum.json"
    start = datetime(2027, 1, 8, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
    with Store.open(path) as store, store.batch():
        network = store.add_network(name="Nätverket")
        for day in range(1500):  # more lines than a pipe holds
            begins = start + timedelta(days=day)
            store.add_meeting(
                network_id=network.id, title="Träff", start=begins, end=begins + timedelta(hours=3)
            )
    command = f"{sys.executable} -m quorum.tui list meetings --db {path} | head -2"
    done = subprocess.run(
        ["bash", "-o", "pipefail", "-c", command], cwd=ROOT, capture_output=True, text=True
    )
    assert len(done.stdout.splitlines()) == 2
    assert done.stderr == ""  # no traceback, no "Exception ignored"
    assert done.returncode == 141  # as a shell reports a tool cut off by SIGPIPE


@pytest.mark.skipif(os.name != "posix", reason="resource limits")
def test_too_little_memory_is_said_as_such_never_as_a_damaged_file(tmp_path: Path):
    import resource

    # orjson reports a failed allocation as a decode error at byte 0: taken for damage,
    # it offered to put a backup in place of a healthy file.
    path = tmp_path / "quorum.json"
    organiser = b"x" * 60_000_000
    path.write_bytes(
        b'{"_meta":{"1":{"schema":2,"generation":1}},"networks":{"1":{"id":"1","name":"N",'
        b'"organiser":"' + organiser + b'"}}}'
    )
    said = []
    for megabytes in (170, 250):  # Python itself needs about 120 MB to start

        def limit(size: int = megabytes << 20) -> None:
            resource.setrlimit(resource.RLIMIT_AS, (size, size))

        done = subprocess.run(
            [sys.executable, "-m", "quorum.tui", "list", "networks", "--db", str(path)],
            cwd=ROOT,
            capture_output=True,
            text=True,
            preexec_fn=limit,
        )
        assert "Traceback" not in done.stderr and "JSON" not in done.stderr, done.stderr
        said.append(done.stderr)
    expected = f"There is not enough memory to read {path}. The file has not been changed.\n"
    assert expected in said


def test_any_other_error_becomes_a_sentence():
    error = as_quorum_error(KeyError("start"))
    assert error.sentence("en") == (
        "quorum stopped on an unexpected error (KeyError: 'start'). What was saved before is kept."
    )
    assert error.sentence("sv").startswith("quorum avbröt på grund av ett oväntat fel (KeyError")
    assert as_quorum_error(MemoryError()).sentence("en") == (
        "quorum ran out of memory. What was saved before is kept."
    )


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
