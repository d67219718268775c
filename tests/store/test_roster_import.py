"""Reading and planning a people CSV: encodings, separators, headings, refusals."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Membership, Organisation, OrgKind, Person, Role
from quorum.store.roster_import import (
    format_report,
    guess_org_kind,
    plan_import,
    read_people_csv,
)

SV_HEADER = "Namn;E-post;Organisation;Titel;Telefon;Roll"
EN_HEADER = "Name,Email,Organization,Title,Phone,Role"


def csv_bytes(lines: list[str], encoding: str = "utf-8", newline: str = "\r\n") -> bytes:
    return (newline.join(lines) + newline).encode(encoding)


def plan(data: bytes, people=(), orgs=(), network_id="1"):
    return plan_import(read_people_csv(data), network_id, list(people), list(orgs))


# ------------------------------------------------------------ encodings


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1252"])
def test_each_encoding_keeps_swedish_letters(encoding):
    data = csv_bytes(
        [SV_HEADER, "Åsa Öberg;asa@skovde.se;Skövde kommun;Rektor;0500-123;Ordförande"], encoding
    )
    table = read_people_csv(data)
    assert table.encoding == encoding
    report = plan_import(table, "1", [], [])
    assert report.ok
    [add] = report.to_add
    assert add.row.name == "Åsa Öberg"
    assert add.row.org_name == "Skövde kommun"
    assert add.row.role is Role.CHAIR
    assert report.orgs_to_create == (("Skövde kommun", OrgKind.MUNICIPALITY),)


def test_utf8_is_tried_strictly_before_windows_1252():
    # "Ã¶" is what UTF-8 "ö" looks like read as Windows-1252: it must not happen.
    data = csv_bytes([SV_HEADER, "Göran;goran@x.se;;;;"], "utf-8")
    assert plan(data).to_add[0].row.name == "Göran"


def test_bytes_that_are_not_text_are_refused():
    with pytest.raises(QuorumError) as err:
        read_people_csv(b"PK\x03\x04\x00\x00binary xlsx")
    assert err.value.key == "import.error.undecodable"
    # 0x81 is undefined in Windows-1252 and invalid as UTF-8.
    with pytest.raises(QuorumError) as err:
        read_people_csv(b"Namn;E-post\r\nA\x81;a@x.se\r\n")
    assert err.value.key == "import.error.undecodable"


@pytest.mark.parametrize("data", [b"", b"   \r\n\r\n", b"\xef\xbb\xbf", b";;;\r\n;;\r\n"])
def test_empty_file_is_refused(data):
    with pytest.raises(QuorumError) as err:
        read_people_csv(data)
    assert err.value.key == "import.error.empty"
    assert "tom" in err.value.sentence("sv")


def test_headings_without_rows_are_refused():
    with pytest.raises(QuorumError) as err:
        read_people_csv(csv_bytes([SV_HEADER]))
    assert err.value.key == "import.error.no_rows"


# ------------------------------------------------------------ separators


@pytest.mark.parametrize("sep", [",", ";"])
def test_each_separator(sep):
    lines = [sep.join(["Namn", "E-post", "Titel"]), sep.join(["Bo Ek", "bo@x.se", '"Rektor, SYV"'])]
    table = read_people_csv(csv_bytes(lines))
    assert table.delimiter == sep
    row = plan_import(table, "1", [], []).to_add[0].row
    assert (row.name, row.email, row.title) == ("Bo Ek", "bo@x.se", "Rektor, SYV")


def test_a_comma_inside_a_quoted_heading_does_not_fool_the_separator():
    data = csv_bytes(['Namn;E-post;"Organisation, ort"', "Bo;bo@x.se;Skövde"])
    assert read_people_csv(data).delimiter == ";"


def test_excel_sep_line_is_honoured_and_not_counted():
    data = csv_bytes(["sep=,", "Namn,E-post", "Bo;Ek,bo@x.se", ",nobody@x.se"])
    report = plan(data)
    assert report.to_add[0].row.name == "Bo;Ek"
    assert report.refused[0].line == 3


@pytest.mark.parametrize("newline", ["\r\n", "\n", "\r"])
def test_any_line_ending(newline):
    report = plan(csv_bytes([SV_HEADER, "A;a@x.se;;;;", ";b@x.se;;;;"], newline=newline))
    assert [a.line for a in report.to_add] == [2]
    assert [r.line for r in report.refused] == [3]


# ------------------------------------------------------------ headings


@pytest.mark.parametrize(
    "header",
    [
        SV_HEADER,
        EN_HEADER,
        "NAMN;EPOST;ORG;TITEL;MOBIL;ROLL",
        " namn ; e-postadress ; organisation ; befattning ; telefonnummer ; roll ",
        "Name;E-mail;Organisation;Job title;Mobile;Role",
        "Namn;E‑post;Organisation;Titel;Telefon;Roll".replace("‑", "-"),
        "Name;e_mail;organization;title;phone number;role",
    ],
)
def test_swedish_and_english_headings(header):
    sep = "," if header == EN_HEADER else ";"
    data = csv_bytes(
        [header, sep.join(["Bo Ek", "bo@x.se", "Volvo Cars AB", "VD", "070-1", "member"])]
    )
    row = plan(data).to_add[0].row
    assert (row.name, row.email, row.org_name, row.title, row.phone, row.role) == (
        "Bo Ek",
        "bo@x.se",
        "Volvo Cars AB",
        "VD",
        "070-1",
        Role.MEMBER,
    )


def test_first_and_last_name_columns_are_joined():
    data = csv_bytes(["Förnamn;Efternamn;E-post", "Åsa;Öberg;asa@x.se"])
    assert plan(data).to_add[0].row.name == "Åsa Öberg"


def test_unknown_columns_are_ignored_and_reported():
    data = csv_bytes(["Namn;E-post;Kommentar", "Bo;bo@x.se;hej"])
    report = plan(data)
    assert report.ignored_columns == ("Kommentar",)
    assert any("Kommentar" in line for line in format_report(report, "sv"))


@pytest.mark.parametrize(
    "header, key",
    [
        ("Namn;Titel", "import.error.missing_column_email"),
        ("E-post;Titel", "import.error.missing_column_name"),
        ("Foo;Bar", "import.error.missing_column_both"),
    ],
)
def test_missing_required_column_refuses_the_whole_file(header, key):
    with pytest.raises(QuorumError) as err:
        read_people_csv(csv_bytes([header, "a;b"]))
    assert err.value.key == key
    assert header.split(";")[0] in err.value.sentence("en")


def test_two_columns_for_one_field_refuse_the_file():
    with pytest.raises(QuorumError) as err:
        read_people_csv(csv_bytes(["Namn;E-post;Email", "a;a@x.se;b@x.se"]))
    assert err.value.key == "import.error.duplicate_column"


# ------------------------------------------------------------ refusals, line numbers


def test_each_refusal_reason_with_spreadsheet_line_numbers():
    data = csv_bytes(
        [
            SV_HEADER,  # line 1
            "Anna Berg;anna@x.se;;;;medlem",  # 2 ok
            ";noname@x.se;;;;",  # 3 name missing
            "Bo Ek;;;;;",  # 4 e-mail missing
            "Cia;cia(at)x.se;;;;",  # 5 invalid
            "",  # 6 blank line: skipped, still counted
            "Anna Två;ANNA@X.SE;;;;",  # 7 duplicate of line 2
            "Dan;dan@x.se;;;;boss",  # 8 unknown role
            'Eva;eva@x.se;;"two\nlines";;gäst',  # 9 ok: one spreadsheet row, two text lines
            "Fia;fia@x.se;;;;",  # 10 ok: a spreadsheet counts rows, not text lines
        ]
    )
    report = plan(data)
    assert [(r.line, r.key) for r in report.refused] == [
        (3, "import.refused.name_missing"),
        (4, "import.refused.email_missing"),
        (5, "import.refused.email_invalid"),
        (7, "import.refused.email_duplicate"),
        (8, "import.refused.role_unknown"),
    ]
    assert [a.line for a in report.to_add] == [2, 9, 10]
    assert not report.ok
    sv = [r.sentence("sv") for r in report.refused]
    assert "rad 2" in sv[3] and "boss" in sv[4] and "Bo Ek" in sv[1]
    lines = format_report(report, "sv")
    assert "  rad 5: ”cia(at)x.se” är ingen giltig e-postadress." in lines
    assert "Avvisas: 5" in lines


def test_roles_in_both_languages():
    words = {
        "medlem": Role.MEMBER,
        "Ordförande": Role.CHAIR,
        "ORDFORANDE": Role.CHAIR,
        "samordnare": Role.COORDINATOR,
        "gäst": Role.GUEST,
        "Member": Role.MEMBER,
        "chair": Role.CHAIR,
        "Coordinator": Role.COORDINATOR,
        "guest": Role.GUEST,
        "": None,
    }
    lines = [SV_HEADER] + [f"P{i};p{i}@x.se;;;;{w}" for i, w in enumerate(words)]
    report = plan(csv_bytes(lines))
    assert [a.row.role for a in report.to_add] == list(words.values())


# ------------------------------------------------------------ updates


NET = "1"


def stored():
    orgs = [Organisation("3", "Skövde kommun", OrgKind.MUNICIPALITY)]
    people = [
        Person(
            "10",
            "Anna Berg",
            "anna@x.se",
            org_id="3",
            title="Rektor",
            phone="1",
            memberships=(Membership(NET, Role.MEMBER),),
        ),
        Person("11", "Bo Ek", "bo@x.se", memberships=(Membership("2", Role.CHAIR),)),
        Person("12", "Cia Ek", "cia@x.se", memberships=(Membership(NET),), active=False),
    ]
    return people, orgs


def test_same_email_updates_and_empty_cells_keep_values():
    people, orgs = stored()
    data = csv_bytes(
        [
            SV_HEADER,
            "Anna Berg;ANNA@x.se;skövde  kommun;;;ordförande",  # role changes only
            "Bo Ek;bo@x.se;;;;",  # member of another network: joins this one
            "Cia Ek;cia@x.se;;;;",  # inactive: made active
            "Dan;dan@x.se;Ny Skola;;;",  # new, with a new organisation
        ]
    )
    report = plan(data, people, orgs)
    assert {u.person.id: u.changes for u in report.to_update} == {
        "10": ("role",),
        "11": ("membership",),
        "12": ("active",),
    }
    assert [a.row.email for a in report.to_add] == ["dan@x.se"]
    assert report.orgs_to_create == (("Ny Skola", OrgKind.SCHOOL),)


def test_a_row_equal_to_what_is_stored_is_unchanged():
    people, orgs = stored()
    report = plan(
        csv_bytes([SV_HEADER, "Anna Berg;anna@x.se;Skövde kommun;Rektor;1;medlem"]), people, orgs
    )
    assert report.to_update == () and len(report.unchanged) == 1
    assert report.accepted == 0


def test_a_member_of_the_network_wins_over_a_namesake_elsewhere():
    people = [
        Person("20", "Eva A", "eva@x.se", memberships=(Membership("2"),)),
        Person("21", "Eva B", "eva@x.se", memberships=(Membership(NET),)),
    ]
    report = plan(csv_bytes(["Namn;E-post", "Eva B;eva@x.se"]), people)
    assert report.unchanged[0].person.id == "21"


def test_org_kind_guess():
    assert guess_org_kind("Högskolan i Skövde") is OrgKind.UNIVERSITY
    assert guess_org_kind("Lidköpings kommun") is OrgKind.MUNICIPALITY
    assert guess_org_kind("Volvo Cars AB") is OrgKind.COMPANY
    assert guess_org_kind("Kavelbrogymnasiet") is OrgKind.SCHOOL
    assert guess_org_kind("Abba Teknik") is OrgKind.OTHER


def test_report_reads_in_both_languages():
    report = plan(csv_bytes([SV_HEADER, "Bo;bo@x.se;;;;"]))
    assert format_report(report, "sv")[0] == "Fil: UTF-8, semikolonavgränsad."
    assert format_report(report, "en")[0] == "File: UTF-8, semicolon separated."
    assert "  line 2: Bo <bo@x.se>" in format_report(report, "en")


def test_catalog_has_the_same_keys_in_both_languages():
    from quorum.store.locale import roster

    assert roster.SV.keys() == roster.EN.keys()
    assert t("person.removed", lang="sv") == "borttagen deltagare"


# ------------------------------------------------------------ free text never crashes


@settings(max_examples=150, deadline=None)
@given(st.binary(max_size=300))
def test_any_bytes_give_a_table_or_a_sentence(data):
    try:
        table = read_people_csv(data)
    except QuorumError as err:
        assert err.sentence("sv") and not err.sentence("sv").startswith("import.")
        return
    report = plan_import(table, "1", [], [])
    format_report(report, "sv")


@settings(max_examples=150, deadline=None)
@given(st.lists(st.tuples(st.text(max_size=20), st.text(max_size=20)), min_size=1, max_size=5))
def test_any_cells_give_a_report(rows):
    import csv
    import io

    out = io.StringIO()
    w = csv.writer(out, delimiter=";")
    w.writerow(["Namn", "E-post"])
    w.writerows(rows)
    expected = sum(1 for r in rows if any(c.strip() for c in r))
    try:
        report = plan(out.getvalue().encode("utf-8"))
    except QuorumError as err:
        assert err.key in ("import.error.no_rows", "import.error.undecodable")
        return
    counted = len(report.to_add) + len(report.to_update) + len(report.unchanged)
    assert counted + len(report.refused) == expected
    format_report(report, "en")


# ------------------------------------------------------------ applying on a real store

from quorum.store.records import replace  # noqa: E402
from quorum.store.roster_import import apply_import  # noqa: E402
from quorum.store.store import Store  # noqa: E402


@pytest.fixture
def store(db_path):
    s = Store.open(db_path)
    net = s.add_network(name="Nätverk Gymnasieskola")
    s.add_network(name="IM-nätverket")
    org = s.add_organisation(name="Skövde kommun", kind=OrgKind.MUNICIPALITY)
    s.save_network(replace(net, member_org_ids=(org.id,)))
    s.add_person(
        name="Anna Berg",
        email="anna@skovde.se",
        org_id=org.id,
        title="Rektor",
        memberships=(Membership(net.id, Role.MEMBER),),
    )
    s.add_person(name="Bo Ek", email="bo@x.se", memberships=(Membership("2", Role.CHAIR),))
    yield s
    s.close()


GOOD = [
    SV_HEADER,
    "Anna Berg;anna@skovde.se;Skövde kommun;Rektor;0500-123;ordförande",
    "Bo Ek;BO@x.se;Volvo Cars AB;;;",
    "Cia Holm;cia@hogskolan.se;Högskolan i Skövde;Lektor;;gäst",
]


def test_apply_writes_adds_updates_and_new_organisations(store, db_path):
    report = plan_import(
        read_people_csv(csv_bytes(GOOD)), "1", store.people(), store.organisations()
    )
    assert report.ok and len(report.to_add) == 1 and len(report.to_update) == 2
    apply_import(store, report)
    store.close()
    with Store.open(db_path) as again:
        people = {p.email.casefold(): p for p in again.people()}
        orgs = {o.name: o for o in again.organisations()}
        assert set(orgs) == {"Skövde kommun", "Volvo Cars AB", "Högskolan i Skövde"}
        assert orgs["Volvo Cars AB"].kind is OrgKind.COMPANY
        anna = people["anna@skovde.se"]
        assert (
            anna.role_in("1") is Role.CHAIR and anna.phone == "0500-123" and anna.title == "Rektor"
        )
        bo = people["bo@x.se"]
        assert bo.email == "bo@x.se"  # stored spelling kept
        assert bo.role_in("1") is Role.MEMBER and bo.role_in("2") is Role.CHAIR
        assert bo.org_id == orgs["Volvo Cars AB"].id
        cia = people["cia@hogskolan.se"]
        assert cia.role_in("1") is Role.GUEST and cia.org_id == orgs["Högskolan i Skövde"].id
        member_orgs = set(again.network("1").member_org_ids)
        assert member_orgs == {o.id for o in orgs.values()}
        assert again.network("2").member_org_ids == ()
    # importing the same file again changes nothing
    with Store.open(db_path) as again:
        report = plan_import(
            read_people_csv(csv_bytes(GOOD)), "1", again.people(), again.organisations()
        )
        assert report.ok and report.accepted == 0 and len(report.unchanged) == 3
        assert report.orgs_to_create == ()


def test_a_refused_row_means_nothing_is_written(store, db_path):
    data = csv_bytes([*GOOD, "Dan;inte-en-adress;Ny Org;;;"])
    report = plan_import(read_people_csv(data), "1", store.people(), store.organisations())
    assert [r.line for r in report.refused] == [5]
    before = store.snapshot()
    with pytest.raises(QuorumError) as err:
        apply_import(store, report)
    assert err.value.key == "import.error.refused_rows"
    assert "1" in err.value.sentence("sv")
    assert store.snapshot() == before
    store.close()
    with Store.open(db_path) as again:
        assert again.snapshot() == before


def test_skip_invalid_writes_only_the_accepted_rows(store):
    data = csv_bytes([*GOOD, "Dan;inte-en-adress;Ny Org;;;"])
    report = plan_import(read_people_csv(data), "1", store.people(), store.organisations())
    apply_import(store, report, skip_invalid=True)
    assert len(store.people("1")) == 3
    assert "Ny Org" not in {o.name for o in store.organisations()}


def test_a_failure_while_writing_rolls_everything_back(store, db_path):
    report = plan_import(
        read_people_csv(csv_bytes(GOOD)), "1", store.people(), store.organisations()
    )
    # Someone adds Cia's address to the network between the report and the write.
    store.add_person(name="Cia Annan", email="CIA@hogskolan.se", memberships=(Membership("1"),))
    before = store.snapshot()
    with pytest.raises(QuorumError) as err:
        apply_import(store, report)
    assert err.value.key == "error.duplicate_email"
    assert store.snapshot() == before
    store.close()
    with Store.open(db_path) as again:
        assert again.snapshot() == before
        assert "Volvo Cars AB" not in {o.name for o in again.organisations()}


def test_an_update_keeps_an_edit_made_after_the_report(store):
    report = plan_import(
        read_people_csv(csv_bytes(GOOD)), "1", store.people(), store.organisations()
    )
    anna = store.person_by_email("anna@skovde.se")
    joined = (*anna.memberships, Membership("2", Role.COORDINATOR))
    store.save_person(replace(anna, memberships=joined, active=False))
    apply_import(store, report)
    anna = store.person(anna.id)
    assert anna.role_in("2") is Role.COORDINATOR  # the edit made meanwhile is kept
    assert anna.role_in("1") is Role.CHAIR and anna.active and anna.phone == "0500-123"
