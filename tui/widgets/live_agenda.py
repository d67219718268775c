"""The agenda on the live screen: the current item marked, each item's state."""

from __future__ import annotations

from rich.text import Text
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from store.i18n import t
from store.records import ItemState, Meeting

STATE_MARK = {ItemState.OPEN: " ", ItemState.DONE: "✓", ItemState.DEFERRED: "»"}


def item_line(meeting: Meeting, index: int) -> Text:
    item = meeting.agenda[index]
    current = index == meeting.current_item
    style = "bold" if current else ("dim" if item.state != ItemState.OPEN else "")
    line = Text(
        f"{'▶' if current else ' '}{STATE_MARK[item.state]}{index + 1:>2}. ",
        style=style, no_wrap=True, overflow="ellipsis",
    )
    line.append(item.title, style=style)
    line.append(f" {item.minutes}′", style="dim")
    if item.state != ItemState.OPEN:
        line.append(f" {t(f'live.state.{item.state.value}')}", style="dim italic")
    return line


class LiveAgenda(OptionList):
    """Up/down to look, Enter to make the highlighted item the current one."""

    DEFAULT_CSS = """
    LiveAgenda { width: 32; border: round $primary-darken-2; height: 1fr; }
    LiveAgenda:focus { border: round $accent; }
    """

    def show(self, meeting: Meeting) -> None:
        highlighted = self.highlighted
        self.clear_options()
        self.add_options(
            Option(item_line(meeting, i), id=str(i)) for i in range(len(meeting.agenda))
        )
        if meeting.agenda:
            keep = highlighted is not None and self.has_focus and highlighted < len(meeting.agenda)
            self.highlighted = highlighted if keep else meeting.current_item
