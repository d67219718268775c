"""VTIMEZONE components written with yearly RRULEs.

icalendar's ``Timezone.from_tzinfo`` lists every transition as an RDATE, and
RDATE lists have been reported to shift Outlook by an hour. So we find the
zone's transitions ourselves, express each kind (to summer time, to winter
time) as one ``FREQ=YEARLY;BYMONTH=..;BYDAY=..`` rule, and check that the rule
reproduces every transition in the years the calendar covers. Only a zone
whose rules no such RRULE can express falls back to icalendar's RDATE form.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta
from functools import cache
from zoneinfo import ZoneInfo

from icalendar import Timezone, TimezoneDaylight, TimezoneStandard, vRecur

_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


@dataclass(frozen=True)
class _Transition:
    local: datetime  # wall time in the offset in force before the change (naive)
    offset_from: timedelta
    offset_to: timedelta
    name: str
    is_standard: bool


def _offset(zone: ZoneInfo, instant: datetime) -> timedelta:
    offset = instant.astimezone(zone).utcoffset()
    assert offset is not None  # a ZoneInfo always knows its offset
    return offset


@cache
def _transitions(tz_name: str, first_year: int, last_year: int) -> tuple[_Transition, ...]:
    """Every change of UTC offset from the start of first_year to the end of last_year."""
    zone = ZoneInfo(tz_name)
    found: list[_Transition] = []
    day = datetime(first_year, 1, 1, tzinfo=UTC)
    stop = datetime(last_year + 1, 1, 1, tzinfo=UTC)
    before = _offset(zone, day)
    while day < stop:
        following = day + timedelta(days=1)
        after = _offset(zone, following)
        if after != before:
            low, high = day, following  # the change lies in (low, high]
            while high - low > timedelta(minutes=1):
                mid = low + (high - low) / 2
                if _offset(zone, mid) == before:
                    low = mid
                else:
                    high = mid
            high = high.replace(second=0, microsecond=0)
            local = high.astimezone(zone)
            found.append(
                _Transition(
                    local=(high + before).replace(tzinfo=None),
                    offset_from=before,
                    offset_to=after,
                    name=local.tzname() or str(after),
                    is_standard=local.dst() == timedelta(0),
                )
            )
        before = after
        day = following
    return tuple(found)


def _byday_candidates(day: date) -> list[str]:
    """The BYDAY values that name ``day`` within its month: "-1SU", "2SU"..."""
    weekday = _DAYS[day.weekday()]
    last_day = calendar.monthrange(day.year, day.month)[1]
    candidates = []
    if day.day + 7 > last_day:
        candidates.append(f"-1{weekday}")
    candidates.append(f"{(day.day - 1) // 7 + 1}{weekday}")
    return candidates


def _nth_weekday(year: int, month: int, byday: str) -> date:
    """The day that ``BYDAY=byday;BYMONTH=month`` selects in ``year``."""
    n, weekday = int(byday[:-2]), _DAYS.index(byday[-2:])
    days = [
        d
        for d in range(1, calendar.monthrange(year, month)[1] + 1)
        if date(year, month, d).weekday() == weekday
    ]
    return date(year, month, days[n - 1] if n > 0 else days[n])


def _rule_for(group: list[_Transition]) -> str | None:
    """A BYDAY that yields every transition of the group, or None."""
    first = group[0].local
    for byday in _byday_candidates(first.date()):
        if all(
            t.local.time() == first.time()
            and t.local.month == first.month
            and t.local.date() == _nth_weekday(t.local.year, first.month, byday)
            for t in group
        ):
            return byday
    return None


def _observance(
    t: _Transition, rrule: dict[str, object] | None
) -> TimezoneStandard | TimezoneDaylight:
    sub = TimezoneStandard() if t.is_standard else TimezoneDaylight()
    sub.add("DTSTART", t.local)
    sub.add("TZOFFSETFROM", t.offset_from)
    sub.add("TZOFFSETTO", t.offset_to)
    sub.add("TZNAME", t.name)
    if rrule:
        sub.add("RRULE", vRecur(rrule))
    return sub


def vtimezone(tz_name: str, first_year: int, last_year: int) -> Timezone:
    """The VTIMEZONE of ``tz_name``, correct for every date in the years given.

    Starts a year early so that an event in January still falls after the
    onset of the winter-time observance (else its offset is undefined).
    """
    zone = ZoneInfo(tz_name)
    begin, end = first_year - 1, last_year + 1
    transitions = _transitions(tz_name, begin, end)
    tz = Timezone()
    tz.add("TZID", tz_name)
    if not transitions:
        # No change of offset in these years (e.g. UTC, Asia/Tokyo): one observance.
        offset = _offset(zone, datetime(begin, 1, 1, tzinfo=UTC))
        name = datetime(begin, 1, 1, tzinfo=zone).tzname() or str(offset)
        tz.add_component(
            _observance(_Transition(datetime(begin, 1, 1), offset, offset, name, True), None)
        )
        return tz
    groups: dict[tuple[timedelta, timedelta, str, bool], list[_Transition]] = {}
    for t in transitions:
        groups.setdefault((t.offset_from, t.offset_to, t.name, t.is_standard), []).append(t)
    rules = {key: _rule_for(group) for key, group in groups.items()}
    if None in rules.values() or any(len(g) != end - begin + 1 for g in groups.values()):
        # Irregular rules (or a rule change inside the window): RDATEs are the
        # only faithful form. Such zones are rare among our users.
        return Timezone.from_tzinfo(
            zone, tz_name, first_date=date(begin, 1, 1), last_date=date(end, 12, 31)
        )
    for key, group in groups.items():
        first = group[0]
        rule = {"FREQ": "YEARLY", "BYMONTH": first.local.month, "BYDAY": rules[key]}
        tz.add_component(_observance(first, rule))
    return tz
