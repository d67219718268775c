"""Personal data in documents: finding names, e-mail addresses and Swedish phone numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.exports.agenda import notice_html, notice_text
from quorum.exports.contacts import emails_in, phones_in, redact
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.exports.privacy import Finding, personal_data
from quorum.store.records import replace
from tests.exports.conftest_docs import realistic_context


@pytest.mark.parametrize(
    "number",
    [
        "070-123 45 67",
        "070-1234567",
        "0701234567",
        "+46 70 123 45 67",
        "+46701234567",
        "+46 (0)70-123 45 67",
        "08-123 456",
        "08-123 45 67",
        "031-12 34 56",
        "0418-47 00 00",
    ],
)
def test_swedish_phone_numbers_are_found(number: str) -> None:
    assert phones_in(f"Ring {number} i morgon.") == [number]


@pytest.mark.parametrize(
    "text",
    [
        "Öppet hus 2027-11-18 kl. 17–19",
        "Budget 120 000 kr",
        "kl. 09.00-12.00",
        "Org.nr 556677-8899",
        "34 av 41 elever",
        "v. 14, 0900",
        "postnummer 252 21 Helsingborg",
    ],
)
def test_dates_amounts_and_times_are_not_phone_numbers(text: str) -> None:
    assert phones_in(text) == []


def test_adjacent_numbers_are_two_numbers() -> None:
    assert phones_in("070-123 45 67 08-123 456") == ["070-123 45 67", "08-123 456"]
    assert phones_in("070-123 45 67 0") == ["070-123 45 67"]
    assert phones_in("070123456789") == []  # too long to be one number, no group to cut at
    assert redact("070\x00-123 45 67", "en") == "[phone removed]"


def test_emails_are_found() -> None:
    assert emails_in("Skriv till anna.lindqvist@helsingborg.example.se eller a_b+c@x.se.") == [
        "anna.lindqvist@helsingborg.example.se",
        "a_b+c@x.se",
    ]


def test_redact_replaces_contacts_only() -> None:
    text = "Kontakt: Sara Nilsson, sara@x.example.se, 070-123 45 67, budget 120 000 kr."
    assert redact(text, "sv") == (
        "Kontakt: Sara Nilsson, [e-post borttagen], [telefon borttagen], budget 120 000 kr."
    )
    assert redact(text, "en").count("removed") == 2


def test_personal_data_of_the_realistic_meeting() -> None:
    findings = personal_data(realistic_context())
    kinds = {(f.kind, f.value) for f in findings}
    # names in roles and attendance, a guest, an owner typed as free text is not a person
    for name in ("Anna Lindqvist", "Lars Persson", "Maria Öberg", "Nils Wallin", "Per Holm"):
        assert ("name", name) in kinds
    # contacts typed into the notes of § 20 and § 23, and the notice's contact line
    assert Finding("email", "sara.nilsson@industrimekano.example.se", "ärende § 20") in findings
    assert Finding("phone", "070-123 45 67", "ärende § 20") in findings
    assert Finding("phone", "08-123 456", "ärende § 23") in findings
    assert ("email", "lars.persson@helsingborg.example.se") in kinds
    assert [f.kind for f in findings] == sorted(
        (f.kind for f in findings), key=["name", "email", "phone"].index
    )
    assert findings[0].describe("sv").startswith("namn: ")


def test_names_typed_into_notes_are_found() -> None:
    ctx = realistic_context()
    # Karin was absent: the minutes do not list her, and her full name is nowhere.
    assert [f for f in personal_data(ctx) if f.value == "Karin Sjöberg"] == []
    assert [
        f.where
        for f in personal_data(realistic_context(show_absent=True))
        if f.value == "Karin Sjöberg"
    ] == ["närvaro"]
    item = ctx.meeting.agenda[10]
    noted = replace(item, notes=item.notes + " Karin Sjöberg återkommer.")
    ctx = replace(ctx, meeting=ctx.meeting.with_item(noted))
    assert [f.where for f in personal_data(ctx) if f.value == "Karin Sjöberg"] == ["ärende § 23"]


def test_redacted_context_reports_names_only_and_documents_hold_no_contacts() -> None:
    ctx = realistic_context(redact_contacts=True)
    assert {f.kind for f in personal_data(ctx)} == {"name"}
    for render in (minutes_markdown, minutes_html, minutes_text, notice_text, notice_html):
        document = render(ctx)
        assert emails_in(document) == [] and phones_in(document) == [], render.__name__


@settings(max_examples=150, deadline=None)
@given(
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
    st.sampled_from(["070-123 45 67", "+46 70 123 45 67", "08-123 456", "x.y@z.example.se"]),
    st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=40),
)
def test_redaction_removes_contacts_wherever_they_are(
    before: str, contact: str, after: str
) -> None:
    text = f"{before} {contact} {after}"
    redacted = redact(text, "sv")
    assert contact not in redacted
    assert emails_in(redacted) == [] and phones_in(redacted) == []
