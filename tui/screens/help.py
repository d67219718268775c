"""Help generated from the bindings of the screen below, never a hand-kept list."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.dom import DOMNode
from textual.screen import Screen
from textual.widgets import Footer, Markdown

from quorum.store.i18n import t
from quorum.tui.dialogs import QuorumDialog
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.translate import declared_by_quorum, describe


class HelpScreen(QuorumDialog[None]):
    """The keys of the screen below and of the app; escape closes it, as every dialog.

    | Key | Action |
    |---|---|
    | f1 | Close again with the key that opened it (the app's f1 does not reach a dialog) |
    """

    BINDINGS = [Binding("f1", "leave", "dialog.close", show=False)]

    def __init__(self, below: Screen[Any]) -> None:
        super().__init__(width="wide", classes="-tall")
        self.below = below

    def compose(self) -> ComposeResult:
        yield from super().compose()
        yield Footer()

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Markdown(self._text())

    def _text(self) -> str:
        lines = [f"# {t('help.title')}", "", t("help.intro"), ""]
        # A screen with modes explains them itself (e.g. live minutes: notes vs commands).
        if isinstance(self.below, QuorumScreen) and (screen_help := self.below.help_text()):
            lines += [screen_help, ""]
        # One line per key and meaning, though a key may be bound on the focused
        # widget, its container and the screen alike; the app's keys last.
        seen: set[str] = set()
        screen_rows = self._rows(self.below, seen)
        node: DOMNode | None = self.below.focused
        while node is not None and node is not self.below:
            screen_rows += self._rows(node, seen)
            node = node.parent
        app_rows = self._rows(self.app, seen)
        for title, rows in ((t("help.screen_keys"), screen_rows), (t("help.app_keys"), app_rows)):
            if rows:
                lines += [f"## {title}", "", *rows, ""]
        lines += ["", t("help.glossary")]
        return "\n".join(lines)

    def _rows(self, node: DOMNode, seen: set[str]) -> list[str]:
        rows = []
        for bindings in node._bindings.key_to_bindings.values():
            for b in bindings:
                # quorum's own keys always; Textual's built-in ones (cursor
                # movement, copy...) only where the widget shows them.
                if not b.description or not (b.show or declared_by_quorum(node, b)):
                    continue
                row = f"- `{self.app.get_key_display(b)}` {describe(b.description)}"
                if row not in seen:
                    seen.add(row)
                    rows.append(row)
        return rows
