"""Small dialogs the planning screens share: a typed value, a choice, a yes/no.

:class:`PromptDialog` validates as the user presses Enter: ``submit(text,
confirm)`` returns the result, or raises ``ValidationError`` (shown in the
error colour, the dialog stays) or an error whose ``level`` is ``"warning"``
(shown in the warning colour; Enter again on the same text calls ``submit``
with ``confirm=True`` — the user accepts the warning).

Bindings (all dialogs): ``escape`` cancels (dismisses ``None``/``False``).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.widgets import Input, OptionList, Static
from textual.widgets.option_list import Option

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.tui.screens.base import QuorumModal

Submit = Callable[[str, bool], Any]

_DIALOG_CSS = """
{cls} {{ align: center middle; }}
{cls} > Vertical {{
    width: 70; max-width: 95%; height: auto; max-height: 90%;
    border: round $accent; background: $surface; padding: 0 1;
}}
{cls} .question {{ margin-bottom: 1; }}
{cls} .message {{ height: auto; }}
{cls} .message.-error {{ color: $error; }}
{cls} .message.-warning {{ color: $warning; }}
"""


class PromptDialog(QuorumModal[Any]):
    """Ask for one line of text; dismisses with ``submit``'s result or None."""

    BINDINGS = [Binding("escape", "cancel", "ask.cancel")]
    DEFAULT_CSS = _DIALOG_CSS.format(cls="PromptDialog")

    def __init__(self, question: str, value: str = "", submit: Submit | None = None) -> None:
        super().__init__()
        self.question = question
        self.value = value
        self._submit = submit
        self._warned: str | None = None  # the text whose warning was shown

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(self.question, classes="question")
            yield Input(self.value, id="answer")
            yield Static("", classes="message", id="message")

    def on_mount(self) -> None:
        self.query_one(Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._warned is not None and event.value != self._warned:
            self._warned = None
            self._show("", "")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        text = event.value
        if self._submit is None:
            self.dismiss(text)
            return
        try:
            result = self._submit(text, self._warned == text)
        except QuorumError as err:
            if getattr(err, "level", "error") == "warning":
                self._warned = text
                self._show(f"{err.sentence()}\n{t('ask.accept_hint')}", "-warning")
            else:
                self._warned = None
                self._show(err.sentence(), "-error")
            return
        self.dismiss(result)

    def _show(self, text: str, cls: str) -> None:
        message = self.query_one("#message", Static)
        message.set_classes(f"message {cls}".strip())
        message.update(text)

    def action_cancel(self) -> None:
        self.dismiss(None)


class ChoiceDialog(QuorumModal[Any]):
    """Pick one of ``choices`` (value, label); dismisses the value or None.
    A choice with value ``None`` is offered as "(none)" when ``allow_none``."""

    BINDINGS = [Binding("escape", "cancel", "ask.cancel")]
    DEFAULT_CSS = (
        _DIALOG_CSS.format(cls="ChoiceDialog")
        + """
    ChoiceDialog OptionList { height: auto; max-height: 16; }
    """
    )

    _NONE = "\x00none"

    def __init__(
        self,
        question: str,
        choices: Sequence[tuple[str, str]],
        current: str | None = None,
        allow_none: bool = False,
        disabled: Sequence[str] = (),
    ) -> None:
        super().__init__()
        self.question = question
        self.choices = list(choices)
        self.current = current
        self.allow_none = allow_none
        self.disabled = set(disabled)

    def compose(self) -> ComposeResult:
        options = [
            Option(label, id=value, disabled=value in self.disabled)
            for value, label in self.choices
        ]
        if self.allow_none:
            options.append(Option(t("ask.none"), id=self._NONE))
        with Vertical():
            yield Static(self.question, classes="question")
            yield OptionList(*options)

    def on_mount(self) -> None:
        options = self.query_one(OptionList)
        options.focus()
        ids = [value for value, _ in self.choices]
        if self.current in ids:
            options.highlighted = ids.index(self.current)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        value = event.option.id
        self.dismiss(None if value == self._NONE else value)

    def action_cancel(self) -> None:
        self.dismiss(None)
