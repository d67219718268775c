"""The hand-over: what a meeting takes over from the earlier meetings of its network.

This module alone decides it, for both ways a meeting comes to be (when two modules
each carried forward, a meeting made in the dialog and then handed over listed the
open action items twice):

* :func:`draft_meeting` — the new-meeting dialog's meeting: the network's defaults,
  its members invited, the agenda carried forward;
* :func:`apply_handover` — when a meeting ends, the next meeting of the network is
  made ready: a host and a secretary (its own if set, else the rotation's: the
  secretary is the host of the meeting after), a date (an existing next meeting keeps
  its own; without one, a meeting is created on the next proposed date of the year
  plan), and its agenda carried forward.

Carrying forward (:func:`carry_forward`) makes sure the agenda has its follow-up item
("Uppföljning av åtgärder") when earlier meetings left action items open, and brings
back the items the previous meeting deferred — with their notes — right after the
follow-up item, as new items that remember where they came from. Doing it again changes
nothing: an item already carried is recognised by its origin.

The follow-up item holds no copy of the open action items: a copy went stale as soon
as an action was marked done. What it lists is derived from the actions whenever it is
shown or exported (:func:`open_actions`, :func:`followup_text`; the documents read
``DocContext.open_actions``). A block an older quorum wrote into the description is
left out when shown (:func:`own_description`) and removed when carried forward again.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from typing import TYPE_CHECKING, Any

from quorum.store.i18n import t
from quorum.store.new_meeting import create_meetings, invitations, meeting_fields
from quorum.store.plan_dates import propose_dates
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    ItemKind,
    ItemState,
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    Person,
    Template,
    new_item_id,
    replace,
)
from quorum.store.rotation import assign_hosts, contact_person, rotation_order
from quorum.store.templates import agenda_from_template, network_template

if TYPE_CHECKING:
    from quorum.store.store import Store

__all__ = [
    "Handover",
    "OpenAction",
    "apply_handover",
    "carry_forward",
    "deferred_items",
    "draft_meeting",
    "followup_text",
    "next_meeting_handover",
    "open_actions",
    "own_description",
]


# ------------------------------------------------------------- carrying forward


@dataclass(frozen=True)
class OpenAction:
    action: ActionItem
    meeting: Meeting  # where it was decided


def earlier(meetings: Sequence[Meeting], before: datetime) -> list[Meeting]:
    """Meetings that took place (or were planned) before ``before``, oldest first."""
    return sorted(
        (m for m in meetings if m.start < before and m.status != MeetingStatus.CANCELLED),
        key=lambda m: m.start,
    )


def open_actions(meetings: Sequence[Meeting], before: datetime) -> list[OpenAction]:
    """Every open action item of the meetings before ``before``, oldest first."""
    return [
        OpenAction(action, m)
        for m in earlier(meetings, before)
        for _item, action in m.all_actions()
        if action.status == ActionStatus.OPEN
    ]


def followup_text(actions: Sequence[OpenAction], names: Mapping[str, str], lang: str) -> str:
    """The follow-up item's block: a heading and one line per open action item."""
    if not actions:
        return t("carry.none", lang=lang)
    lines = [t("carry.heading", lang=lang)]
    for oa in actions:
        a = oa.action
        owner = names.get(a.owner_id or "", "") or a.owner_name or t("carry.no_owner", lang=lang)
        due = a.due.isoformat() if a.due else t("carry.no_due", lang=lang)
        lines.append(
            t(
                "carry.line",
                lang=lang,
                text=a.text,
                owner=owner,
                due=due,
                origin=oa.meeting.day.isoformat(),
            )
        )
    return "\n".join(lines)


def _block_starts() -> set[str]:
    """First lines of a block :func:`followup_text` wrote, in either language."""
    return {t(key, lang=lang) for key in ("carry.heading", "carry.none") for lang in ("sv", "en")}


def own_description(item: AgendaItem) -> str:
    """The description the user wrote: for a follow-up item, without the copy of the
    open action items an older quorum wrote at its end (the block runs to the end)."""
    if not item.followup:
        return item.description
    kept: list[str] = []
    starts = _block_starts()
    for line in item.description.splitlines(keepends=True):
        if line.strip() in starts:
            return "".join(kept).strip()
        kept.append(line)
    return item.description  # no block: the user's text exactly as typed


def _with_followup(agenda: Sequence[AgendaItem], lang: str, add_missing: bool) -> list[AgendaItem]:
    """``agenda`` with its follow-up item's description its own; without one, a
    follow-up item is put first when ``add_missing``."""
    items = list(agenda)
    if add_missing and not any(i.followup for i in items):
        title = t("carry.followup_title", lang=lang)
        items.insert(
            0, AgendaItem(id=new_item_id(), title=title, kind=ItemKind.STANDING, followup=True)
        )
    return [replace(i, description=own_description(i)) if i.followup else i for i in items]


def _deferred_copy(item: AgendaItem, origin: Meeting) -> AgendaItem:
    """A fresh copy of a deferred item, its origin kept: no minutes of its own yet, but
    the notes taken before it was deferred come along in its description."""
    description = item.description.strip()
    if item.notes.strip():
        heading = t("flows.deferred.notes", lang=origin.language, date=origin.day.isoformat())
        notes = f"{heading}\n{item.notes.strip()}"
        description = f"{description}\n\n{notes}" if description else notes
    return AgendaItem(
        id=new_item_id(),
        title=item.title,
        kind=item.kind,
        presenter_id=item.presenter_id,
        presenter_text=item.presenter_text,
        minutes=item.minutes,
        description=description,
        deferred_from=origin.id,
    )


def deferred_items(previous: Meeting | None) -> tuple[AgendaItem, ...]:
    """Fresh copies of the items ``previous`` deferred."""
    if previous is None:
        return ()
    return tuple(
        _deferred_copy(item, previous)
        for item in previous.agenda
        if item.state == ItemState.DEFERRED
    )


def carry_forward(
    agenda: Sequence[AgendaItem],
    meetings: Sequence[Meeting],
    start: datetime,
    lang: str,
) -> tuple[AgendaItem, ...]:
    """``agenda`` of a meeting starting at ``start`` with its follow-up item and the
    previous meeting's deferred items carried in.

    ``meetings`` are the network's meetings; only those before ``start`` count. An
    agenda without a follow-up item gets one first when there is something to follow
    up (what it lists is derived when shown, never copied). The deferred items go right
    after the follow-up item (at the end when there is none); one already carried (same
    origin and title) is not added again.
    """
    before = earlier(meetings, start)
    actions = open_actions(before, start)
    items = _with_followup(agenda, lang, bool(actions))
    carried = {(i.deferred_from, i.title) for i in items if i.deferred_from}
    new = [
        i
        for i in deferred_items(before[-1] if before else None)
        if (i.deferred_from, i.title) not in carried
    ]
    at = next((n + 1 for n, i in enumerate(items) if i.followup), len(items))
    return tuple(items[:at] + new + items[at:])


# ------------------------------------------------------ the new-meeting dialog


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
    lang = network.language
    fields = meeting_fields(
        network,
        day,
        title or t("new.default_title", lang=lang),
        network.default_place,
        agenda_from_template(template),
    )
    fields["agenda"] = carry_forward(fields["agenda"], meetings, fields["start"], lang)
    fields.update(invitations(network, people))
    return fields


# ---------------------------------------------------------- the next meeting


@dataclass(frozen=True)
class Handover:
    """The meeting after one that has just been held, and who hosts it and writes its
    minutes: its own if set, else the rule's (the secretary is the person of the host
    organisation after it). ``next_meeting`` is None when the network has none yet."""

    next_meeting: Meeting | None
    host_org_id: str | None
    secretary_id: str | None


def next_meeting_handover(
    network: Network,
    meetings: Sequence[Meeting],
    just_held: Meeting,
    people: Iterable[Person] = (),
) -> Handover:
    """Which meeting is next after ``just_held`` (the first non-cancelled meeting of
    the network that starts later), its host and its secretary."""
    later = sorted(
        (
            m
            for m in meetings
            if m.network_id == network.id
            and m.id != just_held.id
            and m.start > just_held.start
            and m.status != MeetingStatus.CANCELLED
        ),
        key=lambda m: m.start,
    )
    if not later:
        return Handover(None, None, None)
    nxt = later[0]
    secretary_id = nxt.secretary_id
    if secretary_id is None and len(later) > 1:
        contact = contact_person(later[1].host_org_id, network.id, people)
        secretary_id = contact.id if contact else None
    return Handover(nxt, nxt.host_org_id, secretary_id)


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
            handover = Handover(nxt, nxt.host_org_id, nxt.secretary_id)
        agenda = nxt.agenda or agenda_from_template(network_template(network, network.language))
        ready = replace(
            nxt,
            host_org_id=handover.host_org_id or _rotation_host(network, organisations, meetings),
            secretary_id=handover.secretary_id,
            agenda=carry_forward(agenda, meetings, nxt.start, nxt.language),
        )
        if ready != nxt:
            store.save_meeting(ready)
    return ready
