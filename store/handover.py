"""Hand-over: when a meeting ends, the next meeting of the network is made ready.

The next meeting gets a host and a secretary (its own if set, else the
rotation's: the secretary is the host of the meeting after), a date (an
existing next meeting keeps its own; without one, a meeting is created on the
next proposed date of the year plan), and an agenda started from the
network's template with the open action items listed in the follow-up item
("Uppföljning av åtgärder") and the deferred items carried in.

Running it twice changes nothing the second time: the open action items are a
block of the follow-up item's description that is replaced, not appended,
and deferred items already carried are recognised by their origin.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, Any

from quorum.store.carry_forward import OpenAction, followup_text, with_followup
from quorum.store.planning import (
    Handover,
    assign_hosts,
    create_meetings,
    handover_agenda,
    next_meeting_handover,
    propose_dates,
    rotation_order,
)
from quorum.store.records import (
    Meeting,
    Network,
    Organisation,
    Person,
    replace,
)

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = ["apply_handover"]


def _next_date_fields(
    network: Network,
    meetings: Sequence[Meeting],
    held: Meeting,
    organisations: Sequence[Organisation],
    people: Sequence[Person],
    today: date,
) -> dict[str, Any] | None:
    """The fields of a new meeting on the first proposed date after ``held``."""
    for year in (held.day.year, held.day.year + 1):
        later = [
            p
            for p in propose_dates(network, year, meetings, today=max(today, held.day))
            if p.day > held.day
        ]
        if later:
            plan = assign_hosts(later[:1], network, organisations, meetings)
            return create_meetings(plan, network, organisations, people)[0]
    return None


def _rotation_host(
    network: Network, organisations: Sequence[Organisation], meetings: Sequence[Meeting]
) -> str | None:
    order = rotation_order(network, organisations, meetings)
    return order[0][0] if order else None


def apply_handover(store: Store, held_meeting: Meeting, today: date) -> Meeting | None:
    """Make the meeting after ``held_meeting`` ready, in one batch; return it
    (None when the network has no next meeting and no free date is left)."""
    network = store.network(held_meeting.network_id)
    organisations = store.organisations()
    people = store.people()
    with store.batch():
        meetings = [m for m in store.meetings(network.id) if m.id != held_meeting.id]
        meetings.append(held_meeting)
        handover = next_meeting_handover(network, meetings, held_meeting, people)
        nxt = handover.next_meeting
        if nxt is None:
            fields = _next_date_fields(
                network, meetings, held_meeting, organisations, people, today
            )
            if fields is None:
                return None
            nxt = store.add_meeting(**fields)
            handover = Handover(
                nxt,
                nxt.host_org_id,
                nxt.secretary_id,
                handover.open_actions,
                handover.deferred_items,
            )
        host = handover.host_org_id or _rotation_host(network, organisations, meetings)
        agenda = handover_agenda(network, handover)
        names = {p.id: p.name for p in people}
        actions = [OpenAction(a, m) for m, _item, a in handover.open_actions]
        agenda = with_followup(agenda, followup_text(actions, names, nxt.language), nxt.language)
        ready = replace(
            nxt,
            host_org_id=nxt.host_org_id or host,
            secretary_id=nxt.secretary_id or handover.secretary_id,
            agenda=agenda,
        )
        if ready != nxt:
            store.save_meeting(ready)
    return ready
