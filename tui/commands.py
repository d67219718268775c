"""The command palette reaches every action: generated from the bindings of
the screen and the app, so it never drifts from what the keys do, plus the
commands a screen or the app lists in ``palette_commands``."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import SystemCommand
from textual.screen import Screen

from quorum.store.i18n import t
from quorum.tui.translate import declared_by_quorum, describe

if TYPE_CHECKING:
    from quorum.tui.app import QuorumApp

# App-wide palette entries: (title key, help key, app action). Screens for
# these register by adding a line here and an ``action_*`` on the app.
APP_COMMANDS: list[tuple[str, str, str]] = [
    ("cmd.overview", "cmd.overview_help", "go_overview"),
    ("cmd.network_settings", "cmd.network_settings_help", "network_settings"),
    ("cmd.new_network", "cmd.new_network_help", "new_network"),
    ("cmd.roster", "cmd.roster_help", "open_roster"),
    ("cmd.year_plan", "cmd.year_plan_help", "open_year_plan"),
    ("cmd.actions", "cmd.actions_help", "open_actions"),
    ("cmd.decisions", "cmd.decisions_help", "open_decisions"),
    ("cmd.search", "cmd.search_help", "open_search"),
    ("exportui.cmd_replies", "exportui.cmd_replies_help", "open_replies"),
]


def screen_commands(app: QuorumApp, screen: Screen[Any]) -> Iterable[SystemCommand]:
    """The screen's commands (its keys), then the app's; one entry per action and title."""
    seen: set[str] = set()
    titles: set[str] = set()
    for _key, active in screen.active_bindings.items():
        binding, enabled, node = active.binding, active.enabled, active.node
        # One binding with two keys ("N,ctrl+n") is listed per key: one entry for both.
        if not enabled or not binding.description or binding.action.removeprefix("app.") in seen:
            continue
        if binding.action in ("help", "quit", "command_palette"):
            continue
        # Textual's own keys (cursor movement, copy, focus) are not commands.
        if not (binding.show or declared_by_quorum(node, binding)):
            continue
        seen.add(binding.action.removeprefix("app."))
        title = describe(binding.description)
        titles.add(title)

        def run(node: Any = node, action: str = binding.action) -> None:
            app.call_later(node.run_action, action)

        yield SystemCommand(title, t("cmd.key_help", key=app.get_key_display(binding)), run)
    extra = getattr(screen, "palette_commands", None)
    for command in extra() if extra is not None else ():
        if str(command.title) not in titles:
            titles.add(str(command.title))
            yield command
    for title_key, help_key, action in APP_COMMANDS:
        if action in seen or t(title_key) in titles:
            continue

        def run_app(action: str = action) -> None:
            app.call_later(app.run_action, action)

        yield SystemCommand(t(title_key), t(help_key), run_app)
    yield SystemCommand(t("key.help"), t("cmd.help_help"), app.action_help)
