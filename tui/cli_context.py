"""What a CLI handler gets besides its arguments, and the exit codes.

Its own module so the handlers (``cli_*.py``) and :mod:`quorum.tui.cli`, which
imports them, do not import each other.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import TYPE_CHECKING, Any, TextIO

from quorum.store.files import write_export
from quorum.store.i18n import t
from quorum.tui.cli_terminal import printable, stream_of

if TYPE_CHECKING:
    from quorum.store.store import Store

EXIT_ERROR = 1
EXIT_USAGE = 2
EXIT_LOCKED = 3


class CliContext:
    """What a handler needs: the database path, output streams, a store opener.

    ``out`` and ``err`` show stored text safely on a terminal (``tui/cli_terminal.py``);
    ``raw_out`` is stdout as it is, for the bytes of an exported document and for JSON.
    """

    def __init__(self, args: argparse.Namespace, out: TextIO, err: TextIO) -> None:
        self.args = args
        self.raw_out = out
        self.out = stream_of(out)
        self.err = stream_of(err)

    @property
    def db_path(self) -> Path:
        from quorum.store.paths import default_db_path

        return Path(self.args.db).expanduser() if self.args.db else default_db_path()

    def open_store(self, readonly: bool = False) -> Store:
        from quorum.store.errors import QuorumError
        from quorum.store.paths import default_db_path
        from quorum.store.store import Store

        path = self.db_path
        # A command that only reads, given a path where nothing is (a typo in a script):
        # a sentence and exit 1, not "no meetings yet". The default database may not exist
        # before its first use; a path whose journal or backup survives is Store.open's.
        if readonly and path != default_db_path() and not Store.exists(path):
            raise QuorumError("error.db_none_at", path=str(path))
        return Store.open(path, readonly=readonly)

    def write_output(self, data: str | bytes, path: str | None) -> None:
        """Write to ``-o FILE`` or stdout (bytes keep their CRLFs either way).

        A file is created readable by its owner only (``--publish``: the usual rights),
        never replaces an existing one without ``--force`` and is never written through
        a symbolic link (``store/files.py``).
        """
        if path in (None, "-"):
            if isinstance(data, bytes):
                self.raw_out.flush()
                buffer = getattr(self.raw_out, "buffer", None)
                if buffer is not None:
                    buffer.write(data)
                    buffer.flush()
                else:
                    self.raw_out.write(data.decode("utf-8"))
            else:
                self.raw_out.write(data)
            return
        write_export(
            Path(path).expanduser(),
            data if isinstance(data, bytes) else data.encode("utf-8"),
            replace=bool(getattr(self.args, "force", False)),
            public=bool(
                getattr(self.args, "public", False) or getattr(self.args, "publish", False)
            ),
        )

    def say(self, key: str, **params: Any) -> None:
        """A sentence on stderr; a text parameter (a stored name, a comment) is cut and shown
        safely (``printable``)."""
        shown = {k: printable(v) if isinstance(v, str) else v for k, v in params.items()}
        print(t(key, **shown), file=self.err)
