"""The roster CSV: Excel-friendly, formula-safe, and readable back by the importer."""

from __future__ import annotations

import csv
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.exports.roster import roster_csv, roster_rows
from quorum.exports.tabular import safe_cell as neutralise
from quorum.store.records import (
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Role,
    replace,
)
from quorum.store.roster_import import FORMULA_STARTS, plan_import, read_people_csv
from quorum.store.text_rules import as_stored, has_refused

NET = Network("1", "Nätverk Gymnasieskola")
ORGS = [
    Organisation("1", "Skövde kommun", OrgKind.MUNICIPALITY),
    Organisation("2", "Åmåls kommun", OrgKind.MUNICIPALITY),
    Organisation("3", "Alingsås kommun", OrgKind.MUNICIPALITY),
]


def person(pid, name, org=None, role=Role.MEMBER, net="1", **kw):
    return Person(pid, name, f"p{pid}@x.se", org_id=org, memberships=(Membership(net, role),), **kw)


PEOPLE = [
    person("1", "Örjan Ek", "1", Role.CHAIR, title="Rektor", phone="0500-1"),
    person("2", "Anna Berg", "1"),
    person("3", "Åke Holm", "2", Role.COORDINATOR),
    person("4", "Bo Ask", "3"),
    person("5", "Utan Org"),
    person("6", "Annan Nätverk", "1", net="2"),
    person("7", "Slutat", "1", active=False),
]


def parse(text: str) -> list[list[str]]:
    assert text.startswith("\ufeff")
    return list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))


def test_excel_shape_bom_semicolon_crlf():
    text = roster_csv(NET, PEOPLE, ORGS, "sv")
    assert text.startswith("\ufeffNamn;Organisation;Titel;E-post;Telefon;Roll\r\n")
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    text.encode("utf-8")  # written as UTF-8: the BOM becomes EF BB BF


def test_sorted_by_organisation_swedish_order_then_name_members_only():
    rows = parse(roster_csv(NET, PEOPLE, ORGS, "sv"))[1:]
    assert [(r[0], r[1]) for r in rows] == [
        ("Bo Ask", "Alingsås kommun"),
        ("Anna Berg", "Skövde kommun"),
        ("Örjan Ek", "Skövde kommun"),
        ("Åke Holm", "Åmåls kommun"),
        ("Utan Org", ""),
    ]
    assert rows[2] == ["Örjan Ek", "Skövde kommun", "Rektor", "p1@x.se", "0500-1", "ordförande"]


def test_english_headings_and_roles():
    rows = parse(roster_csv(NET, PEOPLE, ORGS, "en"))
    assert rows[0] == ["Name", "Organisation", "Title", "Email", "Phone", "Role"]
    assert rows[4][5] == "coordinator"


def test_language_defaults_to_the_networks():
    assert roster_csv(NET, PEOPLE, ORGS).startswith("\ufeffNamn;")


@pytest.mark.parametrize("start", list(FORMULA_STARTS))
def test_each_dangerous_first_character_is_neutralised(start):
    evil = f'{start}HYPERLINK("http://evil","x")'
    with as_stored():  # a tab or CR in a name is refused now; an older archive may hold one
        orgs = [Organisation("9", f"{start}cmd|' /C calc'!A0")]
        people = [
            Person(
                "1",
                "Bo",
                "bo@x.se",
                org_id="9",
                title=evil,
                phone=f"{start}46 70 1",
                memberships=(Membership("1"),),
            )
        ]
    row = parse(roster_csv(NET, people, orgs, "sv"))[1]
    for cell in row[2], row[4]:
        assert cell.startswith("'" + start)
    # An organisation's name is stripped when stored, so only some survive.
    assert row[1].startswith("'" + start) or row[1].startswith("cmd")


def test_safe_cells_are_left_alone_and_leading_space_is_no_escape():
    assert neutralise("Skövde kommun") == "Skövde kommun"
    assert neutralise("") == ""
    assert neutralise("a=b") == "a=b"
    assert neutralise("  =1+1") == "'  =1+1"
    assert neutralise("\nline") == "'\nline"
    assert neutralise("'=x") == "''=x"  # so the importer's un-neutralising stays exact
    assert neutralise("it's") == "it's"


def test_phone_with_plus_round_trips_through_the_importer():
    people = [
        Person(
            "1",
            "Bo",
            "bo@x.se",
            phone="+46 70 123",
            title="'=inte en formel",
            memberships=(Membership("1", Role.GUEST),),
        )
    ]
    text = roster_csv(NET, people, [], "sv")
    report = plan_import(read_people_csv(text.encode("utf-8")), "1", people, [])
    assert report.ok and not report.to_add and not report.to_update
    assert report.unchanged[0].row.phone == "+46 70 123"


def test_whole_roster_round_trips_unchanged():
    text = roster_csv(NET, PEOPLE, ORGS, "sv")
    report = plan_import(read_people_csv(text.encode("utf-8")), "1", PEOPLE, ORGS)
    assert report.ok
    assert report.to_add == () and report.to_update == ()
    assert len(report.unchanged) == len(roster_rows(NET, PEOPLE, ORGS))


_anything = st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=15)


def _accepted(text: str) -> bool:
    """Whether a one-line field takes ``text`` at entry (store/text_rules.py)."""
    return not has_refused(text) and not any(c in text for c in "\t\n\r\x85\u2028\u2029")


@settings(max_examples=150, deadline=None)
@given(title=_anything, phone=_anything, org=_anything)
def test_no_cell_starts_like_a_formula_or_holds_a_control_character(title, phone, org):
    with as_stored():  # whatever an archive holds, from before the text rule too
        orgs = [Organisation("1", org)] if org.strip() else []
        people = [
            Person("1", "Bo", "bo@x.se", org_id="1" if orgs else None, title=title, phone=phone)
        ]
        people = [replace(people[0], memberships=(Membership("1"),))]
    rows = parse(roster_csv(NET, people, orgs, "en"))
    assert len(rows) == 2 and len(rows[1]) == 6
    for cell in rows[1]:
        assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
        assert not cell.startswith("\n")
        assert not has_refused(cell)


_cell = _anything.filter(_accepted)


@settings(max_examples=150, deadline=None)
@given(title=_cell, phone=_cell, org=_cell)
def test_any_text_round_trips_and_no_cell_starts_like_a_formula(title, phone, org):
    orgs = [Organisation("1", org)] if org.strip() else []
    people = [
        Person(
            "1",
            "Bo",
            "bo@x.se",
            org_id="1" if orgs else None,
            title=title.strip(),
            phone=phone.strip(),
            memberships=(Membership("1"),),
        )
    ]
    rows = parse(roster_csv(NET, people, orgs, "en"))
    for cell in rows[1]:
        assert not cell.lstrip(" ").startswith(FORMULA_STARTS)
        assert not cell.startswith("\n")
    report = plan_import(read_people_csv(roster_csv(NET, people, orgs).encode()), "1", people, orgs)
    assert report.ok and len(report.unchanged) == 1, report
