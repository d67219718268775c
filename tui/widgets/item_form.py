"""The dialog that adds or edits one agenda item."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Button, Input, Select, Static, TextArea

from quorum.store.errors import ValidationError
from quorum.store.i18n import t
from quorum.store.records import AgendaItem, ItemKind, new_item_id, replace
from quorum.tui.screens.base import QuorumModal
from quorum.tui.widgets.form import FieldRow


class ItemForm(QuorumModal[AgendaItem | None]):
    """Title, kind, presenter (a person or free text), minutes, description.

    | Key | Action |
    |---|---|
    | ctrl+s | Save the item |
    | escape | Close without saving |
    """

    BINDINGS = [
        Binding("ctrl+s", "save", "item.save"),
        Binding("escape", "close", "confirm.cancel"),
    ]
    DEFAULT_CSS = """
    ItemForm { align: center middle; }
    ItemForm > VerticalScroll {
        width: 90%; max-width: 84; height: auto; max-height: 100%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    ItemForm .heading { text-style: bold; margin-bottom: 1; }
    ItemForm TextArea { height: 5; }
    ItemForm #item-buttons { height: 1; margin-top: 1; align-horizontal: right; }
    ItemForm #item-buttons Button { margin-left: 2; }
    """

    def __init__(self, item: AgendaItem | None, people: list[tuple[str, str]]) -> None:
        super().__init__()
        self.item = item
        self.people = people

    def compose(self) -> ComposeResult:
        item = self.item
        with VerticalScroll():
            yield Static(t("item.edit_heading" if item else "item.new_heading"), classes="heading")
            yield FieldRow(
                t("item.title"),
                Input(item.title if item else "", id="title", compact=True),
                "title",
            )
            yield FieldRow(
                t("item.kind"),
                Select(
                    [(t(f"kind.{k.value}"), k) for k in ItemKind],
                    value=item.kind if item else ItemKind.INFORMATION,
                    allow_blank=False,
                    id="kind",
                    compact=True,
                ),
                "kind",
            )
            yield FieldRow(
                t("item.presenter"),
                Select(
                    self.people,
                    value=item.presenter_id if item and item.presenter_id else Select.NULL,
                    prompt=t("details.none"),
                    id="presenter",
                    compact=True,
                ),
                "presenter_id",
            )
            yield FieldRow(
                t("item.presenter_text"),
                Input(item.presenter_text if item else "", id="presenter_text", compact=True),
                "presenter_text",
            )
            yield FieldRow(
                t("item.minutes"),
                Input(str(item.minutes if item else 10), id="minutes", compact=True),
                "minutes",
            )
            yield FieldRow(
                t("item.description"),
                TextArea(item.description if item else "", id="description"),
                "description",
            )
            with Horizontal(id="item-buttons"):
                yield Button(t("item.save"), id="save", variant="primary", compact=True)
                yield Button(t("confirm.cancel"), id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#title", Input).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_save()
        else:
            self.action_close()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_save()

    def action_close(self) -> None:
        self.dismiss(None)

    def build(self) -> AgendaItem:
        """The item as typed, or a ValidationError naming the field."""
        raw_minutes = self.query_one("#minutes", Input).value.strip()
        if not raw_minutes.isdigit():
            raise ValidationError("item.minutes_invalid", field="minutes")
        presenter = self.query_one("#presenter", Select).value
        fields = {
            "title": self.query_one("#title", Input).value,
            "kind": self.query_one("#kind", Select).value,
            "presenter_id": None if presenter is Select.NULL else str(presenter),
            "presenter_text": self.query_one("#presenter_text", Input).value.strip(),
            "minutes": int(raw_minutes),
            "description": self.query_one("#description", TextArea).text,
        }
        if self.item is None:
            return AgendaItem(id=new_item_id(), **fields)
        return replace(self.item, **fields)

    def action_save(self) -> None:
        for row in self.query(FieldRow):
            row.show("")
        try:
            item = self.build()
        except ValidationError as err:
            for row in self.query(FieldRow):
                if row.field_name == err.field:
                    row.show(err.sentence())
                    break
            else:
                self.notify(err.sentence(), severity="error")
            return
        self.dismiss(item)
