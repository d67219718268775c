"""People CSV files as they arrive: mixed encodings, Excel's "Unicode text", control
characters and overlong cells — and the import at scale, all or nothing."""

from __future__ import annotations

from pathlib import Path

import pytest

from quorum.store.errors import QuorumError
from quorum.store.roster_import import (
    apply_import,
    format_report,
    plan_import,
    read_people_csv,
)
from quorum.store.store import Store

HEADER = "Namn;E-post;Organisation;Titel;Telefon;Roll"
UTF8_LINE = "Åsa Öberg;asa@skovde.se;Skövde kommun;Rektor;0500-123;medlem"
CP1252_LINE = "Örjan Åkesson;orjan@falkoping.se;Falköpings kommun;SYV;0515-1;medlem"


def test_a_file_mixing_utf8_and_windows_1252_is_refused_with_the_line() -> None:
    data = (
        f"{HEADER}\r\n{UTF8_LINE}\r\n".encode()
        + f"{CP1252_LINE}\r\n".encode("cp1252")
        + b"Nils Ek;nils@ek.se;Ek AB;VD;1;medlem\r\n"
    )
    with pytest.raises(QuorumError) as err:
        read_people_csv(data)
    assert err.value.key == "import.error.mixed_encoding"
    assert "rad 3" in err.value.sentence("sv") and "line 3" in err.value.sentence("en")


def test_a_utf8_file_with_a_bom_and_one_windows_1252_line_is_refused() -> None:
    data = f"\ufeff{HEADER}\r\n".encode() + f"{CP1252_LINE}\r\n".encode("cp1252")
    with pytest.raises(QuorumError) as err:
        read_people_csv(data)
    assert err.value.params["line"] == 2


def test_a_plain_windows_1252_file_is_still_read() -> None:
    table = read_people_csv(f"{HEADER}\r\n{CP1252_LINE}\r\n".encode("cp1252"))
    assert table.encoding == "cp1252" and table.rows[0][1][0] == "Örjan Åkesson"


@pytest.mark.parametrize("codec", ["utf-16-le", "utf-16-be"])
def test_excel_unicode_text_utf16_with_bom_and_tabs_is_read(codec: str) -> None:
    bom = "\ufeff".encode(codec)
    text = f"{HEADER}\r\n{UTF8_LINE}\r\n".replace(";", "\t")
    table = read_people_csv(bom + text.encode(codec))
    assert table.encoding == "utf-16" and table.delimiter == "\t"
    report = plan_import(table, "1", [], [])
    [add] = report.to_add
    assert add.row.name == "Åsa Öberg" and add.row.org_name == "Skövde kommun"
    assert "UTF-16, tab separated." in format_report(report, "en")[0]


def test_utf16_without_a_bom_is_still_refused() -> None:
    with pytest.raises(QuorumError) as err:
        read_people_csv(f"{HEADER}\r\n{UTF8_LINE}\r\n".encode("utf-16-le"))
    assert err.value.key == "import.error.undecodable"


def test_control_characters_in_cells_are_removed_and_counted() -> None:
    lines = [HEADER, '"Eve\x1b]0;pwned\x07 Berg";eve@example.se;Org\u202e AB;Ti\x7ftel;1;medlem']
    report = plan_import(read_people_csv("\r\n".join(lines).encode()), "1", [], [])
    [add] = report.to_add
    assert add.row.name == "Eve]0;pwned Berg" and add.row.org_name == "Org AB"
    assert add.row.title == "Titel" and add.row.removed == 4
    assert report.removed == ((2, 4),)
    said = format_report(report, "sv")
    assert any("4 tecken" in line and "rad 2" in line for line in said)


def test_an_overlong_name_refuses_the_row_with_the_limit() -> None:
    lines = [HEADER, f"{'A' * 2000};a@example.se;;;;", "Bo Ek;bo@example.se;;;;"]
    report = plan_import(read_people_csv("\r\n".join(lines).encode()), "1", [], [])
    [refusal] = report.refused
    assert refusal.line == 2 and "200" in refusal.sentence("en")
    assert [a.row.name for a in report.to_add] == ["Bo Ek"]


def _roster(rows: int, bad_last: bool = False) -> bytes:
    lines = [HEADER]
    for i in range(rows):
        lines.append(f"Person {i};p{i}@skola{i % 50}.example.se;Skola {i % 50};;070-{i};medlem")
    if bad_last:
        lines.append("Utan Adress;;;;;")
    return ("\r\n".join(lines) + "\r\n").encode()


def test_thousands_of_people_go_in_at_once_or_not_at_all(tmp_path: Path) -> None:
    path = tmp_path / "quorum.json"
    with Store.open(path) as store:
        network = store.add_network(name="Nätverket")
        bad = plan_import(read_people_csv(_roster(2000, bad_last=True)), network.id, [], [])
        with pytest.raises(QuorumError):
            apply_import(store, bad)
        assert store.people() == []
        good = plan_import(read_people_csv(_roster(2000)), network.id, [], [])
        apply_import(store, good)
        assert len(store.people(network.id)) == 2000
        # Looked up by address after the import, as the next import does.
        assert store.person_by_email("P1999@SKOLA49.example.se", network.id) is not None
        again = plan_import(
            read_people_csv(_roster(2000)), network.id, store.people(), store.organisations()
        )
        assert len(again.unchanged) == 2000 and not again.to_add
    with Store.open(path, readonly=True) as store:
        assert len(store.people()) == 2000
