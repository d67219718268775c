"""The error types the rest of quorum catches.

Every error carries a translation key and parameters, so the same error can be
shown in Swedish or English; ``str(err)`` renders it in the current language.
"""

from __future__ import annotations

from typing import Any


class QuorumError(Exception):
    """Base class: an error with a sentence for the user."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def sentence(self, lang: str | None = None) -> str:
        from quorum.store.i18n import t

        return t(self.key, lang=lang, **self.params)

    def __str__(self) -> str:
        return self.sentence()


class ValidationError(QuorumError):
    """A value the user typed or imported is not acceptable.

    ``field`` names the offending field so a form can put the message beside it.
    """

    def __init__(self, key: str, field: str | None = None, **params: Any) -> None:
        super().__init__(key, **params)
        self.field = field


class NotFound(QuorumError):
    """A network, meeting or person the user named does not exist."""


class DatabaseLocked(QuorumError):
    """Another quorum process holds the write lock."""


class DatabaseUnreadable(QuorumError):
    """The database file exists but cannot be parsed; it is never overwritten."""


class ReadOnly(QuorumError):
    """A write was attempted on a store opened read-only."""
