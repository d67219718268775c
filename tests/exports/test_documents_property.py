"""Arbitrary text in every field of the decisions register, the year summary, the
date list and the export preview: it stays text, in every format.

They used to put user text into Markdown unescaped (a decision starting with
``#`` became a heading, ``[x](javascript:…)`` a link, ``<b>`` raw HTML) and to
build their HTML by hand. Now they are documents of the one model, judged as
the minutes are (tests/exports/doc_checks.py): Markdown read back through a
CommonMark parser may hold only the tags the renderer writes, HTML must parse
strictly with nothing but our own elements, and every text must be there.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from email import message_from_bytes
from email.policy import default
from zoneinfo import ZoneInfo

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quorum.exports.datelist import date_list_document
from quorum.exports.decisions import decisions_document, decisions_markdown
from quorum.exports.file_summary import summarize_eml, summarize_ics
from quorum.exports.ics import invite
from quorum.exports.mail import invite_mail
from quorum.exports.render import FORMATS
from quorum.exports.year_summary import year_summary_document
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Attendance,
    Decision,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Presence,
)
from quorum.store.text_rules import as_stored
from tests.exports.conftest import NOW
from tests.exports.doc_checks import contains_all, markdown_as_text
from tests.exports.hostile import FIELDS, valid_names, world_with
from tests.exports.html_checks import assert_self_contained, body_text, local
from tests.exports.ics_checks import only_event

TZ = ZoneInfo("Europe/Stockholm")
MD_TAGS = {"html", "head", "title", "body", "h1", "h2", "h3", "p", "strong", "em", "code"}
MD_TAGS |= {"br", "ul", "li", "pre", "table", "thead", "tbody", "tr", "th", "td"}
HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section"}
HTML_TAGS |= {"h1", "h2", "h3", "p", "ul", "li", "strong", "em", "div", "span"}
HTML_TAGS |= {"table", "thead", "tbody", "tr", "th", "td"}

anything = st.text(st.characters(blacklist_categories=("Cs",)), max_size=30)
tricky = st.lists(
    st.sampled_from(
        [
            *"<>&\"'`*_[]()#|~\\!-+=.:1 \n\t",
            *("<script>", "</td>", "&amp;", "**", "1. ", "- ", "# ", "[x](javascript:alert(1))"),
        ]
    ),
    max_size=10,
).map("".join)
text = st.one_of(anything, tricky, st.builds(lambda a, b: a + b, tricky, anything))
required = text.filter(lambda s: s.strip())


@st.composite
def years(draw: st.DrawFn) -> tuple[Network, list[Meeting], list[Organisation], list[Person]]:
    # Any text an archive may hold, written before the text rule too.
    with as_stored():
        return _year(draw)


def _year(draw: st.DrawFn) -> tuple[Network, list[Meeting], list[Organisation], list[Person]]:
    network = Network("n1", draw(required), member_org_ids=("o1",))
    org = Organisation("o1", draw(required))
    owner = Person(
        "p1", draw(required), "p1@example.se", org_id="o1", memberships=(Membership("n1"),)
    )
    start = datetime.combine(date(2026, 3, 13), time(9), TZ)
    item = AgendaItem(
        "a1",
        draw(required),
        decisions=(Decision("d1", draw(required)),),
        actions=(ActionItem("x1", draw(required), owner_id="p1", due=date(2026, 4, 1)),),
    )
    meeting = Meeting(
        "1",
        "n1",
        draw(required),
        start,
        start + timedelta(hours=3),
        place=draw(text),
        host_org_id="o1",
        status=MeetingStatus.HELD,
        agenda=(item,),
        attendance=(
            Attendance(person_id="p1", presence=Presence.PRESENT),
            Attendance(
                guest_name=draw(required), guest_org=draw(required), presence=Presence.REMOTE
            ),
        ),
    )
    return network, [meeting], [org], [owner]


def _check(doc_renders: dict[str, str], needles: list[str]) -> None:
    root = assert_self_contained(doc_renders["html"])
    assert {local(el.tag) for el in root.iter()} <= HTML_TAGS
    contains_all(body_text(root), needles)
    contains_all(markdown_as_text(doc_renders["md"], MD_TAGS), needles)
    contains_all(doc_renders["txt"], needles)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years(), text)
def test_decisions_register(year: tuple, query: str) -> None:
    network, meetings, _, _ = year
    [m] = meetings
    item, decision = m.agenda[0], m.agenda[0].decisions[0]
    doc = decisions_document(network, meetings, lang="sv")
    _check(
        {f: r(doc) for f, r in FORMATS.items()}, [network.name, m.title, item.title, decision.text]
    )
    # The filter line quotes what was searched for: text too, never markup.
    filtered = decisions_document(network, meetings, query=query, lang="en")
    _check({f: r(filtered) for f, r in FORMATS.items()}, [query.strip()])
    assert decisions_markdown(network, meetings, lang="sv") == FORMATS["md"](doc)


@settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years())
def test_year_summary(year: tuple) -> None:
    network, meetings, orgs, people = year
    [m] = meetings
    item = m.agenda[0]
    guest = m.attendance[1]
    doc = year_summary_document(network, meetings, orgs, people, 2026, lang="sv")
    needles = [network.name, m.title, orgs[0].name, guest.guest_org, item.title]
    needles += [item.decisions[0].text, item.actions[0].text, people[0].name]
    _check({f: r(doc) for f, r in FORMATS.items()}, needles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(years())
def test_date_list(year: tuple) -> None:
    network, meetings, orgs, people = year
    [m] = meetings
    doc = date_list_document(network, meetings, orgs, people, 2026, lang="en")
    needles = [network.name, orgs[0].name] + ([m.place] if m.place.strip() else [])
    _check({f: r(doc) for f, r in FORMATS.items()}, needles)


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIELDS.filter(valid_names))
def test_export_preview_of_an_invite_and_its_mail(texts: dict[str, str]) -> None:
    w = world_with(texts)
    data = invite(w.march, w.network, w.people, None, NOW)
    mail = invite_mail(w.march, w.network, w.people, None, data, NOW)
    event = only_event(data)
    names = [str(a.params.get("CN", "")) for a in event["ATTENDEE"]]
    # The preview shows, as text, what the calendar file and the mail carry.
    contains_all(markdown_as_text(summarize_ics(data), MD_TAGS), [str(event["SUMMARY"]), *names])
    message = message_from_bytes(mail, policy=default)
    shown = [str(message["Subject"])] + [a.display_name for a in message["To"].addresses]
    contains_all(markdown_as_text(summarize_eml(mail), MD_TAGS), [n for n in shown if n.strip()])
