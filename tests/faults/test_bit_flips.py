"""Every bit flip and every cut, at each part of the journal and the main file: each
ends in a state the database was in, or in a refusal with a sentence — never in
less data with no word.

A cut in the middle of a journal line is a torn tail (a crash leaves one): dropped.
A cut at a line's end cannot be told from a crash before the next save: the state
of that moment. A flipped bit inside a text value of the main file changes that
text (the main file is JSON a person may edit, so it carries no checksum); the
sweep checks no value, field or record is lost.
"""

from __future__ import annotations

import os
import re
import shutil
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import Any

import pytest

from quorum.store.errors import DatabaseUnreadable
from quorum.store.records import AgendaItem, Attendance, replace
from quorum.store.store import Store
from tests.faults.conftest import Db, abandon, journal_lines

# The whole sweep over the main file, every byte and every bit, with QUORUM_FAULT_STRIDE=1
# (a few minutes); by default every fifth byte, two bits each.
STRIDE = int(os.environ.get("QUORUM_FAULT_STRIDE", "5"))
BITS = range(8) if STRIDE == 1 else (1, 5)


def read(db: Db) -> dict[str, Any] | DatabaseUnreadable:
    try:
        return db.snapshot()
    except DatabaseUnreadable as err:
        for lang in ("en", "sv"):  # every placeholder filled in
            assert not re.search(r"\{[a-z_]+\}", err.sentence(lang)), err.sentence(lang)
        return err


def flipped_states(
    db: Db, path: Path, stride: int, bits: Iterable[int]
) -> Iterator[tuple[int, int, dict[str, Any] | DatabaseUnreadable]]:
    """What the database reads as with one bit of ``path`` flipped, for each offset and bit."""
    raw = path.read_bytes()
    for offset in range(0, len(raw), stride):
        for bit in bits:
            flipped = bytearray(raw)
            flipped[offset] ^= 1 << bit
            path.write_bytes(bytes(flipped))
            yield offset, bit, read(db)
    path.write_bytes(raw)


def states_of(template: Db, tmp_path: Path) -> list[dict[str, Any]]:
    """The states the template's database went through: the main file, then after
    each of the journal's batches."""
    lines = template.journal.read_bytes().split(b"\n")
    states = []
    for keep in range(1, len(lines)):
        folder = tmp_path / f"state-{keep}"
        shutil.copytree(template.folder, folder)
        db = Db(folder / template.path.name)
        db.journal.write_bytes(b"\n".join(lines[:keep]) + b"\n")
        states.append(db.snapshot())
    return states


def test_a_cut_journal_opens_as_a_state_it_was_in(template: Db, tmp_path: Path):
    states = states_of(template, tmp_path)
    raw = template.journal.read_bytes()
    db = Db(tmp_path / "cut" / template.path.name)
    shutil.copytree(template.folder, db.folder)
    ends = [i + 1 for i, byte in enumerate(raw) if byte == ord("\n")]
    for cut in range(len(raw) + 1):
        db.journal.write_bytes(raw[:cut])
        state = read(db)
        assert not isinstance(state, DatabaseUnreadable), (cut, state)
        whole_lines = max([i for i, end in enumerate(ends) if end <= cut], default=-1) + 1
        # A cut one byte short of a newline leaves a line that lost only its newline: kept.
        if cut + 1 in ends:
            whole_lines += 1
        assert state == states[max(whole_lines, 1) - 1], cut


def test_every_bit_flip_in_the_journal_is_refused_or_harmless(template: Db, tmp_path: Path):
    full = template.snapshot()
    raw = template.journal.read_bytes()
    db = Db(tmp_path / "flip" / template.path.name)
    shutil.copytree(template.folder, db.folder)
    refused = 0
    for offset, bit, state in flipped_states(db, db.journal, 1, (0, 3, 6)):
        if isinstance(state, DatabaseUnreadable):
            refused += 1
            assert state.key == "error.journal_damaged", (offset, bit, state.key)
        else:
            assert state == full, (offset, bit)  # e.g. a newline changed, its line intact
    assert refused > len(raw) * 3 * 0.95


def small_database(folder: Path) -> Db:
    """One of each record with a journal of three batches: small enough to flip every
    byte of its main file."""
    db = Db(folder / "quorum.json")
    folder.mkdir()
    with Store.open(db.path) as store:
        network = store.add_network(name="Nätverket", organiser="Åsa")
        org = store.add_organisation(name="Ekby kommun")
        person = store.add_person(name="Åsa Öberg", email="asa@example.se", org_id=org.id)
        from datetime import datetime
        from zoneinfo import ZoneInfo

        start = datetime(2027, 3, 12, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
        meeting = store.add_meeting(
            network_id=network.id, title="Träff", start=start, end=start.replace(hour=12)
        )
        item = AgendaItem(id="a1", title="Ekonomi", notes="Budgeten", minutes=20)
        store.save_meeting(
            replace(meeting, agenda=(item,), attendance=(Attendance(person_id=person.id),))
        )
    store = Store.open(db.path)
    store.add_organisation(name="Väster")
    store.update_meeting(meeting.id, place="Rum 1")
    store.add_organisation(name="Öster")
    abandon(store)
    assert len(journal_lines(db)) == 4
    return db


def present(state: dict[str, Any]) -> set[str]:
    """Every non-empty value's place: a record, a field, an element."""
    places: set[str] = set()

    def walk(value: Any, at: str) -> None:
        if value in (None, "", [], {}):
            return
        places.add(at)
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(inner, f"{at}.{key}")
        elif isinstance(value, list):
            for index, inner in enumerate(value):
                walk(inner, f"{at}[{index}]")

    for table, docs in state.items():
        for doc_id, doc in docs.items():
            walk(doc, f"{table}/{doc_id}")
    return places


def test_every_bit_flip_in_the_main_file_is_refused_or_loses_nothing(tmp_path: Path):
    db = small_database(tmp_path / "small")
    full = present(db.snapshot())
    raw = db.path.read_bytes()
    refused = changed = 0
    for offset, bit, state in flipped_states(db, db.path, STRIDE, BITS):
        if isinstance(state, DatabaseUnreadable):
            refused += 1
            continue
        changed += 1
        assert present(state) == full, (offset, bit, raw[offset - 20 : offset + 20])
    assert refused and changed  # both happen: flips in names and structure, flips in text


def test_every_cut_of_the_main_file_is_refused(tmp_path: Path):
    db = small_database(tmp_path / "small")
    raw = db.path.read_bytes()
    for cut in range(0, len(raw), STRIDE):
        db.path.write_bytes(raw[:cut])
        state = read(db)
        assert isinstance(state, DatabaseUnreadable), cut
        assert state.key in ("error.db_unreadable", "error.db_missing"), (cut, state.key)


@pytest.mark.parametrize("newline", [b"", b"\x0b"])
def test_a_last_line_that_lost_its_newline_is_kept(db: Db, newline: bytes):
    full = db.snapshot()
    db.journal.write_bytes(db.journal.read_bytes()[:-1] + newline)
    assert db.snapshot() == full
