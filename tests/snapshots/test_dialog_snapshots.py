"""One snapshot per dialog kind of the family (tui/dialogs.py) and per special dialog,
at 80x24 over the demo's overview, so a change of the family's CSS shows everywhere.

Each dialog is pushed as its screen pushes it, with the texts and values a user sees;
cursors do not blink, the clock is fixed.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

import pytest
from textual.screen import Screen
from textual.widgets import Input, TextArea

from quorum.store.i18n import t
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW

SIZE = (80, 24)


def make_app(store: Store) -> QuorumApp:
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    app.resume_offered = True  # the resume offer has a snapshot of its own
    return app


def showing(
    build: Callable[[QuorumApp], Screen[object]], keys: Sequence[str] = ()
) -> Callable[..., object]:
    """A ``run_before`` that pushes the dialog ``build`` makes, then presses ``keys``."""

    async def run_before(pilot) -> None:
        await pilot.pause()
        dialog = build(pilot.app)
        await pilot.app.push_screen(dialog)
        await pilot.pause()
        for field in dialog.query(Input):
            field.cursor_blink = False
        for area in dialog.query(TextArea):
            area.cursor_blink = False
        if keys:
            await pilot.press(*keys)
        await pilot.pause()

    return run_before


def test_confirm(snap_compare, demo_store):
    from quorum.tui.dialogs import ConfirmDialog

    def build(app: QuorumApp) -> ConfirmDialog:
        meeting = app.loaded_store().meeting("3")
        question = t("meeting.cancel_question", date=meeting.day.isoformat())
        return ConfirmDialog(question, danger=True)

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_confirm_with_details(snap_compare, demo_store):
    """The export's question about personal data: the findings to read, three answers."""
    from quorum.exports.export_kinds import personal_findings
    from quorum.store.gather import meeting_records
    from quorum.tui.dialogs import ConfirmDialog

    def build(app: QuorumApp) -> ConfirmDialog:
        store = app.loaded_store()
        findings = personal_findings(meeting_records(store, store.meeting("3")))
        return ConfirmDialog(
            t("exportui.pd_question"),
            t("exportui.pd_redact"),
            no=t("exportui.pd_keep"),
            title=t("exportui.pd_intro", count=len(findings)),
            details=findings,
            cancel=True,
        )

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_prompt_with_an_error(snap_compare, demo_store, tmp_path):
    """The roster's import prompt: a label, a hint, and the sentence of a bad path."""
    from quorum.tui.dialogs import PromptDialog
    from quorum.tui.widgets.roster_files import read_table

    def build(app: QuorumApp) -> PromptDialog[object]:
        return PromptDialog(
            "",
            "/no/such/folder/people.csv",
            read_table,
            title=t("rui.import_title"),
            label=t("rui.path"),
            hint=t("rui.import_hint", network="Gymnasienätverket Skogsbygden"),
        )

    run_before = showing(build, ["enter"])
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=run_before)


def test_prompt_with_a_warning(snap_compare, demo_store):
    """A date on a holiday is a warning the user may accept with Enter again."""
    from quorum.store.errors import ValidationError
    from quorum.tui.dialogs import PromptDialog

    class Holiday(ValidationError):
        level = "warning"

    def check(text: str, accepted: bool) -> str:
        if not accepted:
            raise Holiday("details.holiday", date=text, name="Långfredagen")
        return text

    def build(app: QuorumApp) -> PromptDialog[str]:
        return PromptDialog(t("yearplan.move_prompt", day="2027-03-19"), "2027-03-26", check)

    run_before = showing(build, ["enter"])
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=run_before)


def test_form(snap_compare, demo_store):
    """The person form: inputs, choices, a role per network, a tick."""
    from quorum.tui.widgets.roster_forms import PersonForm

    def build(app: QuorumApp) -> PersonForm:
        store = app.loaded_store()
        person = next(p for p in store.people() if p.name == "Anna Grön")
        return PersonForm(person, store.organisations(), store.networks(), lambda v: person)

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_stacked_form_with_a_refusal(snap_compare, demo_store):
    """The live minutes' forms: labels above the fields, Enter moves on."""
    from quorum.store.errors import ValidationError
    from quorum.tui.dialogs import FormDialog

    def refuse(values: dict[str, str]) -> str:
        raise ValidationError("live.error.reason_missing.formal", field="reason")

    def build(app: QuorumApp) -> FormDialog[str]:
        fields = [
            ("name", t("live.dialog.reopen_by"), "Karin Ek"),
            ("reason", t("live.dialog.reason"), ""),
        ]
        hint = t("live.dialog.hint")
        return FormDialog(t("live.dialog.reopen.formal"), refuse, fields, hint=hint, stacked=True)

    run_before = showing(build, ["ctrl+s"])
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=run_before)


def test_choice(snap_compare, demo_store):
    """A highlighted current choice, one that cannot be picked, and "(none)"."""
    from quorum.tui.dialogs import ChoiceDialog

    def build(app: QuorumApp) -> ChoiceDialog:
        orgs = app.loaded_store().organisations()[:5]
        choices = [(o.id, o.name) for o in orgs]
        question = t("yearplan.secretary_prompt", day="2027-03-12")
        return ChoiceDialog(question, choices, orgs[2].id, True, [orgs[1].id])

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_choice_filtered_by_typing(snap_compare, demo_store):
    """The invitees' person picker: type a few letters, the list narrows."""
    from quorum.tui.dialogs import ChoiceDialog

    def build(app: QuorumApp) -> ChoiceDialog:
        choices = [(p.id, f"{p.name} · {p.email}") for p in app.loaded_store().people()]
        return ChoiceDialog("", choices, filter=True, title=t("rui.invite_title"))

    run_before = showing(build, list("an"))
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=run_before)


def test_resume_offer(snap_compare, demo_store):
    """On start, a meeting left live: carry on where the secretary was?"""
    from quorum.store import live

    demo_store.save_meeting(live.go_to(live.start(demo_store.meeting("3"), DEMO_NOW), 2, DEMO_NOW))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    assert snap_compare(app, terminal_size=SIZE)


def test_action_form(snap_compare, demo_store):
    from quorum.tui.screens.live_forms import ActionForm

    def build(app: QuorumApp) -> ActionForm:
        people = [(p.id, p.name) for p in app.loaded_store().people()]
        return ActionForm(t("live.dialog.action", number=7), people, DEMO_NOW.date())

    keys = [*"Boka lokal", "enter", *"lin"]
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build, keys))


def test_notes_editor(snap_compare, demo_store):
    from quorum.tui.screens.live_forms import NotesEditor

    def build(app: QuorumApp) -> NotesEditor:
        item = app.loaded_store().meeting("2").agenda[2]
        title = t("live.dialog.edit_notes", number=3, title=item.title)
        return NotesEditor(title, "Dagordningen gicks igenom.\nÖvriga frågor: lovskolor.")

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_item_form(snap_compare, demo_store):
    from quorum.tui.widgets.item_form import ItemForm

    def build(app: QuorumApp) -> ItemForm:
        store = app.loaded_store()
        item = store.meeting("3").agenda[3]
        return ItemForm(item, [(p.name, p.id) for p in store.people("1")])

    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build))


def test_new_meeting_on_a_holiday(snap_compare, demo_store):
    """The proposed date replaced by Good Friday: the warning and the tick to keep it."""
    from quorum.tui.screens.new_meeting import NewMeetingDialog

    def build(app: QuorumApp) -> NewMeetingDialog:
        return NewMeetingDialog(app.loaded_store(), "1", DEMO_NOW.date())

    keys = ["ctrl+u", *"2027-03-26"]
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=showing(build, keys))


@pytest.mark.parametrize("lang", ["en", "sv"])
def test_help(snap_compare, demo_store, lang):
    from quorum.store.i18n import set_language

    set_language(lang)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, press=["f1"])
