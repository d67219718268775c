"""A new meeting of a network, pre-filled from the network's defaults.

The date is the next free one on the network's weekday: after the last
meeting (or today, whichever is later), skipping days that already have a
meeting, Swedish public holidays (and julafton, nyårsafton, midsommarafton)
and the network's blackout periods.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from datetime import date, datetime, timedelta
from typing import Any

from quorum.store.carry_forward import carry_forward
from quorum.store.holidays import holiday_name
from quorum.store.i18n import t
from quorum.store.parse import combine
from quorum.store.records import (
    Attendance,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Network,
    Person,
    Role,
    Template,
)
from quorum.store.templates import agenda_from_template, standard_template


def next_free_date(network: Network, meetings: Sequence[Meeting], today: date) -> date:
    taken = {m.day for m in meetings if m.status != MeetingStatus.CANCELLED}
    after = max([today - timedelta(days=1), *taken])
    day = after + timedelta(days=(network.weekday - after.weekday()) % 7 or 7)
    # A year of weeks is more than any real calendar can block.
    for _ in range(104):
        blocked = any(b.start <= day <= b.end for b in network.blackouts)
        if day not in taken and not blocked and holiday_name(day) is None:
            return day
        day += timedelta(weeks=1)
    return day


def template_choices(network: Network) -> list[tuple[str, Template]]:
    """(label, template) for the agenda a new meeting can start from."""
    return [
        (t("new.template_sv"), standard_template("sv")),
        (t("new.template_en"), standard_template("en")),
        *((t("new.template_saved", name=tpl.name), tpl) for tpl in network.templates),
    ]


def draft_meeting(
    network: Network,
    meetings: Sequence[Meeting],
    day: date,
    template: Template,
    people: Sequence[Person],
    title: str = "",
) -> dict[str, Any]:
    """The fields for ``store.add_meeting``: defaults, template, carried-forward
    items, and the network's members (not its guests) invited."""
    names: Mapping[str, str] = {p.id: p.name for p in people}
    members = [p for p in people if p.active and p.role_in(network.id) not in (None, Role.GUEST)]
    chair = next((p.id for p in members if p.role_in(network.id) == Role.CHAIR), None)
    start: datetime = combine(day, network.start_time, network.tz)
    end = start + timedelta(minutes=network.length_minutes)
    lang = network.language
    agenda = carry_forward(agenda_from_template(template), meetings, start, names, lang)
    return {
        "network_id": network.id,
        "title": title or t("new.default_title", lang=lang),
        "start": start,
        "end": end,
        "tz": network.tz,
        "place": network.default_place,
        "online_link": network.default_link,
        "language": lang,
        "agenda": agenda,
        "chair_id": chair,
        "attendance": tuple(
            Attendance(
                person_id=p.id,
                role=MeetingRole.CHAIR if p.id == chair else MeetingRole.PARTICIPANT,
            )
            for p in members
        ),
    }
