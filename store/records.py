"""The domain records of quorum.

Records are frozen dataclasses: a record that exists is valid. Each validates
itself in ``__post_init__`` and raises :class:`ValidationError` with a key
from the ``core`` catalog. Change a record with :func:`dataclasses.replace`
(re-exported here as ``replace``), which validates again.

Ids: networks, organisations, people and meetings have short integer-like
string ids given by the store ("3", "12") so a user can type them. Agenda
items, decisions and action items have short random ids unique within their
meeting.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import re
import secrets
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from enum import StrEnum
from typing import TYPE_CHECKING, Any, ClassVar, TypeVar
from urllib.parse import urlsplit
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from quorum.store import invite_shows
from quorum.store.errors import ValidationError
from quorum.store.text_rules import (
    LIMITS,
    Rule,
    TextRefused,
    as_stored,
    check,
    has_refused,
    is_stored,
)

__all__ = [
    "ActionItem",
    "ActionStatus",
    "AgendaItem",
    "Approval",
    "Attendance",
    "Blackout",
    "Decision",
    "EasterBreak",
    "Formality",
    "InviteSender",
    "ItemKind",
    "ItemState",
    "Meeting",
    "MeetingRole",
    "MeetingStatus",
    "Membership",
    "MinutesVersion",
    "Network",
    "OrgKind",
    "Organisation",
    "Person",
    "Presence",
    "Role",
    "Rsvp",
    "SchoolBreaks",
    "SmtpSettings",
    "Template",
    "TemplateItem",
    "check_email",
    "check_link",
    "new_item_id",
    "replace",
    "web_link",
]

DEFAULT_TZ = "Europe/Stockholm"
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):(.?)")
# What a web address may not hold: the characters RFC 3986 leaves out of a URI.
_NOT_IN_LINK = re.compile(r'[\s"<>\\^`{|}]')
_NOT_IN_ADDRESS = re.compile(r'[\s<>(),;:"\[\]\\@]')
_LABEL = re.compile(r"^[^\W_](?:(?:[^\W_]|-){0,61}[^\W_])?$")  # letters, digits, inner -


def new_item_id() -> str:
    """A short id, unique enough within one meeting or one network."""
    return secrets.token_hex(4)


def _stored_text(value: object, field_name: str) -> str:
    if not isinstance(value, str):  # a hand-edited file: say which field, never a traceback
        raise ValidationError("error.choice_invalid", field=field_name, value=repr(value)[:40])
    return value.strip()


def check_email(value: str, field_name: str = "email", required: bool = True) -> str:
    """An e-mail address as typed, or a sentence saying why it is none.

    The domain may be internationalised (``skövde.se``: written as IDNA, ``xn--``, in
    mail headers) and so may the part before the @ (sent with SMTPUTF8 where the server
    offers it, ``store/sending.py``). A stored address is taken as it was stored.
    """
    value = _stored_text(value, field_name)
    if not value:
        if required:
            raise ValidationError("error.email_missing", field=field_name)
        return ""
    if is_stored():
        return value
    value = check(value, LIMITS["email"], field_name)
    local, _, domain = value.rpartition("@")
    if not local or _NOT_IN_ADDRESS.search(local) or not _valid_domain(domain):
        raise ValidationError("error.email_invalid", field=field_name, value=value)
    if len(local) > 64:
        raise TextRefused("text.email_too_long", field=field_name)
    return value


@functools.lru_cache(maxsize=4096)  # an import checks the same few domains again and again
def _valid_domain(domain: str) -> bool:
    labels = domain.split(".")
    if len(labels) < 2 or not all(_LABEL.match(label) for label in labels):
        return False
    tld = labels[-1]
    if not (tld.isalpha() and len(tld) >= 2) and not tld.lower().startswith("xn--"):
        return False
    try:
        return len(domain.encode("idna")) <= 253
    except UnicodeError:  # a label IDNA cannot write (too long once encoded, say)
        return False


def check_link(value: str, field_name: str = "online_link") -> str:
    """A web address (https/http), or a sentence saying why it is none.

    Typed without a scheme (``meet.example.se/rum``) it gets ``https://``;
    ``javascript:``, ``data:``, ``file:`` and every other scheme are refused.
    """
    value = _stored_text(value, field_name)
    if not value or is_stored():
        return value
    value = check(value, LIMITS["link"], field_name)
    m = _SCHEME.match(value)
    # "meet.example.se:8443/x" is a host and a port, not a scheme.
    if m is None or "." in m[1] or m[2].isdigit():
        value = f"https://{value}"
    elif m[1].lower() not in ("http", "https"):
        raise TextRefused("text.link_scheme", field=field_name, scheme=m[1].lower())
    if web_link(value) is None:
        raise TextRefused("text.link_invalid", field=field_name)
    return value


def web_link(value: str) -> str | None:
    """``value`` if it is a web address a document or calendar may link to, else None.

    For what is read back from an archive older than the text rule: renderers put a
    link anywhere only through this.
    """
    value = value.strip()
    if not value or _NOT_IN_LINK.search(value) or has_refused(value):
        return None
    try:
        parts = urlsplit(value)
        host = parts.hostname
    except ValueError:  # "http://[" and the like
        return None
    return value if parts.scheme.lower() in ("http", "https") and host else None


Check = Callable[[str, str], str]  # (value, field name) -> the value the field keeps


def _rule(kind: str) -> Check:
    rule: Rule = LIMITS[kind]
    return lambda value, field_name: check(value, rule, field_name)


NAME, TITLE, LINE, SHORT, HOST, NOTE, LONG = (
    _rule(k) for k in ("name", "title", "line", "short", "host", "note", "text")
)


def _email(value: str, field_name: str) -> str:
    return check_email(value, field_name, required=False)


def _check_text(record: Any) -> None:
    """Every text field of ``record`` judged by its rule (not for stored records)."""
    if is_stored():
        return
    for name, rule in type(record).RULES.items():
        object.__setattr__(record, name, rule(getattr(record, name), name))


RecordT = TypeVar("RecordT")

if TYPE_CHECKING:
    # mypy's dataclass plugin checks the fields of every call to dataclasses.replace.
    from dataclasses import replace
else:

    def replace(record: RecordT, /, **changes: Any) -> RecordT:
        """A copy of ``record`` with ``changes``, validated again.

        The text rule judges only the fields changed: what was stored before the rule
        existed stays as it is until someone edits it, so an old archive keeps working.
        """
        if is_stored():  # a record as it was stored: nothing is judged again
            return dataclasses.replace(record, **changes)
        with as_stored():
            new = dataclasses.replace(record, **changes)
        rules = getattr(type(new), "RULES", {})
        for name in changes.keys() & rules.keys():
            object.__setattr__(new, name, rules[name](getattr(new, name), name))
        # Rules between fields (a login needs encryption) hold for every edit too.
        edited = getattr(new, "check_edit", None)
        if edited is not None:
            edited()
        return new


def _text(value: str, field_name: str, key: str = "error.title_empty") -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError(key, field=field_name)
    return value


def _zone(name: str) -> ZoneInfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise ValidationError("error.tz_unknown", field="tz", value=name) from None


def _enum(cls: type[StrEnum], value: object, field_name: str) -> None:
    if not isinstance(value, cls):
        raise ValidationError("error.choice_invalid", field=field_name, value=str(value))


class OrgKind(StrEnum):
    MUNICIPALITY = "municipality"
    SCHOOL = "school"
    COMPANY = "company"
    UNIVERSITY = "university"
    OTHER = "other"


class Role(StrEnum):
    """A person's role in a network."""

    MEMBER = "member"
    CHAIR = "chair"
    COORDINATOR = "coordinator"
    GUEST = "guest"


class MeetingStatus(StrEnum):
    PLANNED = "planned"
    INVITED = "invited"
    HELD = "held"
    DRAFTED = "drafted"
    APPROVED = "approved"
    PUBLISHED = "published"
    CANCELLED = "cancelled"


class Formality(StrEnum):
    INFORMAL = "informal"  # minnesanteckningar
    FORMAL = "formal"  # protokoll


class ItemKind(StrEnum):
    INFORMATION = "information"
    DISCUSSION = "discussion"
    DECISION = "decision"
    STANDING = "standing"


class ItemState(StrEnum):
    OPEN = "open"
    DONE = "done"
    DEFERRED = "deferred"


class MeetingRole(StrEnum):
    """An invitee's role in one meeting; carried by the calendar invite."""

    CHAIR = "chair"
    SECRETARY = "secretary"
    ADJUSTER = "adjuster"  # justerare, in English the minutes checker (the stored value stays)
    PARTICIPANT = "participant"
    OPTIONAL = "optional"


class Rsvp(StrEnum):
    NEEDS_ACTION = "needs-action"
    ACCEPTED = "accepted"
    DECLINED = "declined"
    TENTATIVE = "tentative"


class Presence(StrEnum):
    UNKNOWN = "unknown"
    PRESENT = "present"
    REMOTE = "remote"
    EXCUSED = "excused"
    ABSENT = "absent"


class ActionStatus(StrEnum):
    OPEN = "open"
    DONE = "done"


class InviteSender(StrEnum):
    """Who sends a meeting's invite and stands as its organiser."""

    # "Värd för kommande möte … ansvarar för att kalenderinbjudan skickas ut" (the seeds):
    # the contact person of the meeting's host organisation.
    HOST = "host"
    COORDINATOR = "coordinator"


class EasterBreak(StrEnum):
    """When a municipality's påsklov falls: the week before Easter or the one after."""

    BEFORE = "before"
    AFTER = "after"
    NONE = "none"


@dataclass(frozen=True)
class Blackout:
    """A period a network does not meet (sportlov, påsklov, summer...).

    ``label`` is the user's own name for it; a school break made from the network's
    :class:`SchoolBreaks` names itself by catalog ``key`` instead, so it reads in the
    language it is shown in.
    """

    start: date
    end: date
    label: str = ""
    key: str = ""

    RULES: ClassVar[dict[str, Check]] = {"label": LINE}

    def __post_init__(self) -> None:
        _check_text(self)
        if self.end < self.start:
            raise ValidationError("error.end_before_start", field="end")
        if (self.end - self.start).days > 366:
            raise ValidationError("error.blackout_too_long", field="end")


@dataclass(frozen=True)
class SchoolBreaks:
    """The school breaks a network keeps free of meetings, as a Swedish municipality
    sets them; :mod:`quorum.store.school_breaks` turns them into each year's Blackouts.

    Sportlov is week 7, 8 or 9 depending on the county (None: not kept), höstlov
    week 44, påsklov the week before or after Easter; jullov and sommarlov follow
    the school year.
    """

    sportlov_week: int | None = 8
    pasklov: EasterBreak = EasterBreak.AFTER
    hostlov_week: int | None = 44
    jullov: bool = True
    sommarlov: bool = True

    def __post_init__(self) -> None:
        if self.sportlov_week is not None and not 6 <= self.sportlov_week <= 12:
            raise ValidationError("error.sportlov_week", field="sportlov_week")
        if self.hostlov_week is not None and not 40 <= self.hostlov_week <= 46:
            raise ValidationError("error.hostlov_week", field="hostlov_week")
        _enum(EasterBreak, self.pasklov, "pasklov")


@dataclass(frozen=True)
class TemplateItem:
    title: str
    kind: ItemKind = ItemKind.INFORMATION
    minutes: int = 10
    description: str = ""
    followup: bool = False

    RULES: ClassVar[dict[str, Check]] = {"title": TITLE, "description": LONG}

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _text(self.title, "title"))
        _check_text(self)
        _enum(ItemKind, self.kind, "kind")
        if not 0 <= self.minutes <= 600:
            raise ValidationError("error.minutes_range", field="minutes")


@dataclass(frozen=True)
class Template:
    name: str
    items: tuple[TemplateItem, ...]

    RULES: ClassVar[dict[str, Check]] = {"name": NAME}

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "name", "error.name_empty"))
        _check_text(self)


@dataclass(frozen=True)
class SmtpSettings:
    """How to send mail for a network. The password is never stored."""

    host: str
    port: int = 587
    security: str = "starttls"  # starttls | ssl | none
    user: str = ""
    sender: str = ""
    password_env: str = "QUORUM_SMTP_PASSWORD"

    RULES: ClassVar[dict[str, Check]] = {
        "host": HOST,
        "user": _rule("email"),
        "sender": _email,
        "password_env": SHORT,
    }

    def __post_init__(self) -> None:
        object.__setattr__(self, "host", _text(self.host, "host", "error.host_empty"))
        _check_text(self)
        if not 0 < self.port < 65536:
            raise ValidationError("error.port_range", field="port")
        if self.security not in ("starttls", "ssl", "none"):
            raise ValidationError("error.choice_invalid", field="security", value=self.security)
        if not is_stored():
            self.check_edit()

    def check_edit(self) -> None:
        """AUTH without TLS sends the password in clear text: refused on entry (and
        store/sending.py refuses to send so, for settings stored before this rule too)."""
        if self.user and self.security == "none":
            raise ValidationError("error.smtp_cleartext", field="security")


@dataclass(frozen=True)
class Network:
    id: str
    name: str
    organiser: str = ""  # the organising body (huvudman, kommunalförbund, universitet)
    organiser_email: str = ""  # where the organising body wants the member list and dates
    coordinator_id: str | None = None
    publication_email: str = ""
    default_place: str = ""
    default_link: str = ""
    weekday: int = 4  # Monday=0: Friday
    start_time: time = time(9, 0)
    length_minutes: int = 180
    tz: str = DEFAULT_TZ
    language: str = "sv"
    min_meetings: int = 4
    member_org_ids: tuple[str, ...] = ()
    blackouts: tuple[Blackout, ...] = ()
    rotation_opt_out: tuple[str, ...] = ()  # organisation ids that never host
    require_industry: bool = False  # the chair or someone present must come from a company
    templates: tuple[Template, ...] = ()
    smtp: SmtpSettings | None = None
    parent_id: str | None = None  # the coordinating network this one is part of (store.signup)
    formality: Formality = Formality.INFORMAL  # new meetings' minutes: protokoll when formal
    year_start_month: int = 1  # § numbers restart each year; 8: a school year from August
    public_omits_guests: bool = False  # the public version names no one outside the network
    invite_sender: InviteSender = InviteSender.HOST
    breaks: SchoolBreaks = SchoolBreaks()
    allow_afton_days: bool = False  # meet on valborgsmässoafton, skärtorsdag …

    RULES: ClassVar[dict[str, Check]] = {
        "name": NAME,
        "organiser": LINE,
        "publication_email": _email,
        "organiser_email": _email,
        "default_place": LINE,
        "default_link": check_link,
    }

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "name", "error.name_empty"))
        _check_text(self)
        _enum(Formality, self.formality, "formality")
        _enum(InviteSender, self.invite_sender, "invite_sender")
        if not 1 <= self.year_start_month <= 12:
            raise ValidationError("error.month_range", field="year_start_month")
        if not 0 <= self.weekday <= 6:
            raise ValidationError("error.weekday_range", field="weekday")
        if not 5 <= self.length_minutes <= 24 * 60:
            raise ValidationError("error.length_range", field="length_minutes")
        _zone(self.tz)
        if self.language not in ("sv", "en"):
            raise ValidationError("error.language", field="language", value=self.language)
        if not 0 <= self.min_meetings <= 52:
            raise ValidationError("error.min_meetings_range", field="min_meetings")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)


@dataclass(frozen=True)
class Organisation:
    id: str
    name: str
    kind: OrgKind = OrgKind.SCHOOL
    contact_id: str | None = None  # the person who speaks (and sends invites) for it

    RULES: ClassVar[dict[str, Check]] = {"name": NAME}

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "name", "error.name_empty"))
        _check_text(self)
        _enum(OrgKind, self.kind, "kind")


@dataclass(frozen=True)
class Membership:
    network_id: str
    role: Role = Role.MEMBER

    def __post_init__(self) -> None:
        _enum(Role, self.role, "role")


@dataclass(frozen=True)
class Person:
    id: str
    name: str
    email: str
    org_id: str | None = None
    title: str = ""
    phone: str = ""
    memberships: tuple[Membership, ...] = ()
    active: bool = True

    RULES: ClassVar[dict[str, Check]] = {
        "name": NAME,
        "email": check_email,
        "title": TITLE,
        "phone": SHORT,
    }

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "name", "error.name_empty"))
        _check_text(self)

    def role_in(self, network_id: str) -> Role | None:
        for m in self.memberships:
            if m.network_id == network_id:
                return m.role
        return None


@dataclass(frozen=True)
class Decision:
    id: str
    text: str

    RULES: ClassVar[dict[str, Check]] = {"text": NOTE}

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _text(self.text, "text", "error.text_empty"))
        _check_text(self)


@dataclass(frozen=True)
class ActionItem:
    """Something someone must do. ``owner_id`` is a person; ``owner_name`` is
    used for guests or free text when no person fits."""

    id: str
    text: str
    owner_id: str | None = None
    owner_name: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.OPEN
    done_on: date | None = None
    done_note: str = ""

    RULES: ClassVar[dict[str, Check]] = {"text": NOTE, "owner_name": NAME, "done_note": NOTE}

    def __post_init__(self) -> None:
        object.__setattr__(self, "text", _text(self.text, "text", "error.text_empty"))
        _check_text(self)
        _enum(ActionStatus, self.status, "status")


@dataclass(frozen=True)
class AgendaItem:
    id: str
    title: str
    kind: ItemKind = ItemKind.INFORMATION
    presenter_id: str | None = None
    presenter_text: str = ""
    minutes: int = 10
    description: str = ""
    followup: bool = False  # the "Uppföljning av åtgärder" item: lists open action items
    notes: str = ""
    decisions: tuple[Decision, ...] = ()
    actions: tuple[ActionItem, ...] = ()
    spent_seconds: int = 0
    state: ItemState = ItemState.OPEN
    deferred_from: str | None = None  # meeting id this item was deferred from

    RULES: ClassVar[dict[str, Check]] = {
        "title": TITLE,
        "presenter_text": NAME,
        "description": LONG,
        "notes": LONG,
    }

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _text(self.title, "title"))
        _check_text(self)
        _enum(ItemKind, self.kind, "kind")
        _enum(ItemState, self.state, "state")
        if not 0 <= self.minutes <= 600:
            raise ValidationError("error.minutes_range", field="minutes")
        if self.spent_seconds < 0:
            raise ValidationError("error.minutes_range", field="spent_seconds")


@dataclass(frozen=True)
class Attendance:
    """One invitee of one meeting: a roster person or a guest."""

    person_id: str | None = None
    guest_name: str = ""
    guest_email: str = ""
    guest_org: str = ""
    role: MeetingRole = MeetingRole.PARTICIPANT
    rsvp: Rsvp = Rsvp.NEEDS_ACTION
    presence: Presence = Presence.UNKNOWN
    arrived: time | None = None
    left: time | None = None
    erased: bool = False  # a roster person erased since (store.personal_data): not a guest
    # The last calendar reply (exports/ics_reply.py): its comment, the file it came in,
    # who sent it (a mail's From, else the ATTENDEE's address), and whether that sender
    # was someone else than the invitee, applied on the user's word.
    reply_comment: str = ""
    reply_source: str = ""
    reply_from: str = ""
    reply_unverified: bool = False

    RULES: ClassVar[dict[str, Check]] = {
        "guest_name": NAME,
        "guest_email": _email,
        "guest_org": NAME,
        "reply_comment": NOTE,
        "reply_source": LINE,
        "reply_from": LINE,
    }

    def __post_init__(self) -> None:
        _check_text(self)
        if self.person_id is None:
            object.__setattr__(
                self, "guest_name", _text(self.guest_name, "guest_name", "error.name_empty")
            )
        _enum(MeetingRole, self.role, "role")
        _enum(Rsvp, self.rsvp, "rsvp")
        _enum(Presence, self.presence, "presence")
        if self.arrived and self.left and self.left < self.arrived:
            raise ValidationError("error.end_before_start", field="left")

    @property
    def key(self) -> str:
        """Identifies the invitee within the meeting."""
        return self.person_id or f"guest:{self.guest_email or self.guest_name}"


@dataclass(frozen=True)
class Approval:
    """A minutes checker's (justerare's) approval (justering) of the minutes, or a reopening."""

    name: str
    on: date
    reopened: bool = False
    reason: str = ""

    RULES: ClassVar[dict[str, Check]] = {"name": NAME, "reason": NOTE}

    def __post_init__(self) -> None:
        object.__setattr__(self, "name", _text(self.name, "name", "error.name_empty"))
        _check_text(self)


@dataclass(frozen=True)
class Meeting:
    id: str
    network_id: str
    title: str
    start: datetime
    end: datetime
    tz: str = DEFAULT_TZ
    place: str = ""
    online_link: str = ""
    status: MeetingStatus = MeetingStatus.PLANNED
    formality: Formality = Formality.INFORMAL
    language: str = "sv"
    host_org_id: str | None = None
    chair_id: str | None = None
    secretary_id: str | None = None
    adjuster_ids: tuple[str, ...] = ()
    uid: str = ""
    sequence: int = 0
    sent_sequence: int | None = None  # SEQUENCE of the last invite exported
    sent_fingerprint: str = ""  # what the invite showed when last sent (store.invite_shows)
    agenda: tuple[AgendaItem, ...] = ()
    attendance: tuple[Attendance, ...] = ()
    actual_start: datetime | None = None
    actual_end: datetime | None = None
    current_item: int = 0  # live minutes: index into agenda
    paused_at: datetime | None = None
    item_started_at: datetime | None = None
    approvals: tuple[Approval, ...] = ()
    documents: str = ""  # documents to read before (kallelse)
    signup_until: date | None = None  # open for registration up to this day (store.signup)
    # The § numbers of an approved protokoll, fixed at approval (None: counted from the
    # network's earlier protokoll of the year); kept when it is reopened.
    paragraph_first: int | None = None
    paragraph_count: int = 0

    RULES: ClassVar[dict[str, Check]] = {
        "title": TITLE,
        "place": LINE,
        "online_link": check_link,
        "documents": LONG,
        "uid": LINE,
    }

    def __post_init__(self) -> None:
        object.__setattr__(self, "title", _text(self.title, "title"))
        _check_text(self)
        zone = _zone(self.tz)
        for name in ("start", "end"):
            value = getattr(self, name)
            if not isinstance(value, datetime) or value.tzinfo is None:
                raise ValidationError("error.naive_datetime", field=name)
            # Keep every time in the network's zone, so exports never guess.
            object.__setattr__(self, name, value.astimezone(zone))
        if self.end <= self.start:
            raise ValidationError("error.end_before_start", field="end")
        if self.end - self.start > timedelta(hours=24):
            raise ValidationError("error.too_long", field="end")
        _enum(MeetingStatus, self.status, "status")
        _enum(Formality, self.formality, "formality")
        if self.language not in ("sv", "en"):
            raise ValidationError("error.language", field="language", value=self.language)
        if self.sequence < 0:
            raise ValidationError("error.sequence", field="sequence")
        if not self.uid:
            object.__setattr__(self, "uid", f"{secrets.token_hex(12)}@quorum")
        if self.agenda and not 0 <= self.current_item < len(self.agenda):
            object.__setattr__(self, "current_item", 0)
        ids = [i.id for i in self.agenda]
        if len(set(ids)) != len(ids):
            raise ValidationError("error.duplicate_item", field="agenda")
        if (self.paragraph_first is not None and self.paragraph_first < 1) or (
            self.paragraph_count < 0
        ):
            raise ValidationError("error.paragraph_range", field="paragraph_first")

    @property
    def zone(self) -> ZoneInfo:
        return ZoneInfo(self.tz)

    @property
    def day(self) -> date:
        return self.start.date()

    def item(self, item_id: str) -> AgendaItem:
        for it in self.agenda:
            if it.id == item_id:
                return it
        raise KeyError(item_id)

    def with_item(self, item: AgendaItem) -> Meeting:
        """A copy with ``item`` replacing the agenda item of the same id."""
        return replace(self, agenda=tuple(item if i.id == item.id else i for i in self.agenda))

    def attendee(self, key: str) -> Attendance | None:
        for a in self.attendance:
            if a.key == key:
                return a
        return None

    def all_actions(self) -> list[tuple[AgendaItem, ActionItem]]:
        return [(it, a) for it in self.agenda for a in it.actions]

    def all_decisions(self) -> list[tuple[AgendaItem, Decision]]:
        return [(it, d) for it in self.agenda for d in it.decisions]

    def planned_end(self) -> datetime:
        return self.start + timedelta(minutes=sum(i.minutes for i in self.agenda))

    def invite_fingerprint(self) -> str:
        """A hash of what the invite shows (``store.invite_shows``)."""
        return invite_shows.fingerprint(self)

    @property
    def invite_outdated(self) -> bool:
        return self.sent_sequence is not None and not invite_shows.invite_is_current(
            self.sent_fingerprint, self
        )


@dataclass(frozen=True)
class MinutesVersion:
    """Approved minutes as they were approved: one version per approval.

    ``document`` is the whole document (``exports.document_json``), so the
    approved text never changes when the records it came from do; ``sha256`` is
    its hash, printed on every copy. Reopening the minutes and approving them
    again makes the next version; earlier ones are kept.
    """

    id: str
    meeting_id: str
    version: int
    approved_on: date
    document: str
    sha256: str
    approved_by: tuple[str, ...] = ()
    lang: str = "sv"
    author: str = ""  # the network's name when approved: the PDF's author and running head
    running_head: str = ""

    def __post_init__(self) -> None:
        if self.version < 1:
            raise ValidationError("error.version_range", field="version")
        if not re.fullmatch(r"[0-9a-f]{64}", self.sha256):
            raise ValidationError("error.version_hash", field="sha256")

    @property
    def intact(self) -> bool:
        """The document is still the one its hash names."""
        return hashlib.sha256(self.document.encode("utf-8")).hexdigest() == self.sha256

    @property
    def short_hash(self) -> str:
        return self.sha256[:12]
