"""What a document needs to know about its meeting, gathered once.

The tui (or the CLI) builds a :class:`DocContext` from the store with
:func:`build_context`; the renderers in ``exports/`` only read it, so they stay
pure and testable with plain records.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime

from quorum.exports.contacts import redact
from quorum.store.i18n import t
from quorum.store.live import held_on
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Formality,
    Meeting,
    MeetingStatus,
    Network,
    Organisation,
    Person,
)
from quorum.store.when import clock, clock_span, long_date

OpenAction = tuple[Meeting, AgendaItem, ActionItem]

# Meetings whose minutes exist: they have used up their § numbers.
_MINUTED = (
    MeetingStatus.HELD,
    MeetingStatus.DRAFTED,
    MeetingStatus.APPROVED,
    MeetingStatus.PUBLISHED,
)


@dataclass(frozen=True)
class DocContext:
    meeting: Meeting
    network: Network
    people: Mapping[str, Person] = field(default_factory=dict)
    orgs: Mapping[str, Organisation] = field(default_factory=dict)
    first_paragraph: int = 1
    next_meeting: Meeting | None = None
    open_actions: Sequence[OpenAction] = ()
    lang: str = ""  # empty: the meeting's language
    redact_contacts: bool = False  # publication copy: no e-mail addresses, no phone numbers
    show_absent: bool = False

    def __post_init__(self) -> None:
        if not self.lang:
            object.__setattr__(self, "lang", self.meeting.language)

    def t(self, key: str, **params: object) -> str:
        return t(key, lang=self.lang, **params)

    def user(self, text: str) -> str:
        """User text as a document may print it (contacts left out for publication)."""
        return redact(text, self.lang) if self.redact_contacts else text

    def contact(self) -> Person | None:
        """Whom to ask about the meeting: the secretary, else the chair."""
        for pid in (self.meeting.secretary_id, self.meeting.chair_id):
            if pid and pid in self.people:
                return self.people[pid]
        return None

    @property
    def formal(self) -> bool:
        return self.meeting.formality is Formality.FORMAL

    def person_name(self, person_id: str | None) -> str:
        """The name to print; a person erased from the roster is not named."""
        if person_id is None:
            return ""
        person = self.people.get(person_id)
        return person.name if person else self.t("doc.removed_person")

    def org_name(self, org_id: str | None) -> str:
        org = self.orgs.get(org_id) if org_id else None
        return org.name if org else ""

    def item_number(self, index: int) -> str:
        """``§ 14`` in formal minutes (numbered through the network's year), else ``3.``."""
        if self.formal:
            return f"§ {self.first_paragraph + index}"
        return f"{index + 1}."

    def owner(self, action: ActionItem) -> str:
        if action.owner_id:
            return self.person_name(action.owner_id)
        return action.owner_name

    def long_date(self, day: date) -> str:
        return long_date(day, self.lang)

    @property
    def held_day(self) -> date:
        """The day the minutes are of: the recorded start's, else the planned day."""
        return held_on(self.meeting)

    def clock(self, moment: datetime) -> str:
        """ "09.00" / "09:00", in the meeting's time zone."""
        return clock(moment.astimezone(self.meeting.zone), self.lang)

    def time_span(self, actual: bool = False) -> str:
        """Planned start–end; with ``actual``, the recorded times when the minutes have them."""
        m = self.meeting
        start, end = (m.actual_start, m.actual_end) if actual else (m.start, m.end)
        if start is None or end is None:
            start, end = m.start, m.end
        return clock_span(start.astimezone(m.zone), end.astimezone(m.zone), self.lang)

    def doc_title(self) -> str:
        return self.t("doc.formal_minutes" if self.formal else "doc.minutes")

    def approved(self) -> bool:
        """Justerat: the status says so, or every adjuster's latest word is an approval."""
        if self.meeting.status in (MeetingStatus.APPROVED, MeetingStatus.PUBLISHED):
            return True
        latest: dict[str, bool] = {}
        for approval in self.meeting.approvals:
            latest[approval.name] = not approval.reopened
        adjusters = [self.person_name(a) for a in self.meeting.adjuster_ids]
        if not latest:
            return False
        return all(latest.get(name, False) for name in adjusters) and all(latest.values())


def network_year(day: date, start_month: int = 1) -> int:
    """The year a day belongs to when the network's year starts in ``start_month``
    (the calendar year, or a school year from August: 2027-03-12 is in 2026/27)."""
    return day.year if day.month >= start_month else day.year - 1


def _counts(meeting: Meeting, network_id: str, before: datetime) -> bool:
    return (
        meeting.network_id == network_id
        and meeting.formality is Formality.FORMAL
        and meeting.status in _MINUTED
        and meeting.start < before
    )


def paragraph_start(
    meeting: Meeting, earlier_meetings: Iterable[Meeting], year_start_month: int = 1
) -> int:
    """The § number of ``meeting``'s first item.

    § numbers run per network per year (the calendar year, or the network's own
    from ``year_start_month``): every held protokoll of the same network earlier
    that year has used one number per agenda item; informal, cancelled and
    not-yet-held meetings use none. An approved protokoll keeps the numbers it
    was approved with (``paragraph_first``), and the count goes on after them,
    so editing or deleting an earlier meeting never renumbers it.
    """
    if meeting.paragraph_first is not None:
        return meeting.paragraph_first
    year = network_year(meeting.day, year_start_month)
    earlier = sorted(
        (
            m
            for m in earlier_meetings
            if m.id != meeting.id
            and _counts(m, meeting.network_id, meeting.start)
            and network_year(m.day, year_start_month) == year
        ),
        key=lambda m: m.start,
    )
    number = 1
    for m in earlier:
        if m.paragraph_first is not None:
            number = max(number, m.paragraph_first + m.paragraph_count)
        else:
            number += len(m.agenda)
    return number


def next_meeting_after(meeting: Meeting, meetings: Iterable[Meeting]) -> Meeting | None:
    later = [
        m
        for m in meetings
        if m.network_id == meeting.network_id
        and m.id != meeting.id
        and m.status is not MeetingStatus.CANCELLED
        and m.start > meeting.start
    ]
    return min(later, key=lambda m: m.start, default=None)


def open_actions_before(meeting: Meeting, meetings: Iterable[Meeting]) -> list[OpenAction]:
    """Open action items from the network's earlier meetings, oldest first."""
    earlier = sorted(
        (
            m
            for m in meetings
            if m.network_id == meeting.network_id and m.id != meeting.id and m.start < meeting.start
        ),
        key=lambda m: m.start,
    )
    return [
        (m, item, action)
        for m in earlier
        for item, action in m.all_actions()
        if action.status is ActionStatus.OPEN
    ]


def build_context(
    meeting: Meeting,
    network: Network,
    people: Iterable[Person],
    orgs: Iterable[Organisation],
    meetings: Iterable[Meeting],
    lang: str = "",
    redact_contacts: bool = False,
    show_absent: bool = False,
) -> DocContext:
    """Everything a document of ``meeting`` needs, from the network's records."""
    all_meetings = list(meetings)
    return DocContext(
        meeting=meeting,
        network=network,
        people={p.id: p for p in people},
        orgs={o.id: o for o in orgs},
        first_paragraph=paragraph_start(meeting, all_meetings, network.year_start_month),
        next_meeting=next_meeting_after(meeting, all_meetings),
        open_actions=open_actions_before(meeting, all_meetings),
        lang=lang,
        redact_contacts=redact_contacts,
        show_absent=show_absent,
    )
