"""Swedish holidays against a published calendar (kalender.se / Riksdagen's
lag 1989:253), year by year, and against the ``holidays`` package."""

from __future__ import annotations

from datetime import date, timedelta

import holidays as holidays_pkg
import pytest

from quorum.store import holidays as H
from quorum.store.i18n import catalog_modules

# The movable feasts as published for each year: långfredagen, påskdagen,
# annandag påsk, Kristi himmelsfärdsdag, pingstdagen, midsommardagen,
# alla helgons dag (month, day). Written out, not computed, on purpose.
PUBLISHED = {
    2020: ((4, 10), (4, 12), (4, 13), (5, 21), (5, 31), (6, 20), (10, 31)),
    2021: ((4, 2), (4, 4), (4, 5), (5, 13), (5, 23), (6, 26), (11, 6)),
    2022: ((4, 15), (4, 17), (4, 18), (5, 26), (6, 5), (6, 25), (11, 5)),
    2023: ((4, 7), (4, 9), (4, 10), (5, 18), (5, 28), (6, 24), (11, 4)),
    2024: ((3, 29), (3, 31), (4, 1), (5, 9), (5, 19), (6, 22), (11, 2)),
    2025: ((4, 18), (4, 20), (4, 21), (5, 29), (6, 8), (6, 21), (11, 1)),
    2026: ((4, 3), (4, 5), (4, 6), (5, 14), (5, 24), (6, 20), (10, 31)),
    2027: ((3, 26), (3, 28), (3, 29), (5, 6), (5, 16), (6, 26), (11, 6)),
    2028: ((4, 14), (4, 16), (4, 17), (5, 25), (6, 4), (6, 24), (11, 4)),
    2029: ((3, 30), (4, 1), (4, 2), (5, 10), (5, 20), (6, 23), (11, 3)),
    2030: ((4, 19), (4, 21), (4, 22), (5, 30), (6, 9), (6, 22), (11, 2)),
    2031: ((4, 11), (4, 13), (4, 14), (5, 22), (6, 1), (6, 21), (11, 1)),
}
MOVABLE = (
    "Långfredagen",
    "Påskdagen",
    "Annandag påsk",
    "Kristi himmelsfärdsdag",
    "Pingstdagen",
    "Midsommardagen",
    "Alla helgons dag",
)
FIXED = {
    (1, 1): "Nyårsdagen",
    (1, 6): "Trettondedag jul",
    (5, 1): "Första maj",
    (6, 6): "Sveriges nationaldag",
    (12, 25): "Juldagen",
    (12, 26): "Annandag jul",
}


def published(year: int) -> dict[date, str]:
    out = {date(year, m, d): name for (m, d), name in FIXED.items()}
    for (m, d), name in zip(PUBLISHED[year], MOVABLE, strict=True):
        out[date(year, m, d)] = name
    return out


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_public_holidays_match_the_published_list(year: int) -> None:
    assert H.public_holidays(year) == published(year)


@pytest.mark.parametrize("year", sorted(PUBLISHED))
def test_easter_and_pentecost_are_sundays_good_friday_a_friday(year: int) -> None:
    by_name = {name: d for d, name in H.public_holidays(year).items()}
    assert by_name["Påskdagen"].weekday() == 6
    assert by_name["Pingstdagen"].weekday() == 6
    assert by_name["Långfredagen"].weekday() == 4
    assert by_name["Kristi himmelsfärdsdag"].weekday() == 3
    assert by_name["Midsommardagen"].weekday() == 5
    assert by_name["Alla helgons dag"].weekday() == 5


@pytest.mark.parametrize("year", range(1990, 2101))
def test_agrees_with_the_holidays_package(year: int) -> None:
    ref = holidays_pkg.Sweden(years=year, include_sundays=False)
    assert set(H.public_holidays(year)) == set(ref)


def test_de_facto_days_off_are_flagged_separately() -> None:
    days = H.de_facto_days_off(2026)
    assert days == {
        date(2026, 6, 19): "Midsommarafton",
        date(2026, 12, 24): "Julafton",
        date(2026, 12, 31): "Nyårsafton",
    }
    assert not set(days) & set(H.public_holidays(2026))
    assert not H.is_holiday(date(2026, 12, 24))
    assert H.is_holiday(date(2026, 12, 24), include_de_facto=True)
    assert H.is_day_off(date(2026, 6, 19))


def test_english_names_come_from_the_catalog() -> None:
    assert "plan" in catalog_modules()
    names = H.public_holidays(2026, lang="en")
    assert names[date(2026, 4, 3)] == "Good Friday"
    assert names[date(2026, 6, 6)] == "National Day of Sweden"
    assert H.holiday_name(date(2026, 12, 24), "en") == "Christmas Eve"
    assert H.holiday_name(date(2026, 3, 3)) is None


def test_squeeze_days() -> None:
    # The Friday after Kristi himmelsfärdsdag, every year.
    for year in PUBLISHED:
        ascension = next(d for d, n in H.public_holidays(year).items() if n.startswith("Kristi"))
        assert H.is_squeeze_day(ascension + timedelta(days=1))
        assert H.day_off_reason(ascension + timedelta(days=1)) == "Klämdag"
    # Monday before a Tuesday trettondedag jul (2026), Friday after a Thursday one (2022? no:
    # 2022-01-06 is a Thursday, so Friday 7 January is squeezed).
    assert H.is_squeeze_day(date(2026, 1, 5))
    assert H.is_squeeze_day(date(2022, 1, 7))
    # An ordinary Friday, a holiday itself and a weekend are not squeeze days.
    assert not H.is_squeeze_day(date(2026, 3, 13))
    assert not H.is_squeeze_day(date(2026, 4, 3))
    assert not H.is_squeeze_day(date(2026, 3, 14))


def test_easter_algorithm_far_years() -> None:
    assert H.easter_sunday(1818) == date(1818, 3, 22)  # earliest possible
    assert H.easter_sunday(2038) == date(2038, 4, 25)  # latest possible


def test_before_2005_whit_monday_not_national_day() -> None:
    days = H.public_holidays(2004)
    assert days[date(2004, 5, 31)] == "Annandag pingst"
    assert date(2004, 6, 6) not in days
