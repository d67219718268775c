"""Files quorum writes for the user (exports) and files it reads from them (replies).

An export holds personal data — names, addresses, minutes — so :func:`write_export`:

* creates the file readable by its owner only (0600) whatever the umask; a public
  version (``public=True``: the minutes with contacts left out) gets the usual rights;
* never replaces an existing file unless asked (``replace=True``: the CLI's ``--force``,
  the app's second Enter), and then atomically (a temp file beside it, renamed over it),
  so a failed write leaves the old file, not half a new one;
* never writes through a symbolic link: a link named as the target is refused with a
  sentence (``O_EXCL``/``O_NOFOLLOW`` for a new file, ``lstat`` before a replace — and
  a rename replaces a link rather than following it);
* fsyncs, and removes what it wrote when the write fails (a full disk), saying why.

:func:`read_limited` reads a file the user names but never more than a limit: a 50 MB
"calendar reply" is refused from its size, without being read into memory.
"""

from __future__ import annotations

import contextlib
import os
import stat
from pathlib import Path

from quorum.store.errors import QuorumError

__all__ = ["PRIVATE", "PUBLIC", "read_limited", "write_export"]

PRIVATE = 0o600
PUBLIC = 0o644  # less the umask, as any new file
_NOFOLLOW = getattr(os, "O_NOFOLLOW", 0)
_BINARY = getattr(os, "O_BINARY", 0)
_CLOEXEC = getattr(os, "O_CLOEXEC", 0)


def _failed(path: Path, err: OSError) -> QuorumError:
    return QuorumError("file.write_failed", path=str(path), detail=err.strerror or str(err))


def _write_all(fd: int, data: bytes) -> None:
    view = memoryview(data)
    while view:
        written = os.write(fd, view)  # a short write goes on where it stopped
        view = view[written:]
    os.fsync(fd)


def _create(path: Path, data: bytes, public: bool) -> None:
    """Write a new file at ``path``; FileExistsError if anything (a link too) is there."""
    flags = os.O_WRONLY | os.O_CREAT | os.O_EXCL | _NOFOLLOW | _BINARY | _CLOEXEC
    fd = os.open(path, flags, PUBLIC if public else PRIVATE)
    try:
        if not public and hasattr(os, "fchmod"):  # the mode above is less the umask
            os.fchmod(fd, PRIVATE)
        _write_all(fd, data)
    except BaseException:
        os.close(fd)
        with contextlib.suppress(OSError):
            path.unlink()
        raise
    os.close(fd)


def write_export(path: Path, data: bytes, replace: bool = False, public: bool = False) -> None:
    """Write ``data`` to ``path`` as described in the module docstring, or raise
    :class:`QuorumError` with a sentence (the file exists, is a link, cannot be written)."""
    try:
        info = path.lstat()
    except FileNotFoundError:
        info = None
    except OSError as err:
        raise _failed(path, err) from None
    if info is not None:
        if stat.S_ISLNK(info.st_mode):
            raise QuorumError("file.is_link", path=str(path))
        if stat.S_ISDIR(info.st_mode):
            raise QuorumError("file.is_folder", path=str(path))
        if not replace:
            raise QuorumError("file.exists_force", path=str(path))
    try:
        if info is None:
            try:
                _create(path, data, public)
                return
            except FileExistsError:  # made meanwhile: never written over unasked
                raise QuorumError("file.exists_force", path=str(path)) from None
        import secrets  # here: the app's start (which reads the sidecar) need not pay for it

        temp = path.with_name(f".{path.name}.{secrets.token_hex(4)}.tmp")
        _create(temp, data, public)
        try:
            os.replace(temp, path)  # replaces the name; a link put there meanwhile too
        except OSError:
            with contextlib.suppress(OSError):
                temp.unlink()
            raise
    except OSError as err:
        raise _failed(path, err) from None


def read_limited(path: Path, limit: int, too_big: str) -> bytes:
    """The bytes of ``path``, or :class:`QuorumError` (``too_big`` with the limit and the
    size, "1024 kB") when it holds more than ``limit`` bytes — known from its size before reading,
    or from reading one byte past the limit (a pipe has no size)."""
    with path.open("rb") as fh:
        size = os.fstat(fh.fileno()).st_size
        if size > limit:
            raise QuorumError(too_big, path=str(path), limit=_kb(limit), size=_kb(size))
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise QuorumError(too_big, path=str(path), limit=_kb(limit), size=_kb(len(data)) + "+")
    return data


def _kb(size: int) -> str:
    return f"{size // 1024} kB"
