"""The year plan's dates: proposals on rules and blackouts, and the user's edits."""

from __future__ import annotations

from datetime import date, timedelta

import pytest

from quorum.store import holidays
from quorum.store.errors import ValidationError
from quorum.store.plan_dates import (
    DateWarning,
    ProposedDate,
    add_date,
    drop_date,
    move_date,
    propose_dates,
    terms_of,
)
from quorum.store.records import Blackout, MeetingStatus
from tests.store.plan_fixtures import NO_BREAKS, meeting, network


@pytest.mark.parametrize("year", range(2020, 2032))
@pytest.mark.parametrize("count", [4, 5, 6, 8])
def test_proposals_follow_the_rules(year: int, count: int) -> None:
    net = network(min_meetings=count)
    plan = propose_dates(net, year, [])
    assert len(plan) == count
    days = [p.day for p in plan]
    assert days == sorted(days)
    spring, autumn = terms_of(year)
    for d in days:
        assert d.weekday() == 4
        assert not holidays.is_day_off(d)
        assert not holidays.is_squeeze_day(d)
        assert d in spring or d in autumn
    assert len({p.week for p in plan}) == count  # never two in a week
    # Spread: both terms get meetings.
    assert any(d in spring for d in days) and any(d in autumn for d in days)


def test_good_friday_is_moved_a_week_with_a_reason() -> None:
    # 2024, five meetings on Fridays: the spread asks for week 13, whose
    # Friday 29 March is långfredagen.
    plan = propose_dates(network(min_meetings=5, breaks=NO_BREAKS), 2024, [])
    moved = [p for p in plan if p.natural == date(2024, 3, 29)]
    assert len(moved) == 1
    p = moved[0]
    assert p.day == date(2024, 4, 5)
    assert p.reason_text("sv") == "Långfredagen – flyttat en vecka senare"
    assert p.reason_text("en") == "Good Friday – moved a week later"
    assert p.week_label("sv") == "v. 14"
    assert p.week_label("en") == "week 14"
    # The dates that were not moved carry no reason.
    assert all(q.reason is None for q in plan if q is not p)
    # With påsklov the week after Easter (the default), the week before is nearer.
    plan = propose_dates(network(min_meetings=5), 2024, [])
    p = next(p for p in plan if p.natural == date(2024, 3, 29))
    assert p.day == date(2024, 3, 22)
    assert p.reason_text("sv") == "Långfredagen – flyttat en vecka tidigare"


def test_squeeze_friday_after_ascension_is_moved() -> None:
    plan = propose_dates(network(min_meetings=4), 2027, [])
    p = next(p for p in plan if p.natural == date(2027, 5, 7))
    assert p.day == date(2027, 5, 14)
    assert p.reason_text("sv") == "Klämdag – flyttat en vecka senare"


def test_blackouts_move_a_date_and_name_the_break() -> None:
    free = propose_dates(network(breaks=NO_BREAKS), 2026, [])
    first = free[0].day
    net = network(
        breaks=NO_BREAKS,
        blackouts=(Blackout(first - timedelta(days=4), first + timedelta(days=2), "Sportlov"),),
    )
    plan = propose_dates(net, 2026, [])
    assert first not in [p.day for p in plan]
    p = next(p for p in plan if p.natural == first)
    assert p.day == first + timedelta(weeks=1)
    assert p.reason_text("sv") == "Sportlov – flyttat en vecka senare"
    # Two weeks' break: the week before is nearer; an unnamed one is a "spärrperiod".
    net = network(
        breaks=NO_BREAKS,
        blackouts=(Blackout(first - timedelta(days=4), first + timedelta(days=9)),),
    )
    p = next(p for p in propose_dates(net, 2026, []) if p.natural == first)
    assert p.day == first - timedelta(weeks=1)
    assert p.reason_text("sv") == "Spärrperiod – flyttat en vecka tidigare"
    # Three weeks around it: moved two weeks later.
    net = network(
        breaks=NO_BREAKS,
        blackouts=(Blackout(first - timedelta(days=11), first + timedelta(days=9)),),
    )
    p = next(p for p in propose_dates(net, 2026, []) if p.natural == first)
    assert p.day == first + timedelta(weeks=2)
    assert p.reason_text("en") == "Blackout period – moved 2 weeks later"


def test_existing_meetings_count_and_their_weeks_stay_free() -> None:
    existing = [meeting("1", date(2026, 2, 20)), meeting("2", date(2026, 9, 11))]
    plan = propose_dates(network(), 2026, existing)
    assert len(plan) == 2
    weeks = {date(2026, 2, 20).isocalendar().week, date(2026, 9, 11).isocalendar().week}
    assert not weeks & {p.week for p in plan}
    # Cancelled meetings and other networks' meetings do not count.
    others = [
        meeting("3", date(2026, 2, 20), status=MeetingStatus.CANCELLED),
        meeting("4", date(2026, 3, 6), network_id="n2"),
    ]
    assert len(propose_dates(network(), 2026, others)) == 4


def test_past_dates_are_not_proposed() -> None:
    plan = propose_dates(network(), 2026, [], today=date(2026, 3, 1))
    assert all(p.day > date(2026, 3, 1) for p in plan)


def test_weekday_is_the_networks() -> None:
    plan = propose_dates(network(weekday=1), 2026, [])  # Tuesdays
    assert {p.day.weekday() for p in plan} == {1}


# --------------------------------------------------------------------- edits


def test_move_add_drop() -> None:
    net = network()
    plan = propose_dates(net, 2026, [])
    moved = move_date(plan, 0, date(2026, 3, 13), net, 2026)
    assert date(2026, 3, 13) in [p.day for p in moved]
    assert len(moved) == len(plan)
    assert plan == propose_dates(net, 2026, [])  # the original list is untouched
    added = add_date(moved, date(2026, 10, 2), net, 2026)
    assert len(added) == 5 and [p.day for p in added] == sorted(p.day for p in added)
    dropped = drop_date(added, 0)
    assert len(dropped) == 4
    with pytest.raises(ValidationError) as err:
        drop_date(added, 9)
    assert err.value.key == "plan.error.no_such_date"


def test_edit_errors_and_warnings() -> None:
    net = network(blackouts=(Blackout(date(2026, 2, 16), date(2026, 2, 20), "Sportlov"),))
    plan = propose_dates(net, 2026, [])
    with pytest.raises(ValidationError) as err:
        add_date(plan, date(2027, 1, 15), net, 2026)
    assert err.value.key == "plan.error.outside_year"
    with pytest.raises(ValidationError) as err:
        add_date(plan, plan[1].day, net, 2026)
    assert err.value.key == "plan.error.duplicate"
    # Moving a date onto itself is not a duplicate.
    assert move_date(plan, 1, plan[1].day, net, 2026)[1].day == plan[1].day

    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 4, 3), net, 2026)  # långfredagen
    assert warn.value.key == "plan.warn.holiday"
    assert warn.value.level == "warning"
    assert warn.value.sentence("sv") == "Långfredagen är en helgdag."
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 3, 10), net, 2026)  # a Tuesday
    assert warn.value.key == "plan.warn.weekday"
    assert warn.value.sentence("sv") == "Dagen är en tisdag, nätverket träffas på fredagar."
    assert warn.value.sentence("en") == "The day is a Tuesday; the network meets on Fridays."
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 2, 17), net, 2026)  # Tuesday in sportlov
    assert [w.key for w in warn.value.warnings] == ["plan.warn.blackout", "plan.warn.weekday"]
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 5, 15), net, 2026)
    assert warn.value.key == "plan.warn.squeeze"
    # Confirmed, the date goes in and keeps its warnings.
    confirmed = add_date(plan, date(2026, 4, 3), net, 2026, confirm=True)
    p = next(p for p in confirmed if p.day == date(2026, 4, 3))
    assert p.manual and [w.key for w in p.warnings] == ["plan.warn.holiday"]


def test_proposed_date_defaults() -> None:
    p = ProposedDate(date(2026, 9, 18))
    assert p.week == 38 and p.week_label("sv") == "v. 38" and p.reason_text() == ""
