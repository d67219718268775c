"""Help generated from the bindings of the screen below, never a hand-kept list."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumModal


def _ours(node: Any, binding: Binding) -> bool:
    """Declared by quorum's own classes (not inherited from Textual's Screen/App)."""
    for cls in type(node).__mro__:
        if cls.__module__.startswith("quorum.tui.") and any(
            getattr(b, "action", None) == binding.action for b in cls.__dict__.get("BINDINGS", [])
        ):
            return True
    return False


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
        yield Footer()

    def _text(self) -> str:
        lines = [f"# {t('help.title')}", "", t("help.intro"), ""]
        # A screen with modes explains them itself (e.g. live minutes: notes vs commands).
        screen_help = getattr(self.below, "help_text", None)
        if screen_help is not None:
            lines += [screen_help(), ""]
        screen_rows = self._rows(self.below)
        app_rows = self._rows(self.app)
        focused = self.below.focused
        while focused is not None and focused is not self.below:
            screen_rows += self._rows(focused)
            focused = focused.parent  # type: ignore[assignment]
        for title, rows in ((t("help.screen_keys"), screen_rows), (t("help.app_keys"), app_rows)):
            if rows:
                lines += [f"## {title}", "", *rows, ""]
        lines += ["", t("help.glossary")]
        return "\n".join(lines)

    def _rows(self, node: Any) -> list[str]:
        rows = []
        for bindings in node._bindings.key_to_bindings.values():
            for b in bindings:
                # quorum's own keys always; Textual's built-in ones (cursor
                # movement, copy...) only where the widget shows them.
                if not b.description or not (b.show or _ours(node, b)):
                    continue
                rows.append(f"- `{self.app.get_key_display(b)}` {b.description}")
        return rows

    def action_dismiss(self) -> None:  # type: ignore[override]
        self.dismiss(None)
