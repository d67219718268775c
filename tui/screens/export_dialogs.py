"""The export's question before publishing: which personal data may the copy keep?"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Button, Label, Static

from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumModal

_DIALOG_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 76; max-width: 100%; height: auto; max-height: 100%;
    border: thick $accent; background: $surface; padding: 0 1;
}}
{cls} .question {{ width: 100%; padding: 1 0; }}
{cls} .buttons {{ height: auto; width: 100%; align-horizontal: right; }}
{cls} Button {{ margin-left: 1; min-width: 10; }}
"""


class PersonalDataDialog(QuorumModal[str | None]):
    """Lists the personal data a document holds; answers ``keep``, ``redact`` or None."""

    BINDINGS = [Binding("escape", "cancel", "exportui.cancel")]
    DEFAULT_CSS = (
        _DIALOG_CSS.format(cls="PersonalDataDialog")
        + """
    PersonalDataDialog #findings { height: auto; max-height: 10; border: round $primary-darken-2; }
    """
    )

    def __init__(self, findings: list[str]) -> None:
        super().__init__()
        self._findings = findings

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Label(t("exportui.pd_intro", count=len(self._findings)), classes="question")
            with VerticalScroll(id="findings"):
                yield Static(Text("\n".join(self._findings)))
            yield Label(t("exportui.pd_question"), classes="question")
            with Horizontal(classes="buttons"):
                yield Button(t("exportui.pd_redact"), id="redact", variant="primary")
                yield Button(t("exportui.pd_keep"), id="keep")
                yield Button(t("exportui.cancel"), id="cancel")

    def on_mount(self) -> None:
        self.query_one("#redact", Button).focus()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        self.dismiss(None if event.button.id == "cancel" else event.button.id)

    def action_cancel(self) -> None:
        self.dismiss(None)
