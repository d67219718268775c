"""Dates and times as each language writes them (store/when.py), and the Swedish form in
every document the demo makes: no "09:00" where a Swedish reader expects "kl. 09.00"."""

from __future__ import annotations

import email
import email.policy
import io
import re
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar

from quorum.exports.datelist import date_list_csv, date_list_text
from quorum.exports.export_kinds import KINDS, prepare
from quorum.exports.year_summary import year_summary_markdown
from quorum.store.errors import DatabaseLocked
from quorum.store.gather import meeting_records
from quorum.store.i18n import set_language
from quorum.store.store import Store
from quorum.store.when import clock, clock_span, long_date, long_when, short_when, week

TZ = ZoneInfo("Europe/Stockholm")
START = datetime(2027, 3, 12, 9, 0, tzinfo=TZ)
END = datetime(2027, 3, 12, 12, 0, tzinfo=TZ)
COLON_TIME = re.compile(r"(?<![\d:])\d{1,2}:\d\d(?![\d:])")


def test_swedish_writes_kl_and_a_full_stop():
    assert clock(START, "sv") == "09.00" and clock(time(14, 5), "sv") == "14.05"
    assert clock_span(START, END, "sv") == "09.00–12.00"
    assert long_date(START, "sv") == "fredag 12 mars 2027"
    assert long_when(START, END, "sv") == "fredag 12 mars 2027 kl. 09.00–12.00"
    assert short_when(START, "sv") == "2027-03-12 kl. 09.00"
    assert week(10, "sv") == "v. 10"


def test_english_keeps_its_colon():
    assert clock_span(START, END, "en") == "09:00–12:00"
    assert long_when(START, END, "en") == "Friday 12 March 2027, 09:00–12:00"
    assert short_when(START, "en") == "2027-03-12 09:00"
    assert week(10, "en") == "week 10"


def test_without_a_language_the_current_one_is_used():
    set_language("sv")
    try:
        assert clock(START) == "09.00" and long_date(date(2027, 1, 1)) == "fredag 1 januari 2027"
    finally:
        set_language("en")


def colon_lines(text: str) -> list[str]:
    # Web links may hold anything; the times a reader reads may not.
    lines = (re.sub(r"https?://\S+", "", line) for line in text.splitlines())
    return [line for line in lines if COLON_TIME.search(line)]


def readable(data: bytes) -> str:
    """The text a person reads in a file: a mail's parts decoded, a PDF's text."""
    if data.startswith(b"%PDF"):
        from pypdf import PdfReader

        return "\n".join(page.extract_text() for page in PdfReader(io.BytesIO(data)).pages)
    if data.startswith(b"BEGIN:VCALENDAR"):
        calendar = Calendar.from_ical(data)
        return "\n".join(
            str(part.get(field, ""))
            for part in calendar.walk()
            for field in ("SUMMARY", "DESCRIPTION", "LOCATION")
        )
    if b"MIME-Version" in data[:2000]:
        message = email.message_from_bytes(data, policy=email.policy.default)
        return "\n".join(
            str(part.get_content())
            for part in message.walk()
            if part.get_content_maintype() == "text"
        )
    return data.decode("utf-8")


def test_every_swedish_document_of_the_demo_writes_times_the_swedish_way(demo_store: Store):
    meetings = demo_store.meetings("1")
    network = demo_store.network("1")
    docs: dict[str, str] = {}
    # The published meeting's public version, the held meeting's minutes, the coming
    # one's notice.
    for m in (meetings[0], meetings[1], meetings[2]):
        records = meeting_records(demo_store, m)
        for export in KINDS:
            if export.doc == "cancel" or (export.doc.startswith("minutes") and m is meetings[2]):
                continue
            if (export.doc == "publication") != (m is meetings[0]):
                continue
            prepared = prepare(export, records, datetime(2026, 11, 25, 10, tzinfo=TZ))
            docs[f"{m.day} {export.key}"] = readable(prepared.data)
    people, orgs, year = demo_store.people(), demo_store.organisations(), meetings[2].day.year
    docs["date list"] = date_list_text(network, meetings, orgs, people, year, lang="sv")
    docs["date list csv"] = date_list_csv(network, meetings, orgs, people, year, lang="sv")
    docs["year summary"] = year_summary_markdown(network, meetings, orgs, people, year, "sv")
    faults = {name: found for name, text in docs.items() if (found := colon_lines(text))}
    assert not faults, faults
    everything = "\n".join(docs.values())
    assert "kl. 09.00" in everything and "09.00–12.00" in everything
    coming = meetings[2]
    assert f"Tid: {long_when(coming.start, coming.end, 'sv')}" in everything  # the invite's


def test_the_lock_message_says_when_in_the_users_language(tmp_path):
    path = tmp_path / "q.json"
    with Store.open(path), pytest.raises(DatabaseLocked) as err:
        Store.open(path)
    sentence = err.value.sentence("sv")
    assert re.search(r"sedan \d{4}-\d\d-\d\d kl\. \d\d\.\d\d", sentence), sentence
