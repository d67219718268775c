"""Minutes and their context: golden files, § numbering, attendance, approval, escaping."""

from __future__ import annotations

import os
from datetime import date, datetime, timedelta
from pathlib import Path

import pytest

from quorum.exports.context import (
    DocContext,
    next_meeting_after,
    open_actions_before,
    paragraph_start,
)
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.store.records import (
    AgendaItem,
    Approval,
    Formality,
    Meeting,
    MeetingStatus,
    replace,
)
from tests.exports.conftest_docs import (
    NETWORK,
    march_meeting,
    next_meeting,
    realistic_context,
)
from tests.exports.html_checks import assert_self_contained, body_text, norm

GOLDEN = Path(__file__).parent / "golden"
RENDER = {"md": minutes_markdown, "html": minutes_html, "txt": minutes_text}


def check_golden(name: str, actual: str) -> None:
    """Compare with tests/exports/golden/NAME; QUORUM_UPDATE_GOLDEN=1 rewrites it."""
    path = GOLDEN / name
    if os.environ.get("QUORUM_UPDATE_GOLDEN") == "1":
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(actual, encoding="utf-8", newline="")
    expected = path.read_text(encoding="utf-8")
    assert actual == expected, f"{name} differs; QUORUM_UPDATE_GOLDEN=1 to accept"


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_formal_draft_minutes_golden(lang: str, fmt: str) -> None:
    check_golden(f"minutes_formal_draft_{lang}.{fmt}", RENDER[fmt](realistic_context(lang)))


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_informal_minutes_golden(lang: str, fmt: str) -> None:
    ctx = realistic_context(lang, Formality.INFORMAL, show_absent=True)
    check_golden(f"minutes_informal_{lang}.{fmt}", RENDER[fmt](ctx))


def test_approved_minutes_golden() -> None:
    check_golden(
        "minutes_formal_approved_sv.md", minutes_markdown(realistic_context(approved=True))
    )


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_html_is_self_contained_and_valid(lang: str) -> None:
    for ctx in (realistic_context(lang), realistic_context(lang, Formality.INFORMAL)):
        root = assert_self_contained(minutes_html(ctx))
        assert root.get("lang") == lang
        assert root.find("head/meta[@name='viewport']") is not None
        assert "@media print" in minutes_html(ctx)
        assert "break-before: page" in minutes_html(ctx)
        headings = [el.tag for el in root.iter() if el.tag in ("h1", "h2", "h3")]
        assert headings[0] == "h1" and headings.count("h1") == 1
        assert root.find(".//table/thead/tr/th[@scope='col']") is not None


def test_paragraph_numbers_continue_through_formal_minutes() -> None:
    ctx = realistic_context()
    # The approved February meeting had 12 items: March starts at § 13.
    assert ctx.first_paragraph == 13
    md = minutes_markdown(ctx)
    assert "### § 13 Mötets öppnande" in md and "### § 24 Mötets avslutande" in md
    informal = minutes_markdown(realistic_context(formality=Formality.INFORMAL))
    assert "### 1\\. Mötets öppnande" in informal and "§" not in informal


def test_paragraph_start_counts_only_held_formal_meetings_of_the_network_that_year() -> None:
    march = march_meeting()
    zone = march.zone

    def meeting(mid: str, day: date, n: int, **kw: object) -> Meeting:
        start = datetime(day.year, day.month, day.day, 9, tzinfo=zone)
        items = tuple(AgendaItem(f"x{i}", f"P {i}") for i in range(n))
        fields = {
            "network_id": "1",
            "status": MeetingStatus.APPROVED,
            "formality": Formality.FORMAL,
        }
        fields.update(kw)
        return Meeting(
            mid, title="M", start=start, end=start + timedelta(hours=2), agenda=items, **fields
        )  # type: ignore[arg-type]

    earlier = [
        meeting("a", date(2026, 10, 2), 8),
        meeting("b", date(2026, 12, 4), 5),
        meeting("c", date(2027, 1, 15), 7, formality=Formality.INFORMAL),
        meeting("d", date(2027, 2, 1), 9, status=MeetingStatus.CANCELLED),
        meeting("e", date(2027, 2, 3), 4, network_id="2"),
        meeting("f", date(2027, 6, 1), 6),  # after: not counted
        meeting("g", date(2027, 1, 22), 3),
    ]
    # The calendar year: 2026's protokoll are last year's numbers.
    assert paragraph_start(march, earlier) == 3 + 1
    # A school year from August: October and December 2026 are this year too.
    assert paragraph_start(march, earlier, year_start_month=8) == 8 + 5 + 3 + 1
    assert paragraph_start(march, []) == 1


def test_next_meeting_and_open_actions() -> None:
    ctx = realistic_context()
    assert ctx.next_meeting is not None and ctx.next_meeting.id == "3"
    assert [a.id for _, _, a in ctx.open_actions] == ["ea1", "ea3"]  # ea2 is done
    cancelled = replace(next_meeting(), status=MeetingStatus.CANCELLED)
    assert next_meeting_after(ctx.meeting, [ctx.meeting, cancelled]) is None
    assert open_actions_before(ctx.meeting, [ctx.meeting]) == []


def test_minutes_content() -> None:
    txt = norm(minutes_text(realistic_context()))
    for expected in (
        "Teknikcollege Nordvästra Skåne",
        "fredag 12 mars 2027",
        "09.00–12.00",
        "Campus Helsingborg, sal 204",
        "Ordförande: Anna Lindqvist",
        "Justerare: Maria Öberg, Sara Nilsson",
        "Beslut: Budgeten för 2027 fastställs till 120 000 kr enligt förslaget.",
        "Åtgärd: Fakturera kommunerna för vårens andel – Ansvarig: Anna Lindqvist"
        " – Klart senast: 2027-04-15",
        "fredag 21 maj 2027 kl. 09.00, värd: Landskrona stad",
        "*** UTKAST ***",
        "Ärendet bordläggs till nästa möte.",
        "Sammanställa självvärderingen för el- och energiprogrammet",  # follow-up from February
    ):
        assert expected in txt, expected
    assert "Frånvarande" not in txt and "Karin Sjöberg" not in txt  # absent left out by default
    with_absent = minutes_text(realistic_context(show_absent=True))
    assert "Frånvarande" in with_absent and "Karin Sjöberg" in with_absent


def test_attendance_grouped_by_organisation() -> None:
    md = minutes_markdown(realistic_context())
    present = md.split("### Närvarande")[1].split("###")[0]
    assert "- **Helsingborgs stad:** Anna Lindqvist, Lars Persson" in present
    assert "Nils Wallin" not in present  # a guest who came: in the guests' own group
    guests = md.split("### Gäster")[1].split("###")[0]
    assert "- **Region Skåne:** Nils Wallin" in guests and "(gäst)" not in guests
    remote = md.split("### Deltog på distans")[1].split("###")[0]
    assert "Per Holm" in remote and "Anna" not in remote
    assert "- **Landskrona stad:** Johan Bergström" in md.split("### Anmält förhinder")[1]


def test_minutes_show_the_actual_times() -> None:
    ctx = realistic_context()
    started = replace(
        ctx.meeting,
        actual_start=ctx.meeting.start + timedelta(minutes=4),
        actual_end=ctx.meeting.end - timedelta(minutes=25),
    )
    assert "Tid: 09.04–11.35" in norm(minutes_text(replace(ctx, meeting=started)))


def test_erased_person_is_not_named() -> None:
    sv, en = minutes_text(realistic_context()), minutes_text(realistic_context("en"))
    assert "Utan organisation: borttagen deltagare" in sv
    assert "Ansvarig: borttagen deltagare" in sv
    assert "No organisation: removed participant" in en


def test_approval_block() -> None:
    draft = minutes_markdown(realistic_context("en"))
    assert draft.startswith("**DRAFT**")
    assert "**DRAFT – these minutes have not been approved.**" in draft
    assert "**To be approved by:** Maria Öberg, Sara Nilsson" in draft
    approved = minutes_markdown(realistic_context("en", approved=True))
    assert "DRAFT" not in approved
    assert "- Approved by Maria Öberg on 2027-03-18" in approved
    informal = minutes_markdown(realistic_context("en", Formality.INFORMAL))
    assert "DRAFT" not in informal and "## Approval" not in informal


def test_reopened_approval_is_a_draft_again() -> None:
    ctx = realistic_context("sv")
    m = replace(
        ctx.meeting,
        approvals=(
            Approval("Maria Öberg", date(2027, 3, 18)),
            Approval("Sara Nilsson", date(2027, 3, 19)),
            Approval("Sara Nilsson", date(2027, 3, 20), reopened=True, reason="Fel belopp i § 19"),
        ),
    )
    text = minutes_text(DocContext(m, NETWORK, ctx.people, ctx.orgs, first_paragraph=13))
    assert "*** UTKAST ***" in text
    assert "Justeringen öppnades igen av Sara Nilsson 2027-03-20: Fel belopp i § 19" in text


def test_script_in_a_note_shows_as_text() -> None:
    ctx = realistic_context()
    item = ctx.meeting.agenda[10]
    evil = replace(item, notes='<script>alert("x")</script>\nrad två & <b>fet</b>')
    ctx = replace(ctx, meeting=ctx.meeting.with_item(evil))
    page = minutes_html(ctx)
    assert "<script>" not in page and "&lt;script&gt;" in page
    root = assert_self_contained(page)
    assert '<script>alert("x")</script> rad två & <b>fet</b>' in norm(body_text(root))
    # line breaks of notes are kept
    assert "alert(&quot;x&quot;)&lt;/script&gt;\nrad två" in page
    assert "\\<script\\>" in minutes_markdown(ctx)


def test_redacted_minutes_have_no_contacts() -> None:
    page = minutes_text(realistic_context(redact_contacts=True))
    assert "@" not in page
    assert "070-123 45 67" not in page and "08-123 456" not in page
    assert "[e-post borttagen]" in page and "[telefon borttagen]" in page
    assert "Sara Nilsson" in page  # names stay
