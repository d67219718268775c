"""Shown when the database cannot be opened: what is wrong and how to fix it.

Any error ends here with its sentence (never on "Loading …"). The broken file is
never written; restoring (:mod:`quorum.store.recovery`) moves it aside first, and
keeps the main file when only the journal is damaged.
"""

from __future__ import annotations

from pathlib import Path

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quorum.store.errors import DatabaseUnreadable, QuorumError, as_quorum_error
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
        with Vertical():
            yield Static(str(self.error), id="problem", markup=False)
            if self.remedy == "journal":
                yield Static(t("problem.can_restore_journal"), id="hint", markup=False)
            elif isinstance(self.error, DatabaseUnreadable) and self.remedy == "backup":
                backup = self.error.params["backup"]
                yield Static(t("problem.can_restore", backup=backup), id="hint", markup=False)
            yield Static(t("problem.untouched"))
        yield Footer()

    @property
    def remedy(self) -> str:
        """What restore can do here ("" when nothing: then r is not offered)."""
        return self.error.remedy if isinstance(self.error, DatabaseUnreadable) else ""

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(self.remedy)
        return True

    def action_restore(self) -> None:
        from quorum.store.recovery import restore

        if not isinstance(self.error, DatabaseUnreadable):
            return
        path = Path(self.error.params.get("path", ""))
        try:
            done = restore(path)
        except (QuorumError, OSError) as err:
            self.notify(as_quorum_error(err).sentence(), severity="error", markup=False)
            return
        said = " ".join(t(key, **params) for key, params in done.sentences())
        self.notify(said, timeout=10, markup=False)
        self.app.reopen()
