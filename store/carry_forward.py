"""What a new meeting inherits from the earlier ones of its network.

Every open action item goes into the follow-up item ("Uppföljning av
åtgärder") so nothing is forgotten, and every item the previous meeting
deferred comes back as a new item that remembers where it came from.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime

from quorum.store.i18n import t
from quorum.store.records import (
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
from quorum.store.templates import NEXT_MEETING_TITLES

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


def replace_block(description: str, block: str) -> str:
    """``description`` with its open-actions block (if any) replaced by ``block``.

    The block is always written last, so it runs to the end: writing it again
    (a second hand-over, or a hand-over after the meeting was created) replaces
    it instead of listing the actions twice.
    """
    kept: list[str] = []
    starts = _block_starts()
    for line in description.splitlines():
        if line.strip() in starts:
            break
        kept.append(line)
    base = "\n".join(kept).strip()
    return f"{base}\n\n{block}" if base else block


def with_followup(
    agenda: Sequence[AgendaItem], block: str, lang: str, add_missing: bool = True
) -> tuple[AgendaItem, ...]:
    """``agenda`` with ``block`` in its follow-up item; without one, a follow-up
    item is put first when ``add_missing``."""
    items = list(agenda)
    if add_missing and not any(i.followup for i in items):
        title = t("carry.followup_title", lang=lang)
        items.insert(
            0, AgendaItem(id=new_item_id(), title=title, kind=ItemKind.STANDING, followup=True)
        )
    return tuple(
        replace(i, description=replace_block(i.description, block)) if i.followup else i
        for i in items
    )


def deferred_copy(item: AgendaItem, origin_id: str) -> AgendaItem:
    """A fresh copy of a deferred item: no notes, no minutes, its origin kept."""
    return AgendaItem(
        id=new_item_id(),
        title=item.title,
        kind=item.kind,
        presenter_id=item.presenter_id,
        presenter_text=item.presenter_text,
        minutes=item.minutes,
        description=item.description,
        deferred_from=origin_id,
    )


def deferred_items(previous: Meeting | None) -> tuple[AgendaItem, ...]:
    """Fresh copies of the items ``previous`` deferred."""
    if previous is None:
        return ()
    return tuple(
        deferred_copy(item, previous.id)
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
    items = list(with_followup(agenda, followup_text(actions, names, lang), lang, bool(actions)))
    deferred = deferred_items(before[-1] if before else None)
    at = next((n for n, i in enumerate(items) if i.title in _CLOSING_TITLES), len(items))
    items[at:at] = deferred
    return tuple(items)
