"""School breaks as municipalities set them, and the afton half days: the year plan
and the next free date keep clear of both, and say why a date moved."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from quorum.store import holidays
from quorum.store.errors import ValidationError
from quorum.store.new_meeting import next_free_date
from quorum.store.plan_dates import date_warnings, propose_dates
from quorum.store.records import Blackout, EasterBreak, Network, SchoolBreaks, replace
from quorum.store.school_breaks import blackouts_for, break_periods
from tests.store.plan_fixtures import NO_BREAKS, network


def _weeks(plan) -> set[int]:  # type: ignore[no-untyped-def]
    return {p.week for p in plan}


@pytest.mark.parametrize("count", range(2, 13))
def test_a_network_without_settings_keeps_hostlov_and_sportlov_free(count: int) -> None:
    # The defect: with no breaks set the plan proposed dates in höstlov (v. 44, with 8
    # meetings a year) and sportlov (v. 8, with 4).
    bare = Network("1", "Nytt nätverk", min_meetings=count)
    for year in range(2026, 2032):
        plan = propose_dates(bare, year, [])
        assert not _weeks(plan) & {8, 44}, year
        for p in plan:
            assert all(not b.start <= p.day <= b.end for b in blackouts_for(bare, year)), p


@pytest.mark.parametrize("sportlov", [7, 8, 9])
def test_the_sportlov_week_is_the_networks(sportlov: int) -> None:
    net = network(min_meetings=12, breaks=SchoolBreaks(sportlov_week=sportlov))
    for year in range(2026, 2031):
        assert sportlov not in _weeks(propose_dates(net, year, []))


def test_the_breaks_of_a_year() -> None:
    periods = {b.key: b for b in break_periods(SchoolBreaks(), 2027)}
    assert periods["plan.break.sportlov"].start == date(2027, 2, 22)  # v. 8
    assert periods["plan.break.hostlov"].start == date(2027, 11, 1)  # v. 44
    # Easter 2027 is 28 March: påsklov after it is the week of annandag påsk.
    assert periods["plan.break.pasklov"].start == date(2027, 3, 29)
    before = break_periods(SchoolBreaks(pasklov=EasterBreak.BEFORE), 2027)
    pasklov = next(b for b in before if b.key == "plan.break.pasklov")
    assert (pasklov.start, pasklov.end) == (date(2027, 3, 22), date(2027, 3, 26))
    assert not any(b.key == "plan.break.pasklov" for b in break_periods(NO_BREAKS, 2027))
    assert break_periods(NO_BREAKS, 2027) == ()


def test_a_moved_date_names_the_break() -> None:
    # 2026, four meetings: the spread asks for Friday 20 February, in sportlov v. 8.
    plan = propose_dates(network(), 2026, [])
    p = next(p for p in plan if p.natural == date(2026, 2, 20))
    assert p.day == date(2026, 2, 27)
    assert p.reason_text("sv") == "Sportlov – flyttat en vecka senare"
    assert p.reason_text("en") == "Winter sports break – moved a week later"


def test_own_periods_come_on_top_of_the_breaks() -> None:
    study_days = Blackout(date(2027, 9, 13), date(2027, 9, 17), "Studiedagar")
    net = network(blackouts=(study_days,))
    assert study_days in blackouts_for(net, 2027)
    assert study_days not in blackouts_for(net, 2026)
    warnings = date_warnings(date(2027, 9, 17), net)
    assert [w.text("sv") for w in warnings] == ["Dagen ligger i en spärrperiod (Studiedagar)."]
    warnings = date_warnings(date(2027, 11, 5), net)  # also allhelgonaafton
    assert "Dagen ligger i en spärrperiod (Höstlov)." in [w.text("sv") for w in warnings]


def test_break_weeks_are_checked() -> None:
    with pytest.raises(ValidationError) as err:
        SchoolBreaks(sportlov_week=30)
    assert err.value.field == "sportlov_week"
    with pytest.raises(ValidationError):
        SchoolBreaks(hostlov_week=5)
    with pytest.raises(ValidationError):
        Blackout(date(2027, 1, 1), date(2029, 1, 1))


# --- afton days that work as half days -------------------------------------------------


def test_the_afton_half_days() -> None:
    days = {h.key: h.day for h in holidays.half_days_of(2027)}
    assert days == {
        "trettondagsafton": date(2027, 1, 5),
        "skartorsdagen": date(2027, 3, 25),
        "valborgsmassoafton": date(2027, 4, 30),
        "allhelgonaafton": date(2027, 11, 5),
    }
    # Allhelgonaafton is the Friday before alla helgons dag, every year.
    for year in range(2020, 2040):
        afton = next(h for h in holidays.half_days_of(year) if h.key == "allhelgonaafton")
        assert afton.day.weekday() == 4
        assert holidays.holiday_name(afton.day + timedelta(days=1)) == "Alla helgons dag"
    assert holidays.half_day(date(2027, 5, 1)) is None


def test_a_friday_network_avoids_valborg_unless_it_allows_afton_days() -> None:
    # 2026: one meeting a month lands the spread on Friday 1 May (a holiday) or near
    # valborgsmässoafton; ask for Thursdays 2027 instead, where 30 April is valborg.
    net = network(weekday=4, min_meetings=4, breaks=NO_BREAKS)
    for year in range(2020, 2040):
        for p in propose_dates(net, year, []):
            assert holidays.half_day(p.day) is None, p
    allowed = replace(net, allow_afton_days=True)
    assert next_free_date(net, [], date(2027, 4, 28)) == date(2027, 5, 7)
    assert next_free_date(allowed, [], date(2027, 4, 28)) == date(2027, 4, 30)
    warnings = date_warnings(date(2027, 4, 30), net)
    assert [w.text("sv") for w in warnings] == ["Valborgsmässoafton är en halvdag för många."]
    assert date_warnings(date(2027, 4, 30), allowed) == []


def test_a_date_moved_off_an_afton_day_says_so() -> None:
    # Thursday networks, breaks off: wherever the spread lands on skärtorsdag it moves.
    moved = [
        p
        for year in range(2020, 2040)
        for count in range(4, 9)
        for p in propose_dates(network(weekday=3, min_meetings=count, breaks=NO_BREAKS), year, [])
        if p.natural == holidays.easter_sunday(year) - timedelta(days=3)
    ]
    assert moved
    for p in moved:
        assert p.reason_text("sv").startswith("Skärtorsdagen – flyttat"), p
