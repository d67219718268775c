"""A network's settings by name: what ``quorum network set NETWORK FIELD=VALUE`` takes,
what ``quorum network show`` prints, and how each is read from text.

Each :class:`NetworkField` reads the value as a user types it (Swedish or English
words, see :mod:`quorum.store.field_values`) and returns the network with it set, so
the record's own rules run; :func:`shown` gives it back as text that ``set`` accepts
again. The SMTP password is no field: it is never stored (the variable named by
``smtp.password_env`` holds it, or the user is asked).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any, TypeVar

from quorum.store.errors import ValidationError
from quorum.store.field_values import (
    NONE_WORDS,
    apply_assignments,
    parse_choice,
    parse_count,
    parse_person,
    parse_time_range,
    parse_week,
    parse_weekday,
    parse_yes_no,
    time_range_text,
)
from quorum.store.i18n import t
from quorum.store.parse import parse_date, parse_time
from quorum.store.records import (
    Blackout,
    EasterBreak,
    Formality,
    InviteSender,
    Network,
    Person,
    SchoolBreaks,
    SmtpSettings,
    check_email,
    replace,
)
from quorum.store.signup import set_parent
from quorum.store.when import clock

__all__ = [
    "FORMALITY_WORDS",
    "NETWORK_FIELDS",
    "NetworkField",
    "apply_settings",
    "blackouts_text",
    "parse_blackouts",
    "shown",
]

FORMALITY_WORDS = {"minnesanteckningar": Formality.INFORMAL, "protokoll": Formality.FORMAL}
SENDER_WORDS = {"värd": InviteSender.HOST, "samordnare": InviteSender.COORDINATOR}
EASTER_WORDS = {"före": EasterBreak.BEFORE, "efter": EasterBreak.AFTER, "inget": EasterBreak.NONE}
SECURITY = ("starttls", "ssl", "none")

R = TypeVar("R", Network, SchoolBreaks, SmtpSettings)
Write = Callable[[Network, str, Sequence[Person]], Network]
Read = Callable[[Network, Sequence[Person]], str]


@dataclass(frozen=True)
class NetworkField:
    """One setting: ``name`` as typed on the command line, its help (catalog key
    ``field.network.<name>``), how to read it from text and show it as text."""

    name: str
    write: Write
    read: Read

    def help(self, lang: str | None = None) -> str:
        return t(f"field.network.{self.name.replace('.', '_')}", lang=lang)


def _say(code: str) -> str:
    """A value's word in the language shown ("fredag", "ja", "efter"): every word said
    here is one its field takes back, in either language."""
    return t(f"value.{code}")


def _text(attr: str) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return _set(n, attr, " ".join(text.split()))

    def read(n: Network, people: Sequence[Person]) -> str:
        return str(getattr(n, attr))

    return write, read


def _email(attr: str) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return _set(n, attr, check_email(text, attr, required=False))

    return write, _text(attr)[1]


def _flag(attr: str, field: str) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return _set(n, attr, parse_yes_no(text, field))

    def read(n: Network, people: Sequence[Person]) -> str:
        return _say("yes" if getattr(n, attr) else "no")

    return write, read


def _coordinator() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        person = parse_person(text, people, "coordinator")
        if person is not None and person.role_in(n.id) is None:
            raise ValidationError(
                "field.error_not_member", field="coordinator", name=person.name, network=n.name
            )
        return replace(n, coordinator_id=person.id if person else None)

    def read(n: Network, people: Sequence[Person]) -> str:
        found = next((p for p in people if p.id == n.coordinator_id), None)
        return found.email if found else ""

    return write, read


def _weekday() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return replace(n, weekday=parse_weekday(text))

    def read(n: Network, people: Sequence[Person]) -> str:
        return t(f"weekday.{n.weekday}").casefold()

    return write, read


def _time() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        start, minutes = parse_time_range(text)
        return replace(n, start_time=start, length_minutes=minutes)

    def read(n: Network, people: Sequence[Person]) -> str:
        return time_range_text(n.start_time, n.length_minutes).replace("–", "-")

    return write, read


def _start() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return replace(n, start_time=parse_time(text, field="start"))

    def read(n: Network, people: Sequence[Person]) -> str:
        return clock(n.start_time)

    return write, read


def _number(attr: str, field: str, low: int, high: int) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return _set(n, attr, parse_count(text, field, low, high))

    def read(n: Network, people: Sequence[Person]) -> str:
        return str(getattr(n, attr))

    return write, read


def _choice(attr: str, cls: Any, words: dict[str, Any] | None = None) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return _set(n, attr, parse_choice(cls, text, attr, words))

    def read(n: Network, people: Sequence[Person]) -> str:
        return _say(str(getattr(n, attr).value))

    return write, read


def _language() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return replace(n, language=text.strip().casefold())

    return write, _text("language")[1]


def _break_week(attr: str, low: int, high: int) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        week = parse_week(text, attr, low, high)
        return replace(n, breaks=_set(n.breaks, attr, week))

    def read(n: Network, people: Sequence[Person]) -> str:
        week = getattr(n.breaks, attr)
        return _say("none") if week is None else str(week)

    return write, read


def _break_flag(attr: str) -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return replace(n, breaks=_set(n.breaks, attr, parse_yes_no(text, attr)))

    def read(n: Network, people: Sequence[Person]) -> str:
        return _say("yes" if getattr(n.breaks, attr) else "no")

    return write, read


def _pasklov() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        choice = parse_choice(EasterBreak, text, "pasklov", EASTER_WORDS)
        return replace(n, breaks=replace(n.breaks, pasklov=choice))

    def read(n: Network, people: Sequence[Person]) -> str:
        return _say(n.breaks.pasklov.value)

    return write, read


def _afton() -> tuple[Write, Read]:
    words = {"allow": True, "tillåt": True, "avoid": False, "undvik": False}

    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        word = " ".join(text.split()).casefold()
        if word in words:
            return replace(n, allow_afton_days=words[word])
        return replace(n, allow_afton_days=parse_yes_no(text, "afton_days"))

    def read(n: Network, people: Sequence[Person]) -> str:
        return _say("allow" if n.allow_afton_days else "avoid")

    return write, read


def parse_blackouts(text: str, today: date | None = None) -> tuple[Blackout, ...]:
    """``2027-04-12..2027-04-16 Studiedagar; 2027-05-03 Kompetensdag`` (a day or a
    period, then its name; ``none`` for no own periods)."""
    if " ".join(text.split()).casefold() in NONE_WORDS:
        return ()
    periods = []
    for part in text.split(";"):
        words = part.split(None, 1)
        if not words:
            continue
        span, label = words[0], words[1] if len(words) > 1 else ""
        first, _, last = span.partition("..")
        start = parse_date(first, today, field="blackouts")
        end = parse_date(last, today, field="blackouts") if last else start
        periods.append(Blackout(start, end, label))
    return tuple(sorted(periods, key=lambda b: b.start))


def blackouts_text(blackouts: Sequence[Blackout]) -> str:
    parts = []
    for b in blackouts:
        span = b.start.isoformat() if b.start == b.end else f"{b.start}..{b.end}"
        parts.append(f"{span} {b.label}".strip())
    return "; ".join(parts) or "none"


def _blackouts() -> tuple[Write, Read]:
    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        return replace(n, blackouts=parse_blackouts(text))

    def read(n: Network, people: Sequence[Person]) -> str:
        return blackouts_text(n.blackouts)

    return write, read


def _smtp(attr: str) -> tuple[Write, Read]:
    """One part of the SMTP settings; ``smtp.host=none`` removes them all."""

    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        value: Any = " ".join(text.split())
        if attr == "host":
            if value.casefold() in NONE_WORDS:
                return replace(n, smtp=None)
            if n.smtp is None:
                return replace(n, smtp=SmtpSettings(host=value))
        if n.smtp is None:
            raise ValidationError("field.error_smtp_first", field=f"smtp.{attr}")
        if attr == "port":
            value = parse_count(value, "smtp.port", 1, 65535)
        elif attr == "security":
            value = value.casefold()
            value = "none" if value in NONE_WORDS else value  # "ingen", as Swedish help says
            if value not in SECURITY:
                raise ValidationError(
                    "field.error_choice",
                    field="smtp.security",
                    value=value,
                    choices=", ".join(SECURITY),
                )
        elif attr == "sender":
            value = check_email(value, "smtp.sender", required=False)
        elif attr == "password_env" and not value:
            value = "QUORUM_SMTP_PASSWORD"
        return replace(n, smtp=_set(n.smtp, attr, value))

    def read(n: Network, people: Sequence[Person]) -> str:
        if n.smtp is None:
            return _say("no_server") if attr == "host" else ""
        value = str(getattr(n.smtp, attr))
        return _say("no_server") if attr == "security" and value == "none" else value

    return write, read


def _set(record: R, attr: str, value: Any) -> R:
    """``record`` with ``attr`` set (a name chosen at run time, so typed loosely)."""
    fields: dict[str, Any] = {attr: value}
    return replace(record, **fields)


def _parent(networks: Sequence[Network]) -> tuple[Write, Read]:
    """The coordinating network this one is a sub-network of (store.signup's rule:
    one level deep); ``none`` makes it a network of its own."""

    def write(n: Network, text: str, people: Sequence[Person]) -> Network:
        from quorum.store.store import find_named  # the CLI's own way to name a network

        if " ".join(text.split()).casefold() in NONE_WORDS:
            return set_parent(networks, n, None)
        parent = find_named(list(networks), text, "error.not_found_network")
        return set_parent(networks, n, parent.id)  # itself or a sub-network: said why

    def read(n: Network, people: Sequence[Person]) -> str:
        found = next((x for x in networks if x.id == n.parent_id), None)
        return found.name if found else _say("none")

    return write, read


def _field(name: str, pair: tuple[Write, Read]) -> NetworkField:
    return NetworkField(name, *pair)


NETWORK_FIELDS: tuple[NetworkField, ...] = (
    _field("name", _text("name")),
    _field("organiser", _text("organiser")),
    _field("organiser_email", _email("organiser_email")),
    _field("coordinator", _coordinator()),
    _field("parent", _parent(())),  # given the networks by _fields
    _field("publication_email", _email("publication_email")),
    _field("place", _text("default_place")),
    _field("link", _text("default_link")),
    _field("weekday", _weekday()),
    _field("time", _time()),
    _field("start", _start()),
    _field("length", _number("length_minutes", "length", 5, 24 * 60)),
    _field("min_meetings", _number("min_meetings", "min_meetings", 0, 52)),
    _field("tz", _text("tz")),
    _field("language", _language()),
    _field("formality", _choice("formality", Formality, FORMALITY_WORDS)),
    _field("year_start_month", _number("year_start_month", "year_start_month", 1, 12)),
    _field("public_omits_guests", _flag("public_omits_guests", "public_omits_guests")),
    _field("require_industry", _flag("require_industry", "require_industry")),
    _field("invite_sender", _choice("invite_sender", InviteSender, SENDER_WORDS)),
    _field("sportlov", _break_week("sportlov_week", 6, 12)),
    _field("pasklov", _pasklov()),
    _field("hostlov", _break_week("hostlov_week", 40, 46)),
    _field("jullov", _break_flag("jullov")),
    _field("sommarlov", _break_flag("sommarlov")),
    _field("afton_days", _afton()),
    _field("blackouts", _blackouts()),
    _field("smtp.host", _smtp("host")),
    _field("smtp.port", _smtp("port")),
    _field("smtp.security", _smtp("security")),
    _field("smtp.user", _smtp("user")),
    _field("smtp.sender", _smtp("sender")),
    _field("smtp.password_env", _smtp("password_env")),
)


def _fields(networks: Sequence[Network]) -> tuple[NetworkField, ...]:
    """The fields, ``parent`` knowing the networks it may name."""
    return tuple(
        NetworkField(f.name, *_parent(networks)) if f.name == "parent" else f
        for f in NETWORK_FIELDS
    )


def apply_settings(
    network: Network,
    assignments: Sequence[str],
    people: Sequence[Person],
    networks: Sequence[Network] = (),
) -> Network:
    """``network`` with each ``FIELD=VALUE`` set in turn (a ValidationError for the
    first that cannot be, naming it)."""
    writers = {f.name: _writer(f, people) for f in _fields(networks)}
    return apply_assignments(network, assignments, writers)


def _writer(field: NetworkField, people: Sequence[Person]) -> Callable[[Network, str], Network]:
    return lambda network, text: field.write(network, text, people)


def shown(
    network: Network, people: Sequence[Person], networks: Sequence[Network] = ()
) -> list[tuple[str, str]]:
    """Every setting as (FIELD, VALUE) text that ``network set`` takes back."""
    return [(f.name, f.read(network, people)) for f in _fields(networks)]
