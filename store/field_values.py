"""Setting values typed as text (``quorum network set``, ``meeting set``, the forms):
each parser takes what a Swedish or English user would type and returns the value,
or raises :class:`ValidationError` naming the field with a sentence.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from datetime import time, timedelta
from enum import StrEnum
from typing import TypeVar

from quorum.store.errors import ValidationError
from quorum.store.parse import parse_time
from quorum.store.records import Organisation, OrgKind, Person
from quorum.store.when import clock_span

__all__ = [
    "YES",
    "FieldError",
    "apply_assignments",
    "org_kind_from_name",
    "parse_assignment",
    "parse_choice",
    "parse_count",
    "parse_org",
    "parse_person",
    "parse_time_range",
    "parse_week",
    "parse_weekday",
    "parse_yes_no",
    "time_range_text",
]

E = TypeVar("E", bound=StrEnum)
R = TypeVar("R")

YES = ("yes", "ja", "y", "j", "true", "1", "on")
NO = ("no", "nej", "n", "false", "0", "off")
NONE_WORDS = ("", "none", "inget", "ingen", "inga", "-")

_WEEKDAYS = (
    ("monday", "måndag", "mon", "mån"),
    ("tuesday", "tisdag", "tue", "tis"),
    ("wednesday", "onsdag", "wed", "ons"),
    ("thursday", "torsdag", "thu", "tor"),
    ("friday", "fredag", "fri", "fre"),
    ("saturday", "lördag", "sat", "lör"),
    ("sunday", "söndag", "sun", "sön"),
)


def _folded(text: str) -> str:
    return " ".join(text.split()).casefold()


def parse_yes_no(text: str, field: str) -> bool:
    word = _folded(text)
    if word in YES:
        return True
    if word in NO:
        return False
    raise ValidationError("field.error_yes_no", field=field, value=text.strip())


def parse_weekday(text: str, field: str = "weekday") -> int:
    """A weekday by name in either language (or its first letters), or 1–7 (1 = Monday)."""
    word = _folded(text).rstrip(".")
    if word.isdigit() and 1 <= int(word) <= 7:
        return int(word) - 1
    for number, names in enumerate(_WEEKDAYS):
        if word in names or (len(word) >= 3 and any(n.startswith(word) for n in names)):
            return number
    raise ValidationError("field.error_weekday", field=field, value=text.strip())


def parse_time_range(text: str, field: str = "time") -> tuple[time, int]:
    """``09:00-12:00`` (also ``9-12``, ``9.00–12.00``) as the start and the length in minutes."""
    raw = text.strip().replace("–", "-").replace("—", "-")
    start_text, dash, end_text = raw.partition("-")
    if not dash:
        raise ValidationError("field.error_time_range", field=field, value=text.strip())
    start = parse_time(start_text, field=field)
    end = parse_time(end_text, field=field)
    minutes = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    if minutes <= 0:
        raise ValidationError("error.across_midnight", field=field)
    return start, minutes


def time_range_text(start: time, minutes: int, lang: str | None = None) -> str:
    """``09.00–12.00`` / ``09:00–12:00``: a start and a length as a user reads them (and
    :func:`parse_time_range` reads back)."""
    from datetime import datetime

    begin = datetime.combine(datetime(2000, 1, 1), start)
    return clock_span(begin, begin + timedelta(minutes=minutes), lang)


def parse_count(text: str, field: str, low: int, high: int) -> int:
    raw = text.strip()
    if not raw.isdigit() or not low <= int(raw) <= high:
        raise ValidationError("field.error_number", field=field, value=raw, low=low, high=high)
    return int(raw)


def parse_week(text: str, field: str, low: int, high: int) -> int | None:
    """A week number, or None for "none" (the break is not kept)."""
    raw = _folded(text).removeprefix("v.").removeprefix("w.").removeprefix("v").strip()
    if raw in NONE_WORDS:
        return None
    return parse_count(raw, field, low, high)


def parse_choice(cls: type[E], text: str, field: str, words: dict[str, E] | None = None) -> E:
    """A member of ``cls`` by its value, or by one of ``words`` (Swedish names)."""
    word = _folded(text)
    for member in cls:
        if word == member.value:
            return member
    if words and word in words:
        return words[word]
    choices = ", ".join([m.value for m in cls] + list(words or ()))
    raise ValidationError("field.error_choice", field=field, value=text.strip(), choices=choices)


def parse_person(text: str, people: Iterable[Person], field: str) -> Person | None:
    """A person by id or e-mail address (any case); None for "none"."""
    word = _folded(text)
    if word in NONE_WORDS:
        return None
    for p in people:
        if p.id == text.strip() or p.email.casefold() == word:
            return p
    raise ValidationError("field.error_person", field=field, value=text.strip())


def parse_org(text: str, organisations: Sequence[Organisation], field: str) -> Organisation | None:
    """An organisation by id, name, or a part of the name only one has; None for "none"."""
    word = _folded(text)
    if word in NONE_WORDS:
        return None
    for o in organisations:
        if o.id == text.strip() or _folded(o.name) == word:
            return o
    matches = [o for o in organisations if word in _folded(o.name)]
    if len(matches) == 1:
        return matches[0]
    if matches:
        names = ", ".join(f"{o.id} {o.name}" for o in matches)
        raise ValidationError("error.ambiguous", field=field, value=text.strip(), choices=names)
    raise ValidationError("field.error_org", field=field, value=text.strip())


def org_kind_from_name(name: str, industry: bool = False) -> OrgKind:
    """What a new organisation is, from its name ("… kommun", "… AB", "högskola");
    ``industry`` says a company. A school when the name does not tell."""
    if industry:
        return OrgKind.COMPANY
    words = name.casefold().split()
    if any(w.endswith("kommun") for w in words):
        return OrgKind.MUNICIPALITY
    if any("universitet" in w or "högskola" in w for w in words):
        return OrgKind.UNIVERSITY
    if words and (words[-1] in ("ab", "hb", "kb") or words[0] == "ab"):
        return OrgKind.COMPANY
    return OrgKind.SCHOOL


def parse_assignment(text: str, known: Sequence[str]) -> tuple[str, str]:
    """``FIELD=VALUE`` split, with the field checked against ``known``."""
    name, eq, value = text.partition("=")
    name = name.strip().casefold()
    if not eq:
        raise ValidationError("field.error_assignment", field=None, value=text)
    if name not in known:
        raise ValidationError(
            "field.error_unknown", field=None, name=name, choices=", ".join(known)
        )
    return name, value


def apply_assignments(
    record: R, assignments: Sequence[str], writers: Mapping[str, Callable[[R, str], R]]
) -> R:
    """``record`` with each ``FIELD=VALUE`` written in turn by its field's writer; a
    ValidationError for the first that cannot be, naming it."""
    for text in assignments:
        name, value = parse_assignment(text, list(writers))
        try:
            record = writers[name](record, value)
        except ValidationError as err:
            raise FieldError(name, err) from None
    return record


class FieldError(ValidationError):
    """A value refused for field ``name``: "weekday: …", said in the language it is
    shown in."""

    def __init__(self, name: str, reason: ValidationError) -> None:
        super().__init__("field.error_in", field=name, name=name)
        self.reason = reason
        self.level = getattr(reason, "level", "error")

    def sentence(self, lang: str | None = None) -> str:
        from quorum.store.i18n import t

        return t(
            "field.error_in", lang=lang, name=self.params["name"], reason=self.reason.sentence(lang)
        )
