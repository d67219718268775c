"""Help generated from the bindings of the screen below, never a hand-kept list."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Markdown

from store.i18n import t
from tui.screens.base import QuorumModal


class HelpScreen(QuorumModal[None]):
    BINDINGS = [
        Binding("escape", "dismiss", "help.close"),
        Binding("f1", "dismiss", "help.close", show=False),
        Binding("q", "dismiss", "help.close", show=False),
    ]
    DEFAULT_CSS = """
    HelpScreen { align: center middle; }
    HelpScreen > VerticalScroll {
        width: 90%; max-width: 90; height: 90%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    """

    def __init__(self, below: Screen[Any]) -> None:
        super().__init__()
        self.below = below

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self._text())

    def _text(self) -> str:
        lines = [f"# {t('help.title')}", "", t("help.intro"), ""]
        # A screen with modes explains them itself (e.g. live minutes: notes vs commands).
        screen_help = getattr(self.below, "help_text", None)
        if screen_help is not None:
            lines += [screen_help(), ""]
        screen_rows, app_rows = [], []
        seen: set[tuple[str, str]] = set()
        for key, active in self.below.active_bindings.items():
            b = active.binding
            if not b.description or (b.action, key) in seen:
                continue
            seen.add((b.action, key))
            row = f"| `{self.app.get_key_display(b)}` | {b.description} |"
            (app_rows if active.node is self.app else screen_rows).append(row)
        for title, rows in ((t("help.screen_keys"), screen_rows), (t("help.app_keys"), app_rows)):
            if rows:
                lines += [f"## {title}", "", "| | |", "|---|---|", *rows, ""]
        lines += ["", t("help.glossary")]
        return "\n".join(lines)

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
