"""The projector view: what the room (or the shared screen) may see.

The agenda large with the current item highlighted, its presenter and timer,
and the item's decisions as they are recorded. No notes and no personal data
(attendance, e-mail addresses) — only the presenter's name, as on the agenda.
It follows the live screen beneath it, and its keys act on that screen so the
chair can move on or record a decision without leaving the view. It knows that
screen only as a :class:`LiveSource`, so the two modules do not import each other.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Digits, Footer, Static

from quorum.store import live
from quorum.store.i18n import t
from quorum.store.records import ItemState, Meeting
from quorum.store.when import clock
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.live_agenda import STATE_MARK
from quorum.tui.widgets.live_header import mmss


class LiveSource(Protocol):
    """What the projector follows and acts on: the live screen beneath it."""

    @property
    def meeting(self) -> Meeting | None: ...

    @property
    def names(self) -> dict[str, str]: ...

    def add_listener(self, listener: Callable[[], None]) -> None: ...

    def remove_listener(self, listener: Callable[[], None]) -> None: ...

    def action_next_item(self) -> None: ...

    def action_prev_item(self) -> None: ...

    def action_decision(self) -> None: ...

    def action_pause(self) -> None: ...


def projector_agenda(meeting: Meeting) -> Text:
    text = Text()
    for index, item in enumerate(meeting.agenda):
        current = index == meeting.current_item
        mark = STATE_MARK[item.state]
        style = "bold reverse" if current else ("dim" if item.state != ItemState.OPEN else "bold")
        text.append(f" {mark} {index + 1:>2}.  {item.title} ", style=style)
        text.append("\n")
    return text


def projector_item(meeting: Meeting, names: dict[str, str]) -> Text:
    item = meeting.agenda[meeting.current_item]
    text = Text(f"{meeting.current_item + 1}. {item.title}\n", style="bold")
    presenter = names.get(item.presenter_id or "", "") or item.presenter_text
    if presenter:
        text.append(t("live.projector.presenter", name=presenter) + "\n", style="italic")
    if item.decisions:
        text.append(f"\n{t('live.decisions')}\n", style="bold underline")
        for d in item.decisions:
            text.append(f"• {d.text}\n")
    return text


class ProjectorScreen(QuorumScreen):
    BINDINGS = [
        Binding("v,escape", "back", "live.projector.back"),
        Binding("n", "live('next_item')", "live.key.next"),
        Binding("p", "live('prev_item')", "live.key.prev"),
        Binding("d", "live('decision')", "live.key.decision"),
        Binding("space", "live('pause')", "live.key.pause"),
    ]
    DEFAULT_CSS = """
    ProjectorScreen #title { height: 1; padding: 0 2; text-style: bold; background: $panel; }
    ProjectorScreen #agenda { width: 1fr; padding: 1 2; }
    ProjectorScreen #side { width: 44%; padding: 1 2; border-left: tall $accent; }
    ProjectorScreen #timer { width: auto; color: $accent; }
    ProjectorScreen #timer.over { color: $warning; }
    ProjectorScreen #planned { color: $text-muted; height: 1; }
    ProjectorScreen #item { height: 1fr; margin-top: 1; }
    """

    def __init__(self, live_screen: LiveSource) -> None:
        super().__init__()
        self.live_screen = live_screen

    def compose(self) -> ComposeResult:
        yield Static(id="title")
        with Horizontal():
            yield Static(id="agenda")
            with Vertical(id="side"):
                yield Digits(id="timer")
                yield Static(id="planned")
                yield Static(id="item")
        yield Footer()

    def on_mount(self) -> None:
        self.live_screen.add_listener(self.repaint)
        self.repaint()

    def on_unmount(self) -> None:
        self.live_screen.remove_listener(self.repaint)

    def repaint(self) -> None:
        m = self.live_screen.meeting
        if m is None or not m.agenda:
            return
        now = self.app.clock()
        local = now.astimezone(m.zone)
        title = f"{m.title} {m.day.isoformat()}  ·  {clock(local)}"
        if live.is_paused(m):
            title += f"  ·  {t('live.paused')}"
        self.query_one("#title", Static).update(Text(title))  # a title: text, not markup
        self.query_one("#agenda", Static).update(projector_agenda(m))
        item = m.agenda[m.current_item]
        spent = live.item_seconds(m, m.current_item, now)
        timer = self.query_one("#timer", Digits)
        timer.update(mmss(spent))
        timer.set_class(spent > item.minutes * 60, "over")
        self.query_one("#planned", Static).update(f"/ {item.minutes} min")
        self.query_one("#item", Static).update(projector_item(m, self.live_screen.names))

    def action_back(self) -> None:
        self.app.pop_screen()

    def action_live(self, action: str) -> None:
        source = self.live_screen
        acts = {
            "next_item": source.action_next_item,
            "prev_item": source.action_prev_item,
            "decision": source.action_decision,
            "pause": source.action_pause,
        }
        acts[action]()
