"""Records to JSON-ready documents and back, driven by the dataclass types.

Dates and times are ISO strings (datetimes with their offset), enums their
values, tuples lists. Unknown keys in a document are ignored so an older
quorum can read a newer file's known parts; missing keys take defaults.
"""

from __future__ import annotations

import dataclasses
import types
import typing
from datetime import date, datetime, time
from enum import Enum
from functools import cache
from typing import Any, TypeVar

T = TypeVar("T")


@cache
def _hints(cls: type) -> dict[str, Any]:
    import store.records as records

    return typing.get_type_hints(cls, vars(records))


def to_doc(record: Any) -> dict[str, Any]:
    return {f.name: _dump(getattr(record, f.name)) for f in dataclasses.fields(record)}


def _dump(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return to_doc(value)
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, (datetime, date, time)):
        return value.isoformat()
    if isinstance(value, tuple):
        return [_dump(v) for v in value]
    return value


def from_doc(cls: type[T], doc: dict[str, Any]) -> T:
    hints = _hints(cls)
    kwargs = {}
    for f in dataclasses.fields(cls):  # type: ignore[arg-type]
        if f.name in doc:
            kwargs[f.name] = _load(hints[f.name], doc[f.name])
    return cls(**kwargs)


def _load(tp: Any, value: Any) -> Any:
    if value is None:
        return None
    origin = typing.get_origin(tp)
    if origin in (typing.Union, types.UnionType):
        args = [a for a in typing.get_args(tp) if a is not type(None)]
        return _load(args[0], value)
    if origin is tuple:
        inner = typing.get_args(tp)[0]
        return tuple(_load(inner, v) for v in value)
    if dataclasses.is_dataclass(tp):
        return from_doc(tp, value)  # type: ignore[arg-type]
    if isinstance(tp, type) and issubclass(tp, Enum):
        return tp(value)
    if tp is datetime:
        return datetime.fromisoformat(value)
    if tp is date:
        return date.fromisoformat(value)
    if tp is time:
        return time.fromisoformat(value)
    return value
