"""``quorum restore`` acts only on a file that cannot be read (or with --force), under
the lock; ``quorum demo`` never leaves an empty database behind, even killed."""

from __future__ import annotations

import io
import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import orjson
import pytest

from quorum.store.store import Store
from quorum.tui.cli import main
from tests.faults.conftest import Db
from tests.faults.test_damaged_files import journal_flip

ROOT = Path(__file__).resolve().parents[2]


def run(*args: str) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(list(args), out=out, err=err)
    assert "Traceback" not in err.getvalue()
    return code, out.getvalue(), err.getvalue()


def names(path: Path) -> set[str]:
    with Store.open(path, readonly=True) as store:
        return {o.name for o in store.organisations()}


def test_restore_leaves_a_readable_file_alone_unless_forced(db: Db):
    before = db.files()
    code, _, err = run("restore", "--db", str(db.path))
    assert code == 1
    assert err.strip() == (
        f"{db.path} can be read, so restore leaves it as it is. Add --force to put the "
        "newest backup in its place anyway (the current file is kept beside it)."
    )
    assert db.files() == before
    everything = names(db.path)
    code, _, err = run("restore", "--force", "--db", str(db.path))
    assert code == 0 and "The broken file was kept as" in err
    kept = sorted(db.folder.glob("quorum.json.broken-*"))
    assert [p.read_bytes() for p in kept] == [before["quorum.json"]]
    # The journal is of the backup's generation: kept, it brings the backup up to date.
    assert db.journal.read_bytes() == before["quorum.json.journal"]
    assert names(db.path) == everything


def test_restore_is_refused_while_quorum_has_the_file_open(db: Db):
    holder = Store.open(db.path)  # another quorum, writing
    try:
        before = db.files()
        code, _, err = run("restore", "--force", "--db", str(db.path))
        assert code == 1
        assert f"quorum has {db.path} open (process {os.getpid()}" in err
        assert db.files() == before
    finally:
        holder.close()


def test_restore_of_a_damaged_journal_keeps_the_main_file_and_the_lines_before(db: Db):
    journal_flip(4, 30)(db)  # the last of three batches
    code, _, err = run("restore", "--db", str(db.path))
    assert code == 0
    assert "Kept" in err and "line 4" in err and "The journal was moved to" in err
    got = names(db.path)
    assert {"Journalkommun", "Andra raden"} <= got and "Sista raden" not in got


def test_restore_of_a_damaged_main_file_joins_the_backup_and_its_journal(db: Db):
    everything = names(db.path)
    db.path.write_bytes(db.path.read_bytes()[:100])
    code, _, err = run("restore", "--db", str(db.path))
    assert code == 0, err
    assert "changes in the journal since that backup are kept" in err
    assert names(db.path) == everything


# -- demo -------------------------------------------------------------------------------


def test_demo_refuses_a_database_with_records_and_replaces_an_empty_one(tmp_path: Path):
    path = tmp_path / "quorum.json"
    Store.open(path).close()  # what an interrupted demo of an older quorum left
    code, _, err = run("demo", "--db", str(path))
    assert code == 0, err
    before = path.read_bytes()
    code, _, err = run("demo", "--db", str(path))
    assert code == 1 and "already exists" in err
    assert path.read_bytes() == before


@pytest.mark.skipif(os.name != "posix", reason="kill -9 is POSIX")
def test_a_demo_killed_at_any_moment_leaves_nothing_a_demo_then_refuses(tmp_path: Path):
    rng = random.Random(13)
    for trial in range(12):
        path = tmp_path / f"demo-{trial}" / "quorum.json"
        path.parent.mkdir()
        child = subprocess.Popen(
            [sys.executable, "-m", "quorum.tui", "demo", "--db", str(path)],
            cwd=ROOT,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        time.sleep(rng.uniform(0.1, 0.7))  # the build takes about half a second
        child.send_signal(signal.SIGKILL)
        child.wait()
        if path.exists():  # it got to the rename: the whole demo is there
            assert names(path), trial
            continue
        code, _, err = run("demo", "--db", str(path))
        assert code == 0, (trial, err)
        assert names(path)
        assert not list(path.parent.glob("*.tmp-*")), trial  # the killed run's files cleaned


def test_restore_passes_over_a_backup_that_holds_the_same_broken_record(db: Db):
    good = sorted(db.folder.glob("quorum.json.backup-*"))[0]
    data = orjson.loads(db.path.read_bytes())
    data["people"]["9"]["email"] = 46701234567  # a hand edit ...
    db.path.write_bytes(orjson.dumps(data))
    newer = db.folder / "quorum.json.backup-2099-01-01"  # ... backed up the same day
    newer.write_bytes(db.path.read_bytes())
    code, _, err = run("list", "people", "--db", str(db.path))
    assert code == 1
    assert err.splitlines()[1] == (
        f"Restore the newest backup ({good}) with: quorum restore --db {db.path}"
    )
    code, _, err = run("restore", "--db", str(db.path))
    assert code == 0 and f"Restored {good} to {db.path}" in err
    code, _, _ = run("list", "people", "--db", str(db.path))
    assert code == 0


def test_no_restore_is_offered_when_no_backup_reads(db: Db):
    for backup in db.folder.glob("quorum.json.backup-*"):
        backup.write_bytes(b"{")
    db.path.write_bytes(b"")
    code, _, err = run("list", "people", "--db", str(db.path))
    assert code == 1 and len(err.splitlines()) == 1  # the sentence, no hint
    code, _, err = run("restore", "--db", str(db.path))
    assert code == 1
    assert err.strip() == "There is no backup next to the file that can be read."
