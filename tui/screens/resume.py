"""On start: a meeting was left live (the app was closed or killed mid-meeting).
Offer to carry on where the secretary was, on the same item with the text there."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Footer, Static

from quorum.store.i18n import t
from quorum.store.records import Meeting
from quorum.tui.screens.base import QuorumModal


def resume_text(meeting: Meeting) -> str:
    assert meeting.actual_start is not None
    item = meeting.agenda[meeting.current_item] if meeting.agenda else None
    return t(
        "live.resume.text",
        title=meeting.title,
        day=meeting.day.isoformat(),
        time=f"{meeting.actual_start.astimezone(meeting.zone):%H:%M}",
        number=meeting.current_item + 1,
        item=item.title if item else "",
    )


class ResumeDialog(QuorumModal[bool]):
    BINDINGS = [
        Binding("enter,r", "answer(True)", "live.key.resume"),
        Binding("escape", "answer(False)", "live.key.later"),
    ]
    DEFAULT_CSS = """
    ResumeDialog { align: center middle; }
    ResumeDialog > Vertical {
        width: 64; max-width: 95%; height: auto; border: round $warning;
        background: $surface; padding: 1 2;
    }
    ResumeDialog #resume-title { text-style: bold; margin-bottom: 1; }
    """

    def __init__(self, meeting: Meeting) -> None:
        super().__init__()
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(t("live.resume.title"), id="resume-title")
            yield Static(resume_text(self.meeting), id="resume-text")
        yield Footer()

    def action_answer(self, yes: bool) -> None:
        self.dismiss(yes)
