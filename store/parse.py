"""Dates and times the way Swedes type them.

``2027-03-12``, ``20270312``, ``12/3``, ``12/3 2027``, ``+2w`` / ``+3d`` /
``+1m`` (v for vecka, d for dag too); ``9``, ``9:00``, ``09.00``, ``0900``.
Each parser raises :class:`ValidationError` with a sentence for the user.
"""

from __future__ import annotations

import re
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.errors import ValidationError
from quorum.store.when import clock

_ISO = re.compile(r"^(\d{4})-?(\d{1,2})-?(\d{1,2})$")
_DAY_MONTH = re.compile(r"^(\d{1,2})/(\d{1,2})(?:[ /-]?(\d{2}|\d{4}))?$")
_RELATIVE = re.compile(r"^\+\s*(\d{1,3})\s*([dwvm]?)$", re.IGNORECASE)
_TIME = re.compile(r"^(\d{1,2})(?:[:.]?(\d{2}))?$")


def _make_date(y: int, m: int, d: int, text: str, field: str) -> date:
    try:
        return date(y, m, d)
    except ValueError:
        raise ValidationError("error.date_invalid", field=field, value=text) from None


def parse_date(text: str, today: date | None = None, field: str = "date") -> date:
    """Parse a typed date; relative and day/month forms count from ``today``."""
    raw = (text or "").strip()
    if not raw:
        raise ValidationError("error.date_missing", field=field)
    today = today or date.today()
    if m := _ISO.match(raw):
        return _make_date(int(m[1]), int(m[2]), int(m[3]), raw, field)
    if m := _DAY_MONTH.match(raw):
        day, month = int(m[1]), int(m[2])
        if m[3]:
            year = int(m[3]) + (2000 if len(m[3]) == 2 else 0)
            return _make_date(year, month, day, raw, field)
        result = (
            _make_date(today.year, month, day, raw, field)
            if _valid(today.year, month, day)
            else _make_date(today.year + 1, month, day, raw, field)
        )
        # A day/month already past means next year's (a due date is ahead).
        if result < today:
            result = _make_date(today.year + 1, month, day, raw, field)
        return result
    if m := _RELATIVE.match(raw):
        n, unit = int(m[1]), (m[2] or "d").lower()
        if unit in ("w", "v"):
            return today + timedelta(weeks=n)
        if unit == "m":
            month0 = today.month - 1 + n
            year, month = today.year + month0 // 12, month0 % 12 + 1
            day = today.day
            while not _valid(year, month, day):
                day -= 1
            return date(year, month, day)
        return today + timedelta(days=n)
    raise ValidationError("error.date_format", field=field, value=raw)


def _valid(y: int, m: int, d: int) -> bool:
    try:
        date(y, m, d)
    except ValueError:
        return False
    return True


def parse_time(text: str, field: str = "time") -> time:
    raw = (text or "").strip()
    if not raw:
        raise ValidationError("error.time_missing", field=field)
    m = _TIME.match(raw)
    if not m:
        raise ValidationError("error.time_format", field=field, value=raw)
    hour, minute = int(m[1]), int(m[2] or 0)
    if hour > 23 or minute > 59:
        raise ValidationError("error.time_invalid", field=field, value=raw)
    return time(hour, minute)


def combine(day: date, at: time, tz: str) -> datetime:
    """An aware datetime in ``tz``; a time that does not exist (DST gap) is refused."""
    zone = ZoneInfo(tz)
    value = datetime.combine(day, at, tzinfo=zone)
    roundtrip = value.astimezone(ZoneInfo("UTC")).astimezone(zone)
    if roundtrip.replace(tzinfo=None) != value.replace(tzinfo=None):
        raise ValidationError("error.time_nonexistent", field="start", value=clock(at))
    return value


def meeting_times(
    day_text: str, start_text: str, end_text: str, tz: str, today: date | None = None
) -> tuple[datetime, datetime]:
    """Validate a meeting's date and times as typed, with a sentence per mistake."""
    day = parse_date(day_text, today, field="date")
    start_t = parse_time(start_text, field="start")
    end_t = parse_time(end_text, field="end")
    if end_t == start_t:
        raise ValidationError("error.end_before_start", field="end")
    if end_t < start_t:
        raise ValidationError("error.across_midnight", field="end")
    return combine(day, start_t, tz), combine(day, end_t, tz)
