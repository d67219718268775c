"""The error types the rest of quorum catches.

Every error carries a translation key and parameters, so the same error can be
shown in Swedish or English; ``str(err)`` renders it in the current language.
"""

from __future__ import annotations

import errno
from pathlib import Path
from typing import Any


class QuorumError(Exception):
    """Base class: an error with a sentence for the user."""

    def __init__(self, key: str, **params: Any) -> None:
        super().__init__(key)
        self.key = key
        self.params = params

    def sentence(self, lang: str | None = None) -> str:
        from quorum.store.i18n import Notice, t

        # A parameter may be a Notice (the reason a write failed): shown in the same language.
        params = {k: v.text(lang) if isinstance(v, Notice) else v for k, v in self.params.items()}
        return t(self.key, lang=lang, **params)

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
    """The database (its main file, journal or a record in it) cannot be read; nothing
    is written. ``params["remedy"]`` says what ``quorum restore`` would do: ``backup``
    (put the newest backup in place), ``journal`` (keep the main file and the journal's
    lines before the damage) or ``""`` (nothing it can do)."""

    @property
    def remedy(self) -> str:
        return str(self.params.get("remedy", "backup" if self.params.get("backup") else ""))


class WriteFailed(QuorumError):
    """Writing a file of the database failed (full disk, I/O error, read-only folder).

    Raised only after the files are back as they were: nothing was changed.
    """

    @classmethod
    def of(cls, err: OSError, path: Path | str, key: str = "error.write_failed") -> WriteFailed:
        return cls(key, path=str(err.filename or path), detail=os_reason(err))


class FoldFailed(WriteFailed):
    """The changes are safe in the journal, but the main file or a backup could not be
    written; the next open folds them in. A warning, not a lost change."""


class ReadOnly(QuorumError):
    """A write was attempted on a store opened read-only."""


# The reasons a user meets, in their language; the rest keep the system's words.
_REASONS = {
    errno.ENOSPC: "oserror.no_space",
    errno.EDQUOT: "oserror.quota",
    errno.EROFS: "oserror.read_only",
    errno.EACCES: "oserror.denied",
    errno.EPERM: "oserror.denied",
    errno.EIO: "oserror.io",
    errno.ENOENT: "oserror.missing",
    errno.ENOTDIR: "oserror.missing",
}


def os_reason(err: OSError) -> Any:
    """Why an OS call failed, as a Notice in the catalogs where we know the reason."""
    from quorum.store.i18n import Notice

    key = _REASONS.get(err.errno or 0)
    if key is not None:
        return Notice.of(key)
    return err.strerror or type(err).__name__


def as_quorum_error(err: BaseException) -> QuorumError:
    """Any exception as an error with a sentence: ours as they are, an OS error with
    its file and reason, anything else named as unexpected."""
    if isinstance(err, QuorumError):
        return err
    if isinstance(err, MemoryError):
        return QuorumError("error.no_memory")
    if isinstance(err, OSError):
        if err.filename is None:
            return QuorumError("error.os_nofile", detail=os_reason(err))
        return QuorumError("error.os", path=str(err.filename), detail=os_reason(err))
    text = str(err).strip().splitlines()[0][:200] if str(err).strip() else ""
    return QuorumError("error.unexpected", what=f"{type(err).__name__}: {text}".rstrip(": "))
