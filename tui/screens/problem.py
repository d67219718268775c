"""Shown when the database cannot be opened: what is wrong and how to fix it.

The broken file is never written; restoring moves it aside first.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumScreen


class DatabaseProblemScreen(QuorumScreen):
    BINDINGS = [
        Binding("r", "restore", "problem.restore"),
        Binding("ctrl+q", "app.quit", "key.quit"),
    ]
    DEFAULT_CSS = """
    DatabaseProblemScreen Vertical { padding: 1 2; }
    DatabaseProblemScreen #problem { color: $error; margin-bottom: 1; }
    """

    def __init__(self, error: Exception) -> None:
        super().__init__()
        self.error = error

    def compose(self) -> ComposeResult:
        params = getattr(self.error, "params", {})
        with Vertical():
            yield Static(str(self.error), id="problem")
            if params.get("backup"):
                yield Static(t("problem.can_restore", backup=params["backup"]), id="hint")
            yield Static(t("problem.untouched"))
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(getattr(self.error, "params", {}).get("backup"))
        return True

    def action_restore(self) -> None:
        from quorum.store.db import restore_newest_backup

        path = Path(getattr(self.error, "params", {}).get("path", ""))
        try:
            backup, broken = restore_newest_backup(path)
        except (QuorumError, OSError) as err:
            self.notify(str(err), severity="error")
            return
        self.notify(t("db.restored", backup=backup, path=path, broken=broken), timeout=10)
        self.app.reopen()
