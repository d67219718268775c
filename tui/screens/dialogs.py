"""Small dialogs: a yes/no question and a one-line prompt."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Input, Static

from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumModal

_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 90%; max-width: 70; height: auto;
    border: round $warning; background: $surface; padding: 0 1;
}}
{cls} .question {{ margin-bottom: 1; }}
{cls} .buttons {{ height: 1; align-horizontal: right; }}
{cls} .buttons Button {{ margin-left: 2; }}
"""


class ConfirmDialog(QuorumModal[bool]):
    """Asks ``question``; dismisses True only on an explicit yes (``y`` or the button).

    ``yes`` labels the yes button with what will happen ("Erase", "Overwrite").
    For a ``danger``ous action the safe button has the focus, so Enter by habit
    cancels; otherwise Enter says yes.
    """

    BINDINGS = [
        Binding("y", "answer(True)", "confirm.yes"),
        Binding("n,escape", "answer(False)", "confirm.no"),
    ]
    DEFAULT_CSS = _CSS.format(cls="ConfirmDialog")

    def __init__(self, question: str, yes: str | None = None, danger: bool = False) -> None:
        super().__init__()
        self.question, self.yes, self.danger = question, yes, danger

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question", id="question")
            with Horizontal(classes="buttons"):
                yield Button(
                    self.yes or t("confirm.yes"),
                    id="yes",
                    variant="error" if self.danger else "primary",
                    compact=True,
                )
                yield Button(t("confirm.no"), id="no", compact=True)

    def on_mount(self) -> None:
        self.query_one("#no" if self.danger else "#yes", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(event.button.id == "yes")

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PromptDialog(QuorumModal[str | None]):
    """Asks for one line of text; None when closed without an answer."""

    BINDINGS = [Binding("escape", "close", "confirm.cancel")]
    DEFAULT_CSS = _CSS.format(cls="PromptDialog")

    def __init__(self, question: str, value: str = "") -> None:
        super().__init__()
        self.question = question
        self.value = value

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            yield Input(self.value, id="answer", compact=True)
            with Horizontal(classes="buttons"):
                yield Button(t("confirm.ok"), id="ok", variant="primary", compact=True)
                yield Button(t("confirm.cancel"), id="cancel", compact=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._answer()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self._answer()
        else:
            self.dismiss(None)

    def _answer(self) -> None:
        text = self.query_one("#answer", Input).value.strip()
        if text:
            self.dismiss(text)

    def action_close(self) -> None:
        self.dismiss(None)
