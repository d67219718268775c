from __future__ import annotations

import csv
import io

from quorum.exports.decisions import decision_rows, decisions_csv, decisions_markdown
from quorum.store.records import Decision, replace
from tests.exports.fixtures_plan import MEETINGS, NETWORK


def test_register_rows_oldest_first_without_cancelled() -> None:
    rows = decision_rows(NETWORK, MEETINGS)
    assert [r.decision_id for r in rows] == ["d5", "d1", "d2", "d3"]
    assert rows[1].item_title == "Budget | plan" and rows[1].meeting_id == "1"


def test_filter_is_swedish_aware_and_needs_all_words() -> None:
    assert [r.decision_id for r in decision_rows(NETWORK, MEETINGS, "GODKÄNNER")] == ["d1"]
    assert [r.decision_id for r in decision_rows(NETWORK, MEETINGS, "budget plan")] == ["d1", "d2"]
    assert decision_rows(NETWORK, MEETINGS, "godkanner") == []
    assert decision_rows(NETWORK, MEETINGS, "budget prao") == []


def test_markdown() -> None:
    md = decisions_markdown(NETWORK, MEETINGS, lang="sv")
    assert md.startswith("# SYV-nätverket Skaraborg: beslutsregister\n")
    assert "| Datum | Möte | Ärende | Beslut |" in md
    assert "Budget \\| plan" in md  # a pipe does not break the table
    assert "4 beslut" in md
    filtered = decisions_markdown(NETWORK, MEETINGS, query="prao", lang="en")
    assert "Decisions containing “prao”" in filtered and "1 decision\n" in filtered
    assert "No decisions." in decisions_markdown(NETWORK, MEETINGS, query="zzz", lang="en")


def test_csv() -> None:
    text = decisions_csv(NETWORK, MEETINGS, lang="en")
    rows = list(csv.reader(io.StringIO(text.lstrip("\ufeff")), delimiter=";"))
    assert rows[0] == ["id", "Date", "Meeting", "Item", "Decision"]
    assert rows[2][0] == "1/a1/d1"
    assert rows[3][4] == "'=SUM(A1:A9) är ingen formel här"
    assert len(rows) == 5


def test_markup_in_a_decision_stays_text() -> None:
    # Once written into the Markdown as typed: a heading, a link and raw HTML.
    evil = "# Rubrik [klicka](javascript:alert(1)) <b>fet</b>"
    meeting = MEETINGS[0]
    item = replace(meeting.agenda[0], decisions=(Decision("d9", evil),))
    md = decisions_markdown(NETWORK, [replace(meeting, agenda=(item,))], query="rubrik")
    assert "\\# Rubrik \\[klicka\\](javascript:alert(1)) \\<b\\>fet\\</b\\>" in md
    assert "*Beslut som innehåller ”rubrik”*" in md
