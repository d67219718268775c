"""Swedish public holidays, the de-facto days off, and squeeze days (klämdagar).

Computed rather than looked up, so every year works offline and the rules are
visible: the public holidays are those of *lag (1989:253) om allmänna
helgdagar* (so years from 1990; annandag pingst until 2004), Easter
comes from the anonymous Gregorian algorithm (Meeus / Jones / Butcher),
and midsummer and All Saints' Day are the Saturdays of their fixed windows. The tests
check the result against a published list and
against the ``holidays`` package.

Sundays are holidays in the law too; only the named ones (påskdagen,
pingstdagen) are listed, since a meeting planner never proposes a Sunday.

Four afton days are working days that many treat as half days (trettondagsafton,
skärtorsdag, valborgsmässoafton, allhelgonaafton): :func:`half_days_of` lists them
apart, so a planner avoids them unless a network says it meets on them.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from functools import cache

from quorum.store.i18n import t

__all__ = [
    "Holiday",
    "day_off_reason",
    "de_facto_days_off",
    "easter_sunday",
    "half_day",
    "half_days_of",
    "holiday_name",
    "holidays_of",
    "is_day_off",
    "is_holiday",
    "is_squeeze_day",
    "public_holidays",
]


@dataclass(frozen=True)
class Holiday:
    """One named day off. ``de_facto`` days (midsommarafton, julafton,
    nyårsafton) are not public holidays by law but schools and municipalities
    close on them, so a planner treats them the same."""

    day: date
    key: str  # catalog key suffix: t(f"holiday.{key}")
    de_facto: bool = False

    def name(self, lang: str | None = "sv") -> str:
        return t(f"holiday.{self.key}", lang=lang)


def easter_sunday(year: int) -> date:
    """Easter Sunday in the Gregorian calendar (anonymous algorithm)."""
    a = year % 19
    b, c = divmod(year, 100)
    d, e = divmod(b, 4)
    f = (b + 8) // 25
    g = (b - f + 1) // 3
    h = (19 * a + b - d - g + 15) % 30
    i, k = divmod(c, 4)
    l = (32 + 2 * e + 2 * i - h - k) % 7  # noqa: E741 - the algorithm's own name
    m = (a + 11 * h + 22 * l) // 451
    month, day = divmod(h + l - 7 * m + 114, 31)
    return date(year, month, day + 1)


def _saturday_between(start: date) -> date:
    """The Saturday in the seven days from ``start``."""
    return start + timedelta(days=(5 - start.weekday()) % 7)


@cache
def holidays_of(year: int) -> tuple[Holiday, ...]:
    """Every public holiday and de-facto day off of ``year``, in date order."""
    easter = easter_sunday(year)
    midsummer_day = _saturday_between(date(year, 6, 20))
    days = [
        Holiday(date(year, 1, 1), "nyarsdagen"),
        Holiday(date(year, 1, 6), "trettondedag_jul"),
        Holiday(easter - timedelta(days=2), "langfredagen"),
        Holiday(easter, "paskdagen"),
        Holiday(easter + timedelta(days=1), "annandag_pask"),
        Holiday(date(year, 5, 1), "forsta_maj"),
        Holiday(easter + timedelta(days=39), "kristi_himmelsfardsdag"),
        Holiday(easter + timedelta(days=49), "pingstdagen"),
    ]
    # Since 2005 nationaldagen is a holiday and annandag pingst is not (SFS 2004:1058).
    if year >= 2005:
        days.append(Holiday(date(year, 6, 6), "nationaldagen"))
    else:
        days.append(Holiday(easter + timedelta(days=50), "annandag_pingst"))
    days += [
        Holiday(midsummer_day - timedelta(days=1), "midsommarafton", de_facto=True),
        Holiday(midsummer_day, "midsommardagen"),
        Holiday(_saturday_between(date(year, 10, 31)), "alla_helgons_dag"),
        Holiday(date(year, 12, 24), "julafton", de_facto=True),
        Holiday(date(year, 12, 25), "juldagen"),
        Holiday(date(year, 12, 26), "annandag_jul"),
        Holiday(date(year, 12, 31), "nyarsafton", de_facto=True),
    ]
    return tuple(sorted(days, key=lambda h: h.day))


@cache
def half_days_of(year: int) -> tuple[Holiday, ...]:
    """The afton days that are working days but often end at lunch, in date order:
    trettondagsafton, skärtorsdag, valborgsmässoafton and allhelgonaafton (the Friday
    before alla helgons dag)."""
    easter = easter_sunday(year)
    all_saints = _saturday_between(date(year, 10, 31))
    days = [
        Holiday(date(year, 1, 5), "trettondagsafton"),
        Holiday(easter - timedelta(days=3), "skartorsdagen"),
        Holiday(date(year, 4, 30), "valborgsmassoafton"),
        Holiday(all_saints - timedelta(days=1), "allhelgonaafton"),
    ]
    return tuple(sorted(days, key=lambda h: h.day))


def half_day(d: date) -> Holiday | None:
    """The afton half day on ``d`` (a working weekday), if it is one."""
    if d.weekday() >= 5:
        return None
    for h in half_days_of(d.year):
        if h.day == d:
            return h
    return None


def public_holidays(year: int, lang: str | None = "sv") -> dict[date, str]:
    """The public holidays of ``year`` by law, date -> name (Swedish by default)."""
    return {h.day: h.name(lang) for h in holidays_of(year) if not h.de_facto}


def de_facto_days_off(year: int, lang: str | None = "sv") -> dict[date, str]:
    """Midsommarafton, julafton and nyårsafton: closed in practice, not by law."""
    return {h.day: h.name(lang) for h in holidays_of(year) if h.de_facto}


def _lookup(d: date) -> Holiday | None:
    for h in holidays_of(d.year):
        if h.day == d:
            return h
    return None


def holiday_name(d: date, lang: str | None = "sv") -> str | None:
    """The name of the public holiday or de-facto day off on ``d``, if any."""
    h = _lookup(d)
    return h.name(lang) if h else None


def is_holiday(d: date, include_de_facto: bool = False) -> bool:
    """Whether ``d`` is a named public holiday (optionally also a de-facto day off)."""
    h = _lookup(d)
    return h is not None and (include_de_facto or not h.de_facto)


def is_day_off(d: date) -> bool:
    """A weekend, a public holiday or a de-facto day off."""
    return d.weekday() >= 5 or is_holiday(d, include_de_facto=True)


def is_squeeze_day(d: date) -> bool:
    """A klämdag: a working weekday squeezed between two days off, for example
    the Friday after Kristi himmelsfärdsdag or the Monday before a Tuesday
    trettondedag jul. Many take it off, so nobody should be invited."""
    if is_day_off(d):
        return False
    return is_day_off(d - timedelta(days=1)) and is_day_off(d + timedelta(days=1))


def day_off_reason(d: date, lang: str | None = "sv") -> str | None:
    """Why ``d`` is no day for a meeting, in words: a holiday's name or
    "klämdag"; None for an ordinary day (weekends are the caller's rule)."""
    name = holiday_name(d, lang)
    if name:
        return name
    if is_squeeze_day(d):
        return t("holiday.squeeze_day", lang=lang)
    return None
