"""Messages that cross screens (posted by workers, handled on the UI thread)."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from textual.message import Message


@dataclass
class StoreLoaded(Message):
    store: Any


@dataclass
class StoreFailed(Message):
    error: Exception


@dataclass
class SaveFinished(Message):
    key: str
    error: BaseException | None


@dataclass
class Announce(Message):
    """A notification from a background thread (thread-safe, never blocks)."""

    text: str
    severity: str = "information"
