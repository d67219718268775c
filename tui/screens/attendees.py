"""The invitees of one meeting on a screen of their own.

The meeting screen shows the same :class:`AttendeesPane` in its attendees
tab; this screen makes it reachable from the overview (``i``) as well.
"""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header

from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.attendees import AttendeesPane


class AttendeesScreen(QuorumScreen):
    BINDINGS = [Binding("escape", "app.pop_screen", "key.back")]

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id

    def compose(self) -> ComposeResult:
        yield Header()
        yield AttendeesPane(self.meeting_id, id="attendees")
        yield Footer()

    def on_mount(self) -> None:
        meeting = self.store.meeting(self.meeting_id)
        self.title = "quorum"
        self.sub_title = t("rui.attendees_title", title=meeting.title, day=meeting.day.isoformat())
        self.query_one(AttendeesPane).focus_table()
