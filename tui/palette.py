"""Textual's command palette and system commands in the user's language.

Textual words its palette in English: the input's placeholder ("Search for
commands…"), the "No matches found" line and the system commands (Theme, Quit,
Keys, Maximize, Screenshot). :class:`QuorumPalette` takes a translated placeholder
and says "no matches" from the catalog; :func:`system_commands` offers the system
commands a user of quorum needs, translated. Textual's "Keys" panel (English
widget docs) and "Screenshot" (English notifications) are left out: quorum's help
(f1) lists the keys.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from rich.align import Align
from rich.text import Text
from textual.app import SystemCommand
from textual.command import CommandList, CommandPalette
from textual.screen import Screen
from textual.widgets.option_list import Option

from quorum.store.i18n import t

if TYPE_CHECKING:
    from textual.app import App


class QuorumPalette(CommandPalette):
    """The command palette with a translated placeholder and "no matches" line."""

    def __init__(self, **kwargs: Any) -> None:
        kwargs.setdefault("placeholder", t("palette.placeholder"))
        super().__init__(**kwargs)

    def _start_no_matches_countdown(self, search_value: str) -> None:
        # Textual 8.2.8's own method, with the one English sentence from the catalog.
        self._stop_no_matches_countdown()

        def _show_no_matches() -> None:
            if search_value:
                self.query_one(CommandList).add_option(
                    Option(
                        Align.center(Text(t("palette.no_matches"), style="not bold")),
                        disabled=True,
                        id=self._NO_MATCHES,
                    )
                )
                self._list_visible = True
            else:
                self._list_visible = False

        self._no_matches_timer = self.set_timer(self._NO_MATCHES_COUNTDOWN, _show_no_matches)


def system_commands(app: App[Any], screen: Screen[Any]) -> Iterable[SystemCommand]:
    """Textual's system commands that matter to a quorum user, in their language."""
    yield SystemCommand(t("palette.theme"), t("palette.theme_help"), app.action_change_theme)
    yield SystemCommand(t("key.quit"), t("palette.quit_help"), app.action_quit)
    if screen.maximized is not None:
        yield SystemCommand(
            t("palette.minimize"), t("palette.minimize_help"), screen.action_minimize
        )
    elif screen.focused is not None and screen.focused.allow_maximize:
        yield SystemCommand(
            t("palette.maximize"), t("palette.maximize_help"), screen.action_maximize
        )
