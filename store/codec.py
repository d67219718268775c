"""Records to JSON-ready documents and back, driven by the dataclass types.

Dates and times are ISO strings (datetimes with their offset), enums their
values, tuples lists. Unknown keys in a document are ignored so an older
quorum can read a newer file's known parts; missing keys take defaults.
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


_PLAIN = frozenset({str, int, float, bool, type(None)})


def _dump(value: Any) -> Any:
    kind = type(value)
    if kind in _PLAIN:  # most values: asked first (a StrEnum's type is its own class)
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
    # Stored text is taken as it was stored: the text rule judges text when it enters
    # (store/text_rules.py), and an archive older than a rule must still open.
    with as_stored():
        return typing.cast(T, _loader(cls)(doc))


# Loading is on the start-up path (the overview converts a network's meetings,
# ~40 records each), so the type hints are read once per class and turned into
# a plan of converters instead of being interpreted again for every value.

Converter = Callable[[Any], Any]
_loaders: dict[type[Any], Converter] = {}


def _loader(cls: type[Any]) -> Converter:
    """The loader of ``cls``, built once (two threads may both build it: same result)."""
    loader = _loaders.get(cls)
    if loader is None:
        loader = _loaders[cls] = _build_loader(cls)
    return loader


def _build_loader(cls: type[Any]) -> Converter:
    hints = _hints(cls)
    plan = [(f.name, _converter(hints[f.name])) for f in dataclasses.fields(cls)]

    def load(doc: dict[str, Any]) -> Any:
        kwargs = {}
        for name, convert in plan:
            if name in doc:
                value = doc[name]
                kwargs[name] = value if convert is None or value is None else convert(value)
        return cls(**kwargs)

    return load


def _converter(tp: Any) -> Converter | None:
    """How to turn a JSON value into ``tp``; None when it is already right."""
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _converter(args[0])
    if origin is tuple:
        inner = _converter(typing.get_args(tp)[0])
        if inner is None:
            return tuple
        return lambda values: tuple(None if v is None else inner(v) for v in values)
    if isinstance(tp, type) and dataclasses.is_dataclass(tp):
        return lambda value: _loader(tp)(value)  # late: classes may refer to each other
    if isinstance(tp, type) and issubclass(tp, Enum):
        members = tp._value2member_map_  # a dict lookup; calling the Enum is ~4x slower

        def enum(value: Any) -> Any:
            try:
                return members[value]
            except (KeyError, TypeError):
                return tp(value)  # not a member: the Enum's own error

        return enum
    if tp is datetime:
        return datetime.fromisoformat
    if tp is date:
        return date.fromisoformat
    if tp is time:
        return time.fromisoformat
    return None
