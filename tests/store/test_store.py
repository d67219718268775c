"""The store on a real TinyDB file: round trips, batches, lock, corruption, migration."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quorum.store.db import backups
from quorum.store.errors import DatabaseUnreadable, NotFound, ReadOnly, ValidationError
from quorum.store.migrations import CURRENT_SCHEMA
from quorum.store.records import AgendaItem, Membership, replace
from quorum.store.store import Store

ROOT = Path(__file__).resolve().parents[2]
STHLM = ZoneInfo("Europe/Stockholm")


def add_meeting(store: Store, network_id: str, **kw):
    start = datetime(2027, 3, 12, 9, tzinfo=STHLM)
    return store.add_meeting(
        network_id=network_id, title="Träff", start=start, end=start + timedelta(hours=3), **kw
    )


def test_every_record_survives_a_reopen(demo_store, db_path):
    before = {
        "networks": demo_store.networks(),
        "orgs": demo_store.organisations(),
        "people": demo_store.people(),
        "meetings": demo_store.meetings(),
    }
    demo_store.close()
    with Store.open(db_path) as again:
        assert again.networks() == before["networks"]
        assert again.organisations() == before["orgs"]
        assert again.people() == before["people"]
        assert again.meetings() == before["meetings"]


def test_journal_is_replayed_after_a_crash_without_close(db_path):
    store = Store.open(db_path)
    n = store.add_network(name="Nätverket")
    m = add_meeting(store, n.id)
    store.save_meeting(
        m.with_item(AgendaItem(id="x", title="y"))
        if m.agenda
        else replace(m, agenda=(AgendaItem(id="x", title="Punkt", notes="å ä ö"),))
    )
    # No close(): the lock file descriptor is dropped like a killed process would.
    store.db.lock.release()
    with Store.open(db_path) as again:
        assert again.meeting(m.id).agenda[0].notes == "å ä ö"


def test_batch_is_all_or_nothing(db_path):
    with Store.open(db_path) as store:
        n = store.add_network(name="N")
        with pytest.raises(ValidationError), store.batch():
            store.add_person(name="A", email="a@example.se", memberships=(Membership(n.id),))
            store.add_person(name="B", email="A@example.se", memberships=(Membership(n.id),))
        assert store.people() == []
    with Store.open(db_path) as store:
        assert store.people() == []


def test_duplicate_email_in_a_network_names_the_existing_person(db_path):
    with Store.open(db_path) as store:
        n = store.add_network(name="N")
        store.add_person(name="Åsa Öberg", email="asa@example.se", memberships=(Membership(n.id),))
        with pytest.raises(ValidationError) as info:
            store.add_person(name="Other", email="ASA@example.se", memberships=(Membership(n.id),))
        assert "Åsa Öberg" in info.value.sentence("en")


def test_find_by_id_name_and_date(demo_store):
    assert demo_store.find_network("1").name.startswith("Gymnasie")
    assert demo_store.find_network("skogsbygden").id == "1"
    m = demo_store.meetings()[2]
    assert demo_store.find_meeting(m.day.isoformat()) == m
    with pytest.raises(NotFound):
        demo_store.find_meeting("1999-01-01")


def test_second_writer_is_refused_with_the_owner_named(db_path):
    with Store.open(db_path):
        code = (
            "import sys\nfrom quorum.store.store import Store\n"
            "from quorum.store.errors import DatabaseLocked\n"
            f"try:\n    Store.open({str(db_path)!r})\nexcept DatabaseLocked as e:\n"
            "    print(e.sentence('en')); sys.exit(3)\n"
        )
        out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
        assert out.returncode == 3, out.stderr
        assert f"process {os.getpid()}" in out.stdout
        # Read-only opening is fine, and refuses writes.
        ro = Store.open(db_path, readonly=True)
        with pytest.raises(ReadOnly):
            ro.add_network(name="X")


def test_lock_is_released_on_close(db_path):
    Store.open(db_path).close()
    Store.open(db_path).close()


def test_two_processes_lose_no_update(db_path):
    """Two processes take turns: each opens, adds, closes. No update is lost."""
    Store.open(db_path).close()
    code = (
        "import sys, time\nfrom quorum.store.store import Store\n"
        "from quorum.store.errors import DatabaseLocked\n"
        "done = 0\n"
        "while done < 15:\n"
        "    try:\n"
        f"        s = Store.open({str(db_path)!r})\n"
        "    except DatabaseLocked:\n"
        "        time.sleep(0.005); continue\n"
        "    s.add_organisation(name=f'{sys.argv[1]}-{done}'); s.close(); done += 1\n"
    )
    procs = [subprocess.Popen([sys.executable, "-c", code, tag], cwd=ROOT) for tag in "ab"]
    for p in procs:
        assert p.wait(timeout=120) == 0
    with Store.open(db_path) as store:
        names = {o.name for o in store.organisations()}
    assert names == {f"{tag}-{i}" for tag in "ab" for i in range(15)}


def test_unparseable_file_is_never_overwritten(db_path):
    with Store.open(db_path) as store:
        store.add_network(name="N")
    backup = backups(db_path)[0]
    db_path.write_bytes(b'{"networks": {"1": {"name": "N"')  # torn by some other tool
    broken = db_path.read_bytes()
    with pytest.raises(DatabaseUnreadable) as info:
        Store.open(db_path)
    assert db_path.read_bytes() == broken
    assert str(db_path) in info.value.sentence("en")
    assert info.value.params["backup"] == str(backup)


def test_cli_restore_puts_the_newest_backup_back(db_path, capsys):
    from quorum.tui.cli import main

    with Store.open(db_path) as store:
        store.add_network(name="Nätverket")
    for old in backups(db_path):
        old.unlink()  # the next day: no backup of that day yet
    with Store.open(db_path) as store:
        store.maintain()  # what the app does in the background after start
    db_path.write_bytes(b"garbage")
    assert main(["list", "networks", "--db", str(db_path)]) == 1
    err = capsys.readouterr().err
    assert "cannot be read" in err and "quorum restore" in err and "Traceback" not in err
    assert main(["restore", "--db", str(db_path)]) == 0
    assert main(["list", "networks", "--db", str(db_path)]) == 0
    assert "Nätverket" in capsys.readouterr().out
    assert list(db_path.parent.glob("quorum.json.broken-*"))


def test_migration_from_version_1(tmp_path):
    path = tmp_path / "old.json"
    shutil.copy(Path(__file__).parent / "fixtures" / "v1.json", path)
    with Store.open(path) as store:
        m = store.meeting("1")
        assert m.start == datetime(2026, 6, 12, 9, tzinfo=STHLM)
        assert m.start.utcoffset() == timedelta(hours=2)
        assert [a.person_id for a in m.attendance] == ["1", None]
        assert m.attendance[1].guest_email == "gast@example.org"
    assert json.loads(path.read_text())["_meta"]["1"]["schema"] == CURRENT_SCHEMA
    assert (tmp_path / "old.json.pre-v1").exists()


def test_migration_to_version_3_freezes_the_paragraphs_of_approved_protokoll(tmp_path):
    """Until version 3 § numbers ran on through a network's protokoll, never restarting;
    an approved protokoll keeps the numbers it was approved with."""

    def meeting(mid: str, day: str, items: int, status: str, **kw: str) -> dict[str, object]:
        return {
            "id": mid,
            "network_id": kw.get("network", "1"),
            "title": "Träff",
            "start": f"{day}T09:00:00+01:00",
            "end": f"{day}T12:00:00+01:00",
            "formality": kw.get("formality", "formal"),
            "status": status,
            "agenda": [{"id": f"{mid}-{n}", "title": f"P {n}"} for n in range(items)],
        }

    meetings = [
        meeting("1", "2026-11-06", 8, "approved"),
        meeting("2", "2027-02-05", 5, "drafted"),  # counted, but not frozen: not approved
        meeting("3", "2027-03-12", 6, "published"),
        meeting("4", "2027-01-15", 9, "approved", formality="informal"),
        meeting("5", "2027-02-01", 4, "approved", network="2"),
        meeting("6", "2027-05-21", 7, "planned"),
    ]
    path = tmp_path / "v2.json"
    path.write_text(
        json.dumps(
            {
                "_meta": {"1": {"schema": 2, "generation": 0}},
                "networks": {n: {"id": n, "name": f"Nätverk {n}"} for n in ("1", "2")},
                "meetings": {m["id"]: m for m in meetings},
            }
        )
    )
    with Store.open(path) as store:
        frozen = {m.id: (m.paragraph_first, m.paragraph_count) for m in store.meetings()}
    assert frozen == {
        "1": (1, 8),
        "2": (None, 0),
        "3": (14, 6),
        "4": (None, 0),
        "5": (1, 4),
        "6": (None, 0),
    }
    assert (tmp_path / "v2.json.pre-v2").exists()


def test_newer_schema_is_refused(db_path):
    db_path.write_text(json.dumps({"_meta": {"1": {"schema": 99}}}))
    with pytest.raises(DatabaseUnreadable) as info:
        Store.open(db_path)
    assert info.value.key == "error.db_newer"


@pytest.mark.skipif(os.name != "posix", reason="POSIX permissions")
def test_files_are_readable_by_the_owner_only(demo_store, db_path):
    demo_store.checkpoint()
    for path in [db_path, *backups(db_path), db_path.with_name("quorum.json.lock")]:
        assert path.stat().st_mode & 0o077 == 0, path


def test_leftover_temp_files_are_cleaned_and_backups_roll(db_path):
    Store.open(db_path).close()
    leftover = db_path.with_name("quorum.json.tmp-123-456")
    leftover.write_bytes(b"x" * 100)
    for day in range(1, 9):
        db_path.with_name(f"quorum.json.backup-2020-01-0{day}").write_bytes(b"{}")
    with Store.open(db_path) as store:
        store.maintain()  # the background work after start: compress, today's, rotate
    assert not leftover.exists()
    kept = backups(db_path)
    assert len(kept) == 5 and all(path.name.endswith(".gz") for path in kept)
    assert kept[0].name.endswith(f"{date.today().isoformat()}.gz")


def test_many_random_edits_reload_equal(db_path):
    import random

    rng = random.Random(7)
    store = Store.open(db_path)
    n = store.add_network(name="N")
    meetings = [add_meeting(store, n.id) for _ in range(5)]
    for i in range(500):
        m = store.meeting(rng.choice(meetings).id)
        items = list(m.agenda)
        if items and rng.random() < 0.3:
            items.pop(rng.randrange(len(items)))
        else:
            items.append(AgendaItem(id=f"i{i}", title=f"Punkt {i}", notes="ä" * rng.randrange(50)))
        store.save_meeting(replace(m, agenda=tuple(items)))
        if i % 97 == 0:
            store.checkpoint()
    expected = store.snapshot()
    store.db.lock.release()  # crash: no final checkpoint
    with Store.open(db_path) as again:
        assert again.snapshot() == expected
