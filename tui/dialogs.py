"""quorum's dialogs: one modal base and the four kinds every screen asks with.

| kind | asks | dismisses with |
|---|---|---|
| :class:`ConfirmDialog` | a yes/no question (lines to read first) | True, False; None |
| :class:`PromptDialog` | one line of text, checked on Enter | the checked value; None |
| :class:`FormDialog` | labelled fields, saved by a function | what it returned; None |
| :class:`ChoiceDialog` | one of a list (filtered by typing) | the chosen value; None |

None is what escape gives.

Every dialog leaves with ``escape`` (one binding, on :class:`QuorumDialog`); what it
dismisses with then is :meth:`QuorumDialog.escape_result` — None, unless a dialog keeps
what was typed (the notes editor). A check or save function turns what was typed into
the value or raises :class:`QuorumError`: its sentence is shown in the dialog, which
stays open, so bad input never closes a dialog or leaves a traceback. An error whose
``level`` is ``"warning"`` (a date on a holiday, a file that exists) is shown in the
warning colour, and Enter again on the same text accepts it.

All of the family's CSS is the ``DEFAULT_CSS`` of :class:`QuorumDialog`. Textual scopes
a class's ``DEFAULT_CSS`` by the class *name*, so styles written per dialog class leaked
between classes that shared a name; here every rule selects the base class, and a
dialog's width is a CSS class (``-narrow``, ``-wide``, ``-tall``), never a copied template.
Texts shown in a dialog are never read as markup: names and notes may hold brackets.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Sequence
from typing import TYPE_CHECKING, Any, Literal, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.screen import ModalScreen
from textual.widget import Widget
from textual.widgets import (
    Button,
    Checkbox,
    Input,
    OptionList,
    Select,
    SelectionList,
    Static,
    TextArea,
)
from textual.widgets.option_list import Option

from quorum.store.errors import QuorumError, ValidationError
from quorum.store.i18n import t
from quorum.tui.translate import translate_bindings
from quorum.tui.widgets.form import FieldRow

if TYPE_CHECKING:
    from textual import getters

    from quorum.tui.app import QuorumApp

R = TypeVar("R")
T = TypeVar("T")

Width = Literal["narrow", "normal", "wide"]

# check(text, accepted): the value, or raise QuorumError; ``accepted`` is True when
# the user pressed Enter again on a text whose warning was shown.
Check = Callable[[str, bool], T]


def any_text(text: str, accepted: bool) -> str:
    """The check of a prompt that takes any text, empty too."""
    return text


def is_warning(err: QuorumError) -> bool:
    return getattr(err, "level", "error") == "warning"


class QuorumDialog(ModalScreen[R]):
    """A framed box over the dimmed screen below: a title, the body a kind composes
    (:meth:`compose_body`) and its buttons (:meth:`compose_buttons`).

    | Key | Action |
    |---|---|
    | escape | Leave the dialog (dismisses :meth:`escape_result`) |
    """

    BINDINGS = [Binding("escape", "leave", "dialog.close")]

    DEFAULT_CSS = """
    QuorumDialog { align: center middle; }
    QuorumDialog > #dialog {
        width: 76; max-width: 96%; height: auto; max-height: 94%;
        border: round $accent; background: $surface; padding: 0 1;
    }
    QuorumDialog.-narrow > #dialog { width: 64; }
    QuorumDialog.-wide > #dialog { width: 96; }
    QuorumDialog.-tall > #dialog { height: 90%; }
    QuorumDialog.-alert > #dialog { border: round $warning; }
    QuorumDialog .dialog-title { text-style: bold; margin-bottom: 1; }
    QuorumDialog .dialog-text { height: auto; margin-bottom: 1; }
    QuorumDialog .dialog-hint { height: auto; color: $text-muted; }
    QuorumDialog .dialog-message { display: none; height: auto; color: $error; }
    QuorumDialog .dialog-message.-shown { display: block; }
    QuorumDialog .dialog-message.-warning { color: $warning; }
    QuorumDialog .dialog-buttons { height: auto; margin-top: 1; align-horizontal: right; }
    QuorumDialog .dialog-buttons Button { margin-left: 2; }
    QuorumDialog #details {
        height: auto; max-height: 10; margin-bottom: 1; padding: 0 1;
        border: round $primary-darken-2;
    }
    QuorumDialog.-tall > #dialog > VerticalScroll { height: 1fr; max-height: 100%; }
    QuorumDialog #fields { height: auto; max-height: 16; }
    QuorumDialog Input { background: $boost; }
    QuorumDialog Input:focus { background: $primary 30%; }
    QuorumDialog FieldRow Input, QuorumDialog FieldRow Select { width: 1fr; }
    QuorumDialog Checkbox { border: none; height: 1; padding: 0; }
    QuorumDialog TextArea { height: 5; }
    QuorumDialog TextArea.-large { height: 12; }
    QuorumDialog FieldRow SelectionList { height: auto; max-height: 8; width: 1fr; }
    QuorumDialog.-settings FieldRow .field-label { width: 22; }
    QuorumDialog.-settings FieldRow .field-msg { padding-left: 22; }
    QuorumDialog.-stacked FieldRow { margin-bottom: 1; }
    QuorumDialog.-stacked FieldRow > Horizontal { layout: vertical; }
    QuorumDialog.-stacked FieldRow .field-label { width: 1fr; color: $text; }
    QuorumDialog.-stacked FieldRow .field-msg { padding-left: 0; }
    QuorumDialog #choices { height: auto; max-height: 16; }
    QuorumDialog.-filter #choices { height: 14; }
    QuorumDialog #filter { margin-bottom: 1; }
    """

    if TYPE_CHECKING:
        # Textual's own way to type the app (as MessagePump does): the running QuorumApp.
        app = getters.app(QuorumApp)

    def __init__(self, title: str = "", *, width: Width = "normal", classes: str = "") -> None:
        super().__init__(classes=" ".join(c for c in (f"-{width}", classes) if c))
        translate_bindings(self)
        self.heading = title

    def compose(self) -> ComposeResult:
        with Vertical(id="dialog"):
            if self.heading:
                yield Static(self.heading, classes="dialog-title", markup=False)
            yield from self.compose_body()
            buttons = list(self.compose_buttons())
            if buttons:
                with Horizontal(classes="dialog-buttons"):
                    yield from buttons

    def compose_body(self) -> ComposeResult:
        yield from ()

    def compose_buttons(self) -> ComposeResult:
        yield from ()

    def escape_result(self) -> R | None:
        """What leaving with escape dismisses: None (nothing was chosen)."""
        return None

    def action_leave(self) -> None:
        self.dismiss(self.escape_result())

    def show_message(self, text: str, warning: bool = False) -> None:
        """The sentence under the body (an error, or a warning to accept); "" hides it."""
        message = self.query_one("#message", Static)
        message.update(Text(text))
        message.set_class(bool(text), "-shown")
        message.set_class(warning, "-warning")

    @property
    def message(self) -> str:
        """The sentence shown under the body ("" when none)."""
        return str(self.query_one("#message", Static).render())

    def _message_line(self) -> Static:
        return Static("", classes="dialog-message", id="message")


def _button(label: str, button_id: str, variant: Any = "default") -> Button:
    return Button(label, id=button_id, variant=variant, compact=True)


class ConfirmDialog(QuorumDialog[bool | None]):
    """Asks ``question``: True on yes, False on no, None when left with escape.

    ``yes`` and ``no`` label the buttons with what will happen ("Erase", "Keep them").
    For a ``danger``ous action the safe button has the focus, so Enter by habit does
    not do it. ``details`` are lines to read before answering (a scrolling box between
    the title and the question). ``cancel`` adds a Cancel button, for questions where
    "no" is an action of its own; ``offer_yes=False`` leaves only the way out (a report
    with nothing to do).

    | Key | Action |
    |---|---|
    | y | Yes |
    | n | No |
    | ↑ ↓ PgUp PgDn Home End | scroll the lines to read (the focus stays on the buttons) |
    """

    BINDINGS = [
        Binding("y", "answer(True)", "dialog.yes"),
        Binding("n", "answer(False)", "dialog.no"),
        # A long report (a CSV import at 80x24) scrolls from the keyboard.
        Binding("down", "scroll_details('scroll_down')", show=False),
        Binding("up", "scroll_details('scroll_up')", show=False),
        Binding("pagedown", "scroll_details('scroll_page_down')", show=False),
        Binding("pageup", "scroll_details('scroll_page_up')", show=False),
        Binding("home", "scroll_details('scroll_home')", show=False),
        Binding("end", "scroll_details('scroll_end')", show=False),
    ]

    def __init__(
        self,
        question: str,
        yes: str | None = None,
        danger: bool = False,
        *,
        no: str | None = None,
        title: str = "",
        details: Sequence[str] = (),
        cancel: bool = False,
        offer_yes: bool = True,
        width: Width = "normal",
        tall: bool = False,
    ) -> None:
        classes = "-alert" + (" -tall" if tall else "")
        super().__init__(title, width=width, classes=classes)
        self.question = question
        self.yes_label = yes or t("dialog.yes")
        self.no_label = no or t("dialog.no")
        self.danger = danger
        self.details = list(details)
        self.cancel = cancel
        self.offer_yes = offer_yes

    def compose_body(self) -> ComposeResult:
        if self.details:
            with VerticalScroll(id="details"):
                yield Static("\n".join(self.details), markup=False, id="details-text")
        yield Static(self.question, classes="dialog-text", id="question", markup=False)

    def compose_buttons(self) -> ComposeResult:
        if self.offer_yes:
            yield _button(self.yes_label, "yes", "error" if self.danger else "primary")
        yield _button(self.no_label, "no")
        if self.cancel:
            yield _button(t("dialog.cancel"), "cancel")

    def on_mount(self) -> None:
        safe = self.danger or not self.offer_yes
        self.query_one("#no" if safe else "#yes", Button).focus()

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "answer" and parameters == (True,):
            return self.offer_yes
        if action == "scroll_details":
            return bool(self.details)
        return True

    def action_scroll_details(self, how: str) -> None:
        getattr(self.query_one("#details", VerticalScroll), how)(animate=False)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        answers = {"yes": True, "no": False}
        self.dismiss(answers.get(event.button.id or ""))

    def action_answer(self, value: bool) -> None:
        self.dismiss(value)


class PromptDialog(QuorumDialog[T | None]):
    """Asks for one line of text; dismisses ``check(text, accepted)``'s value, or None.

    ``label`` names the field beside it ("Path", "Time"); ``hint`` is a line under it.
    Pass :func:`any_text` as ``check`` to take the text as typed.
    """

    def __init__(
        self,
        question: str,
        value: str,
        check: Check[T],
        *,
        title: str = "",
        label: str = "",
        hint: str = "",
        width: Width = "normal",
    ) -> None:
        super().__init__(title, width=width)
        self.question = question
        self.value = value
        self.check = check
        self.label = label
        self.hint = hint
        self._warned: str | None = None  # the text whose warning is shown

    def compose_body(self) -> ComposeResult:
        if self.question:
            yield Static(self.question, classes="dialog-text", id="question", markup=False)
        field = Input(self.value, id="answer", compact=True)
        yield FieldRow(self.label, field, "answer") if self.label else field
        yield self._message_line()
        if self.hint:
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def compose_buttons(self) -> ComposeResult:
        yield _button(t("dialog.ok"), "ok", "primary")
        yield _button(t("dialog.cancel"), "cancel")

    def on_mount(self) -> None:
        self.query_one("#answer", Input).focus()

    @property
    def text(self) -> str:
        return self.query_one("#answer", Input).value

    def on_input_changed(self, event: Input.Changed) -> None:
        if self._warned is not None and event.value != self._warned:
            self._warned = None
            self.show_message("")

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "ok":
            self.submit()
        else:
            self.dismiss(None)

    def submit(self) -> None:
        text = self.text
        try:
            result = self.check(text, self._warned == text)
        except QuorumError as err:
            if is_warning(err):
                self._warned = text
                self.show_message(f"{err.sentence()}\n{t('dialog.accept_hint')}", warning=True)
            else:
                self._warned = None
                self.show_message(err.sentence())
            return
        self.dismiss(result)


def field_value(widget: Widget) -> Any:
    """What a form field holds: text, a choice (None for none), a tick, the ticked values."""
    if isinstance(widget, Input):
        return widget.value
    if isinstance(widget, TextArea):
        return widget.text
    if isinstance(widget, Select):
        return None if widget.value is Select.NULL else widget.value
    if isinstance(widget, Checkbox):
        return widget.value
    if isinstance(widget, SelectionList):
        return tuple(widget.selected)
    raise TypeError(f"not a form field: {widget!r}")


# (name, label, widget): one row of a form; ``name`` is what ``save`` gets it as and
# what a ValidationError's ``field`` names to put its sentence beside it.
Row = tuple[str, str, Widget]


class FormDialog(QuorumDialog[T | None]):
    """Rows of labelled fields, Save and Cancel; dismisses what ``save(values)`` returned.

    ``save`` gets ``{name: value}`` (see :func:`field_value`), builds the result (and may
    write it) or raises :class:`QuorumError`. A :class:`ValidationError` whose ``field``
    names a row is shown beside that row and focuses it; any other error under the rows.
    A form of text fields is given as ``texts`` — (name, label, value) — and a form with
    other widgets overrides :meth:`rows`. With ``advance`` Enter moves to the next field
    and saves on the last (quick typing in the live minutes); else Enter saves.
    ``stacked`` puts each label above its field, for labels that explain a format.

    Escape in a form whose values changed since it opened asks before throwing them
    away (a form left by habit loses nothing); Cancel is the way to leave without asking.

    | Key | Action |
    |---|---|
    | ctrl+s | Save |
    | escape | Leave (asks first when something was changed) |
    """

    BINDINGS = [Binding("ctrl+s", "submit", "dialog.save")]

    def __init__(
        self,
        title: str,
        save: Callable[[dict[str, Any]], T],
        texts: Sequence[tuple[str, str, str]] = (),
        *,
        hint: str = "",
        advance: bool = False,
        stacked: bool = False,
        save_label: str = "",
        width: Width = "normal",
    ) -> None:
        super().__init__(title, width=width, classes="-stacked" if stacked else "")
        self.save = save
        self.texts = list(texts)
        self.hint = hint
        self.advance = advance
        self.save_label = save_label or t("dialog.save")
        self._opened_with: dict[str, Any] | None = None

    def rows(self) -> list[Row]:
        return [
            (name, label, Input(value, id=f"f-{name}", compact=True))
            for name, label, value in self.texts
        ]

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="fields"):
            for name, label, widget in self.rows():
                yield FieldRow(label, widget, name)
        yield self._message_line()
        if self.hint:
            yield Static(self.hint, classes="dialog-hint", markup=False)

    def compose_buttons(self) -> ComposeResult:
        yield _button(self.save_label, "save", "primary")
        yield _button(t("dialog.cancel"), "cancel")

    def on_mount(self) -> None:
        first = self.query(Input)
        if first:
            first.first().focus()
        # Once every field shows its value: what "changed" is measured against.
        self.call_after_refresh(self._remember_values)

    def _remember_values(self) -> None:
        self._opened_with = self.values()

    @property
    def changed(self) -> bool:
        """Has the user changed any field since the form opened?"""
        return self._opened_with is not None and self.values() != self._opened_with

    def action_leave(self) -> None:
        if not self.changed:
            super().action_leave()
            return

        def answered(discard: bool | None) -> None:
            if discard:
                self.dismiss(self.escape_result())

        ask = ConfirmDialog(
            t("dialog.discard_question"),
            t("dialog.discard"),
            danger=True,
            no=t("dialog.keep_editing"),
            width="narrow",
        )
        self.app.push_screen(ask, answered)

    def field_rows(self) -> dict[str, FieldRow]:
        return {row.field_name: row for row in self.query(FieldRow)}

    def values(self) -> dict[str, Any]:
        return {name: field_value(row.field) for name, row in self.field_rows().items()}

    def message_of(self, name: str) -> str:
        """The sentence shown beside field ``name``."""
        return self.field_rows()[name].message

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if self.advance:
            inputs = list(self.query(Input))
            at = inputs.index(event.input) if event.input in inputs else len(inputs) - 1
            if at < len(inputs) - 1:
                inputs[at + 1].focus()
                return
        self.action_submit()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "save":
            self.action_submit()
        else:
            self.dismiss(None)

    def action_submit(self) -> None:
        rows = self.field_rows()
        for each in rows.values():
            each.show("")
        self.show_message("")
        try:
            result = self.save(self.values())
        except ValidationError as err:
            row = rows.get(err.field or "")
            if row is None:
                self.show_message(err.sentence(), warning=is_warning(err))
            else:
                row.show(err.sentence(), warning=is_warning(err))
                row.field.focus()
            return
        except QuorumError as err:
            self.show_message(err.sentence(), warning=is_warning(err))
            return
        self.dismiss(result)


class ChoiceDialog(QuorumDialog[str | None]):
    """Pick one of ``choices`` (value, label); dismisses the value or None.

    ``current`` is highlighted first; ``disabled`` values are shown but cannot be
    picked; with ``allow_none`` a "(none)" entry dismisses None. With ``filter`` a
    field above the list narrows it as the user types (every word must occur) and
    the arrow keys move in the list meanwhile.
    """

    BINDINGS = [
        Binding("down", "move(1)", show=False),
        Binding("up", "move(-1)", show=False),
    ]

    _NONE = "\x00none"

    def __init__(
        self,
        question: str,
        choices: Sequence[tuple[str, str]],
        current: str | None = None,
        allow_none: bool = False,
        disabled: Collection[str] = (),
        *,
        filter: bool = False,
        title: str = "",
        width: Width = "normal",
    ) -> None:
        super().__init__(title, width=width, classes="-filter" if filter else "")
        self.question = question
        self.choices = list(choices)
        self.current = current
        self.allow_none = allow_none
        # Not ``disabled``: that name is Textual's own flag, and a truthy value there
        # makes the whole dialog deaf to keys.
        self.unavailable = frozenset(disabled)
        self.filtered = filter

    def compose_body(self) -> ComposeResult:
        if self.question:
            yield Static(self.question, classes="dialog-text", id="question", markup=False)
        if self.filtered:
            yield Input(placeholder=t("dialog.filter_placeholder"), id="filter", compact=True)
        yield OptionList(id="choices")

    def on_mount(self) -> None:
        self._fill("")
        options = self.query_one("#choices", OptionList)
        if self.filtered:
            self.query_one("#filter", Input).focus()
        else:
            options.focus()
        ids = [option.id for option in options.options]
        if self.current in ids and self.current not in self.unavailable:
            options.highlighted = ids.index(self.current)

    def _fill(self, typed: str) -> None:
        words = typed.casefold().split()
        options = self.query_one("#choices", OptionList)
        options.clear_options()
        for value, label in self.choices:
            if all(w in label.casefold() for w in words):
                options.add_option(
                    Option(Text(label), id=value, disabled=value in self.unavailable)
                )
        if self.allow_none and not words:
            options.add_option(Option(Text(t("dialog.none")), id=self._NONE))
        options.highlighted = next(
            (i for i, o in enumerate(options.options) if not o.disabled), None
        )

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._fill(event.value)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        options = self.query_one("#choices", OptionList)
        if options.highlighted is not None:
            self._choose(options.get_option_at_index(options.highlighted))

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self._choose(event.option)

    def _choose(self, option: Option) -> None:
        if option.disabled:
            return
        self.dismiss(None if option.id == self._NONE else option.id)

    def action_move(self, step: int) -> None:
        # From the filter field (the list, focused, moves by its own keys).
        options = self.query_one("#choices", OptionList)
        if step > 0:
            options.action_cursor_down()
        else:
            options.action_cursor_up()
