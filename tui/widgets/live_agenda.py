"""The agenda on the live screen: the current item marked, each item's state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quorum.store.records import ItemState, Meeting
from quorum.tui.cells import clip

STATE_MARK = {ItemState.OPEN: " ", ItemState.DONE: "✓", ItemState.DEFERRED: "»"}


def item_line(meeting: Meeting, index: int, width: int = 40) -> Text:
    """One line per item (long titles are cut: the list must show every item)."""
    item = meeting.agenda[index]
    current = index == meeting.current_item
    style = "bold" if current else ("dim" if item.state != ItemState.OPEN else "")
    prefix = f"{'▶' if current else ' '}{STATE_MARK[item.state]}{index + 1:>2}. "
    minutes = f" {item.minutes}′"
    line = Text(prefix, style=style)
    line.append(clip(item.title, width - len(prefix) - len(minutes)), style=style)
    line.append(minutes, style="dim")
    return line


class LiveAgenda(OptionList):
    """Up/down to look, Enter to make the highlighted item the current one."""

    DEFAULT_CSS = """
    LiveAgenda { width: 32; border: round $primary-darken-2; height: 1fr; }
    LiveAgenda:focus { border: round $accent; }
    """

    _meeting: Meeting | None = None

    def on_resize(self) -> None:
        if self._meeting is not None:
            self.show(self._meeting)

    def show(self, meeting: Meeting) -> None:
        self._meeting = meeting
        width = self.scrollable_content_region.width - 1
        if width < 8:
            width = 28
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(item_line(meeting, i, width), id=str(i)) for i in range(len(meeting.agenda))
        )
        if meeting.agenda:
            keep = highlighted is not None and self.has_focus and highlighted < len(meeting.agenda)
            self.highlighted = highlighted if keep else meeting.current_item
