"""Arbitrary text in every field: never unescaped HTML, always round-trips into Markdown and text.

How the round trip is judged (see exports/render_md.py for the escaping rule):
every field's text, cleaned of control characters and with whitespace runs
folded to one space, must appear in

* the HTML body's text as html5lib reads it (strict parse, no errors, and no
  element the renderer did not write itself);
* the Markdown rendered by a CommonMark parser (markdown-it-py, tables on),
  read back as text by html5lib — so no user text became emphasis, a link,
  code, a list, a heading or raw HTML;
* the plain text.
"""

from __future__ import annotations

from datetime import date, datetime, timedelta
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quorum.exports.agenda import notice_html, notice_markdown, notice_text
from quorum.exports.context import DocContext
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Approval,
    Attendance,
    Decision,
    Formality,
    Meeting,
    Network,
    Organisation,
    Person,
    Presence,
    web_link,
)
from quorum.store.text_rules import as_stored
from tests.exports.doc_checks import contains_all, markdown_as_text
from tests.exports.html_checks import assert_self_contained, body_text, local

HTML_TAGS = {
    "html",
    "head",
    "meta",
    "title",
    "style",
    "body",
    "main",
    "section",
    "h1",
    "h2",
    "h3",
    "dl",
    "dt",
    "dd",
    "p",
    "ul",
    "li",
    "strong",
    "div",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
MD_TAGS = {
    "html",
    "head",
    "title",
    "body",
    "h1",
    "h2",
    "h3",
    "p",
    "strong",
    "br",
    "ul",
    "li",
    "table",
    "thead",
    "tbody",
    "tr",
    "th",
    "td",
}
ZONE = ZoneInfo("Europe/Stockholm")

anything = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
# Markdown specials and HTML, weighted in so the hard cases come up often.
tricky = st.lists(
    st.sampled_from(
        [
            *list("<>&\"'`*_[]()#|~\\!-+=.:1 \n\t§åäöÅÄÖ"),
            *("<script>", "</p>", "&amp;", "**", "1. ", "- "),
        ]
    ),
    max_size=12,
).map("".join)
text = st.one_of(anything, tricky, st.builds(lambda a, b: a + b, tricky, anything))
required = text.filter(lambda s: s.strip())


@st.composite
def contexts(draw: st.DrawFn) -> tuple[DocContext, list[str], list[str]]:
    """A context with arbitrary text everywhere; returns the texts the minutes and notice show."""
    with as_stored():  # any text an archive may hold, written before the text rule too
        return _context(draw)


def _context(draw: st.DrawFn) -> tuple[DocContext, list[str], list[str]]:
    start = datetime(2027, 3, 12, 9, tzinfo=ZONE)
    network = Network("1", draw(required))
    org = Organisation("1", draw(required))
    chair = Person("1", draw(required), "chair@example.se", org_id="1")
    owner = Person("2", draw(required), "owner@example.se")
    guest = Attendance(guest_name=draw(required), guest_org=draw(text), presence=Presence.REMOTE)
    items = []
    for n in range(draw(st.integers(1, 2))):
        items.append(
            AgendaItem(
                f"i{n}",
                draw(required),
                presenter_text=draw(text),
                description=draw(text),
                notes=draw(text),
                followup=n == 0,
                decisions=(Decision("d", draw(required)),),
                actions=(
                    ActionItem("a", draw(required), owner_id="2", due=date(2027, 4, 1)),
                    ActionItem("b", draw(required), owner_name=draw(text)),
                ),
            )
        )
    earlier_item = AgendaItem("e", draw(required))
    earlier_action = ActionItem("o", draw(required), owner_id="2")
    earlier = Meeting(
        "0",
        "1",
        "Förra",
        start - timedelta(days=40),
        start - timedelta(days=40, hours=-2),
        agenda=(earlier_item,),
    )
    meeting = Meeting(
        "2",
        "1",
        draw(required),
        start,
        start + timedelta(hours=3),
        place=draw(text),
        online_link=draw(st.one_of(text, text.map(lambda s: f"https://meet.example.se/{s}"))),
        documents=draw(text),
        formality=draw(st.sampled_from(list(Formality))),
        chair_id="1",
        secretary_id="2",
        adjuster_ids=("1",),
        agenda=tuple(items),
        attendance=(
            Attendance("1", presence=Presence.PRESENT),
            Attendance("2", presence=Presence.EXCUSED),
            guest,
        ),
        approvals=(Approval(draw(required), date(2027, 3, 20), reopened=True, reason=draw(text)),),
    )
    ctx = DocContext(
        meeting,
        network,
        {"1": chair, "2": owner},
        {"1": org},
        open_actions=[(earlier, earlier_item, earlier_action)],
        lang=draw(st.sampled_from(["sv", "en"])),
    )
    common = [
        network.name,
        meeting.title,
        meeting.place,
        web_link(meeting.online_link) or "",  # only a web address is shown as the link
        chair.name,
        owner.name,
    ]
    minutes = [*common, org.name, guest.guest_name, guest.guest_org, earlier_action.text]
    notice = [*common, meeting.documents]
    for it in items:
        minutes += [it.title, it.presenter_text, it.notes]
        minutes += (
            [d.text for d in it.decisions]
            + [a.text for a in it.actions]
            + [it.actions[1].owner_name]
        )
        notice += [it.title, it.presenter_text, it.description]
    if meeting.formality is Formality.FORMAL:
        minutes += [a.name for a in meeting.approvals] + [a.reason for a in meeting.approvals]
    return ctx, minutes, notice


def _markdown_as_text(markdown: str) -> str:
    return markdown_as_text(markdown, MD_TAGS)


def _check_html(page: str, needles: list[str]) -> None:
    root = assert_self_contained(page)
    tags = {local(el.tag) for el in root.iter()}
    assert tags <= HTML_TAGS, tags - HTML_TAGS
    contains_all(body_text(root), needles)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contexts())
def test_minutes_escape_and_round_trip(case: tuple[DocContext, list[str], list[str]]) -> None:
    ctx, shown, _ = case
    _check_html(minutes_html(ctx), shown)
    contains_all(_markdown_as_text(minutes_markdown(ctx)), shown)
    contains_all(minutes_text(ctx), shown)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(contexts())
def test_notice_escape_and_round_trip(case: tuple[DocContext, list[str], list[str]]) -> None:
    ctx, _, shown = case
    _check_html(notice_html(ctx), shown)
    contains_all(_markdown_as_text(notice_markdown(ctx)), shown)
    contains_all(notice_text(ctx), shown)
