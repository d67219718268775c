"""Records to JSON-ready documents and back, driven by the dataclass types.

Dates and times are ISO strings (datetimes with their offset), enums their
values, tuples lists; missing optional keys take defaults. A document is
checked as it is loaded: every value the type of its field, every required
field there, and no key the record does not have. A key we do not know is a
typo in a hand edit or a flipped bit in a field's name (its value would be
silently dropped); a newer quorum's fields come with a newer schema version,
which is refused before any record is read.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from collections.abc import Callable
from datetime import date, datetime, time
from enum import Enum
from typing import Any, TypeVar

from quorum.store.text_rules import as_stored

T = TypeVar("T")


def _hints(cls: type[Any]) -> dict[str, Any]:
    import quorum.store.records as records

    return typing.get_type_hints(cls, vars(records))


def to_doc(record: Any) -> dict[str, Any]:
    return {name: _dump(getattr(record, name)) for name in _field_names(type(record))}


_names: dict[type[Any], tuple[str, ...]] = {}


def _field_names(cls: type[Any]) -> tuple[str, ...]:
    """The fields of a record class, read once: a 100,000-row import saves as many."""
    names = _names.get(cls)
    if names is None:
        names = _names[cls] = tuple(f.name for f in dataclasses.fields(cls))
    return names


_AS_IS = frozenset({str, int, float, bool, type(None)})


def _dump(value: Any) -> Any:
    kind = type(value)
    if kind in _AS_IS:  # most values: asked first (a StrEnum's type is its own class)
        return value
    if kind is tuple:
        return [_dump(v) for v in value]
    if hasattr(kind, "__dataclass_fields__"):
        return to_doc(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    return value


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    """The record of ``doc``; :class:`ShapeError` names the field when the document is
    not what :func:`to_doc` writes (a hand-edited file: a number for a text, a meeting
    without its start), and the record's own ValidationError says what rule it breaks.

    Stored text is taken as it was stored: the text rule judges text when it enters
    (store/text_rules.py), and an archive older than a rule must still open.
    """
    with as_stored():
        return typing.cast(T, _loader(cls)(doc))


class ShapeError(Exception):
    """A document is not the shape of its record. ``field`` is a path such as
    ``agenda[2].title``; ``problem`` a key of the ``faults`` catalog (or, for a
    record's own rule, the ValidationError itself)."""

    def __init__(self, field: str, problem: Any) -> None:
        super().__init__(f"{field}: {problem}")
        self.field = field
        self.problem = problem

    def inside(self, prefix: str) -> ShapeError:
        joined = (
            f"{prefix}.{self.field}"
            if self.field and not self.field.startswith("[")
            else (prefix + self.field)
        )
        return ShapeError(joined, self.problem)


# Loading is on the start-up path (the overview converts a network's meetings,
# ~40 records each), so the type hints are read once per class and turned into
# a plan of converters instead of being interpreted again for every value. The
# check of a plain value's type is one class comparison in that loop.

Converter = Callable[[Any], Any]
_loaders: dict[type[Any], Converter] = {}
_PLAIN = {str: "shape.not_text", int: "shape.not_number", bool: "shape.not_yes_no"}


def _loader(cls: type[Any]) -> Converter:
    """The loader of ``cls``, built once (two threads may both build it: same result)."""
    loader = _loaders.get(cls)
    if loader is None:
        loader = _loaders[cls] = _build_loader(cls)
    return loader


def _build_loader(cls: type[Any]) -> Converter:
    from quorum.store.errors import ValidationError

    hints = _hints(cls)
    plan: list[tuple[str, Converter | None, type | None, bool, bool]] = []
    for f in dataclasses.fields(cls):
        tp = hints[f.name]
        optional = _is_optional(tp)
        required = f.default is dataclasses.MISSING and f.default_factory is dataclasses.MISSING
        plain = _plain(tp)
        plan.append((f.name, _converter(tp), plain, optional, required))
    names = {f.name for f in dataclasses.fields(cls)}

    def load(doc: dict[str, Any]) -> Any:
        if doc.__class__ is not dict:
            raise ShapeError("", "shape.not_record")
        kwargs: dict[str, Any] = {}
        known = 0
        for name, convert, plain, optional, required in plan:
            if name in doc:
                known += 1
                value = doc[name]
                if value is None:
                    if not optional:
                        raise ShapeError(name, "shape.missing")
                    kwargs[name] = None
                elif convert is None:
                    if plain is not None and value.__class__ is not plain:
                        raise ShapeError(name, _PLAIN[plain])
                    kwargs[name] = value
                else:
                    try:
                        kwargs[name] = convert(value)
                    except ShapeError as err:
                        raise err.inside(name) from None
                    except (TypeError, ValueError, AttributeError, KeyError):
                        raise ShapeError(name, _problem_of(convert)) from None
            elif required:
                raise ShapeError(name, "shape.missing")
        if known != len(doc):
            unknown = sorted(set(doc) - names)
            raise ShapeError(str(unknown[0]), "shape.unknown")
        try:
            return cls(**kwargs)
        except ValidationError as err:
            raise ShapeError(err.field or "", err) from None
        except (TypeError, ValueError, AttributeError, KeyError):
            raise ShapeError("", "shape.invalid") from None

    return load


def _is_optional(tp: Any) -> bool:
    return typing.get_origin(tp) in (typing.Union, types.UnionType) and type(
        None
    ) in typing.get_args(tp)


def _plain(tp: Any) -> type | None:
    """str, int or bool when a field holds that value as it is in JSON."""
    if _is_optional(tp):
        tp = next(a for a in typing.get_args(tp) if a is not type(None))
    return tp if tp in _PLAIN else None


_problems: dict[Converter, str] = {}  # what a converter's failure means, for the sentence


def _problem_of(convert: Converter) -> str:
    return _problems.get(convert, "shape.invalid")


def _named(problem: str, convert: Converter) -> Converter:
    _problems[convert] = problem
    return convert


def _converter(tp: Any) -> Converter | None:
    """How to turn a JSON value into ``tp``; None when it is already right."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0])
    if origin is tuple:
        return _named("shape.not_list", _items(typing.get_args(tp)[0]))
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        # late: classes may refer to each other
        return _named("shape.not_record", lambda value: _loader(tp)(value))
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = tp._value2member_map_  # a dict lookup; calling the Enum is ~4x slower

        def enum(value: Any) -> Any:
            try:
                return members[value]
            except (KeyError, TypeError):
                return tp(value)  # not a member: the Enum's own error

        return _named("shape.not_choice", enum)
    # fromisoformat raises TypeError for anything but text, ValueError for bad text.
    if tp is datetime:
        return _named("shape.not_datetime", datetime.fromisoformat)
    if tp is date:
        return _named("shape.not_date", date.fromisoformat)
    if tp is time:
        return _named("shape.not_time", time.fromisoformat)
    return None


def _items(tp: Any) -> Converter:
    """A list of ``tp`` to a tuple; on failure the error names the element."""
    inner = _converter(tp)
    plain = _plain(tp)

    def one(value: Any) -> Any:
        if inner is not None:
            return inner(value)
        if plain is not None and value.__class__ is not plain:
            raise ShapeError("", _PLAIN[plain])
        return value

    def items(values: Any) -> tuple[Any, ...]:
        if values.__class__ is not list:
            raise TypeError("not a list")
        try:
            if inner is None and plain is None:
                return tuple(values)
            return tuple([one(v) for v in values])
        except (ShapeError, TypeError, ValueError, AttributeError, KeyError):
            pass
        for index, value in enumerate(values):  # only on failure: which element
            try:
                one(value)
            except ShapeError as err:
                raise err.inside(f"[{index}]") from None
            except (TypeError, ValueError, AttributeError, KeyError):
                raise ShapeError(
                    f"[{index}]", _problem_of(inner) if inner else "shape.invalid"
                ) from None
        raise AssertionError("an element failed once and not again")

    return items
