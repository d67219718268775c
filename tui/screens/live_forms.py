"""The live minutes' own dialogs, built on the dialog family (tui/dialogs.py).

- :class:`ActionForm`: an action item — text, owner picked by typing a few letters of
  a name among the meeting's attendees (or kept as free text), due date. Enter moves
  to the next field and saves on the last, so the secretary never leaves the keyboard.
- :class:`NotesEditor`: fix an item's notes after the meeting. Escape closes it *keeping*
  the text, as it does in the live notes: typing is never thrown away.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from textual.app import ComposeResult
from textual.suggester import SuggestFromList
from textual.widgets import Input, Static, TextArea

from quorum.store.i18n import t
from quorum.store.parse import parse_date
from quorum.store.records import ActionItem
from quorum.tui.dialogs import FormDialog, QuorumDialog, Row


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


class ActionForm(FormDialog[ActionDraft]):
    """Text, owner (from the meeting's attendees, or free text), due date."""

    def __init__(self, title: str, people: Sequence[tuple[str, str]], today: date) -> None:
        super().__init__(title, self._draft, hint=t("live.dialog.hint"), advance=True, stacked=True)
        self.people = list(people)
        self.today = today

    def rows(self) -> list[Row]:
        names = [name for _, name in self.people]
        owner = Input(
            id="f-owner", suggester=SuggestFromList(names, case_sensitive=False), compact=True
        )
        return [
            ("text", t("live.dialog.text"), Input(id="f-text", compact=True)),
            ("owner", t("live.dialog.owner"), owner),
            ("due", t("live.dialog.due"), Input(id="f-due", compact=True)),
        ]

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id != "f-owner":
            return
        found = match_people(event.value, self.people)
        if not event.value.strip():
            hint = ""
        elif found:
            hint = t("live.dialog.matches", names=", ".join(n for _, n in found[:4]))
        else:
            hint = t("live.dialog.no_match")
        self.field_rows()["owner"].show(hint, hint=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        # Runs before the form's own Enter: an owner that several people fit stays.
        if event.input.id != "f-owner":
            return
        found = match_people(event.value, self.people)
        if len(found) == 1:
            event.input.value = found[0][1]
        elif len(found) > 1:  # several fit: type a letter more (they are listed below)
            event.stop()
            event.prevent_default()

    def _draft(self, values: dict[str, Any]) -> ActionDraft:
        text = values["text"]
        ActionItem("check", text)  # the record's own rule on the text
        owner_typed = values["owner"].strip()
        found = match_people(owner_typed, self.people)
        owner_id, owner_name = (found[0][0], "") if len(found) == 1 else (None, owner_typed)
        due_typed = values["due"].strip()
        due = parse_date(due_typed, today=self.today, field="due") if due_typed else None
        return ActionDraft(text.strip(), owner_id, owner_name, due)


class NotesEditor(QuorumDialog[str | None]):
    """An item's notes in a large editor; escape closes and keeps the text."""

    def __init__(self, title: str, text: str) -> None:
        super().__init__(title)
        self.text = text

    def compose_body(self) -> ComposeResult:
        yield TextArea(self.text, soft_wrap=True, id="notes", classes="-large")
        yield Static(t("live.dialog.edit_hint"), classes="dialog-hint")

    def escape_result(self) -> str | None:
        return self.query_one("#notes", TextArea).text
