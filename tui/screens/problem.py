"""Shown when the database cannot be opened: what is wrong and how to fix it.

Any error ends here with its sentence (never on "Loading …"). The broken file is
never written; restoring (:mod:`quorum.store.recovery`) moves it aside first, and
keeps the main file when only the journal is damaged.
"""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quorum.store.errors import DatabaseUnreadable, QuorumError, as_quorum_error
from quorum.store.i18n import t
from quorum.tui.messages import Announce
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

    def __init__(self, error: Exception, remedy: tuple[str, Path | None] = ("", None)) -> None:
        super().__init__()
        self.error = error
        self.remedy = remedy  # what restore can do (("", None): nothing, r is not offered)

    def compose(self) -> ComposeResult:
        kind, backup = self.remedy
        with Vertical():
            yield Static(str(self.error), id="problem", markup=False)
            if kind == "journal":
                yield Static(t("problem.can_restore_journal"), id="hint", markup=False)
            elif kind == "backup":
                missing = getattr(self.error, "key", "") == "error.db_missing"  # nothing aside
                hint = "problem.can_restore_missing" if missing else "problem.can_restore"
                yield Static(t(hint, backup=str(backup)), id="hint", markup=False)
            yield Static(t("problem.untouched"))
        yield Footer()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "restore":
            return bool(self.remedy[0])
        return True

    def action_restore(self) -> None:
        if isinstance(self.error, DatabaseUnreadable):
            self._restore(Path(self.error.params.get("path", "")))

    @work(thread=True, exclusive=True, exit_on_error=False, group="restore")
    def _restore(self, path: Path) -> None:
        # Off the UI thread: restore reads the whole database and its backups.
        from quorum.store.recovery import restore

        try:
            done = restore(path)
        except (QuorumError, OSError) as err:
            self.app.post_message(Announce(as_quorum_error(err).sentence(), "error"))
            return
        said = " ".join(t(key, **params) for key, params in done.sentences())
        self.app.post_message(Announce(said))
        self.app.call_from_thread(self.app.reopen)
