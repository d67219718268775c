"""A document's change as a patch: what the journal keeps of a save.

Typing live minutes saves the meeting every second or so. Journalled whole, each save
wrote the meeting again (~35 KB) and the journal reached its checkpoint every ~240
saves; a checkpoint copies the whole archive, so a save cost more the larger the
archive. A patch holds only what changed: the fields that differ, and of a long text
(a note being typed) only the characters that differ, as a splice:

    ["set", ["agenda", 6, "decisions"], [...]]      the value at a path replaced
    ["splice", ["agenda", 6, "notes"], 120, 120, " och sedan"]
                                                    old[:120] + " och sedan" + old[120:]

:func:`diff` makes one, :func:`apply` replays it on the document as it was (the journal
line before, or the main file). Paths are keys and list positions.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

__all__ = ["Patch", "apply", "diff"]

Patch = list[list[Any]]
# A string at least this long is spliced rather than set again.
SPLICE_FROM = 64


def diff(old: Any, new: Any) -> Patch:
    """The patch that turns ``old`` into ``new`` (both JSON values)."""
    out: Patch = []
    _diff(old, new, [], out)
    return out


def _diff(old: Any, new: Any, path: list[Any], out: Patch) -> None:
    if type(old) is dict and type(new) is dict and old.keys() == new.keys():
        for key, value in new.items():
            if old[key] != value:
                _diff(old[key], value, [*path, key], out)
    elif type(old) is list and type(new) is list and len(old) == len(new):
        for index, value in enumerate(new):
            if old[index] != value:
                _diff(old[index], value, [*path, index], out)
    elif type(old) is str and type(new) is str and len(old) >= SPLICE_FROM and path:
        limit = min(len(old), len(new))
        start = _longest(lambda k: old[:k] == new[:k], limit)
        end = _longest(lambda k: old[len(old) - k :] == new[len(new) - k :], limit - start)
        out.append(["splice", path, start, len(old) - end, new[start : len(new) - end]])
    elif path:
        out.append(["set", path, new])
    else:
        raise ValueError("a patch changes parts of a document, not the whole")


def _longest(same: Callable[[int], bool], limit: int) -> int:
    """The largest k <= limit with same(k) (same holds up to some k, then not): found by
    halving, each test a slice comparison in C rather than a loop over characters."""
    lo, hi = 0, limit
    while lo < hi:
        mid = (lo + hi + 1) // 2
        if same(mid):
            lo = mid
        else:
            hi = mid - 1
    return lo


def apply(doc: dict[str, Any], patch: Patch) -> dict[str, Any]:
    """``doc`` with ``patch`` applied (``doc`` itself is changed: pass one of your own).

    Raises ValueError when the patch does not fit the document (a path that is not
    there, a splice beyond the text): the journal line was not made from it.
    """
    for edit in patch:
        if not isinstance(edit, list) or len(edit) < 3 or not isinstance(edit[1], list):
            raise ValueError(f"not an edit: {edit!r:.60}")
        kind, path = edit[0], edit[1]
        if not path:
            raise ValueError("an edit without a path")
        parent = _walk(doc, path[:-1])
        last = path[-1]
        if kind == "set" and len(edit) == 3:
            _check(parent, last)
            parent[last] = edit[2]
        elif kind == "splice" and len(edit) == 5:
            _check(parent, last)
            text, start, end, middle = parent[last], edit[2], edit[3], edit[4]
            if not (
                isinstance(text, str)
                and isinstance(middle, str)
                and isinstance(start, int)
                and isinstance(end, int)
                and 0 <= start <= end <= len(text)
            ):
                raise ValueError(f"a splice that does not fit at {path!r:.60}")
            parent[last] = text[:start] + middle + text[end:]
        else:
            raise ValueError(f"not an edit: {edit!r:.60}")
    return doc


def _walk(value: Any, path: list[Any]) -> Any:
    for step in path:
        _check(value, step)
        value = value[step]
    return value


def _check(container: Any, step: Any) -> None:
    if type(container) is dict and type(step) is str and step in container:
        return
    if type(container) is list and type(step) is int and 0 <= step < len(container):
        return
    raise ValueError(f"no {step!r:.40} in the document")
