"""Records validate themselves and survive the codec unchanged."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.store import codec
from quorum.store.errors import ValidationError
from quorum.store.i18n import t
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Approval,
    Attendance,
    Blackout,
    Decision,
    Meeting,
    Membership,
    Network,
    Organisation,
    Person,
    SmtpSettings,
    Template,
    TemplateItem,
    replace,
)

STHLM = ZoneInfo("Europe/Stockholm")
START = datetime(2027, 3, 12, 9, 0, tzinfo=STHLM)


def meeting(**kw):
    fields = dict(
        id="1", network_id="1", title="Nätverksträff", start=START, end=START + timedelta(hours=3)
    )
    fields.update(kw)
    return Meeting(**fields)


RECORDS = [
    Network(
        id="1",
        name="Gymnasienätverket",
        publication_email="pub@example.se",
        blackouts=(Blackout(date(2027, 2, 22), date(2027, 2, 26), "sportlov"),),
        templates=(Template("Egen", (TemplateItem("Öppnande", minutes=5),)),),
        smtp=SmtpSettings(host="smtp.example.se", sender="a@example.se"),
    ),
    Organisation(id="2", name="Ekdala kommun"),
    Person(
        id="3",
        name="Åsa Öberg",
        email="asa@example.se",
        title="rektor",
        memberships=(Membership("1"),),
    ),
    meeting(
        agenda=(
            AgendaItem(
                id="a",
                title="Beslut",
                notes="Rad 1\nRad 2 – å ä ö",
                decisions=(Decision("d", "Vi beslutar."),),
                actions=(ActionItem("x", "Gör", owner_id="3", due=date(2027, 4, 30)),),
            ),
        ),
        attendance=(
            Attendance(person_id="3"),
            Attendance(guest_name="Gäst", guest_email="g@example.org", arrived=time(9, 15)),
        ),
        approvals=(Approval("Åsa Öberg", date(2027, 3, 20)),),
        adjuster_ids=("3",),
    ),
]


@pytest.mark.parametrize("record", RECORDS, ids=lambda r: type(r).__name__)
def test_round_trip(record):
    doc = codec.to_doc(record)
    import json

    assert codec.from_doc(type(record), json.loads(json.dumps(doc))) == record


@pytest.mark.parametrize(
    "make, key",
    [
        (lambda: meeting(title="  "), "error.title_empty"),
        (lambda: meeting(end=START), "error.end_before_start"),
        (lambda: meeting(end=START - timedelta(hours=1)), "error.end_before_start"),
        (lambda: meeting(start=START.replace(tzinfo=None)), "error.naive_datetime"),
        (lambda: meeting(tz="Europe/Atlantis"), "error.tz_unknown"),
        (lambda: Person(id="1", name="A", email="not-an-address"), "error.email_invalid"),
        (lambda: Person(id="1", name="A", email="a@b"), "error.email_invalid"),
        (lambda: Person(id="1", name="", email="a@example.se"), "error.name_empty"),
        (lambda: Network(id="1", name="N", publication_email="x@"), "error.email_invalid"),
        (lambda: Network(id="1", name="N", weekday=7), "error.weekday_range"),
        (lambda: AgendaItem(id="a", title=""), "error.title_empty"),
        (lambda: AgendaItem(id="a", title="x", minutes=-5), "error.minutes_range"),
        (lambda: Blackout(date(2027, 3, 2), date(2027, 3, 1)), "error.end_before_start"),
        (lambda: Attendance(guest_name="", guest_email="g@example.se"), "error.name_empty"),
    ],
)
def test_invalid_input_raises_one_error_type_with_a_sentence(make, key):
    with pytest.raises(ValidationError) as info:
        make()
    assert info.value.key == key
    sv, en = info.value.sentence("sv"), info.value.sentence("en")
    assert sv != key and en != key and sv != en


def test_meeting_times_are_kept_in_the_network_zone():
    utc_start = START.astimezone(ZoneInfo("UTC"))
    m = meeting(start=utc_start, end=utc_start + timedelta(hours=2))
    assert m.start.tzinfo == STHLM and m.start.hour == 9


def test_invite_becomes_outdated_when_time_changes():
    m = meeting(sent_sequence=0)
    m = replace(m, sent_fingerprint=m.invite_fingerprint())
    assert not m.invite_outdated
    moved = replace(m, start=m.start + timedelta(hours=1), end=m.end + timedelta(hours=1))
    assert moved.invite_outdated


def test_sentence_in_both_languages():
    assert "e-post" in t("error.email_invalid", lang="sv", value="x")
    assert "e-mail" in t("error.email_invalid", lang="en", value="x")
