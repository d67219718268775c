"""Hostile text in every field, through every export format and the CLI's printing.

The text rule refuses most of this at entry (tests/store/test_text_rules.py), but an
archive written before it may hold anything, and every way out must still keep its
structure. Each export is read back with a real parser of its format, and the structure
is checked, not only that the text is there:

* Markdown (markdown-it, CommonMark) and HTML (html5lib): only the renderer's own
  elements; plain text: every user text on the lines it was given;
* CSV (the ``csv`` module): the header and one row per record, each as wide as the
  header, no cell a spreadsheet would run, no control character;
* iCalendar (icalendar and vobject): the properties we write and no more, SUMMARY and
  LOCATION on one line, no control character or noncharacter (CalDAV servers refuse
  a calendar holding one);
* mail (``email``, default policy): exactly our headers, every recipient back with
  its address, lines within RFC 5322's 998 octets, every part decodes;
* the CLI's printing: no control character, reordering mark or lone surrogate reaches
  the terminal, and ``--json`` reads back to the stored text exactly.
"""

from __future__ import annotations

import csv
import io
import json
import unicodedata
from collections import Counter
from email import message_from_bytes
from email.policy import default
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from quorum.exports.agenda import notice_html, notice_markdown, notice_text
from quorum.exports.context import build_context
from quorum.exports.datelist import date_list_csv
from quorum.exports.decisions import decisions_csv
from quorum.exports.ics import cancel, invite, mark_sent, year_plan
from quorum.exports.mail import invite_mail
from quorum.exports.mail_headers import mail_address
from quorum.exports.mail_minutes import minutes_mail, minutes_recipients
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.exports.roster import roster_csv
from quorum.store.records import ActionItem, Decision, MeetingStatus, Presence, replace
from quorum.store.store import Store
from quorum.store.text_rules import as_stored, has_refused
from quorum.tui.cli import main
from tests.exports.conftest import NOW, World
from tests.exports.doc_checks import markdown_as_text
from tests.exports.hostile import _TEXT, FIELDS, valid_names, world_with
from tests.exports.html_checks import assert_self_contained, local
from tests.exports.ics_checks import check_structure, events, read_with_vobject

HTML_TAGS = {"html", "head", "meta", "title", "style", "body", "main", "section", "h1"}
HTML_TAGS |= {"h2", "h3", "dl", "dt", "dd", "p", "ul", "li", "strong", "em", "code", "div"}
HTML_TAGS |= {"table", "thead", "tbody", "tr", "th", "td", "span"}
MD_TAGS = {"html", "head", "title", "body", "h1", "h2", "h3", "p", "strong", "em", "code"}
MD_TAGS |= {"br", "ul", "li", "pre", "table", "thead", "tbody", "tr", "th", "td"}

EXTRA = st.fixed_dictionaries({"notes": _TEXT, "decision": _TEXT, "action": _TEXT})


def full_world(texts: dict[str, str], extra: dict[str, str]) -> World:
    """The hostile world, with notes, a decision and an action item in the new item and
    every invitee present, so the minutes hold every field too."""
    w = world_with(texts)
    with as_stored():
        item = w.march.agenda[-1]
        item = replace(
            item,
            notes=extra["notes"],
            decisions=(Decision("d1", _required(extra["decision"])),),
            actions=(ActionItem("a1", _required(extra["action"]), owner_name=texts["guest"]),),
        )
        attendance = tuple(replace(a, presence=Presence.PRESENT) for a in w.march.attendance)
        march = replace(w.march.with_item(item), attendance=attendance, status=MeetingStatus.HELD)
    return World(w.network, w.organisations, w.people, march, w.june)


def _required(text: str) -> str:
    return text if text.strip() else f"x{text}"


def _no_control(text: str) -> None:
    for char in text:
        assert char in "\n\t" or unicodedata.category(char) not in ("Cc", "Cs"), repr(char)
        assert not has_refused(char), repr(char)


def _csv(text: str, width: int) -> list[list[str]]:
    assert text.startswith("\ufeff")
    rows = list(csv.reader(io.StringIO(text[1:], newline=""), delimiter=";"))
    for row in rows:
        assert len(row) == width, row
        for cell in row:
            assert not cell.lstrip(" ").startswith(("=", "+", "-", "@", "\t", "\r", "\n"))
            assert not has_refused(cell)
    return rows


def _width(text: str) -> int:
    return len(text[1:].split("\r\n", 1)[0].split(";"))  # our headers hold no ; or quote


def _mail(data: bytes, recipients: int) -> None:
    for line in data.split(b"\r\n"):
        assert len(line) <= 998
    assert data.count(b"\n") == data.count(b"\r\n")
    msg = message_from_bytes(data, policy=default)
    allowed = {"From", "To", "Subject", "Date", "Message-ID", "X-Unsent", "MIME-Version"}
    assert set(msg.keys()) <= allowed | {"Content-Type", "Content-Transfer-Encoding"}
    assert all(n == 1 for n in Counter(msg.keys()).values())
    to = msg["To"].addresses
    assert len(to) == recipients and all(a.addr_spec.count("@") == 1 for a in to)
    for part in msg.walk():
        if not part.is_multipart():
            assert part.get_content()  # decodes


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(FIELDS.filter(valid_names), EXTRA)
def test_every_export_keeps_its_structure(texts: dict[str, str], extra: dict[str, str]) -> None:
    w = full_world(texts, extra)
    people, orgs = list(w.people.values()), list(w.organisations.values())
    ctx = build_context(w.march, w.network, people, orgs, [w.march, w.june], lang="sv")

    # Markdown and HTML: nothing but the renderer's own elements.
    for markdown in (minutes_markdown(ctx), notice_markdown(ctx)):
        markdown_as_text(markdown, MD_TAGS)
        _no_control(markdown)
    for page in (minutes_html(ctx), notice_html(ctx)):
        root = assert_self_contained(page)
        assert {local(el.tag) for el in root.iter()} <= HTML_TAGS
        _no_control(page)
    for text in (minutes_text(ctx), notice_text(ctx)):
        _no_control(text)
        assert w.march.title.split("\n")[0].strip() == "" or "\r" not in text

    # CSV: a row per record, each as wide as the header.
    roster = _csv(roster_csv(w.network, people, orgs, "sv"), 6)
    assert len(roster) == 1 + len([p for p in people if p.role_in(w.network.id)])
    dates = date_list_csv(w.network, [w.march, w.june], orgs, people, 2027, lang="sv")
    assert len(_csv(dates, _width(dates))) == 3
    decisions = decisions_csv(w.network, [w.march], "", lang="sv")
    assert len(_csv(decisions, _width(decisions))) == 2

    # iCalendar: our properties only, one-line SUMMARY and LOCATION, read by two parsers.
    sent = mark_sent(w.march)
    for data, count in (
        (invite(sent, w.network, w.people, None, NOW), 1),
        (
            cancel(
                mark_sent(replace(sent, status=MeetingStatus.CANCELLED)),
                w.network,
                w.people,
                None,
                NOW,
            ),
            1,
        ),
        (year_plan(w.network, [w.march, w.june], w.people, None, 2027, NOW), 2),
    ):
        names = check_structure(data)  # also: no control character, no noncharacter
        assert names.count("UID") == names.count("SUMMARY") == count
        for event in events(data):
            assert "\n" not in str(event["SUMMARY"]) and "\n" not in str(event.get("LOCATION", ""))
        read_with_vobject(data)

    # Mail: our headers only, every recipient back.
    ics = invite(sent, w.network, w.people, None, NOW)
    _mail(invite_mail(sent, w.network, w.people, None, ics, NOW), 6)
    sender = mail_address(w.coordinator.name, w.coordinator.email)
    # Every address put in comes back out (the publication address gets the public version).
    _mail(minutes_mail(ctx, sender, NOW), len(minutes_recipients(ctx)))


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(names=st.lists(_TEXT.filter(lambda s: s.strip()), min_size=1, max_size=4))
def test_the_cli_prints_stored_text_safely_and_json_reads_back(
    tmp_path_factory, names: list[str]
) -> None:
    db = tmp_path_factory.mktemp("cli") / "quorum.json"
    with Store.open(db) as store, as_stored():
        network = store.add_network(name=names[0])
        org = store.add_organisation(name=names[-1])
        from quorum.store.records import Membership

        for i, name in enumerate(names):
            store.add_person(
                name=name,
                email=f"p{i}@example.se",
                org_id=org.id,
                memberships=(Membership(network.id),),
            )
    for what in ("people", "networks", "meetings"):
        out, err = io.StringIO(), io.StringIO()
        assert main(["list", what, "--db", str(db)], out=out, err=err) == 0
        printed = out.getvalue() + err.getvalue()
        for char in printed:
            assert char == "\n" or not (ord(char) < 32 or 0x7F <= ord(char) < 0xA0), repr(char)
            assert not has_refused(char), repr(char)
        printed.encode("utf-8")  # no lone surrogate
    out = io.StringIO()
    assert main(["list", "people", "--json", "--db", str(db)], out=out, err=io.StringIO()) == 0
    _no_control(out.getvalue().replace("\n", ""))
    listed = json.loads(out.getvalue())
    assert sorted(p["name"] for p in listed) == sorted(n.strip() for n in names)
    assert Path(db).exists()
