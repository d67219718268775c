"""The dialog family (tui/dialogs.py): what each kind answers, and two defects of the
dialogs it replaced that must not come back.

- Styles leaked: three classes were named ``PromptDialog`` and Textual scopes a class's
  ``DEFAULT_CSS`` by the class *name*, so once the roster's prompt had been shown, every
  other prompt took its width and border. Now a dialog looks the same whatever was
  shown before it.
- ``ChoiceDialog`` kept its unavailable choices in ``self.disabled`` — Textual's own
  flag — so a dialog with any of them ignored every key.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.app import App
from textual.screen import Screen
from textual.widgets import Button, Input

from quorum.store.errors import QuorumError, ValidationError
from quorum.tui.dialogs import (
    ChoiceDialog,
    ConfirmDialog,
    FormDialog,
    PromptDialog,
    QuorumDialog,
    any_text,
)


class Host(App[None]):
    """A bare app to show one dialog at a time; results land in ``answers``."""

    def __init__(self) -> None:
        super().__init__()
        self.answers: list[Any] = []


async def show(app: Host, pilot: Any, dialog: Screen[Any]) -> None:
    app.push_screen(dialog, app.answers.append)
    await pilot.pause()


def frame_look(dialog: Screen[Any]) -> tuple[Any, ...]:
    """What the leak changed: the frame's width, border and size on screen."""
    frame = dialog.query_one("#dialog")
    return (str(frame.styles.width), frame.styles.border, frame.region.size)


def prompt() -> PromptDialog[str]:
    return PromptDialog("Name of the template", "Nätverksträff", any_text)


OTHERS: list[Callable[[], Screen[Any]]] = [
    lambda: PromptDialog("", "/tmp/x.csv", any_text, title="Import", label="Path", width="wide"),
    lambda: FormDialog("Reopen", dict, [("name", "Who?", "")], stacked=True),
    lambda: ConfirmDialog("Erase?", danger=True, details=["a", "b"], tall=True, width="wide"),
    lambda: ChoiceDialog("Pick", [("a", "A")], filter=True, width="narrow"),
]


async def test_a_dialog_looks_the_same_whatever_was_shown_before_it():
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await show(app, pilot, prompt())
        alone = frame_look(app.screen)
        await pilot.press("escape")
        for make in OTHERS:
            await show(app, pilot, make())
            await pilot.press("escape")
            await pilot.pause()
        await show(app, pilot, prompt())
        assert frame_look(app.screen) == alone


async def test_a_choice_with_an_unavailable_entry_still_answers_keys():
    choices = [("a", "First"), ("b", "Second"), ("c", "Third")]
    dialog = ChoiceDialog("Which one?", choices, current="b", disabled=["b"])
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await show(app, pilot, dialog)
        assert not dialog.disabled  # Textual's own flag: True makes the dialog deaf
        await pilot.press("down", "enter")  # from the first over the unavailable one
        await pilot.pause()
    assert app.answers == ["c"]


async def test_an_unavailable_choice_cannot_be_picked_with_the_mouse_or_enter():
    dialog = ChoiceDialog("Which one?", [("a", "First"), ("b", "Second")], disabled=["b"])
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await show(app, pilot, dialog)
        dialog._choose(dialog.query_one("#choices").get_option("b"))
        await pilot.pause()
        assert app.screen is dialog and app.answers == []


async def test_escape_leaves_every_kind_with_none():
    makers: list[Callable[[], Screen[Any]]] = [prompt, *OTHERS]
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        for make in makers:
            dialog = make()
            await show(app, pilot, dialog)
            await pilot.press("escape")
            await pilot.pause()
            assert app.screen is not dialog
    assert app.answers == [None] * len(makers)


def test_every_dialog_leaves_by_the_one_binding_of_the_base():
    """One cancel key: no dialog binds escape itself."""
    import quorum.tui.dialogs as family
    from quorum.tui.screens.help import HelpScreen
    from quorum.tui.screens.live_forms import ActionForm, NotesEditor
    from quorum.tui.screens.new_meeting import NewMeetingDialog
    from quorum.tui.widgets.item_form import ItemForm
    from quorum.tui.widgets.roster_forms import GuestForm, OrgForm, PersonForm

    kinds = [family.ConfirmDialog, family.PromptDialog, family.FormDialog, family.ChoiceDialog]
    special = [HelpScreen, ActionForm, NotesEditor, NewMeetingDialog, ItemForm]
    for cls in [*kinds, *special, GuestForm, OrgForm, PersonForm]:
        assert issubclass(cls, QuorumDialog), cls
        own = [b for b in cls.__dict__.get("BINDINGS", []) if "escape" in b.key.split(",")]
        assert own == [], cls


async def test_confirm_answers_yes_no_and_escape():
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        for key in ("y", "n", "escape"):
            await show(app, pilot, ConfirmDialog("Send the invite?"))
            await pilot.press(key)
            await pilot.pause()
        # Danger: Enter by habit lands on No; with nothing to do, "y" does nothing.
        await show(app, pilot, ConfirmDialog("Erase?", danger=True))
        await pilot.press("enter")
        await pilot.pause()
        report = ConfirmDialog("Nothing can be imported.", offer_yes=False, cancel=True)
        await show(app, pilot, report)
        assert not report.query("#yes") and report.focused is report.query_one("#no", Button)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is report
        await pilot.click("#cancel")
        await pilot.pause()
    assert app.answers == [True, False, None, False, None]


async def test_prompt_shows_errors_and_accepts_a_warning_with_enter_again():
    class Odd(ValidationError):
        level = "warning"

    def check(text: str, accepted: bool) -> int:
        if not text.isdigit():
            raise QuorumError("live.error.number")
        if int(text) % 2 and not accepted:
            raise Odd("live.error.number")
        return int(text)

    dialog = PromptDialog("A number", "", check)
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await show(app, pilot, dialog)
        await pilot.press("x", "enter")
        assert dialog.message and app.screen is dialog
        await pilot.press("backspace", "3", "enter")
        assert dialog.query_one("#message").has_class("-warning")
        await pilot.press("backspace", "5")  # a new text: the warning goes
        assert dialog.message == ""
        await pilot.press("enter", "enter")
        await pilot.pause()
    assert app.answers == [5]


async def test_form_puts_an_error_beside_its_field_and_advance_moves_on():
    def save(values: dict[str, Any]) -> tuple[str, str]:
        if not values["reason"].strip():
            raise ValidationError("live.error.reason_missing.formal", field="reason")
        return values["name"], values["reason"]

    fields = [("name", "Who?", "Karin"), ("reason", "Why?", "")]
    dialog = FormDialog("Reopen", save, fields, advance=True)
    async with Host().run_test(size=(80, 24)) as pilot:
        app = pilot.app
        await show(app, pilot, dialog)
        await pilot.press("enter")  # to the next field, nothing saved yet
        assert dialog.focused is dialog.query_one("#f-reason", Input)
        await pilot.press("enter")
        assert dialog.message_of("reason") and app.screen is dialog
        await pilot.press(*"Fel datum", "enter")
        await pilot.pause()
    assert app.answers == [("Karin", "Fel datum")]
