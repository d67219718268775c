"""Small dialogs of live minutes and review: a form of a few inputs, a yes/no,
an action item with its owner picked by typing a few letters, a notes editor.

Enter in a field moves to the next one and submits on the last; Esc cancels.
A form's ``validate`` turns the typed strings into a value or raises a
:class:`QuorumError`, whose sentence is shown under the fields.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.suggester import SuggestFromList
from textual.widgets import Input, Label, Static, TextArea

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.parse import parse_date
from quorum.tui.screens.base import QuorumModal

DIALOG_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 70; max-width: 95%; height: auto; max-height: 95%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{cls} .dialog-title {{ text-style: bold; margin-bottom: 1; }}
{cls} .dialog-error {{ color: $error; height: auto; }}
{cls} .dialog-hint {{ color: $text-muted; height: auto; }}
{cls} Input {{ margin-bottom: 1; background: $boost; }}
"""


class FormDialog(QuorumModal[Any]):
    BINDINGS = [Binding("escape", "cancel", "live.key.cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(cls="FormDialog")

    def __init__(
        self,
        title: str,
        fields: Sequence[tuple[str, str]],
        validate: Callable[[list[str]], Any],
    ) -> None:
        super().__init__()
        self._title = title
        self._fields = list(fields)
        self._validate = validate

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            for i, (label, value) in enumerate(self._fields):
                yield Label(label)
                yield Input(value=value, id=f"field-{i}", compact=True)
            yield Static("", classes="dialog-error", id="error")
            yield Static(t("live.dialog.hint"), classes="dialog-hint")

    def values(self) -> list[str]:
        return [self.query_one(f"#field-{i}", Input).value for i in range(len(self._fields))]

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        index = int((event.input.id or "field-0").split("-")[1])
        if index < len(self._fields) - 1:
            self.query_one(f"#field-{index + 1}", Input).focus()
            return
        try:
            result = self._validate(self.values())
        except QuorumError as err:
            self.query_one("#error", Static).update(err.sentence())
            return
        self.dismiss(result)

    def action_cancel(self) -> None:
        self.dismiss(None)


@dataclass(frozen=True)
class ActionDraft:
    text: str
    owner_id: str | None
    owner_name: str
    due: date | None


def match_people(typed: str, people: Sequence[tuple[str, str]]) -> list[tuple[str, str]]:
    """People (id, name) matching what was typed: the exact name; else those with
    a name word starting with each typed word ("lena" is Lena, not Helena);
    else those whose name contains every typed word."""
    words = typed.casefold().split()
    if not words:
        return []
    exact = [p for p in people if p[1].casefold() == typed.strip().casefold()]
    if exact:
        return exact

    def starts(name: str) -> bool:
        parts = name.casefold().split()
        return all(any(part.startswith(w) for part in parts) for w in words)

    prefixed = [p for p in people if starts(p[1])]
    if prefixed:
        return prefixed
    return [p for p in people if all(w in p[1].casefold() for w in words)]


class ActionDialog(QuorumModal[ActionDraft | None]):
    """Text, owner (from the meeting's attendees, or free text), due date."""

    BINDINGS = [Binding("escape", "cancel", "live.key.cancel")]
    DEFAULT_CSS = DIALOG_CSS.format(cls="ActionDialog")

    def __init__(self, title: str, people: Sequence[tuple[str, str]], today: date) -> None:
        super().__init__()
        self._title = title
        self._people = list(people)
        self._today = today

    def compose(self) -> ComposeResult:
        names = [name for _, name in self._people]
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Label(t("live.dialog.text"))
            yield Input(id="text", compact=True)
            yield Label(t("live.dialog.owner"))
            yield Input(
                id="owner", suggester=SuggestFromList(names, case_sensitive=False), compact=True
            )
            yield Static("", classes="dialog-hint", id="matches")
            yield Label(t("live.dialog.due"))
            yield Input(id="due", compact=True)
            yield Static("", classes="dialog-error", id="error")
            yield Static(t("live.dialog.hint"), classes="dialog-hint")

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "owner":
            return
        found = match_people(event.value, self._people)
        hint = self.query_one("#matches", Static)
        if not event.value.strip():
            hint.update("")
        elif found:
            hint.update(t("live.dialog.matches", names=", ".join(n for _, n in found[:4])))
        else:
            hint.update(t("live.dialog.no_match"))

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        order = ["text", "owner", "due"]
        index = order.index(event.input.id or "text")
        if event.input.id == "owner":
            found = match_people(event.value, self._people)
            if len(found) == 1:
                event.input.value = found[0][1]
            elif len(found) > 1:
                return  # several fit: type a letter more (they are listed below)
        if index < len(order) - 1:
            self.query_one(f"#{order[index + 1]}", Input).focus()
            return
        try:
            self.dismiss(self._draft())
        except QuorumError as err:
            self.query_one("#error", Static).update(err.sentence())

    def _draft(self) -> ActionDraft:
        from quorum.store.records import ActionItem

        text = self.query_one("#text", Input).value
        ActionItem("check", text)  # the record's own rule on the text
        owner_typed = self.query_one("#owner", Input).value.strip()
        found = match_people(owner_typed, self._people)
        owner_id, owner_name = (found[0][0], "") if len(found) == 1 else (None, owner_typed)
        due_typed = self.query_one("#due", Input).value.strip()
        due = parse_date(due_typed, today=self._today, field="due") if due_typed else None
        return ActionDraft(text.strip(), owner_id, owner_name, due)

    def action_cancel(self) -> None:
        self.dismiss(None)


class NotesDialog(QuorumModal[str]):
    """Fix an item's notes after the meeting; Esc keeps the text and closes."""

    BINDINGS = [Binding("escape", "close", "live.key.save")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(cls="NotesDialog")
        + """
    NotesDialog TextArea { height: 12; }
    """
    )

    def __init__(self, title: str, text: str) -> None:
        super().__init__()
        self._title = title
        self._text = text

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield TextArea(self._text, soft_wrap=True, id="notes")
            yield Static(t("live.dialog.edit_hint"), classes="dialog-hint")

    def action_close(self) -> None:
        self.dismiss(self.query_one("#notes", TextArea).text)
