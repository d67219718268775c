"""One background thread that performs every save, in order.

Saving never blocks typing: screens hand the saver a function that writes
through the store, and go on. Saves run one at a time in submission order
(two threads racing could land an older version last); a newer save of the
same key replaces one still waiting, so a burst of edits costs one write.
``flush`` waits for everything submitted (used on item switch and on quit).

A save that fails because the disk could not be written (:class:`WriteFailed`:
full, read-only, an I/O error) is kept, first in line, and tried again every
``retry_s`` seconds, in order, until it lands: what the user typed is never
dropped for a full disk. Meanwhile :attr:`failure` holds the error (the app
shows it in a banner) and ``flush`` returns at once instead of waiting.
Any other error (a rule, a read-only database) is reported and the save dropped:
trying again would fail the same way.

No Textual here, yet it stays in tui: it is the app's policy for keeping typing smooth
(the CLI writes through the store directly), and the store's own lock and journal make
each save safe whoever calls it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

from quorum.store.errors import WriteFailed

SaveDone = Callable[[str, BaseException | None], None]
RETRY_S = 3.0


class Saver:
    def __init__(self, on_done: SaveDone | None = None, retry_s: float = RETRY_S) -> None:
        self._pending: OrderedDict[str, Callable[[], Any]] = OrderedDict()
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._on_done = on_done
        self._retry_s = retry_s
        self._failure: WriteFailed | None = None
        self._retry_asap = False
        self._thread = threading.Thread(target=self._run, name="quorum-saver", daemon=True)
        self._thread.start()

    def submit(self, key: str, fn: Callable[[], Any]) -> None:
        with self._cond:
            self._pending.pop(key, None)
            self._pending[key] = fn
            self._cond.notify_all()

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until every submitted save has run. True if it finished in time; False
        at once while saves are failing (they stay queued and are retried)."""
        with self._cond:
            self._cond.wait_for(
                lambda: (not self._pending and not self._busy) or self._failing_now(), timeout
            )
            return not self._pending and not self._busy

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    @property
    def failure(self) -> WriteFailed | None:
        """Why the waiting saves could not be written, while they cannot."""
        with self._cond:
            return self._failure

    def retry_now(self) -> None:
        """Try the failed saves again without waiting for the next retry."""
        with self._cond:
            self._retry_asap = True
            self._cond.notify_all()

    def close(self) -> None:
        """Run what is waiting, failed saves once more, then stop. Saves that still fail
        stay in :attr:`failure` for the caller to tell."""
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _failing_now(self) -> bool:
        return self._failure is not None and not self._busy

    def _run(self) -> None:
        last_try = False  # closed while failing: each waiting save gets one more try
        while True:
            with self._cond:
                self._cond.wait_for(lambda: self._pending or self._closed)
                if self._closed and not self._pending:
                    return
                key, fn = self._pending.popitem(last=False)
                self._busy = True
            error: BaseException | None = None
            try:
                fn()
            except BaseException as err:  # reported to the UI, never lost silently
                error = err
            with self._cond:
                self._busy = False
                if isinstance(error, WriteFailed):
                    # Kept first in line, unless a newer save of the same key came meanwhile.
                    if key not in self._pending:
                        self._pending[key] = fn
                        self._pending.move_to_end(key, last=False)
                    self._failure = error
                elif error is None:
                    self._failure = None
                self._cond.notify_all()
            if self._on_done is not None:
                self._on_done(key, error)
            if isinstance(error, WriteFailed):
                with self._cond:
                    if last_try:
                        return
                    last_try = self._closed
                    self._cond.wait_for(lambda: self._closed or self._retry_asap, self._retry_s)
                    last_try = last_try or self._closed
                    self._retry_asap = False
