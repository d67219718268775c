"""Small dialogs of the roster and attendees: a prompt that validates, a
confirmation, the import report and a person picker.

Each dialog returns its value with ``dismiss``; ``None`` means cancelled.
A prompt takes a ``check`` function that turns the typed text into the
value or raises :class:`QuorumError`, whose sentence is shown under the
field, so bad input never closes the dialog or leaves a traceback.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Generic, TypeVar

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Input, Label, OptionList, Static
from textual.widgets.option_list import Option

from quorum.store.collate import sort_key
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumModal
from quorum.tui.widgets.form import FieldRow

T = TypeVar("T")

DIALOG_CSS = """
    {cls} {{ align: center middle; }}
    {cls} > Vertical {{
        width: 76; max-width: 96%; height: auto; max-height: 94%;
        border: round $accent; background: $surface; padding: 0 1;
    }}
    {cls} .dialog-title {{ text-style: bold; padding-bottom: 1; }}
    {cls} .buttons {{ height: auto; padding-top: 1; }}
    {cls} .buttons Button {{ margin-right: 1; }}
"""


class PromptDialog(QuorumModal[T | None], Generic[T]):
    """Ask for one line of text; ``check`` turns it into the value or raises."""

    BINDINGS = [Binding("escape", "cancel", "rui.cancel")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(cls="PromptDialog")
        + """
    PromptDialog Input { width: 1fr; }
    PromptDialog .hint { color: $text-muted; height: auto; }
    """
    )

    def __init__(
        self,
        title: str,
        label: str,
        check: Callable[[str], T],
        value: str = "",
        hint: str = "",
    ) -> None:
        super().__init__()
        self._title, self._label, self._check = title, label, check
        self._value, self._hint = value, hint

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            field = Input(self._value, id="prompt-input", compact=True)
            yield FieldRow(self._label, field, "value")
            if self._hint:
                yield Static(self._hint, classes="hint")
            with Horizontal(classes="buttons"):
                yield Button(t("rui.ok"), variant="primary", id="ok")
                yield Button(t("rui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#prompt-input", Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._submit()
        else:
            self.dismiss(None)

    def _submit(self) -> None:
        row = self.query_one(FieldRow)
        try:
            value = self._check(self.query_one("#prompt-input", Input).value)
        except QuorumError as err:
            row.show(err.sentence())
            return
        self.dismiss(value)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ImportReportDialog(QuorumModal[str | None]):
    """The import report before anything is written. Returns ``"all"``,
    ``"skip"`` (import the accepted rows, skip the refused) or None."""

    BINDINGS = [Binding("escape", "cancel", "rui.cancel")]
    DEFAULT_CSS = (
        DIALOG_CSS.format(cls="ImportReportDialog")
        + """
    ImportReportDialog > Vertical { width: 96; height: 90%; }
    ImportReportDialog #report { height: 1fr; border: round $primary-darken-2; }
    ImportReportDialog #verdict { height: auto; padding-top: 1; }
    ImportReportDialog #verdict.-refused { color: $warning; }
    """
    )

    def __init__(self, lines: Sequence[str], refused: int, accepted: int) -> None:
        super().__init__()
        self._lines, self._refused, self._accepted = lines, refused, accepted

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("rui.import_title"), classes="dialog-title")
            with VerticalScroll(id="report"):
                yield Static("\n".join(self._lines), markup=False, id="report-text")
            verdict = (
                t("rui.import_has_refused", count=self._refused)
                if self._refused
                else t("rui.import_ready", count=self._accepted)
            )
            yield Static(verdict, id="verdict", classes="-refused" if self._refused else "")
            with Horizontal(classes="buttons"):
                if not self._refused and self._accepted:
                    yield Button(t("rui.import_do"), variant="primary", id="all")
                if self._refused and self._accepted:
                    yield Button(t("rui.import_skip"), variant="warning", id="skip")
                yield Button(t("rui.cancel"), id="cancel")

    def on_mount(self) -> None:
        # Importing everything is the default only when nothing is refused.
        self.query_one("#all" if self.query("#all") else "#cancel", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)


class PersonPicker(QuorumModal[str | None]):
    """Choose a person: type to filter, arrows to move, Enter to choose.
    ``choices`` are (id, label) pairs; returns the chosen id."""

    BINDINGS = [
        Binding("escape", "cancel", "rui.cancel"),
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]
    DEFAULT_CSS = (
        DIALOG_CSS.format(cls="PersonPicker")
        + """
    PersonPicker #choices { height: 14; }
    """
    )

    def __init__(self, title: str, choices: Sequence[tuple[str, str]]) -> None:
        super().__init__()
        self._title = title
        self._choices = sorted(choices, key=lambda c: sort_key(c[1]))

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(self._title, classes="dialog-title")
            yield Input(placeholder=t("rui.filter_placeholder"), id="filter", compact=True)
            yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._fill("")
        self.query_one("#filter", Input).focus()

    def _fill(self, text: str) -> None:
        words = text.casefold().split()
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        for pid, label in self._choices:
            if all(w in label.casefold() for w in words):
                options.add_option(Option(label, id=pid))
        if options.option_count:
            options.highlighted = 0

    def on_input_changed(self, event: Input.Changed) -> None:
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._choose()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)

    def action_move(self, step: int) -> None:
        options = self.query_one("#choices", OptionList)
        if options.option_count:
            current = options.highlighted or 0
            options.highlighted = max(0, min(options.option_count - 1, current + step))

    def _choose(self) -> None:
        options = self.query_one("#choices", OptionList)
        if options.highlighted is None or not options.option_count:
            return
        self.dismiss(options.get_option_at_index(options.highlighted).id)

    def action_cancel(self) -> None:
        self.dismiss(None)
