"""Dates and times as each language writes them: one place for every screen,
document, invite and CLI line.

Swedish follows Språkrådet and Myndigheternas skrivregler: a colon is not a
Swedish clock separator, so "kl. 09.00–12.00", "fredag 12 mars 2027 kl.
09.00–12.00", "v. 10". English keeps "09:00" and "Friday 12 March 2027,
09:00–12:00". Numeric dates stay ISO (2027-03-12) in both: it is the Swedish
standard form and sorts in a table. The shapes live in the ``when`` catalog, so
a language is its catalog entries, not code.

Nothing here converts time zones: callers pass the moment as it should be read
(a meeting's times in the meeting's zone).
"""

from __future__ import annotations

from datetime import date, datetime, time

from quorum.store.i18n import Notice, t

__all__ = [
    "clock",
    "clock_seconds",
    "clock_span",
    "long_date",
    "long_when",
    "moment_notice",
    "short_when",
    "week",
]


def clock(moment: datetime | time, lang: str | None = None) -> str:
    """ "09.00" / "09:00"."""
    return t("when.clock", lang=lang, hour=moment.hour, minute=moment.minute)


def clock_seconds(moment: datetime | time, lang: str | None = None) -> str:
    """ "09.00.05" / "09:00:05" (a running clock)."""
    return t(
        "when.clock_seconds",
        lang=lang,
        hour=moment.hour,
        minute=moment.minute,
        second=moment.second,
    )


def clock_span(start: datetime | time, end: datetime | time, lang: str | None = None) -> str:
    """ "09.00–12.00" / "09:00–12:00"."""
    return f"{clock(start, lang)}–{clock(end, lang)}"


def long_date(day: date, lang: str | None = None) -> str:
    """ "fredag 12 mars 2027" / "Friday 12 March 2027" (a datetime gives its date)."""
    return t(
        "when.long_date",
        lang=lang,
        weekday=t(f"weekday.{day.weekday()}", lang=lang),
        day=day.day,
        month=t(f"month.{day.month}", lang=lang),
        year=day.year,
    )


def long_when(start: datetime, end: datetime, lang: str | None = None) -> str:
    """ "fredag 12 mars 2027 kl. 09.00–12.00" / "Friday 12 March 2027, 09:00–12:00"."""
    return t("when.long", lang=lang, date=long_date(start, lang), span=clock_span(start, end, lang))


def short_when(moment: datetime, lang: str | None = None) -> str:
    """ "2027-03-12 kl. 09.00" / "2027-03-12 09:00": a moment in a list or a message."""
    return moment_notice(moment).text(lang)


def moment_notice(moment: datetime) -> Notice:
    """:func:`short_when` kept as a :class:`Notice`, for an error that is worded later,
    in whichever language it is shown in."""
    clock_notice = Notice.of("when.clock", hour=moment.hour, minute=moment.minute)
    return Notice.of("when.short", date=moment.date().isoformat(), time=clock_notice)


def week(number: int, lang: str | None = None) -> str:
    """ "v. 10" / "week 10"."""
    return t("plan.week", lang=lang, week=number)
