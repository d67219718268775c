"""PDF/A through typst: archival marks, fonts, structure, text, and hostile text."""

from __future__ import annotations

import io
import re
import unicodedata
from datetime import UTC, datetime

import pikepdf
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.exports.agenda import notice_document
from quorum.exports.blocks import Document, Heading, Para, Part, Text, plain
from quorum.exports.font_cover import MISSING, shown
from quorum.exports.minutes import minutes_document
from quorum.exports.render_pdf import PdfInfo, escape, render
from quorum.exports.year_summary import year_summary_pdf
from quorum.store.records import Formality
from tests.exports.conftest_docs import NOW, ORGS, PEOPLE, realistic_context
from tests.exports.pdf_checks import assert_archival, pdf_text
from tests.exports.test_blocks import every_block

INFO = PdfInfo(
    author="Teknikcollege Nordvästra Skåne",
    moment=datetime(2027, 3, 20, 12, tzinfo=UTC),
    header="Teknikcollege Nordvästra Skåne · Protokoll 2027-03-12",
    footer=("Justerad version 1, 2027-03-20.", "SHA-256 " + "ab" * 32),
    keywords=("quorum", "quorum-version:1", "quorum-sha256:" + "ab" * 32),
    description="Justerad version 1",
)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_formal_minutes_are_pdf_a_2a_with_names_paragraphs_and_signatures(lang: str) -> None:
    ctx = realistic_context(lang, approved=True)
    data = render(minutes_document(ctx), INFO)
    xmp = assert_archival(data, lang)
    assert (
        xmp["{http://purl.org/dc/elements/1.1/}title"] == f"{ctx.doc_title()}: Nätverksträff 2 2027"
    )
    assert "Teknikcollege Nordvästra Skåne" in xmp["{http://purl.org/dc/elements/1.1/}creator"]
    assert xmp["{http://ns.adobe.com/xap/1.0/}CreateDate"].startswith("2027-03-20T12:00:00")
    assert "quorum-sha256:" + "ab" * 32 in xmp["{http://ns.adobe.com/pdf/1.3/}Keywords"]
    text = pdf_text(data)
    for name in (
        "Anna Lindqvist",
        "Maria Öberg",
        "Erik Åkesson",
        "Johan Bergström",
        "Lars Persson",
    ):
        assert name in text
    assert "§ 13 " in text and "§ 24 " in text  # February used § 1–12
    sign = ("Vid protokollet", "Justeras") if lang == "sv" else ("Minutes taken by", "Approved by")
    assert sign[0] in text and sign[1] in text
    assert "Maria Öberg, justerare justerat 2027-03-18" in text or lang == "en"
    assert "SHA-256 " + "ab" * 32 in text  # the footer
    assert re.search(r"1 \(\d\)", text)  # INFO.page: "1 (4)"


def test_the_same_document_gives_the_same_bytes() -> None:
    doc = minutes_document(realistic_context())
    assert render(doc, INFO) == render(doc, INFO)


def test_notice_and_year_summary_are_archival_too() -> None:
    notice = render(notice_document(realistic_context("en", Formality.INFORMAL)), INFO)
    assert_archival(notice, "en")
    assert "Agenda and time plan" in pdf_text(notice)
    ctx = realistic_context()
    summary = year_summary_pdf(ctx.network, [ctx.meeting], ORGS, PEOPLE, 2027, NOW, lang="sv")
    assert_archival(summary, "sv")
    assert "Teknikcollege Nordvästra Skåne" in pdf_text(summary)


def test_characters_the_font_lacks_become_a_marker_and_the_file_still_is_pdf_a() -> None:
    assert shown("Grattis 🎉👍🏽 till alla") == f"Grattis {MISSING} till alla"
    assert shown("مرحبا") == "مرحبا" and shown("مرحبا", italic=True) == MISSING
    assert shown("åäö ÅÄÖ é ü ł ş Привет Ελλάδα €§½") == "åäö ÅÄÖ é ü ł ş Привет Ελλάδα €§½"
    doc = Document(
        "sv",
        "t",
        (
            Part(
                (Heading(1, "Fest 🎉 中文"), Text("Tack 👍\nמלך مرحبا")),
            ),
        ),
    )
    data = render(doc, INFO)
    assert_archival(data, "sv")
    text = pdf_text(data)
    assert f"Fest {MISSING}" in text and "Tack" in text


def test_a_very_long_name_wraps_inside_the_page() -> None:
    name = "Å" * 2000
    data = render(Document("sv", "t", (Part((Para(plain(name)),)),)), INFO)
    assert pdf_text(data).replace(" ", "").count("Å") == 2000
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 1
    assert "\u200b" in escape(name) and escape("kort namn") == "kort namn"


_HOSTILE = st.lists(
    st.sampled_from(
        [
            *"#$*_`<>@\\[]=-+/~\"'{}();,",
            '#import "x": *',
            "$x^2$",
            "<script>alert(1)</script>",
            "=cmd|' /C calc'!A0",
            "\n",
            "\x00",
            "\x1b[31m",
            "- ",
            "+ ",
            "/ term: ",
            "@ref",
            "#set page(width: 1cm)",
            "]",
            "åäö",
            "e\u0301",
            "😀",
            "\u202e",
            " ",
        ]
    )
    | st.text(st.characters(blacklist_categories=("Cs",)), max_size=6),
    min_size=1,
    max_size=10,
).map("".join)


@settings(max_examples=40, deadline=None)
@given(_HOSTILE.filter(lambda s: escape(s).strip()))
def test_hostile_text_in_every_block_is_printed_as_typed_never_run(text: str) -> None:
    data = render(every_block(text), INFO)
    with pikepdf.open(io.BytesIO(data)) as pdf:
        assert len(pdf.pages) == 2  # a "#set page" or "#pagebreak" in the text did nothing
    # Read back, a letter and its combining accent may come out composed (e + ◌́ = é).
    found = unicodedata.normalize("NFC", pdf_text(data))
    # A bidi override (U+202A-U+202E) reorders what follows it when the text is read
    # back, so only the words before the first one are compared.
    readable = re.split("[\u202a-\u202e]", escape(text).replace("\u200b", ""))[0]
    for word in unicodedata.normalize("NFC", readable).split():
        # Control and format characters (a soft hyphen, a direction mark) print nothing
        # to find: a soft hyphen is where typst may break the word, and splits the text.
        if MISSING not in word and not any(
            ord(c) < 32 or unicodedata.category(c) == "Cf" for c in word
        ):
            word = unicodedata.normalize("NFC", word)
            assert word in found or word.replace("\u0301", "") in found, word
