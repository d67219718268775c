"""Import calendar replies (RSVP) saved from a mail client, several at once.

Type the paths of the .ics files or whole reply mails (.eml) — one per line or
separated by spaces, a folder for every .ics and .eml in it — and import. Each file
is applied on its own and reported: who answered what, or why nothing changed. A
reply by mail from someone else than the invitee is applied only when the user
confirms it, and is marked unverified.

| key    | action |
|--------|--------|
| ctrl+s | import |
| escape | back   |
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Static, TextArea

from quorum.exports.replies import ReplyOutcome, import_replies
from quorum.store.i18n import current_language, t
from quorum.store.records import Meeting, Person
from quorum.tui.dialogs import ConfirmDialog
from quorum.tui.reply_files import read_replies, reply_files
from quorum.tui.screens.base import QuorumScreen


def outcome_text(outcomes: list[ReplyOutcome]) -> Text:
    text = Text()
    for o in outcomes:
        mark, style = ("✓", "green") if o.applied else ("✗", "red")
        text.append(f"{mark} ", style=style)
        if o.file:
            text.append(o.file, style="bold")
            text.append("\n  ")
        text.append(o.sentence + "\n")
    return text


class RepliesScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"import"})
    BINDINGS = [
        Binding("ctrl+s", "import", "exportui.key_import", priority=True),
        Binding("escape", "close", "key.back"),
    ]

    DEFAULT_CSS = """
    RepliesScreen #help { padding: 0 1; height: auto; color: $text-muted; }
    RepliesScreen #paths { height: 7; border: round $primary-darken-2; }
    RepliesScreen #paths:focus { border: round $accent; }
    RepliesScreen #report-box { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    """

    @dataclass
    class Imported(Message):
        outcomes: list[ReplyOutcome]
        changed: dict[str, Meeting]
        confirmed: bool = False  # the second round: unverified replies the user accepted

    def __init__(self) -> None:
        super().__init__()
        self._busy = False
        self._outcomes: list[ReplyOutcome] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(t("exportui.replies_help"), id="help")
        yield TextArea(id="paths", soft_wrap=True, show_line_numbers=False)
        with VerticalScroll(id="report-box"):
            yield Static(id="report")
        yield Footer()

    def on_mount(self) -> None:
        self.title = t("exportui.replies_title")
        self.query_one("#paths").border_title = t("exportui.replies_files")
        self.query_one("#report-box").border_title = t("exportui.replies_report")
        self.query_one("#paths", TextArea).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if action == "import":
            return None if self._busy else True
        return True

    def action_import(self) -> None:
        text = self.query_one("#paths", TextArea).text
        if self._busy or not text.strip():
            return
        self._busy = True
        self.refresh_bindings()
        # The records are read here; the worker only reads files and applies replies.
        meetings = self.store.meetings()
        people = {p.id: p for p in self.store.people()}
        today = self.app.clock().date()
        self._import(reply_files(text), meetings, people, current_language(), today)

    @work(thread=True, exclusive=True, exit_on_error=False, group="replies")
    def _import(
        self,
        paths: list[Path],
        meetings: list[Meeting],
        people: dict[str, Person],
        lang: str,
        today: date,
        confirmed: bool = False,
    ) -> None:
        outcomes, changed = import_replies(
            read_replies(paths), meetings, people, lang, accept_unverified=confirmed, today=today
        )
        self.post_message(self.Imported(outcomes, changed, confirmed))

    def on_replies_screen_imported(self, message: Imported) -> None:
        for meeting in message.changed.values():
            # Only the answers: nothing else of the meeting is touched.
            self.app.patch_meeting(meeting.id, "replies", attendance=meeting.attendance)
        if message.confirmed:  # the confirmed round replaces those files' first outcomes
            again = {o.file for o in message.outcomes}
            self._outcomes = [o for o in self._outcomes if o.file not in again]
            self._outcomes += message.outcomes
        else:
            self._outcomes = message.outcomes
        self.query_one("#report", Static).update(outcome_text(self._outcomes))
        unverified = [o for o in message.outcomes if o.unverified]
        if unverified and not message.confirmed:
            self._ask_unverified(unverified)
        else:
            self._done()

    def _done(self) -> None:
        self._busy = False
        applied = sum(1 for o in self._outcomes if o.applied)
        self.notify(t("exportui.replies_done", applied=applied, count=len(self._outcomes)))
        self.refresh_bindings()

    def _ask_unverified(self, unverified: list[ReplyOutcome]) -> None:
        """Replies by mail from someone else than the invitee: applied only if the user says so."""

        def answered(yes: bool | None) -> None:
            if yes:
                meetings = self.store.meetings()
                people = {p.id: p for p in self.store.people()}
                paths = [Path(o.file) for o in unverified]
                today = self.app.clock().date()
                self._import(paths, meetings, people, current_language(), today, confirmed=True)
            else:
                self._done()

        dialog = ConfirmDialog(
            t("reply.confirm_unverified"),
            details=[o.sentence for o in unverified],
            danger=True,
            tall=True,
        )
        self.app.push_screen(dialog, answered)

    def action_close(self) -> None:
        self.dismiss()
