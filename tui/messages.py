"""Messages that cross screens (posted by workers, handled on the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Literal

from textual.message import Message

if TYPE_CHECKING:
    from quorum.store.store import Store

Severity = Literal["information", "warning", "error"]


@dataclass
class StoreLoaded(Message):
    store: Store


@dataclass
class StoreFailed(Message):
    """The database could not be opened (or a record in it read): ``error`` with its
    sentence, and what restore can do (``store.recovery.remedy``: worked out on the
    worker thread, it reads the backups)."""

    error: Exception
    remedy: tuple[str, Path | None] = ("", None)


@dataclass
class SaveFinished(Message):
    key: str
    error: BaseException | None


@dataclass
class Announce(Message):
    """A notification from a background thread (thread-safe, never blocks)."""

    text: str
    severity: Severity = "information"
