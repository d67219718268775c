"""Who hosts the meetings of a year plan and who writes their minutes.

The host rotates: the member that hosted least recently goes first, so every member
hosts once before anyone hosts twice. The secretary of a meeting is the host of the
following one ("minnesanteckningar skrivs av värd för nästkommande möte"), named by
:func:`contact_person`. Pure: records in, new values out.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date

from quorum.store.errors import ValidationError
from quorum.store.i18n import Notice
from quorum.store.plan_dates import ProposedDate
from quorum.store.records import (
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Role,
    replace,
)

__all__ = [
    "Assignment",
    "assign_hosts",
    "contact_person",
    "rotation_order",
    "set_host",
    "set_secretary",
    "uneven_hosting",
]


@dataclass(frozen=True)
class Assignment:
    """A proposed date with its host and secretary organisations.

    ``explanation`` says why this host ("Skövde: värd senast 2025-03-14");
    ``secretary_manual`` marks a secretary the user chose, which host edits
    leave alone; ``host_manual`` a host the user chose, which a swap leaves alone.
    """

    proposal: ProposedDate
    host_org_id: str | None
    secretary_org_id: str | None
    explanation: Notice | None = None
    secretary_manual: bool = False
    host_manual: bool = False

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
    """A new plan where ``org_id`` hosts meeting ``index``.

    The two swap places: where ``org_id`` was to host (a date not chosen by hand), the
    host it replaces hosts instead — so no one hosts twice and no one never, as plain
    replacing did. The secretaries follow (secretary = next host) unless set by hand.
    """
    if not 0 <= index < len(assignments):
        raise ValidationError("plan.error.no_such_date", field="index")
    names = _names(organisations)
    out = list(assignments)
    displaced = out[index].host_org_id
    out[index] = replace(
        out[index],
        host_org_id=org_id,
        explanation=Notice.of("plan.rotation.manual", org=names.get(org_id, org_id)),
        host_manual=True,
    )
    changed = [index]
    other = next(
        (
            j
            for j, a in enumerate(out)
            if j != index and a.host_org_id == org_id and not a.host_manual
        ),
        None,
    )
    if other is not None and displaced not in (None, org_id):
        out[other] = replace(
            out[other],
            host_org_id=displaced,
            explanation=Notice.of(
                "flows.rotation.swapped",
                org=names.get(displaced or "", displaced),
                day=out[index].day.isoformat(),
            ),
        )
        changed.append(other)
    for i in changed:
        if i > 0 and not out[i - 1].secretary_manual:
            out[i - 1] = replace(out[i - 1], secretary_org_id=out[i].host_org_id)
    return out


def uneven_hosting(
    assignments: Sequence[Assignment],
    network: Network,
    organisations: Iterable[Organisation],
    year_meetings: Iterable[Meeting] = (),
) -> Notice | None:
    """A warning when, over the year (its meetings and the plan), one member hosts
    twice while another eligible member never hosts; None when the hosting is even."""
    counts = dict.fromkeys(
        (o for o in network.member_org_ids if o not in network.rotation_opt_out), 0
    )
    hosts = [a.host_org_id for a in assignments]
    hosts += [m.host_org_id for m in year_meetings if m.status != MeetingStatus.CANCELLED]
    for host in hosts:
        if host in counts:
            counts[host] += 1
    twice = [o for o, n in counts.items() if n >= 2]
    never = [o for o, n in counts.items() if n == 0]
    if not twice or not never:
        return None
    names = _names(organisations)
    return Notice.of(
        "flows.rotation.uneven",
        twice=", ".join(names.get(o, o) for o in twice),
        never=", ".join(names.get(o, o) for o in never),
    )


def set_secretary(
    assignments: Sequence[Assignment], index: int, org_id: str | None
) -> list[Assignment]:
    """A new plan where ``org_id`` writes the minutes of meeting ``index``."""
    if not 0 <= index < len(assignments):
        raise ValidationError("plan.error.no_such_date", field="index")
    out = list(assignments)
    out[index] = replace(out[index], secretary_org_id=org_id, secretary_manual=True)
    return out


_ROLE_PREFERENCE = (Role.COORDINATOR, Role.CHAIR, Role.MEMBER)


def contact_person(org_id: str | None, network_id: str, people: Iterable[Person]) -> Person | None:
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
