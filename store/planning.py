"""The year plan of a network: dates, host rotation, meetings, hand-over.

Everything here is pure: records in, new values out, no clock and no store.
The year plan screen keeps a ``list[ProposedDate]`` (then a
``list[Assignment]``), lets the user edit it with the helpers below (each
returns a new list), and finally passes :func:`create_meetings`' dicts to
``store.add_meeting`` inside one ``store.batch()``.

Rules, from the networks in the seeds ("minst 4 möten per år på fredagar",
"minnesanteckningar skrivs av värd för nästkommande möte"):

* dates spread over the school year's two terms, on the network's weekday,
  never on a public holiday, a de-facto day off or a klämdag, never in a
  blackout period, never in a week that already has a meeting;
* the host rotates: the member that hosted least recently goes first;
* the secretary of a meeting is the host of the following one.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import date, timedelta
from typing import Any

from quorum.store import holidays
from quorum.store.carry_forward import deferred_copy
from quorum.store.errors import ValidationError
from quorum.store.i18n import t
from quorum.store.parse import combine
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Blackout,
    ItemState,
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Role,
    Template,
    replace,
)
from quorum.store.templates import agenda_from_template, standard_template

__all__ = [
    "Assignment",
    "DateWarning",
    "Handover",
    "Notice",
    "ProposedDate",
    "Term",
    "add_date",
    "assign_hosts",
    "blocking_reason",
    "create_meetings",
    "date_warnings",
    "drop_date",
    "handover_agenda",
    "move_date",
    "next_meeting_handover",
    "preview_meetings",
    "propose_dates",
    "rotation_order",
    "set_host",
    "set_secretary",
    "suggest_blackouts",
    "terms_of",
    "week_label",
]

# How far (in weeks, either way) a natural date may move before giving up on it.
_MAX_SHIFT_WEEKS = 6


# --------------------------------------------------------------------- terms


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
        Term("spring", date(year, 1, 15), date(year, 6, 10)),
        Term("autumn", date(year, 8, 15), date(year, 12, 15)),
    )


# ------------------------------------------------------------------ proposals


@dataclass(frozen=True)
class Notice:
    """A translatable sentence: a catalog key and its parameters."""

    key: str
    params: tuple[tuple[str, Any], ...] = ()

    @classmethod
    def of(cls, key: str, **params: Any) -> Notice:
        return cls(key, tuple(sorted(params.items())))

    def text(self, lang: str | None = None) -> str:
        # A parameter may itself be a Notice (a holiday's name, a weekday):
        # it is rendered in the same language.
        params = {k: v.text(lang) if isinstance(v, Notice) else v for k, v in self.params}
        return t(self.key, lang=lang, **params)


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


def _blackout_at(d: date, blackouts: Iterable[Blackout]) -> Blackout | None:
    for b in blackouts:
        if b.start <= d <= b.end:
            return b
    return None


def _blackout_label(b: Blackout, lang: str | None) -> str:
    return b.label or t("plan.blackout", lang=lang)


def blocking_reason(d: date, network: Network, lang: str | None = None) -> str | None:
    """Why no meeting should be on ``d``: a holiday's name, "klämdag", or a
    blackout's label; None if the day is free."""
    reason = holidays.day_off_reason(d, lang)
    if reason:
        return reason
    b = _blackout_at(d, network.blackouts)
    return _blackout_label(b, lang) if b else None


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
    b = _blackout_at(d, network.blackouts)
    if b is not None:
        return _blackout_notice(b)
    if today is not None and d <= today:
        return Notice.of("plan.cause.past")
    if _iso_week(d) in busy:
        return Notice.of("plan.cause.busy_week")
    return None


def _blackout_notice(b: Blackout) -> Notice:
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
                key = f"plan.moved.{'later' if sign > 0 else 'earlier'}{'1' if shift == 1 else 'N'}"
                return d, Notice.of(key, cause=why, weeks=shift)
    return None, None


# --------------------------------------------------------------- edit helpers


def date_warnings(d: date, network: Network) -> list[Notice]:
    """What is odd about a date the user picked: a holiday or day off, a
    klämdag, a blackout, another weekday than the network's. Never fatal."""
    found: list[Notice] = []
    key = _holiday_key(d)
    if key:
        found.append(Notice.of("plan.warn.holiday", name=Notice.of(f"holiday.{key}")))
    elif holidays.is_squeeze_day(d):
        found.append(Notice.of("plan.warn.squeeze"))
    b = _blackout_at(d, network.blackouts)
    if b is not None:
        found.append(Notice.of("plan.warn.blackout", label=_blackout_notice(b)))
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


def suggest_blackouts(
    year: int, sportlov_week: int = 8, hostlov_week: int = 44, lang: str | None = "sv"
) -> tuple[Blackout, ...]:
    """Typical school breaks of ``year`` as blackout periods for a network to
    adopt and adjust: sportlov (week 7, 8 or 9 depending on the region),
    påsklov (the week after Easter, as in most municipalities), höstlov
    (week 44), jullov and sommarlov. Municipalities differ, hence a suggestion."""

    def week(w: int) -> tuple[date, date]:
        monday = date.fromisocalendar(year, w, 1)
        return monday, monday + timedelta(days=4)

    easter_monday = holidays.easter_sunday(year) + timedelta(days=1)
    spring_end = terms_of(year)[0].end
    autumn_start = terms_of(year)[1].start
    return (
        Blackout(date(year, 1, 1), date(year, 1, 9), t("plan.break.jullov", lang=lang)),
        Blackout(*week(sportlov_week), t("plan.break.sportlov", lang=lang)),
        Blackout(
            easter_monday, easter_monday + timedelta(days=4), t("plan.break.pasklov", lang=lang)
        ),
        Blackout(
            spring_end + timedelta(days=1),
            autumn_start - timedelta(days=1),
            t("plan.break.sommarlov", lang=lang),
        ),
        Blackout(*week(hostlov_week), t("plan.break.hostlov", lang=lang)),
        Blackout(date(year, 12, 20), date(year, 12, 31), t("plan.break.jullov", lang=lang)),
    )


# ------------------------------------------------------------------- rotation


@dataclass(frozen=True)
class Assignment:
    """A proposed date with its host and secretary organisations.

    ``explanation`` says why this host ("Skövde: värd senast 2025-03-14");
    ``secretary_manual`` marks a secretary the user chose, which host edits
    leave alone.
    """

    proposal: ProposedDate
    host_org_id: str | None
    secretary_org_id: str | None
    explanation: Notice | None = None
    secretary_manual: bool = False

    @property
    def day(self) -> date:
        return self.proposal.day

    def explanation_text(self, lang: str | None = None) -> str:
        return self.explanation.text(lang) if self.explanation else ""


def _names(organisations: Iterable[Organisation]) -> dict[str, str]:
    return {o.id: o.name for o in organisations}


def _last_hosted(past_meetings: Iterable[Meeting], network_id: str) -> dict[str, date]:
    last: dict[str, date] = {}
    for m in past_meetings:
        if m.network_id != network_id or m.status == MeetingStatus.CANCELLED:
            continue
        if m.host_org_id and (m.host_org_id not in last or m.day > last[m.host_org_id]):
            last[m.host_org_id] = m.day
    return last


def rotation_order(
    network: Network, organisations: Iterable[Organisation], past_meetings: Iterable[Meeting]
) -> list[tuple[str, date | None]]:
    """The members who may host, in the order they should: never hosted
    first, then the one who hosted longest ago; ties by name. Each with the
    date they last hosted (None: never)."""
    names = _names(organisations)
    last = _last_hosted(past_meetings, network.id)
    members = dict.fromkeys(network.member_org_ids)  # unique, in order
    eligible = [o for o in members if o not in network.rotation_opt_out]

    def order(org_id: str) -> tuple[int, date, str, str]:
        hosted = last.get(org_id)
        name = names.get(org_id, org_id)
        return (0 if hosted is None else 1, hosted or date.min, name.casefold(), org_id)

    return [(o, last.get(o)) for o in sorted(eligible, key=order)]


def assign_hosts(
    proposals: Sequence[ProposedDate],
    network: Network,
    organisations: Iterable[Organisation],
    past_meetings: Iterable[Meeting],
) -> list[Assignment]:
    """Hosts in rotation order over the proposals (by date), so every member
    hosts once before anyone hosts twice; the secretary of each meeting is the
    host of the following one, and the last one's the next in the rotation."""
    orgs = list(organisations)
    order = rotation_order(network, orgs, past_meetings)
    names = _names(orgs)
    ordered = sorted(proposals, key=lambda p: p.day)
    if not order:
        return [Assignment(p, None, None, Notice.of("plan.rotation.nobody")) for p in ordered]
    hosts: list[str] = []
    explanations: list[Notice] = []
    hosted_in_plan: dict[str, date] = {}
    for i in range(len(ordered) + 1):  # one extra: the last meeting's secretary
        org_id, last = order[i % len(order)]
        name = names.get(org_id, org_id)
        previous = hosted_in_plan.get(org_id) or last
        if previous is None:
            explanations.append(Notice.of("plan.rotation.never", org=name))
        else:
            explanations.append(Notice.of("plan.rotation.last", org=name, day=previous.isoformat()))
        hosts.append(org_id)
        if i < len(ordered):
            hosted_in_plan[org_id] = ordered[i].day
    return [Assignment(p, hosts[i], hosts[i + 1], explanations[i]) for i, p in enumerate(ordered)]


def set_host(
    assignments: Sequence[Assignment],
    index: int,
    org_id: str,
    organisations: Iterable[Organisation] = (),
) -> list[Assignment]:
    """A new plan where ``org_id`` hosts meeting ``index``; the previous
    meeting's secretary follows (secretary = next host) unless set by hand."""
    if not 0 <= index < len(assignments):
        raise ValidationError("plan.error.no_such_date", field="index")
    name = _names(organisations).get(org_id, org_id)
    out = list(assignments)
    out[index] = replace(
        out[index], host_org_id=org_id, explanation=Notice.of("plan.rotation.manual", org=name)
    )
    if index > 0 and not out[index - 1].secretary_manual:
        out[index - 1] = replace(out[index - 1], secretary_org_id=org_id)
    return out


def set_secretary(
    assignments: Sequence[Assignment], index: int, org_id: str | None
) -> list[Assignment]:
    """A new plan where ``org_id`` writes the minutes of meeting ``index``."""
    if not 0 <= index < len(assignments):
        raise ValidationError("plan.error.no_such_date", field="index")
    out = list(assignments)
    out[index] = replace(out[index], secretary_org_id=org_id, secretary_manual=True)
    return out


# ------------------------------------------------------------ create meetings

_ROLE_PREFERENCE = (Role.COORDINATOR, Role.CHAIR, Role.MEMBER)


def _contact(org_id: str | None, network_id: str, people: Iterable[Person]) -> Person | None:
    """The person to name for an organisation: an active member of the network
    from that organisation, coordinators and chairs first, then by name."""
    if org_id is None:
        return None
    candidates = [
        p
        for p in people
        if p.active and p.org_id == org_id and p.role_in(network_id) in _ROLE_PREFERENCE
    ]
    if not candidates:
        return None
    return min(
        candidates,
        key=lambda p: (_ROLE_PREFERENCE.index(p.role_in(network_id)), p.name.casefold(), p.id),
    )


def _template(network: Network, lang: str) -> Template:
    """The network's first template, else the standard agenda in ``lang``."""
    return network.templates[0] if network.templates else standard_template(lang)


def create_meetings(
    plan: Sequence[Assignment],
    network: Network,
    organisations: Iterable[Organisation] = (),
    people: Iterable[Person] = (),
    title: str | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """The fields for ``store.add_meeting`` of each planned date.

    Start and end in the network's zone from its start time and length;
    place and link the network's defaults (else the host's name, where
    the network meets when it visits); the secretary a member of the
    secretary organisation; the agenda from the network's first template
    (or the standard agenda when it has none).
    """
    names = _names(organisations)
    folks = list(people)
    lang = lang or network.language
    template = _template(network, lang)
    out: list[dict[str, Any]] = []
    for a in sorted(plan, key=lambda a: a.day):
        start = combine(a.day, network.start_time, network.tz)
        end = start + timedelta(minutes=network.length_minutes)
        secretary = _contact(a.secretary_org_id, network.id, folks)
        place = network.default_place or (names.get(a.host_org_id, "") if a.host_org_id else "")
        out.append(
            {
                "network_id": network.id,
                "title": title
                or t("plan.meeting_title", lang=lang, network=network.name, week=a.proposal.week),
                "start": start,
                "end": end,
                "tz": network.tz,
                "place": place,
                "online_link": network.default_link,
                "language": network.language,
                "host_org_id": a.host_org_id,
                "secretary_id": secretary.id if secretary else None,
                "agenda": agenda_from_template(template),
            }
        )
    return out


def preview_meetings(
    plan: Sequence[Assignment],
    network: Network,
    organisations: Iterable[Organisation] = (),
    people: Iterable[Person] = (),
) -> list[Meeting]:
    """The plan as unsaved Meeting records (ids "plan-1", "plan-2", ...), so
    the date list and the year's iCalendar can be exported before the
    meetings are created."""
    fields = create_meetings(plan, network, organisations, people)
    return [Meeting(id=f"plan-{i}", **f) for i, f in enumerate(fields, 1)]


# ------------------------------------------------------------------ hand-over


@dataclass(frozen=True)
class Handover:
    """What the next meeting needs when one ends.

    ``host_org_id``/``secretary_id`` are the next meeting's own if set, else
    the rule's: the host is whoever the rotation puts next, the secretary the
    person of the host organisation after that (the caller may leave them).
    """

    next_meeting: Meeting | None
    host_org_id: str | None
    secretary_id: str | None
    open_actions: tuple[tuple[Meeting, AgendaItem, ActionItem], ...] = ()
    deferred_items: tuple[tuple[Meeting, AgendaItem], ...] = ()
    notes: tuple[Notice, ...] = field(default=())


def next_meeting_handover(
    network: Network,
    meetings: Sequence[Meeting],
    just_held: Meeting,
    people: Iterable[Person] = (),
) -> Handover:
    """Which meeting is next after ``just_held`` (the first non-cancelled
    meeting of the network that starts later), its host and secretary, the
    open action items of all the network's meetings up to and including
    ``just_held``, and the items deferred in ``just_held`` to carry forward."""
    ours = sorted(
        (m for m in meetings if m.network_id == network.id and m.id != just_held.id),
        key=lambda m: m.start,
    )
    later = [m for m in ours if m.start > just_held.start and m.status != MeetingStatus.CANCELLED]
    nxt = later[0] if later else None
    after = later[1] if len(later) > 1 else None
    notes: list[Notice] = []
    if nxt is None:
        notes.append(Notice.of("plan.handover.no_next"))
    host = nxt.host_org_id if nxt else None
    secretary_id = nxt.secretary_id if nxt else None
    if nxt is not None and secretary_id is None and after is not None:
        contact = _contact(after.host_org_id, network.id, people)
        secretary_id = contact.id if contact else None
    held_so_far = [m for m in ours if m.start <= just_held.start] + [just_held]
    open_actions = tuple(
        (m, it, a)
        for m in sorted(held_so_far, key=lambda m: m.start)
        if m.status != MeetingStatus.CANCELLED
        for it, a in m.all_actions()
        if a.status == ActionStatus.OPEN
    )
    deferred = tuple((just_held, it) for it in just_held.agenda if it.state == ItemState.DEFERRED)
    return Handover(nxt, host, secretary_id, open_actions, deferred, tuple(notes))


def handover_agenda(
    network: Network, handover: Handover, base: Sequence[AgendaItem] | None = None
) -> tuple[AgendaItem, ...]:
    """The next meeting's agenda: ``base``, else its own, else the template's, with the
    deferred items carried in right after the follow-up item ("Uppföljning av
    åtgärder", which lists the open action items), or at the end if there is
    none. An item already carried (same origin meeting and title) is not
    added twice."""
    if base is None:
        existing = handover.next_meeting.agenda if handover.next_meeting else ()
        base = existing or agenda_from_template(_template(network, network.language))
    items = list(base)
    carried = {(it.deferred_from, it.title) for it in items if it.deferred_from}
    new = [
        deferred_copy(it, m.id)
        for m, it in handover.deferred_items
        if (m.id, it.title) not in carried
    ]
    at = next((i + 1 for i, it in enumerate(items) if it.followup), len(items))
    return tuple(items[:at] + new + items[at:])
