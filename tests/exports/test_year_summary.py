from __future__ import annotations

import html5lib

from quorum.exports.year_summary import year_stats, year_summary_html, year_summary_markdown
from tests.exports.fixtures_plan import MEETINGS, NETWORK, ORGS, PEOPLE


def test_stats() -> None:
    s = year_stats(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="sv")
    assert [ml.meeting.id for ml in s.meetings] == ["1", "2", "4"]
    assert s.held == 2 and s.cancelled == 1
    assert [ml.present for ml in s.meetings] == [4, 2, 0]
    by_org = {o.name: (o.meetings_attended, o.attendances) for o in s.organisations}
    assert by_org == {"Skövde": (2, 2), "Lidköping": (2, 2), "=Falköping": (1, 1), "Volvo": (1, 1)}
    assert [d.id for _, _, d in s.decisions] == ["d1", "d2", "d3"]
    assert [a.id for _, _, a in s.actions_done] == ["x2"]
    assert [a.id for _, _, a in s.actions_open] == ["x1"]


def test_markdown_with_bar_chart() -> None:
    md = year_summary_markdown(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="sv")
    assert md.startswith("# SYV-nätverket Skaraborg: årssammanställning 2026")
    assert "3 möten: 2 genomförda, 1 inställt." in md
    assert "2026-02-20  " + "█" * 20 + "  4" in md
    assert "2026-04-17  " + "█" * 10 + "░" * 10 + "  2" in md
    assert "2 åtgärder: 1 klar, 1 öppen." in md
    assert "| Skicka budgeten | Anna Berg | 2026-03-01 | 2026-02-20 |" in md
    en = year_summary_markdown(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="en")
    assert "Attendance per organisation" in en and "3 decisions in the year." in en


def test_html_is_escaped_and_well_formed() -> None:
    page = year_summary_html(NETWORK, MEETINGS, ORGS, PEOPLE, 2026, lang="sv")
    parser = html5lib.HTMLParser(strict=True)
    doc = parser.parse(page)
    assert doc is not None
    assert "<script>" not in page and "PRAO &lt;script&gt;" in page
    assert "&lt;b&gt;alla&lt;/b&gt;" in page
    assert '<html lang="sv">' in page and "http" not in page.split("<body>")[1]
    assert 'style="width: 100%"' in page and 'style="width: 50%"' in page


def test_empty_year() -> None:
    md = year_summary_markdown(NETWORK, MEETINGS, ORGS, PEOPLE, 2031, lang="en")
    assert "0 meetings: 0 held, 0 cancelled." in md and "None." in md
    page = year_summary_html(NETWORK, MEETINGS, ORGS, PEOPLE, 2031, lang="en")
    assert "None." in page
