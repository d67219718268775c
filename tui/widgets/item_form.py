"""The dialog that adds or edits one agenda item."""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.widgets import Input, Select, TextArea

from quorum.store.errors import ValidationError
from quorum.store.i18n import t
from quorum.store.records import AgendaItem, ItemKind, new_item_id, replace
from quorum.tui.dialogs import FormDialog, Row


class ItemForm(FormDialog[AgendaItem]):
    """Title, kind, presenter (a person or free text), minutes, description.

    | Key | Action |
    |---|---|
    | ctrl+s | Save the item |
    | escape | Close without saving |
    """

    def __init__(self, item: AgendaItem | None, people: list[tuple[str, str]]) -> None:
        heading = t("item.edit_heading" if item else "item.new_heading")
        super().__init__(heading, self.build, save_label=t("item.save"), width="wide")
        self.item = item
        self.people = people

    def rows(self) -> list[Row]:
        item = self.item
        kinds = [(t(f"kind.{k.value}"), k) for k in ItemKind]
        presenter = item.presenter_id if item and item.presenter_id else Select.NULL
        return [
            ("title", t("item.title"), Input(item.title if item else "", id="title", compact=True)),
            (
                "kind",
                t("item.kind"),
                Select(
                    kinds,
                    value=item.kind if item else ItemKind.INFORMATION,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
            ),
            (
                "presenter_id",
                t("item.presenter"),
                Select(
                    [(Text(name), pid) for name, pid in self.people],  # names: no markup
                    value=presenter,
                    prompt=t("details.none"),
                    id="presenter",
                    compact=True,
                ),
            ),
            (
                "presenter_text",
                t("item.presenter_text"),
                Input(item.presenter_text if item else "", id="presenter_text", compact=True),
            ),
            (
                "minutes",
                t("item.minutes"),
                Input(str(item.minutes if item else 10), id="minutes", compact=True),
            ),
            (
                "description",
                t("item.description"),
                TextArea(item.description if item else "", id="description"),
            ),
        ]

    def build(self, values: dict[str, Any]) -> AgendaItem:
        """The item as typed, or a ValidationError naming the field."""
        raw_minutes = values["minutes"].strip()
        if not raw_minutes.isdigit():
            raise ValidationError("item.minutes_invalid", field="minutes")
        kind = values["kind"]
        assert isinstance(kind, ItemKind)
        presenter = values["presenter_id"]
        title: str = values["title"]
        presenter_text: str = values["presenter_text"].strip()
        description: str = values["description"]
        presenter_id = None if presenter is None else str(presenter)
        if self.item is None:
            return AgendaItem(
                id=new_item_id(),
                title=title,
                kind=kind,
                presenter_id=presenter_id,
                presenter_text=presenter_text,
                minutes=int(raw_minutes),
                description=description,
            )
        return replace(
            self.item,
            title=title,
            kind=kind,
            presenter_id=presenter_id,
            presenter_text=presenter_text,
            minutes=int(raw_minutes),
            description=description,
        )
