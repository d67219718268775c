"""The notice with agenda (kallelse): golden files, time plan, documents, HTML checks."""

from __future__ import annotations

from datetime import datetime

import pytest

from quorum.exports.agenda import notice_html, notice_markdown, notice_text
from quorum.exports.context import DocContext
from quorum.exports.filenames import document_filename, slug
from quorum.store.records import AgendaItem, Formality, Meeting, replace
from tests.exports.conftest_docs import NETWORK, TZ, realistic_context
from tests.exports.html_checks import assert_self_contained, body_text, norm
from tests.exports.test_minutes import check_golden

RENDER = {"md": notice_markdown, "html": notice_html, "txt": notice_text}


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_notice_golden(lang: str, fmt: str) -> None:
    check_golden(f"notice_{lang}.{fmt}", RENDER[fmt](realistic_context(lang)))


def test_time_plan_from_start_and_minutes() -> None:
    txt = notice_text(realistic_context())
    rows = [line for line in txt.splitlines() if line[:2].isdigit() and line[2] == "."]
    assert [r.split()[0] for r in rows[:5]] == ["09.00", "09.05", "09.10", "09.15", "09.25"]
    assert rows[-1].split()[0] == "11.20"
    assert "09.25  5. Återcertifiering 2027 – lägesrapport  Lars Persson    20 min" in txt
    assert "Mötet beräknas sluta kl. 11.25." in txt


def test_notice_has_place_link_contact_and_documents() -> None:
    en = norm(notice_text(realistic_context("en")))
    for expected in (
        "Notice of meeting: Nätverksträff 2 2027",
        "Date: Friday 12 March 2027",
        "Time: 09:00–12:00",
        "Place: Campus Helsingborg, sal 204, Universitetsplatsen 2",
        "Join online: https://meet.example.se/tc-nv-2027-2",
        "Contact: Lars Persson, lars.persson@helsingborg.example.se",
        "To read before the meeting",
        "Budgetförslag 2027.",
    ):
        assert expected in en, expected
    # descriptions keep their line breaks
    assert "el- och energiprogrammet och\nteknikprogrammet" in notice_text(realistic_context())


def test_notice_without_agenda_or_documents() -> None:
    start = datetime(2027, 9, 3, 13, tzinfo=TZ)
    bare = Meeting("9", "1", "Extra möte", start, start.replace(hour=15))
    text = notice_text(DocContext(bare, NETWORK))
    assert "Inga handlingar att läsa före mötet." in text
    assert "Dagordningen är inte klar ännu." in text
    assert "Plats: inte angivet" in norm(text)


def test_time_plan_across_dst_counts_real_minutes() -> None:
    # Summer time starts at 02:00 on 2027-03-28; a (night) meeting's plan follows the zone.
    start = datetime(2027, 3, 28, 1, 30, tzinfo=TZ)
    items = (AgendaItem("a", "Första", minutes=20), AgendaItem("b", "Andra", minutes=20))
    m = Meeting("9", "1", "Natt", start, datetime(2027, 3, 28, 4, 0, tzinfo=TZ), agenda=items)
    txt = notice_text(DocContext(m, NETWORK))
    assert [line.split()[0] for line in txt.splitlines() if line.startswith("0")] == [
        "01.30",
        "01.50",
    ]
    # 20 real minutes after 01:50 CET it is 03:10 CEST (not the wall-clock 02:10, which does
    # not exist).
    assert "Mötet beräknas sluta kl. 03.10." in txt


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_notice_html_valid(lang: str) -> None:
    root = assert_self_contained(notice_html(realistic_context(lang)))
    assert "Universitetsplatsen 2" in body_text(root)


def test_suggested_file_names() -> None:
    assert slug("Teknikcollege Nordvästra Skåne") == "teknikcollege-nordvastra-skane"
    assert slug("***") == "quorum"
    ctx = realistic_context()
    assert (
        document_filename(ctx, "minutes", "html")
        == "2027-03-12-teknikcollege-nordvastra-skane-protokoll.html"
    )
    assert (
        document_filename(ctx, "notice", "md")
        == "2027-03-12-teknikcollege-nordvastra-skane-kallelse.md"
    )
    informal_en = realistic_context("en", Formality.INFORMAL)
    assert document_filename(informal_en, "minutes", "txt").endswith("-minutes.txt")


def test_notice_redacts_contacts() -> None:
    ctx = replace(realistic_context(), redact_contacts=True)
    assert "@" not in notice_text(ctx)
    assert "Kontakt: Lars Persson" in norm(notice_text(ctx))
