from __future__ import annotations

import csv
import io

from quorum.exports.datelist import date_list_csv, date_list_text, date_rows
from quorum.store.new_meeting import preview_meetings
from quorum.store.plan_dates import propose_dates
from quorum.store.rotation import assign_hosts
from tests.exports.fixtures_plan import MEETINGS, NETWORK, ORGS, PEOPLE


def test_rows_skip_cancelled_other_years_and_networks() -> None:
    rows = date_rows(NETWORK, MEETINGS, ORGS, PEOPLE, 2026)
    assert [r.meeting_id for r in rows] == ["1", "2", "4"]
    assert [r.host for r in rows] == ["Skövde", "Lidköping", "=Falköping"]
    # Secretary: the meeting's own person, else the host of the next meeting.
    assert [r.secretary for r in rows] == ["Lidköping", "Cia Öst (=Falköping)", ""]
    assert (f"{rows[0].start:%H:%M}", f"{rows[0].end:%H:%M}") == ("09:00", "12:00")
    assert rows[0].week == 8


def test_text_in_both_languages() -> None:
    sv = date_list_text(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="sv")
    assert sv.startswith("SYV-nätverket Skaraborg: mötesdatum 2026\n")
    assert "v. 8" in sv and "fredag" in sv and "2026-02-20" in sv and "Värd" in sv
    assert "Värden för nästkommande möte är sekreterare." in sv
    en = date_list_text(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="en")
    assert "week 8" in en and "Friday" in en and "Secretary" in en
    assert "Inga möten planerade 2030." in date_list_text(
        NETWORK, MEETINGS, ORGS, PEOPLE, 2030, "sv"
    )


def test_csv_is_parseable_and_neutralised() -> None:
    text = date_list_csv(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="sv")
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["Vecka", "Datum", "Veckodag", "Tid", "Plats", "Värd", "Sekreterare"]
    assert rows[1] == [
        "v. 8",
        "2026-02-20",
        "fredag",
        "09.00–12.00",
        "Stadshuset",
        "Skövde",
        "Lidköping",
    ]
    assert rows[3][5] == "'=Falköping"  # formula injection neutralised
    assert rows[2][6] == "Cia Öst (=Falköping)"  # not at the start: left alone


def test_from_an_unsaved_plan() -> None:
    plan = assign_hosts(propose_dates(NETWORK, 2027, []), NETWORK, ORGS, MEETINGS)
    previews = preview_meetings(plan, NETWORK, ORGS, PEOPLE)
    rows = date_rows(NETWORK, previews, ORGS, PEOPLE, 2027)
    assert len(rows) == 4
    assert [r.host for r in rows] == [
        a.host_org_id and {o.id: o.name for o in ORGS}[a.host_org_id] for a in plan
    ]
    # Secretary of each = a person of the next host's organisation.
    assert rows[0].secretary.endswith(f"({rows[1].host})")
