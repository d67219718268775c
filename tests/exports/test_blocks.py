"""The document model and its renderers: every block kind in every format, escaped once."""

from __future__ import annotations

from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from quorum.exports import render_html, render_md, render_txt
from quorum.exports.blocks import (
    Banner,
    Block,
    Bullets,
    Chart,
    Document,
    Entry,
    Fields,
    Heading,
    Para,
    Part,
    Signatures,
    Signer,
    Span,
    Table,
    Text,
    labelled,
    plain,
    text_bar,
)
from quorum.exports.render import FORMATS, render
from tests.exports.doc_checks import contains_all, markdown_as_text
from tests.exports.html_checks import assert_self_contained, body_text, local

MD_TAGS = {"html", "head", "title", "body", "h1", "h2", "h3", "p", "strong", "em", "code"}
MD_TAGS |= {"br", "ul", "li", "pre", "table", "thead", "tbody", "tr", "th", "td"}
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section"}
HTML_TAGS |= {"h1", "h2", "h3", "dl", "dt", "dd", "p", "ul", "li", "strong", "em", "code"}
HTML_TAGS |= {"div", "span", "table", "thead", "tbody", "tr", "th", "td"}


def every_block(text: str) -> Document:
    """A document with one block of every kind, ``text`` in every place text goes."""
    blocks: tuple[Block, ...] = (
        Banner(text),
        Heading(1, text),
        Heading(2, text),
        Heading(3, text),
        Fields((("Plats", text), ("Tid", "09:00"))),
        Text(f"{text}\n{text}\n\n{text}"),
        Para(
            (Span(text, strong=True), Span(text), Span(text, emphasis=True), Span(text, code=True))
        ),
        Bullets((labelled("Beslut", text), Entry(plain(text), Bullets((plain(text),))))),
        Table(("Namn", "Antal"), ((text, "3"), ("x", "12")), numeric=frozenset({1})),
        Chart(text, ("Datum", "Närvarande"), ((text, 4), ("2027-03-12", 2))),
        Signatures(((text, (Signer(text, "justerare"), Signer("Eva", text, "justerat 2027"))),)),
    )
    assert {type(b) for b in blocks} == set(get_args(Block)), "a block kind is missing here"
    return Document("sv", text, (Part(blocks[:5]), Part(blocks[5:], page_break=True)))


def test_every_format_renders_every_block_kind() -> None:
    doc = every_block("Budget 2027")
    for fmt, renderer in FORMATS.items():
        out = renderer(doc)
        assert out.count("Budget 2027") >= 14, fmt
        assert out == render(doc, fmt)


def test_markdown_shape() -> None:
    md = render_md.render(every_block("Budget 2027"))
    assert "**UTKAST**" not in md and "**Budget 2027**" in md
    assert "# Budget 2027\n\n## Budget 2027\n\n### Budget 2027" in md
    assert "**Plats:** Budget 2027\\\n**Tid:** 09:00" in md
    assert "Budget 2027\\\nBudget 2027\n\nBudget 2027" in md  # hard break, then a paragraph
    assert "**Budget 2027** Budget 2027 *Budget 2027* `Budget 2027`" in md
    assert "- **Beslut:** Budget 2027\n- Budget 2027\n    - Budget 2027" in md
    assert "| Namn | Antal |\n|---|---:|\n| Budget 2027 | 3 |" in md
    assert f"```\nBudget 2027  {text_bar(4, 4)}  4\n2027-03-12  {text_bar(2, 4)}  2\n```" in md
    assert md.endswith(
        "**Budget 2027**\\\nBudget 2027, justerare\\\nEva, Budget 2027 – justerat 2027\n"
    )


def test_text_shape() -> None:
    txt = render_txt.render(every_block("Budget"))
    assert txt.startswith("*** Budget ***\n\nBudget\n======\n\nBudget\n------\n\nBudget\n\n")
    assert "Plats: Budget\nTid:   09:00" in txt
    assert "- Beslut: Budget\n- Budget\n    - Budget" in txt
    assert "Namn    Antal\n------  -----\nBudget      3\nx          12" in txt  # numbers right
    assert f"Budget      {text_bar(4, 4)}  4" in txt
    signed = "Eva, Budget – justerat 2027"
    assert txt.endswith(f"Budget\n\n\n{'_' * 36}\nBudget, justerare\n\n{signed}\n")


def test_html_shape_and_style_only_for_what_is_there() -> None:
    page = render_html.render(every_block("Budget"))
    root = assert_self_contained(page)
    assert {local(el.tag) for el in root.iter()} <= HTML_TAGS
    assert '<section class="page-break">' in page and '<td class="num">12</td>' in page
    assert "<li>Budget<ul><li>Budget</li></ul></li></ul>" in page
    assert '<table aria-label="Budget">' in page and 'style="width: 50%"' in page
    assert ".bar span" in page and "td.num" in page
    assert '<div class="sign-line" role="presentation"></div><p>Budget, justerare</p>' in page
    assert "<p>Eva, Budget – justerat 2027</p>" in page and ".signatures" in page
    plain_doc = Document("en", "t", (Part((Heading(1, "t"), Table(("a",), (("b",),)))),))
    assert ".bar" not in render_html.render(plain_doc)
    assert "td.num" not in render_html.render(plain_doc)
    assert ".signatures" not in render_html.render(plain_doc)


def test_a_code_span_and_a_chart_are_fenced_past_any_backticks_in_them() -> None:
    doc = Document(
        "sv",
        "t",
        (Part((Para((Span("a `` b`", code=True),)), Chart("c", ("x", "y"), (("```", 1),)))),),
    )
    md = render_md.render(doc)
    assert "``` a `` b` ```" in md
    assert "````\n```  " in md and md.rstrip().endswith("````")
    text = markdown_as_text(md, MD_TAGS)
    assert "a `` b`" in text and "```" in text


def test_an_empty_chart_is_left_out_and_bars_stay_in_their_width() -> None:
    doc = Document("sv", "t", (Part((Chart("c", ("x", "y"), ()),)),))
    for renderer in FORMATS.values():
        assert "c" not in renderer(doc).split("</style>")[-1].replace("section", "")
    assert text_bar(0, 0) == "░" * 20 and text_bar(7, 4) == "█" * 20
    assert text_bar(-1, 4) == "░" * 20


hostile = st.text(st.characters(blacklist_categories=("Cs",)), max_size=40) | st.lists(
    st.sampled_from([*"<>&\"'`*_[]()#|~\\!-+=.:1 \n\t", "<script>", "**", "1. ", "- "]),
    max_size=12,
).map("".join)


@settings(max_examples=150, deadline=None)
@given(hostile.filter(str.strip))
def test_any_text_in_any_block_stays_text_in_every_format(text: str) -> None:
    doc = every_block(text)
    root = assert_self_contained(render_html.render(doc))
    assert {local(el.tag) for el in root.iter()} <= HTML_TAGS
    contains_all(body_text(root), [text])
    contains_all(markdown_as_text(render_md.render(doc), MD_TAGS), [text])
    contains_all(render_txt.render(doc), [text])


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_formats_are_named_as_the_cli_names_them(fmt: str) -> None:
    assert fmt in ("md", "html", "txt")
