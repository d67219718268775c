"""The rules of live minutes: the meeting's clock, its items, its approval.

Pure functions, records in and records out, with ``now`` passed in: the
screens call them and save the result; the tests call them without a UI.

Time accounting. While the meeting runs, ``item_started_at`` is when the
current item's running stretch began; its seconds are banked into the item's
``spent_seconds`` when the secretary moves on, pauses or ends the meeting.
During a break ``paused_at`` is set and ``item_started_at`` is None, so the
break is never counted against any item.

Status. A live meeting has ``actual_start`` and no ``actual_end``; ending it
stamps ``actual_end`` and moves it to HELD. Then HELD -> DRAFTED (the
secretary has read the minutes through) -> APPROVED (every minutes checker of formal
minutes, or one person for informal ones, approved). Approved and published
minutes are locked; reopening them needs a reason and is recorded.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from quorum.store.errors import ValidationError
from quorum.store.records import (
    ActionItem,
    Approval,
    Decision,
    Formality,
    ItemState,
    Meeting,
    MeetingStatus,
    Presence,
    Rsvp,
    new_item_id,
    replace,
)
from quorum.store.wording import by_formality, meeting_status

LOCKED_STATUSES = (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED)


# -- state ---------------------------------------------------------------------


def is_live(meeting: Meeting) -> bool:
    """Started and not ended: the app offers to resume it."""
    return meeting.actual_start is not None and meeting.actual_end is None


def is_paused(meeting: Meeting) -> bool:
    return is_live(meeting) and meeting.paused_at is not None


def is_locked(meeting: Meeting) -> bool:
    """Approved minutes are not edited unless reopened."""
    return meeting.status in LOCKED_STATUSES


def check_editable(meeting: Meeting) -> None:
    if is_locked(meeting):
        raise ValidationError(by_formality("live.error.locked", meeting.formality))
    if meeting.status == MeetingStatus.CANCELLED:
        raise ValidationError("live.error.cancelled")


# -- the day -------------------------------------------------------------------


def held_on(meeting: Meeting) -> date:
    """The day the meeting took place: its recorded start's, else the planned day.

    The minutes print this date beside the recorded times, so a meeting started on
    another day than planned never shows one day's date with another day's times.
    """
    if meeting.actual_start is not None:
        return meeting.actual_start.astimezone(meeting.zone).date()
    return meeting.day


def starts_on_another_day(meeting: Meeting, now: datetime) -> bool:
    """Whether starting the live minutes ``now`` would start them off the planned day."""
    return meeting.actual_start is None and now.astimezone(meeting.zone).date() != meeting.day


def move_to_day(meeting: Meeting, day: date) -> Meeting:
    """``meeting`` on ``day`` at the same time of day and length (the invite then
    needs an update, as after any move)."""
    check_editable(meeting)
    zone = meeting.zone
    local = meeting.start.astimezone(zone)
    start = datetime.combine(day, local.time(), tzinfo=zone)
    return replace(meeting, start=start, end=start + (meeting.end - meeting.start))


# -- the clock -----------------------------------------------------------------


def _bank(meeting: Meeting, now: datetime) -> Meeting:
    """Add the running stretch of the current item to its spent seconds."""
    if meeting.item_started_at is None or not meeting.agenda:
        return meeting
    seconds = max(0, int((now - meeting.item_started_at).total_seconds()))
    item = meeting.agenda[meeting.current_item]
    item = replace(item, spent_seconds=item.spent_seconds + seconds)
    return replace(meeting.with_item(item), item_started_at=None)


def start(meeting: Meeting, now: datetime) -> Meeting:
    check_editable(meeting)
    if meeting.actual_end is not None:
        raise ValidationError("live.error.already_ended")
    if meeting.actual_start is not None:
        return meeting
    if not meeting.agenda:
        raise ValidationError("live.error.no_agenda")
    # Who replied that they cannot come has sent their apologies (anmält förhinder):
    # noted so at the start; the roll call can still mark them present.
    attendance = tuple(
        replace(a, presence=Presence.EXCUSED)
        if a.rsvp is Rsvp.DECLINED and a.presence is Presence.UNKNOWN
        else a
        for a in meeting.attendance
    )
    return replace(
        meeting, attendance=attendance, actual_start=now, item_started_at=now, paused_at=None
    )


def go_to(meeting: Meeting, index: int, now: datetime) -> Meeting:
    """Make item ``index`` the current one, banking the time of the one left."""
    if not 0 <= index < len(meeting.agenda):
        raise ValidationError("live.error.no_such_item", number=index + 1)
    if index == meeting.current_item:
        return meeting
    running = is_live(meeting) and meeting.paused_at is None
    moved = replace(_bank(meeting, now), current_item=index)
    return replace(moved, item_started_at=now if running else None)


def pause(meeting: Meeting, now: datetime) -> Meeting:
    if not is_live(meeting) or meeting.paused_at is not None:
        return meeting
    return replace(_bank(meeting, now), paused_at=now)


def resume(meeting: Meeting, now: datetime) -> Meeting:
    if not is_paused(meeting):
        return meeting
    return replace(meeting, paused_at=None, item_started_at=now)


def end(meeting: Meeting, now: datetime) -> Meeting:
    """Stamp the real end and move to HELD; the current item's time is kept."""
    if not is_live(meeting):
        raise ValidationError("live.error.not_started")
    banked = _bank(meeting, now)
    return replace(
        banked, actual_end=now, paused_at=None, item_started_at=None, status=MeetingStatus.HELD
    )


def item_seconds(meeting: Meeting, index: int, now: datetime) -> int:
    """Seconds spent on item ``index`` including the running stretch."""
    item = meeting.agenda[index]
    seconds = item.spent_seconds
    if index == meeting.current_item and meeting.item_started_at is not None:
        seconds += max(0, int((now - meeting.item_started_at).total_seconds()))
    return seconds


def behind_seconds(meeting: Meeting, now: datetime) -> int:
    """How far the meeting runs behind its plan (negative: ahead).

    A late start counts (an early one does not); each item already dealt with counts its overrun or
    saving; the current item counts only once it runs over (it may still
    finish early, but not earlier than now).
    """
    if meeting.actual_start is None:
        return 0
    # Against the planned time of day on the day it was held: a meeting started on
    # another day is not days behind. Starting early earns nothing.
    zone = meeting.zone
    due = datetime.combine(held_on(meeting), meeting.start.astimezone(zone).time(), zone)
    total = max(0, int((meeting.actual_start - due).total_seconds()))
    for index, item in enumerate(meeting.agenda):
        planned = item.minutes * 60
        if index == meeting.current_item and meeting.actual_end is None:
            total += max(0, item_seconds(meeting, index, now) - planned)
        elif item.state != ItemState.OPEN or item.spent_seconds > 0:
            total += item.spent_seconds - planned
    return total


# -- the minutes -----------------------------------------------------------------


def set_notes(meeting: Meeting, index: int, notes: str) -> Meeting:
    item = meeting.agenda[index]
    if item.notes == notes:
        return meeting
    check_editable(meeting)
    return meeting.with_item(replace(item, notes=notes))


def add_decision(meeting: Meeting, index: int, text: str) -> Meeting:
    check_editable(meeting)
    item = meeting.agenda[index]
    decision = Decision(new_item_id(), text)
    return meeting.with_item(replace(item, decisions=(*item.decisions, decision)))


def add_action(
    meeting: Meeting,
    index: int,
    text: str,
    owner_id: str | None = None,
    owner_name: str = "",
    due: date | None = None,
) -> Meeting:
    check_editable(meeting)
    item = meeting.agenda[index]
    action = ActionItem(new_item_id(), text, owner_id=owner_id, owner_name=owner_name, due=due)
    return meeting.with_item(replace(item, actions=(*item.actions, action)))


def toggle_state(meeting: Meeting, index: int, state: ItemState) -> Meeting:
    """Mark item ``index`` done or deferred; the same key again makes it open."""
    check_editable(meeting)
    item = meeting.agenda[index]
    new_state = ItemState.OPEN if item.state == state else state
    return meeting.with_item(replace(item, state=new_state))


def set_presence(meeting: Meeting, key: str, presence: Presence) -> Meeting:
    check_editable(meeting)
    attendance = tuple(
        replace(a, presence=presence) if a.key == key else a for a in meeting.attendance
    )
    return replace(meeting, attendance=attendance)


# -- after the meeting -------------------------------------------------------------


@dataclass(frozen=True)
class OpenQuestion:
    """Something the secretary should settle before the minutes go out."""

    key: str  # i18n key of the sentence
    item_number: int  # 1-based position in the agenda
    item_title: str
    text: str = ""  # the action item's text, when it is about one


def open_questions(meeting: Meeting) -> list[OpenQuestion]:
    """Items without notes (deferred ones need none), action items without owner or date."""
    found: list[OpenQuestion] = []
    for number, item in enumerate(meeting.agenda, start=1):
        if item.state != ItemState.DEFERRED and not item.notes.strip() and not item.decisions:
            found.append(OpenQuestion("live.q.no_notes", number, item.title))
        for action in item.actions:
            if action.owner_id is None and not action.owner_name.strip():
                found.append(OpenQuestion("live.q.no_owner", number, item.title, action.text))
            if action.due is None:
                found.append(OpenQuestion("live.q.no_due", number, item.title, action.text))
    return found


def mark_drafted(meeting: Meeting) -> Meeting:
    if meeting.status != MeetingStatus.HELD:
        raise ValidationError(
            by_formality("live.error.draft_needs_held", meeting.formality),
            status=meeting_status(meeting),
        )
    return replace(meeting, status=MeetingStatus.DRAFTED)


def current_approvals(meeting: Meeting) -> list[Approval]:
    """Approvals given since the minutes were last reopened."""
    since: list[Approval] = []
    for approval in meeting.approvals:
        if approval.reopened:
            since = []
        else:
            since.append(approval)
    return since


def approvals_needed(meeting: Meeting) -> int:
    """Every adjuster signs formal minutes; informal ones need one approval."""
    if meeting.formality == Formality.FORMAL and meeting.adjuster_ids:
        return len(meeting.adjuster_ids)
    return 1


def approve(meeting: Meeting, name: str, on: date) -> Meeting:
    """Record one approval; the last one needed moves the minutes to APPROVED."""
    if meeting.status != MeetingStatus.DRAFTED:
        raise ValidationError(
            by_formality("live.error.approve_needs_drafted", meeting.formality),
            status=meeting_status(meeting),
        )
    approval = Approval(name=name, on=on)
    given = {a.name.casefold() for a in current_approvals(meeting)}
    if approval.name.casefold() in given:
        raise ValidationError("live.error.already_approved", name=approval.name)
    approved = replace(meeting, approvals=(*meeting.approvals, approval))
    if len(current_approvals(approved)) >= approvals_needed(approved):
        approved = replace(approved, status=MeetingStatus.APPROVED)
    return approved


def publish(meeting: Meeting) -> Meeting:
    """Approved minutes sent to the publication address: PUBLISHED (and still locked)."""
    if meeting.status not in LOCKED_STATUSES:
        raise ValidationError(
            "flows.publish.not_approved", title=meeting.title, date=meeting.day.isoformat()
        )
    return replace(meeting, status=MeetingStatus.PUBLISHED)


def reopen(meeting: Meeting, name: str, on: date, reason: str) -> Meeting:
    """Unlock approved minutes for edits; who, when and why is kept."""
    if not is_locked(meeting):
        raise ValidationError(by_formality("live.error.not_locked", meeting.formality))
    if not reason.strip():
        raise ValidationError(
            by_formality("live.error.reason_missing", meeting.formality), field="reason"
        )
    record = Approval(name=name, on=on, reopened=True, reason=reason.strip())
    return replace(meeting, approvals=(*meeting.approvals, record), status=MeetingStatus.DRAFTED)


__all__ = [
    "LOCKED_STATUSES",
    "OpenQuestion",
    "add_action",
    "add_decision",
    "approvals_needed",
    "approve",
    "behind_seconds",
    "check_editable",
    "current_approvals",
    "end",
    "go_to",
    "held_on",
    "is_live",
    "is_locked",
    "is_paused",
    "item_seconds",
    "mark_drafted",
    "move_to_day",
    "open_questions",
    "pause",
    "publish",
    "reopen",
    "resume",
    "set_notes",
    "set_presence",
    "start",
    "starts_on_another_day",
    "toggle_state",
]
