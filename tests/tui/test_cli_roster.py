"""``quorum import people`` and ``quorum export roster`` run end to end on a real database."""

from __future__ import annotations

import csv
import io
import json

import pytest

from quorum.tui.cli import main

GOOD = (
    "Namn;E-post;Organisation;Titel;Telefon;Roll\r\n"
    "Åsa Öberg;asa.oberg@skovde.se;Nordverk AB;Produktionschef;+46 70 123;medlem\r\n"
    "Anders Bergfalk;anders.bergfalk@example.org;;skolchef;;ordförande\r\n"
)
BAD = GOOD + "Utan Adress;;;;;\r\nFel Roll;fel@x.se;;;;boss\r\n"


@pytest.fixture
def db(tmp_path, capsys):
    path = tmp_path / "q.json"
    assert main(["demo", "--db", str(path)]) == 0
    capsys.readouterr()
    return path


def people(db, capsys):
    capsys.readouterr()
    assert main(["list", "people", "--json", "--db", str(db)]) == 0
    return {p["email"]: p for p in json.loads(capsys.readouterr().out)}


def test_good_file_adds_people_visible_in_list(db, tmp_path, capsys):
    before = people(db, capsys)
    f = tmp_path / "people.csv"
    f.write_bytes(GOOD.encode("cp1252"))
    assert main(["import", "people", str(f), "--network", "Skogsbygden", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "To add: 1" in out and "To update (same e-mail): 0" in out
    assert "Already as in the file: 1" in out and "Import done: 1 new person, 0 updated." in out
    after = people(db, capsys)
    assert set(after) - set(before) == {"asa.oberg@skovde.se"}
    asa = after["asa.oberg@skovde.se"]
    assert (asa["name"], asa["organisation"], asa["phone"]) == (
        "Åsa Öberg",
        "Nordverk AB",
        "+46 70 123",
    )


def test_bad_file_prints_the_report_writes_nothing_and_fails(db, tmp_path, capsys):
    f = tmp_path / "people.csv"
    f.write_text(BAD, encoding="utf-8-sig")
    before = db.read_bytes()
    code = main(["--lang", "sv", "import", "people", str(f), "--network", "1", "--db", str(db)])
    assert code == 1
    captured = capsys.readouterr()
    assert "rad 4: E-postadress saknas för Utan Adress." in captured.out
    assert "rad 5: Rollen ”boss” finns inte." in captured.out
    assert "Inget har skrivits." in captured.err
    assert db.read_bytes() == before
    assert "asa.oberg@skovde.se" not in people(db, capsys)


def test_skip_invalid_imports_the_accepted_rows(db, tmp_path, capsys):
    f = tmp_path / "people.csv"
    f.write_text(BAD, encoding="utf-8")
    args = ["import", "people", str(f), "--network", "1", "--skip-invalid", "--db", str(db)]
    assert main(args) == 0
    assert "2 refused rows were skipped." in capsys.readouterr().err
    assert "asa.oberg@skovde.se" in people(db, capsys)


def test_unreadable_or_missing_file_is_a_sentence(db, tmp_path, capsys):
    missing = tmp_path / "nope.csv"
    assert main(["import", "people", str(missing), "--network", "1", "--db", str(db)]) == 1
    assert "Could not read" in capsys.readouterr().err
    binary = tmp_path / "people.xlsx"
    binary.write_bytes(b"PK\x03\x04\x00\x00")
    assert main(["import", "people", str(binary), "--network", "1", "--db", str(db)]) == 1
    err = capsys.readouterr().err
    assert "cannot be read as text" in err and "Traceback" not in err


def test_export_roster_to_file_and_stdout(db, tmp_path, capsys):
    target = tmp_path / "roster.csv"
    assert main(["export", "roster", "Skogsbygden", "-o", str(target), "--db", str(db)]) == 0
    raw = target.read_bytes()
    assert raw.startswith(b"\xef\xbb\xbfNamn;Organisation;Titel;E-post;Telefon;Roll\r\n")
    rows = list(csv.reader(io.StringIO(raw.decode("utf-8-sig"), newline=""), delimiter=";"))
    assert len(rows) - 1 == len([p for p in people(db, capsys).values() if p["active"]])
    assert main(["export", "roster", "1", "--lang", "en", "--db", str(db)]) == 0
    assert capsys.readouterr().out.startswith("\ufeffName;Organisation;")


def test_exported_roster_imports_back_unchanged(db, tmp_path, capsys):
    target = tmp_path / "roster.csv"
    assert main(["export", "roster", "1", "-o", str(target), "--db", str(db)]) == 0
    before = db.read_bytes()
    assert main(["import", "people", str(target), "--network", "1", "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert "To add: 0" in out and "To update (same e-mail): 0" in out
    assert db.read_bytes() == before
