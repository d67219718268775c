"""A table of damaged and hand-edited database files. Each is refused with one
sentence naming what is wrong (in both languages, from the CLI and from a writable
open), a restore hint where restore can help, and every file left byte for byte."""

from __future__ import annotations

import io
import os
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import orjson
import pytest

from quorum.store.errors import DatabaseUnreadable
from quorum.store.journal import encode_line
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.faults.conftest import Db, journal_lines


def edit_main(change: Callable[[dict[str, Any]], None]) -> Callable[[Db], None]:
    def damage(db: Db) -> None:
        data = orjson.loads(db.path.read_bytes())
        change(data)
        db.path.write_bytes(orjson.dumps(data))

    return damage


def flip(path_of: Callable[[Db], Any], offset: Callable[[bytes], int], bit: int = 2):
    def damage(db: Db) -> None:
        path = path_of(db)
        raw = bytearray(path.read_bytes())
        raw[offset(bytes(raw))] ^= 1 << bit
        path.write_bytes(bytes(raw))

    return damage


def line_offset(number: int, within: int) -> Callable[[bytes], int]:
    """The offset of byte ``within`` of journal line ``number`` (from 1)."""

    def offset(raw: bytes) -> int:
        lines = raw.split(b"\n")
        return sum(len(line) + 1 for line in lines[: number - 1]) + within

    return offset


def replace_line(number: int, line: bytes) -> Callable[[Db], None]:
    def damage(db: Db) -> None:
        lines = journal_lines(db)
        lines[number - 1] = line.rstrip(b"\n")
        db.journal.write_bytes(b"\n".join(lines) + b"\n")

    return damage


def shorten_header(db: Db) -> None:
    lines = journal_lines(db)
    lines[0] = lines[0][:-3] + lines[0][-1:]  # a truncated header, its newline kept
    db.journal.write_bytes(b"\n".join(lines) + b"\n")


def set_meta(field: str, value: Any) -> Callable[[Db], None]:
    return edit_main(lambda data: data["_meta"]["1"].__setitem__(field, value))


def shift_generation(by: int) -> Callable[[Db], None]:
    def change(data: dict[str, Any]) -> None:
        data["_meta"]["1"]["generation"] += by

    return edit_main(change)


def remove(*which: str) -> Callable[[Db], None]:
    def damage(db: Db) -> None:
        for name in which:
            (db.path if name == "main" else db.journal).unlink()

    return damage


def truncate_main(db: Db) -> None:
    db.path.write_bytes(db.path.read_bytes()[: db.path.stat().st_size // 2])


def rename_table(data: dict[str, Any]) -> None:
    data["meetilgs"] = data.pop("meetings")  # one flipped bit in the table's name


def rename_field(data: dict[str, Any]) -> None:
    person = data["people"]["9"]
    person["emaim"] = person.pop("email")


@dataclass
class Case:
    name: str
    damage: Callable[[Db], None]
    key: str
    what: str = "meetings"  # the list command that reads the damaged part
    remedy: str = "backup"


def record(table: str, record_id: str, **changes: Any) -> Callable[[Db], None]:
    return edit_main(lambda data: data[table][record_id].update(changes))


def without(table: str, record_id: str, field: str) -> Callable[[Db], None]:
    return edit_main(lambda data: data[table][record_id].pop(field))


def agenda_title(value: Any) -> Callable[[Db], None]:
    return edit_main(lambda data: data["meetings"]["1"]["agenda"][1].update(title=value))


def journal_flip(line: int, within: int) -> Callable[[Db], None]:
    return flip(lambda db: db.journal, line_offset(line, within))


MAIN, RECORD = "error.db_unreadable", "error.db_record"
JOURNAL, MISMATCH = "error.journal_damaged", "error.journal_mismatch"

CASES = [
    # the main file
    Case("main empty", lambda db: db.path.write_bytes(b""), MAIN),
    Case("main truncated", truncate_main, MAIN),
    Case("main first byte flipped", flip(lambda db: db.path, lambda raw: 0), MAIN),
    Case("main not an object", lambda db: db.path.write_bytes(b"[]"), MAIN),
    Case("a table not an object", edit_main(lambda d: d.update(people=[1])), MAIN),
    Case("a record not an object", edit_main(lambda d: d["people"].update({"9": "x"})), MAIN),
    Case("schema a string", set_meta("schema", "2"), MAIN),
    Case("generation a string", set_meta("generation", "2"), MAIN),
    Case("generation negative", set_meta("generation", -1), MAIN),
    Case("schema newer", set_meta("schema", 99), "error.db_newer", remedy=""),
    Case("a table's name changed", edit_main(rename_table), MAIN),
    Case("a record's id changed", record("people", "9", id="10"), MAIN, "people"),
    # records (hand edits): refused naming the record and the field
    Case("meeting without start", without("meetings", "2", "start"), RECORD),
    Case("meeting start not a time", record("meetings", "2", start="fredag"), RECORD),
    Case("meeting status unknown", record("meetings", "3", status="klar"), RECORD),
    Case("agenda item title a number", agenda_title(7), RECORD),
    Case("email a number", record("people", "9", email=46701234567), RECORD, "people"),
    Case("a field's name changed", edit_main(rename_field), RECORD, "people"),
    # the journal: a complete line that fails its check
    Case("journal header bit flipped", journal_flip(1, 3), JOURNAL, remedy="journal"),
    Case("journal header truncated", shorten_header, JOURNAL, remedy="journal"),
    Case(
        "journal header wrong shape",
        replace_line(1, encode_line({"gen": 2})),
        JOURNAL,
        remedy="journal",
    ),
    Case("journal middle line bit flipped", journal_flip(3, 30), JOURNAL, remedy="journal"),
    Case("journal last line bit flipped", journal_flip(4, 30), JOURNAL, remedy="journal"),
    Case(
        "journal line wrong shape", replace_line(3, encode_line([1, 2])), JOURNAL, remedy="journal"
    ),
    Case("main older than its journal", shift_generation(-1), MISMATCH),
    Case("main newer than a journal it lacks", shift_generation(+1), MISMATCH),
    # the main file gone
    Case("main missing beside its journal", remove("main"), "error.db_missing"),
    Case("main missing beside its backups", remove("main", "journal"), "error.db_missing"),
]


def _run(args: list[str]) -> tuple[int, str, str]:
    out, err = io.StringIO(), io.StringIO()
    code = main(args, out=out, err=err)
    return code, out.getvalue(), err.getvalue()


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_a_damaged_file_is_refused_with_a_sentence_and_left_as_it_was(db: Db, case: Case):
    case.damage(db)
    before = db.files()

    # Writable: a journal to fold is not folded, no backup is made, nothing is cleaned.
    with pytest.raises(DatabaseUnreadable) as refused, Store.open(db.path) as store:
        store.warm()
    error = refused.value
    assert error.key == case.key
    assert error.remedy == case.remedy
    for lang in ("en", "sv"):
        sentence = error.sentence(lang)
        assert "{" not in sentence and "Notice(" not in sentence, sentence
        code, out, err = _run(["--lang", lang, "list", case.what, "--db", str(db.path)])
        assert code == 1 and out == ""
        assert err.splitlines()[0] == sentence
        assert "Traceback" not in err
        hint = {"backup": "quorum restore --db", "journal": "quorum restore --db", "": None}
        if hint[case.remedy]:
            assert hint[case.remedy] in err.splitlines()[1]
        else:
            assert len(err.splitlines()) == 1
    assert db.files() == before


def test_the_record_and_field_are_named(db: Db):
    edit_main(lambda d: d["meetings"]["1"]["agenda"][1].update(title=7))(db)
    code, _, err = _run(["list", "meetings", "--db", str(db.path)])
    assert code == 1
    assert "meeting 1, field agenda[1].title: must be text" in err
    code, _, err = _run(["--lang", "sv", "list", "meetings", "--db", str(db.path)])
    assert "möte 1, fältet agenda[1].title: ska vara text" in err


def test_the_journal_line_is_named(db: Db):
    flip(lambda db: db.journal, line_offset(4, 30))(db)
    code, _, err = _run(["list", "networks", "--db", str(db.path)])
    assert code == 1
    assert "line 4 does not match its checksum" in err


@pytest.mark.skipif(os.name != "posix", reason="symlinks")
def test_a_link_to_a_folder_that_does_not_exist_is_refused(tmp_path):
    link = tmp_path / "quorum.json"
    link.symlink_to(tmp_path / "gone" / "quorum.json")
    code, _, err = _run(["import", "reply", str(tmp_path / "x.ics"), "--db", str(link)])
    assert code == 1
    assert err.splitlines() == [
        f"{link} is a link to {tmp_path / 'gone' / 'quorum.json'}, which does not exist."
        " quorum does not create a file there."
    ]
    assert link.is_symlink() and not (tmp_path / "gone").exists()
