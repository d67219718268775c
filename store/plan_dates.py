"""The dates of a network's year plan: proposed, explained, and edited by the user.

Pure: records in, new values out, no clock (``today`` is an argument) and no store.
The year plan screen keeps a ``list[ProposedDate]``, lets the user edit it with the
helpers below (each returns a new list), then hands it to :mod:`quorum.store.rotation`
for hosts and to :mod:`quorum.store.new_meeting` for the meetings.

Rules, from the networks in the seeds ("minst 4 möten per år på fredagar"): dates
spread over the school year's two terms, on the network's weekday, never on a public
holiday, a de-facto day off or a klämdag, never on an afton half day unless the network
allows them, never in a school break or another blackout period
(:func:`quorum.store.school_breaks.blackouts_for`), never in a week that already has a
meeting.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from quorum.store import holidays
from quorum.store.errors import ValidationError
from quorum.store.i18n import Notice, t
from quorum.store.records import Blackout, Meeting, MeetingStatus, Network
from quorum.store.school_breaks import AUTUMN_START, SPRING_END, blackouts_for

__all__ = [
    "DateWarning",
    "ProposedDate",
    "Term",
    "add_date",
    "blackout_at",
    "blackout_notice",
    "date_warnings",
    "drop_date",
    "move_date",
    "propose_dates",
    "terms_of",
    "week_label",
]

# How far (in weeks, either way) a natural date may move before giving up on it.
_MAX_SHIFT_WEEKS = 6


@dataclass(frozen=True)
class Term:
    """A school term: meetings are spread over these."""

    key: str  # "spring" | "autumn"
    start: date
    end: date

    @property
    def days(self) -> int:
        return (self.end - self.start).days + 1

    def __contains__(self, d: object) -> bool:
        return isinstance(d, date) and self.start <= d <= self.end


def terms_of(year: int) -> tuple[Term, Term]:
    """Spring term mid-January to early June, autumn term mid-August to mid-December."""
    return (
        Term("spring", date(year, 1, 15), date(year, *SPRING_END)),
        Term("autumn", date(year, *AUTUMN_START), date(year, 12, 15)),
    )


@dataclass(frozen=True)
class ProposedDate:
    """One date of the year plan.

    ``natural`` is the date the even spread asked for; ``reason`` says why
    ``day`` differs from it (or why the user's chosen day deserves a second
    look), ``warnings`` what the user accepted when moving it by hand.
    """

    day: date
    natural: date | None = None
    reason: Notice | None = None
    warnings: tuple[Notice, ...] = ()
    manual: bool = False

    @property
    def week(self) -> int:
        return self.day.isocalendar().week

    def week_label(self, lang: str | None = None) -> str:
        return week_label(self.day, lang)

    def reason_text(self, lang: str | None = None) -> str:
        return self.reason.text(lang) if self.reason else ""


class DateWarning(ValidationError):
    """A date that is allowed but probably a mistake (a holiday, another
    weekday, a blackout). The UI asks, then calls again with ``confirm=True``.
    ``warnings`` holds every concern, the error's own key is the first."""

    level = "warning"

    def __init__(self, warnings: Sequence[Notice]) -> None:
        first = warnings[0]
        super().__init__(first.key, field="day", **dict(first.params))
        self.warnings = tuple(warnings)

    def sentence(self, lang: str | None = None) -> str:
        return " ".join(w.text(lang) for w in self.warnings)


def week_label(d: date, lang: str | None = None) -> str:
    """ "v. 38" in Swedish, "w. 38" in English (ISO week)."""
    return t("plan.week", lang=lang, week=d.isocalendar().week)


def blackout_at(d: date, network: Network) -> Blackout | None:
    """The school break or blackout period of ``network`` that ``d`` falls in."""
    for b in blackouts_for(network, d.year):
        if b.start <= d <= b.end:
            return b
    return None


def _half_day(d: date, network: Network) -> holidays.Holiday | None:
    return None if network.allow_afton_days else holidays.half_day(d)


def _iso_week(d: date) -> tuple[int, int]:
    cal = d.isocalendar()
    return (cal.year, cal.week)


def _busy_weeks(days: Iterable[date]) -> set[tuple[int, int]]:
    return {_iso_week(d) for d in days}


def _on_weekday(target: date, weekday: int) -> date:
    """The given weekday in the ISO week of ``target``."""
    return target + timedelta(days=weekday - target.weekday())


def _spread(year: int, count: int) -> list[date]:
    """``count`` evenly spread target dates over the year's two terms,
    shared in proportion to the terms' length, each in the middle of its slice."""
    if count <= 0:
        return []
    spring, autumn = terms_of(year)
    n_spring = round(count * spring.days / (spring.days + autumn.days))
    n_spring = min(max(n_spring, 1 if count > 1 else 0), count)
    targets: list[date] = []
    for term, k in ((spring, n_spring), (autumn, count - n_spring)):
        for i in range(k):
            offset = int((i + 0.5) * term.days / k)
            targets.append(term.start + timedelta(days=offset))
    return targets


def _term_of(d: date) -> Term | None:
    for term in terms_of(d.year):
        if d in term:
            return term
    return None


def _first_block(
    d: date, network: Network, busy: set[tuple[int, int]], today: date | None
) -> Notice | None:
    """The first reason ``d`` cannot be proposed, as a Notice naming the cause."""
    key = _holiday_key(d)
    if key:
        return Notice.of(f"holiday.{key}")
    if holidays.is_squeeze_day(d):
        return Notice.of("holiday.squeeze_day")
    afton = _half_day(d, network)
    if afton is not None:
        return Notice.of(f"holiday.{afton.key}")
    b = blackout_at(d, network)
    if b is not None:
        return blackout_notice(b)
    if today is not None and d <= today:
        return Notice.of("plan.cause.past")
    if _iso_week(d) in busy:
        return Notice.of("plan.cause.busy_week")
    return None


def blackout_notice(b: Blackout) -> Notice:
    """The break's name: a school break's own, the user's label, else "spärrperiod"."""
    if b.key:
        return Notice.of(b.key)
    if b.label:
        return Notice.of("plan.cause.blackout", label=b.label)
    return Notice.of("plan.blackout")


def _holiday_key(d: date) -> str:
    for h in holidays.holidays_of(d.year):
        if h.day == d:
            return h.key
    return ""


def propose_dates(
    network: Network,
    year: int,
    existing_meetings: Sequence[Meeting] = (),
    today: date | None = None,
) -> list[ProposedDate]:
    """Dates for the network's meetings of ``year`` not yet planned.

    The network wants ``min_meetings`` a year; meetings of the year that
    already exist (not cancelled) count towards them and take the target
    dates nearest to them. Each remaining target becomes the network's weekday
    of its week, moved a week later (then earlier, then further) while it is a
    holiday, a klämdag, in a blackout, already past (``today``) or in a week
    that has a meeting; the move is explained in ``reason``. A target that
    cannot be placed within its term is left out.
    """
    existing = [
        m
        for m in existing_meetings
        if m.network_id == network.id and m.status != MeetingStatus.CANCELLED and m.day.year == year
    ]
    total = max(network.min_meetings, len(existing))
    targets = _spread(year, total)
    # Existing meetings take the targets nearest to them.
    for m in sorted(existing, key=lambda m: m.start):
        if targets:
            nearest = min(targets, key=lambda d: abs((d - m.day).days))
            targets.remove(nearest)
    busy = _busy_weeks(m.day for m in existing)
    proposals: list[ProposedDate] = []
    for target in targets:
        natural = _on_weekday(target, network.weekday)
        term = _term_of(target)
        cause = _first_block(natural, network, busy, today)
        if cause is None and (term is None or natural in term):
            chosen: date | None = natural
            reason = None
        else:
            chosen, reason = _nearest_free(natural, term, network, busy, today, cause)
        if chosen is None:
            continue
        busy.add(_iso_week(chosen))
        proposals.append(ProposedDate(chosen, natural=natural, reason=reason))
    return sorted(proposals, key=lambda p: p.day)


def _nearest_free(
    natural: date,
    term: Term | None,
    network: Network,
    busy: set[tuple[int, int]],
    today: date | None,
    cause: Notice | None,
) -> tuple[date | None, Notice | None]:
    for shift in range(1, _MAX_SHIFT_WEEKS + 1):
        for sign in (1, -1):  # later first: an agenda needs time, not less
            d = natural + timedelta(weeks=sign * shift)
            if term is not None and d not in term:
                continue
            if _first_block(d, network, busy, today) is None:
                why = cause or Notice.of("plan.cause.outside_term")
                key = f"plan.moved.{'later' if sign > 0 else 'earlier'}"
                return d, Notice.of(key, cause=why, count=shift)
    return None, None


def date_warnings(d: date, network: Network) -> list[Notice]:
    """What is odd about a date the user picked: a holiday or day off, a
    klämdag, a blackout, another weekday than the network's. Never fatal."""
    found: list[Notice] = []
    key = _holiday_key(d)
    if key:
        found.append(Notice.of("plan.warn.holiday", name=Notice.of(f"holiday.{key}")))
    elif holidays.is_squeeze_day(d):
        found.append(Notice.of("plan.warn.squeeze"))
    elif (afton := _half_day(d, network)) is not None:
        found.append(Notice.of("plan.warn.afton", name=Notice.of(f"holiday.{afton.key}")))
    b = blackout_at(d, network)
    if b is not None:
        found.append(Notice.of("plan.warn.blackout", label=blackout_notice(b)))
    if d.weekday() != network.weekday:
        found.append(
            Notice.of(
                "plan.warn.weekday",
                weekday=Notice.of(f"weekday.{d.weekday()}"),
                expected=Notice.of(f"weekday.{network.weekday}"),
            )
        )
    return found


def _check(
    proposals: Sequence[ProposedDate],
    d: date,
    network: Network,
    year: int,
    confirm: bool,
    skip: int | None = None,
) -> tuple[Notice, ...]:
    if d.year != year:
        raise ValidationError("plan.error.outside_year", field="day", year=year, day=d.isoformat())
    for i, p in enumerate(proposals):
        if i != skip and p.day == d:
            raise ValidationError("plan.error.duplicate", field="day", day=d.isoformat())
    warnings = date_warnings(d, network)
    if warnings and not confirm:
        raise DateWarning(warnings)
    return tuple(warnings)


def move_date(
    proposals: Sequence[ProposedDate],
    index: int,
    new_day: date,
    network: Network,
    year: int,
    confirm: bool = False,
) -> list[ProposedDate]:
    """A new plan with proposal ``index`` on ``new_day``.

    Raises ValidationError for a date outside the year or one already in the
    plan; raises :class:`DateWarning` for a holiday, a klämdag, a blackout or
    another weekday unless ``confirm`` — then the warnings stay on the date.
    """
    if not 0 <= index < len(proposals):
        raise ValidationError("plan.error.no_such_date", field="index")
    warnings = _check(proposals, new_day, network, year, confirm, skip=index)
    old = proposals[index]
    moved = ProposedDate(new_day, natural=old.natural, warnings=warnings, manual=True)
    rest = [p for i, p in enumerate(proposals) if i != index]
    return sorted([*rest, moved], key=lambda p: p.day)


def add_date(
    proposals: Sequence[ProposedDate],
    new_day: date,
    network: Network,
    year: int,
    confirm: bool = False,
) -> list[ProposedDate]:
    """A new plan with one more date (same checks as :func:`move_date`)."""
    warnings = _check(proposals, new_day, network, year, confirm)
    added = ProposedDate(new_day, natural=None, warnings=warnings, manual=True)
    return sorted([*proposals, added], key=lambda p: p.day)


def drop_date(proposals: Sequence[ProposedDate], index: int) -> list[ProposedDate]:
    """A new plan without proposal ``index``."""
    if not 0 <= index < len(proposals):
        raise ValidationError("plan.error.no_such_date", field="index")
    return [p for i, p in enumerate(proposals) if i != index]
