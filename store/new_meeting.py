"""New meetings of a network, made from its defaults: one at a time (the new-meeting
dialog's date and template choices) or a year plan's worth (:func:`create_meetings`).

Every function returns the fields for ``store.add_meeting``; what a new meeting takes
over from the earlier ones (open action items, deferred items) is the hand-over's
business (:mod:`quorum.store.handover`).
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from datetime import date, timedelta
from typing import Any

from quorum.store.holidays import half_day, holiday_name
from quorum.store.i18n import t
from quorum.store.parse import combine
from quorum.store.plan_dates import blackout_at
from quorum.store.records import (
    AgendaItem,
    Attendance,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Role,
    Template,
)
from quorum.store.rotation import Assignment, contact_person
from quorum.store.templates import (
    agenda_from_template,
    network_template,
    protokoll_template,
    standard_template,
)

__all__ = [
    "create_meetings",
    "invitations",
    "meeting_fields",
    "next_free_date",
    "preview_meetings",
    "template_choices",
]


def next_free_date(network: Network, meetings: Sequence[Meeting], today: date) -> date:
    """The next free day on the network's weekday: after the last meeting (or today,
    whichever is later), skipping days that already have a meeting, Swedish public
    holidays (and julafton, nyårsafton, midsommarafton), afton half days unless the
    network meets on them, and the network's school breaks and blackouts."""
    taken = {m.day for m in meetings if m.status != MeetingStatus.CANCELLED}
    after = max([today - timedelta(days=1), *taken])
    day = after + timedelta(days=(network.weekday - after.weekday()) % 7 or 7)
    # A year of weeks is more than any real calendar can block.
    for _ in range(104):
        blocked = blackout_at(day, network) is not None
        afton = not network.allow_afton_days and half_day(day) is not None
        if day not in taken and not blocked and not afton and holiday_name(day) is None:
            return day
        day += timedelta(weeks=1)
    return day


def invitations(network: Network, people: Iterable[Person]) -> dict[str, Any]:
    """Who a new meeting invites: the network's active members (not its guests), its
    chair in the chair's role. The fields ``chair_id`` and ``attendance``."""
    members = [p for p in people if p.active and p.role_in(network.id) not in (None, Role.GUEST)]
    chair = next((p.id for p in members if p.role_in(network.id) == Role.CHAIR), None)
    attendance = tuple(
        Attendance(
            person_id=p.id,
            role=MeetingRole.CHAIR if p.id == chair else MeetingRole.PARTICIPANT,
        )
        for p in members
    )
    return {"chair_id": chair, "attendance": attendance}


def template_choices(network: Network) -> list[tuple[str, Template]]:
    """(label, template) for the agenda a new meeting can start from."""
    return [
        (t("new.template_sv"), standard_template("sv")),
        (t("new.template_en"), standard_template("en")),
        (t("new.template_protokoll_sv"), protokoll_template("sv")),
        (t("new.template_protokoll_en"), protokoll_template("en")),
        *((t("new.template_saved", name=tpl.name), tpl) for tpl in network.templates),
    ]


def meeting_fields(
    network: Network, day: date, title: str, place: str, agenda: tuple[AgendaItem, ...]
) -> dict[str, Any]:
    """What every new meeting takes from its network: start and end on ``day`` in the
    network's zone from its start time and length, online link, language and formality
    (minnesanteckningar or protokoll)."""
    start = combine(day, network.start_time, network.tz)
    return {
        "network_id": network.id,
        "title": title,
        "start": start,
        "end": start + timedelta(minutes=network.length_minutes),
        "tz": network.tz,
        "place": place,
        "online_link": network.default_link,
        "language": network.language,
        "formality": network.formality,
        "agenda": agenda,
    }


def create_meetings(
    plan: Sequence[Assignment],
    network: Network,
    organisations: Iterable[Organisation] = (),
    people: Iterable[Person] = (),
    title: str | None = None,
    lang: str | None = None,
) -> list[dict[str, Any]]:
    """The fields for ``store.add_meeting`` of each planned date.

    Place the network's default (else the host's name, where the network meets when
    it visits); the secretary a member of the secretary organisation; the agenda
    from the network's first template (or the standard agenda when it has none); the
    members invited (:func:`invitations`), as the new-meeting dialog does.
    """
    names = {o.id: o.name for o in organisations}
    folks = list(people)
    lang = lang or network.language
    template = network_template(network, lang)
    out: list[dict[str, Any]] = []
    for a in sorted(plan, key=lambda a: a.day):
        secretary = contact_person(a.secretary_org_id, network.id, folks)
        place = network.default_place or (names.get(a.host_org_id, "") if a.host_org_id else "")
        fields = meeting_fields(
            network,
            a.day,
            title or t("plan.meeting_title", lang=lang, week=a.proposal.week),
            place,
            agenda_from_template(template),
        )
        fields["host_org_id"] = a.host_org_id
        fields["secretary_id"] = secretary.id if secretary else None
        fields.update(invitations(network, folks))
        out.append(fields)
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
