"""School breaks as Swedish municipalities set them, turned into a year's Blackouts.

A network keeps its breaks as rules (:class:`SchoolBreaks`: sportlov week, påsklov
before or after Easter, höstlov week, jullov, sommarlov) because the dates move every
year; its own extra periods (a study day, a different sportlov one year) are stored
Blackouts. :func:`blackouts_for` gives both for one year, and the year plan, the
new-meeting date and the date warnings all ask it, so they agree.

The presets follow what most municipalities do; the settings screen and
``quorum network set`` adjust them per network:

- sportlov: week 7, 8 or 9 depending on the county (default 8, the most common);
- påsklov: the week after Easter (Tuesday to Friday after annandag påsk), or the week
  before it (Monday to Thursday before långfredagen);
- höstlov: week 44 (around alla helgons dag);
- jullov: 21 December to 7 January;
- sommarlov: from the end of the spring term to the start of the autumn term
  (:func:`quorum.store.plan_dates.terms_of`).
"""

from __future__ import annotations

from datetime import date, timedelta
from functools import cache

from quorum.store.holidays import easter_sunday
from quorum.store.records import Blackout, EasterBreak, Network, SchoolBreaks

__all__ = ["AUTUMN_START", "SPRING_END", "blackouts_for", "break_periods", "iso_week_days"]

# The school year's edges (month, day), shared with the terms the plan spreads over.
SPRING_END = (6, 10)
AUTUMN_START = (8, 15)


def iso_week_days(year: int, week: int) -> tuple[date, date]:
    """Monday and Friday of ISO week ``week`` of ``year`` (week 53 only where it exists)."""
    weeks_in_year = date(year, 12, 28).isocalendar().week
    monday = date.fromisocalendar(year, min(week, weeks_in_year), 1)
    return monday, monday + timedelta(days=4)


@cache
def break_periods(breaks: SchoolBreaks, year: int) -> tuple[Blackout, ...]:
    """The school breaks of ``year`` under ``breaks``, in date order."""
    periods: list[Blackout] = []
    if breaks.jullov:
        periods.append(Blackout(date(year, 1, 1), date(year, 1, 7), key="plan.break.jullov"))
    if breaks.sportlov_week is not None:
        periods.append(
            Blackout(*iso_week_days(year, breaks.sportlov_week), key="plan.break.sportlov")
        )
    easter = easter_sunday(year)
    if breaks.pasklov is EasterBreak.BEFORE:
        start = easter - timedelta(days=6)  # the Monday of Holy Week
        periods.append(Blackout(start, start + timedelta(days=4), key="plan.break.pasklov"))
    elif breaks.pasklov is EasterBreak.AFTER:
        start = easter + timedelta(days=1)  # annandag påsk, then the rest of that week
        periods.append(Blackout(start, start + timedelta(days=4), key="plan.break.pasklov"))
    if breaks.sommarlov:
        periods.append(
            Blackout(
                date(year, *SPRING_END) + timedelta(days=1),
                date(year, *AUTUMN_START) - timedelta(days=1),
                key="plan.break.sommarlov",
            )
        )
    if breaks.hostlov_week is not None:
        periods.append(
            Blackout(*iso_week_days(year, breaks.hostlov_week), key="plan.break.hostlov")
        )
    if breaks.jullov:
        periods.append(Blackout(date(year, 12, 21), date(year, 12, 31), key="plan.break.jullov"))
    return tuple(sorted(periods, key=lambda b: b.start))


def blackouts_for(network: Network, year: int) -> tuple[Blackout, ...]:
    """Every period ``network`` does not meet that touches ``year``: its school
    breaks, then its own periods."""
    own = tuple(b for b in network.blackouts if b.start.year <= year <= b.end.year)
    return break_periods(network.breaks, year) + own
