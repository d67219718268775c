"""Under the notes: the current item's decisions and action items."""

from __future__ import annotations

from collections.abc import Mapping

from rich.text import Text
from textual.widgets import Static

from quorum.store.i18n import t
from quorum.store.records import AgendaItem


def item_minutes_text(item: AgendaItem, names: Mapping[str, str], followup: str = "") -> Text:
    """The item's decisions and action items; for the follow-up item, first the open
    action items of the earlier meetings (``followup``, derived when shown)."""
    text = Text()
    if followup:
        text.append(followup + "\n", style="italic")
    text.append(f"{t('live.decisions')}: ", style="bold")
    if not item.decisions:
        text.append(t("live.none"), style="dim")
    for d in item.decisions:
        text.append(f"\n  • {d.text}")
    text.append(f"\n{t('live.actions')}: ", style="bold")
    if not item.actions:
        text.append(t("live.none"), style="dim")
    for a in item.actions:
        owner = names.get(a.owner_id or "", a.owner_name) or t("live.no_owner")
        due = a.due.isoformat() if a.due else t("live.no_due")
        text.append(f"\n  • {a.text} ")
        text.append(f"({t('live.owner_due', owner=owner, due=due)})", style="dim")
    return text


class ItemMinutes(Static):
    DEFAULT_CSS = """
    ItemMinutes { height: auto; max-height: 9; padding: 0 1; overflow-y: auto; }
    """

    def show(self, item: AgendaItem, names: Mapping[str, str], followup: str = "") -> None:
        self.update(item_minutes_text(item, names, followup))
