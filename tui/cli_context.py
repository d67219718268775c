"""What a CLI handler gets besides its arguments, and the exit codes.

Its own module so the handlers (``cli_*.py``) and :mod:`quorum.tui.cli`, which
imports them, do not import each other.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quorum.store.errors import QuorumError
from quorum.store.i18n import t

if TYPE_CHECKING:
    from quorum.store.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3


class CliContext:
    """What a handler needs: the database path, output streams, a store opener."""

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.out = out
        self.err = err

    @property
    def db_path(self) -> Path:
        from quorum.store.paths import default_db_path

        return Path(self.args.db).expanduser() if self.args.db else default_db_path()

    def open_store(self, readonly: bool = False) -> Store:
        from quorum.store.store import Store

        return Store.open(self.db_path, readonly=readonly)

    def write_output(self, data: str | bytes, path: str | None) -> None:
        """Write to ``-o FILE`` or stdout (bytes keep their CRLFs either way)."""
        if path in (None, "-"):
            if isinstance(data, bytes):
                self.out.flush()
                buffer = getattr(self.out, "buffer", None)
                if buffer is not None:
                    buffer.write(data)
                    buffer.flush()
                else:
                    self.out.write(data.decode("utf-8"))
            else:
                self.out.write(data)
            return
        target = Path(path).expanduser()
        try:
            if isinstance(data, bytes):
                target.write_bytes(data)
            else:
                target.write_text(data, encoding="utf-8", newline="")
        except OSError as err:
            raise QuorumError("cli.os_error", path=str(target), detail=err.strerror) from None

    def say(self, key: str, **params: Any) -> None:
        print(t(key, **params), file=self.err)
