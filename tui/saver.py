"""One background thread that performs every save, in order.

Saving never blocks typing: screens hand the saver a function that writes
through the store, and go on. Saves run one at a time in submission order
(two threads racing could land an older version last); a newer save of the
same key replaces one still waiting, so a burst of edits costs one write.
``flush`` waits for everything submitted (used on item switch and on quit).

No Textual here, yet it stays in tui: it is the app's policy for keeping typing smooth
(the CLI writes through the store directly), and the store's own lock and journal make
each save safe whoever calls it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable
from typing import Any

SaveDone = Callable[[str, BaseException | None], None]


class Saver:
    def __init__(self, on_done: SaveDone | None = None) -> None:
        self._pending: OrderedDict[str, Callable[[], Any]] = OrderedDict()
        self._cond = threading.Condition()
        self._busy = False
        self._closed = False
        self._on_done = on_done
        self._thread = threading.Thread(target=self._run, name="quorum-saver", daemon=True)
        self._thread.start()

    def submit(self, key: str, fn: Callable[[], Any]) -> None:
        with self._cond:
            self._pending.pop(key, None)
            self._pending[key] = fn
            self._cond.notify_all()

    def flush(self, timeout: float | None = 30.0) -> bool:
        """Wait until every submitted save has run. True if it finished in time."""
        with self._cond:
            return self._cond.wait_for(lambda: not self._pending and not self._busy, timeout)

    @property
    def idle(self) -> bool:
        with self._cond:
            return not self._pending and not self._busy

    def close(self) -> None:
        self.flush()
        with self._cond:
            self._closed = True
            self._cond.notify_all()
        self._thread.join(timeout=5)

    def _run(self) -> None:
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
            finally:
                with self._cond:
                    self._busy = False
                    self._cond.notify_all()
            if self._on_done is not None:
                self._on_done(key, error)
