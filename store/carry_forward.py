"""What a new meeting inherits from the earlier ones of its network.

Every open action item goes into the follow-up item ("Uppföljning av
åtgärder") so nothing is forgotten, and every item the previous meeting
deferred comes back as a new item that remembers where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from store.i18n import t
from store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    ItemKind,
    ItemState,
    Meeting,
    MeetingStatus,
    new_item_id,
    replace,
)
from store.templates import NEXT_MEETING_TITLES

# Deferred items go in before these closing items, when the agenda has them.
_CLOSING_TITLES = NEXT_MEETING_TITLES | {
    "Övriga frågor",
    "Any other business",
    "Mötets avslutande",
    "Closing of the meeting",
}


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
    """The follow-up item's description: one line per open action item."""
    if not actions:
        return t("carry.none", lang=lang)
    lines = [t("carry.heading", lang=lang)]
    for oa in actions:
        a = oa.action
        owner = names.get(a.owner_id or "", "") or a.owner_name or t("carry.no_owner", lang=lang)
        due = a.due.isoformat() if a.due else t("carry.no_due", lang=lang)
        lines.append(
            t("carry.line", lang=lang, text=a.text, owner=owner, due=due, origin=oa.meeting.day.isoformat())
        )
    return "\n".join(lines)


def deferred_items(previous: Meeting | None) -> tuple[AgendaItem, ...]:
    """Fresh copies of the items ``previous`` deferred: no notes, no minutes."""
    if previous is None:
        return ()
    return tuple(
        AgendaItem(
            id=new_item_id(),
            title=item.title,
            kind=item.kind,
            presenter_id=item.presenter_id,
            presenter_text=item.presenter_text,
            minutes=item.minutes,
            description=item.description,
            deferred_from=previous.id,
        )
        for item in previous.agenda
        if item.state == ItemState.DEFERRED
    )


def carry_forward(
    agenda: tuple[AgendaItem, ...],
    meetings: Sequence[Meeting],
    start: datetime,
    names: Mapping[str, str],
    lang: str,
) -> tuple[AgendaItem, ...]:
    """``agenda`` with the follow-up item filled in and deferred items added.

    ``meetings`` are the network's meetings; only those before ``start`` count.
    An agenda without a follow-up item gets one first when there is
    something to follow up.
    """
    before = earlier(meetings, start)
    actions = open_actions(before, start)
    text = followup_text(actions, names, lang)
    items = list(agenda)
    has_followup = any(i.followup for i in items)
    if not has_followup and actions:
        title = t("carry.followup_title", lang=lang)
        items.insert(0, AgendaItem(id=new_item_id(), title=title, kind=ItemKind.STANDING, followup=True))
    for n, item in enumerate(items):
        if item.followup:
            base = item.description.strip()
            items[n] = replace(item, description=f"{base}\n\n{text}" if base else text)
    deferred = deferred_items(before[-1] if before else None)
    at = next((n for n, i in enumerate(items) if i.title in _CLOSING_TITLES), len(items))
    items[at:at] = deferred
    return tuple(items)
