"""Read-only mode: another quorum holds the database, so this one may only look.

A notice that disappears was not enough: a user filled in a whole form before the save
was refused. So, for as long as the mode lasts, every screen shows a banner at its top
(:func:`show_banner`), and every action that would change the database is disabled —
greyed in the footer, left out of the palette, and never run, so no form opens. A screen
or widget names those actions in ``EDIT_ACTIONS``, and its ``check_action`` asks
:func:`refuses_edit` first; handlers that edit without a binding (a row chosen with
Enter) ask :func:`read_only` themselves.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.dom import DOMNode
from textual.widgets import Static

from quorum.store.i18n import t

if TYPE_CHECKING:
    from textual.screen import Screen


def read_only(node: DOMNode) -> bool:
    """Whether the app's database is open read-only (False before it is open)."""
    store = getattr(node.app, "store", None)
    return store is not None and bool(store.readonly)


def refuses_edit(node: DOMNode, action: str) -> bool:
    """Whether ``action`` of ``node`` changes the database while it is read-only."""
    return action in getattr(node, "EDIT_ACTIONS", ()) and read_only(node)


class ReadOnlyBanner(Static):
    """The line at the top of every screen while the database is read-only."""

    DEFAULT_CSS = """
    ReadOnlyBanner {
        height: auto; padding: 0 1;
        background: $warning; color: $background; text-style: bold;
    }
    """


def banner_text(node: DOMNode) -> str:
    store = getattr(node.app, "store", None)
    owner: dict[str, Any] = store.lock_owner() if store is not None else {}
    who = f"{owner.get('pid', '?')}@{owner.get('host', '?')}"
    return f"{t('db.readonly_banner', owner=who)} {t('flows.readonly.hint')}"


def _held_elsewhere(node: DOMNode) -> bool:
    """Read-only because another quorum has it (not because the disk refuses: the save
    banner says that one)."""
    store = getattr(node.app, "store", None)
    return read_only(node) and store is not None and store.db.readonly_reason is None


def show_banner(screen: Screen[Any]) -> None:
    """Put the banner on ``screen`` (once) while another quorum holds the database."""
    if _held_elsewhere(screen) and not screen.query(ReadOnlyBanner):
        # First in the screen, not docked: below a docked header, above everything else.
        banner = ReadOnlyBanner(Text(banner_text(screen)))
        if screen.children:
            screen.mount(banner, before=0)
        else:
            screen.mount(banner)
        screen.refresh_bindings()


__all__ = ["ReadOnlyBanner", "read_only", "refuses_edit", "show_banner"]
