"""Settings by name: ``network set`` / ``meeting set`` read what a user types, and
``network show`` writes what ``set`` reads back."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.store.cancelling import cancel, was_held
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.field_values import parse_time_range, parse_weekday
from quorum.store.i18n import set_language
from quorum.store.meeting_fields import apply_meeting_settings
from quorum.store.network_fields import NETWORK_FIELDS, apply_settings, parse_blackouts, shown
from quorum.store.records import (
    Blackout,
    EasterBreak,
    Formality,
    InviteSender,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    replace,
)

NET = Network("1", "Gymnasienätverket")
PEOPLE = [
    Person("1", "Åsa Öberg", "asa@example.se", memberships=(Membership("1", Role.COORDINATOR),)),
    Person("2", "Utanför", "ute@example.se"),
]
ORGS = [Organisation("1", "Skövde kommun"), Organisation("2", "Skara kommun")]


@pytest.mark.parametrize(
    ("typed", "weekday"),
    [("fredag", 4), ("Friday", 4), ("fre", 4), ("5", 4), ("MÅNDAG", 0), ("sön", 6)],
)
def test_weekdays_in_either_language(typed: str, weekday: int) -> None:
    assert parse_weekday(typed) == weekday


@pytest.mark.parametrize("typed", ["9-12", "09:00-12:00", "9.00–12.00", " 0900 - 1200 "])
def test_time_ranges(typed: str) -> None:
    assert parse_time_range(typed) == (time(9), 180)


@pytest.mark.parametrize("typed", ["12-9", "9", "9-25", "nio-tolv"])
def test_bad_time_ranges_get_a_sentence(typed: str) -> None:
    with pytest.raises(ValidationError) as err:
        parse_time_range(typed)
    assert err.value.sentence("sv") and err.value.field == "time"


def test_every_setting_can_be_set_and_shown() -> None:
    changed = apply_settings(
        NET,
        [
            "organiser=Skaraborgs kommunalförbund",
            "organiser_email=utbildning@skaraborg.example.se",
            "coordinator=ASA@example.se",
            "publication_email=webb@skaraborg.example.se",
            "place=Stadshuset, Skövde",
            "link=https://meet.example.se/x",
            "weekday=torsdag",
            "time=13:00-15:30",
            "min_meetings=6",
            "formality=protokoll",
            "require_industry=ja",
            "invite_sender=samordnare",
            "sportlov=v. 9",
            "pasklov=före",
            "hostlov=none",
            "jullov=nej",
            "afton_days=tillåt",
            "blackouts=2027-04-12..2027-04-16 Studiedagar; 2027-05-03 Kompetensdag",
            "smtp.host=smtp.example.se",
            "smtp.port=465",
            "smtp.security=ssl",
            "smtp.user=asa",
            "smtp.sender=utbildning@skaraborg.example.se",
        ],
        PEOPLE,
    )
    assert changed.coordinator_id == "1"
    assert (changed.weekday, changed.start_time, changed.length_minutes) == (3, time(13), 150)
    assert changed.formality is Formality.FORMAL and changed.require_industry
    assert changed.invite_sender is InviteSender.COORDINATOR
    assert changed.breaks.sportlov_week == 9 and changed.breaks.hostlov_week is None
    assert changed.breaks.pasklov is EasterBreak.BEFORE and not changed.breaks.jullov
    assert changed.allow_afton_days
    assert changed.blackouts == (
        Blackout(date(2027, 4, 12), date(2027, 4, 16), "Studiedagar"),
        Blackout(date(2027, 5, 3), date(2027, 5, 3), "Kompetensdag"),
    )
    assert changed.smtp is not None and (changed.smtp.port, changed.smtp.security) == (465, "ssl")
    # What show prints, set takes back, and nothing changes, in either language; in
    # Swedish it prints Swedish words (ja, torsdag, protokoll, före, tillåt, inget).
    for lang in ("sv", "en"):
        set_language(lang)
        rows = shown(changed, PEOPLE)
        again = apply_settings(NET, [f"{k}={v}" for k, v in rows], PEOPLE)
        assert again == changed, lang
        for cleared in ("hostlov", "smtp.host"):
            assert apply_settings(again, [f"{cleared}={dict(rows)[cleared]}"], PEOPLE) == again
    assert ("weekday", "torsdag") in rows_sv(changed)
    assert ("hostlov", "inget") in rows_sv(changed) and ("pasklov", "före") in rows_sv(changed)
    assert ("formality", "protokoll") in rows_sv(changed)
    assert [name for name, _ in shown(changed, PEOPLE)] == [f.name for f in NETWORK_FIELDS]
    for f in NETWORK_FIELDS:
        assert f.help("sv") != f"field.network.{f.name}" and f.help("en")


def test_smtp_can_be_removed_and_needs_a_host_first() -> None:
    with pytest.raises(ValidationError) as err:
        apply_settings(NET, ["smtp.port=25"], PEOPLE)
    assert err.value.field == "smtp.port"
    with_smtp = apply_settings(NET, ["smtp.host=smtp.example.se"], PEOPLE)
    assert with_smtp.smtp is not None and with_smtp.smtp.port == 587
    assert apply_settings(with_smtp, ["smtp.host=none"], PEOPLE).smtp is None
    # The Swedish help's words are taken as they are written there.
    plain = apply_settings(with_smtp, ["smtp.security=ingen"], PEOPLE).smtp
    assert plain is not None and plain.security == "none"
    assert apply_settings(with_smtp, ["smtp.host=ingen"], PEOPLE).smtp is None
    words = apply_settings(NET, ["afton_days=tillåt", "pasklov=inget", "sportlov=inget"], PEOPLE)
    assert words.allow_afton_days and words.breaks.sportlov_week is None
    assert words.breaks.pasklov is EasterBreak.NONE


def test_no_login_over_an_unencrypted_connection() -> None:
    with pytest.raises(ValidationError) as err:
        apply_settings(
            NET, ["smtp.host=smtp.example.se", "smtp.user=asa", "smtp.security=none"], PEOPLE
        )
    assert "STARTTLS" in err.value.sentence("sv")
    # In either order, and to this machine too: a password is never sent in clear text.
    with pytest.raises(ValidationError):
        apply_settings(NET, ["smtp.host=127.0.0.1", "smtp.security=none", "smtp.user=asa"], PEOPLE)
    unencrypted = apply_settings(NET, ["smtp.host=127.0.0.1", "smtp.security=none"], PEOPLE)
    assert unencrypted.smtp is not None and unencrypted.smtp.user == ""


@pytest.mark.parametrize(
    ("assignment", "sentence"),
    [
        ("weekday=lördagsmorgon", "ingen veckodag"),
        ("min_meetings=många", "ska vara ett tal från 0 till 52"),
        ("coordinator=ute@example.se", "är inte med i"),
        ("coordinator=ingen@example.se", "Ingen person"),
        ("sportlov=20", "från 6 till 12"),
        ("publication_email=inte en adress", "e-post"),
        ("färg=blå", "inget fält som heter"),
        ("weekday", "FÄLT=VÄRDE"),
        ("name=", "namn"),
    ],
)
def test_a_bad_value_is_one_sentence_naming_the_field(assignment: str, sentence: str) -> None:
    with pytest.raises(ValidationError) as err:
        apply_settings(NET, [assignment], PEOPLE)
    assert sentence.casefold() in err.value.sentence("sv").casefold()


def test_own_periods_by_text() -> None:
    assert parse_blackouts("none") == ()
    assert parse_blackouts("2027-03-01 ;  ") == (Blackout(date(2027, 3, 1), date(2027, 3, 1)),)
    with pytest.raises(ValidationError):
        parse_blackouts("2027-03-05..2027-03-01 Baklänges")


START = datetime(2027, 3, 12, 9, tzinfo=ZoneInfo("Europe/Stockholm"))
MEETING = Meeting("1", "1", "Nätverksträff", START, START + timedelta(hours=3))


def test_meeting_fields() -> None:
    changed = apply_meeting_settings(
        MEETING,
        [
            "date=2027-03-19",
            "time=13:00-16:00",
            "host=skövde",
            "chair=asa@example.se",
            "checkers=1, ute@example.se",
            "formality=protokoll",
            "place=Rådhuset",
        ],
        PEOPLE,
        ORGS,
    )
    assert changed.start == datetime(2027, 3, 19, 13, tzinfo=ZoneInfo("Europe/Stockholm"))
    assert changed.end - changed.start == timedelta(hours=3)
    assert changed.host_org_id == "1" and changed.chair_id == "1"
    assert changed.adjuster_ids == ("1", "2")
    with pytest.raises(ValidationError) as err:
        apply_meeting_settings(MEETING, ["host=kommun"], PEOPLE, ORGS)
    assert "1 Skövde kommun" in err.value.sentence("sv")  # two match: say which
    with pytest.raises(ValidationError):
        apply_meeting_settings(MEETING, ["status=held"], PEOPLE, ORGS)


def test_a_held_meeting_cannot_be_cancelled() -> None:
    assert cancel(MEETING).status is MeetingStatus.CANCELLED
    for status in (MeetingStatus.HELD, MeetingStatus.APPROVED, MeetingStatus.PUBLISHED):
        assert was_held(replace(MEETING, status=status))
        with pytest.raises(QuorumError) as err:
            cancel(replace(MEETING, status=status))
        assert "är redan genomfört" in err.value.sentence("sv")
    live = replace(MEETING, actual_start=START)
    assert was_held(live)


def rows_sv(network: Network) -> list[tuple[str, str]]:
    set_language("sv")
    try:
        return shown(network, PEOPLE)
    finally:
        set_language("en")
