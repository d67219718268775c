"""Roster, invitees and representation, driven by the keyboard on the demo."""

from __future__ import annotations

from datetime import time
from pathlib import Path

from textual.widgets import Button, DataTable, Input, Static

from quorum.store.i18n import t
from quorum.store.records import Presence, Rsvp
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog, PromptDialog
from quorum.tui.screens.attendees import AttendeesScreen
from quorum.tui.screens.representation import RepresentationScreen
from quorum.tui.screens.roster import RosterScreen
from quorum.tui.widgets.attendees import AttendeesPane
from quorum.tui.widgets.roster_forms import GuestForm, PersonForm
from tests.conftest import DEMO_NOW


async def type_text(pilot, text: str) -> None:
    await pilot.press(*text)


async def open_roster(app, pilot) -> RosterScreen:
    await pilot.press("r")
    await pilot.pause()
    assert isinstance(app.screen, RosterScreen)
    return app.screen


async def open_invitees(app, pilot) -> AttendeesPane:
    await pilot.pause()
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, AttendeesScreen)
    return app.screen.query_one(AttendeesPane)


def people_rows(screen) -> list[str]:
    table = screen.query_one("#people", DataTable)
    return [str(table.get_row_at(i)[0]) for i in range(table.row_count)]


def counts_line(pane: AttendeesPane) -> str:
    return str(pane.query_one("#att-counts", Static).content)


async def test_add_a_person_and_a_duplicate_email_is_refused(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_roster(app, pilot)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, PersonForm)
        await type_text(pilot, "Åsa Öhman")
        await pilot.press("tab")
        await type_text(pilot, "asa.ohman@example.se")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        added = demo_store.person_by_email("asa.ohman@example.se", "1")
        assert added is not None and added.name == "Åsa Öhman" and added.active
        assert "Åsa Öhman" in people_rows(screen)

        # The same e-mail address as Sofia Ekström: refused, naming her, form stays open.
        sofia = next(p for p in demo_store.people() if p.name == "Sofia Ekström")
        count = len(demo_store.people())
        await pilot.press("n")
        await pilot.pause()
        await type_text(pilot, "Sofie Ekstrom")
        await pilot.press("tab")
        await type_text(pilot, sofia.email)
        await pilot.press("enter")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, PersonForm)
        message = form.message_of("email")
        assert "Sofia Ekström" in message and sofia.email in message
        assert len(demo_store.people()) == count

        # An empty name is refused beside the name field.
        form.query_one("#f-name", Input).value = ""
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert form.message_of("name") == t("error.name_empty")
        await pilot.press("escape")  # typed in: asked before it is thrown away
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert app.screen is screen


async def test_search_as_you_type_and_deactivate(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_roster(app, pilot)
        assert len(people_rows(screen)) == 27
        await pilot.press("slash")
        await type_text(pilot, "ÅKES")
        await pilot.pause()
        assert people_rows(screen) == ["Maria Åkesson"]
        # Typing "d" in the search box types; it does not deactivate anyone.
        await pilot.press("backspace", "backspace", "backspace", "backspace")
        await type_text(pilot, "nordverk")
        await pilot.pause()
        assert people_rows(screen) == ["Björn Lindström", "Petra Sjöberg"]
        await pilot.press("enter")  # to the table
        await pilot.press("d")
        await pilot.pause()
        bjorn = next(p for p in demo_store.people() if p.name == "Björn Lindström")
        assert not bjorn.active
        await pilot.press("d")
        await pilot.pause()
        assert demo_store.person(bjorn.id).active


async def test_invite_a_guest_set_rsvp_and_presence(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_invitees(app, pilot)
        meeting_id = pane.meeting_id
        before = len(pane.meeting.attendance)
        await pilot.press("g")
        await pilot.pause()
        assert isinstance(app.screen, GuestForm)
        await type_text(pilot, "Gun Gäst")
        await pilot.press("tab")
        await type_text(pilot, "not-an-email")
        await pilot.press("enter")
        await pilot.pause()
        expected = t("error.email_invalid", value="not-an-email")
        assert app.screen.message_of("guest_email") == expected
        app.screen.query_one("#f-email", Input).value = "gun@example.org"
        app.screen.query_one("#f-org", Input).value = "Nordverk AB"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, AttendeesScreen)
        assert len(pane.meeting.attendance) == before + 1
        assert pane.selected_key() == "guest:gun@example.org"
        assert f"{before + 1} invited" in counts_line(pane)

        # The guest accepts, then comes: counts follow, and the industry rule
        # is met (the guest's organisation is a company).
        accepted_before = sum(1 for a in pane.meeting.attendance if a.rsvp is Rsvp.ACCEPTED)
        await pilot.press("y")
        await pilot.pause()
        assert f"accepted {accepted_before + 1}" in counts_line(pane)
        assert not pane.query_one("#att-warning").has_class("-shown")
        await pilot.press("n")
        await pilot.pause()
        assert f"accepted {accepted_before}" in counts_line(pane)
        await pilot.press("1")
        await pilot.pause()
        assert "present 1" in counts_line(pane)
        await pilot.press("2")
        await pilot.pause()
        assert "present 0 · remote 1" in counts_line(pane)
        orgs_line = str(pane.query_one("#att-orgs", Static).content)
        assert "Represented (1): Nordverk AB (1)" in orgs_line
        await pilot.press("o")  # participant -> chair
        await pilot.pause()
        app.saver.flush()
        guest = demo_store.meeting(meeting_id).attendee("guest:gun@example.org")
        assert guest is not None
        assert guest.rsvp is Rsvp.DECLINED and guest.presence is Presence.REMOTE
        assert guest.role.value == "chair"


async def test_late_arrival_time_and_a_bad_time(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        pane = await open_invitees(app, pilot)
        key = pane.selected_key()
        await pilot.press("l")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await type_text(pilot, "kvart i tio")
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, PromptDialog)
        assert dialog.message == t("error.time_format", value="kvart i tio")
        dialog.query_one(Input).value = ""
        await type_text(pilot, "9.40")
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, AttendeesScreen)
        assert pane.meeting.attendee(key).arrived == time(9, 40)
        # Leaving before arriving is refused with a sentence.
        await pilot.press("e")
        await pilot.pause()
        await type_text(pilot, "09:10")
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen.message == t("error.end_before_start")
        await pilot.press("escape")
        await pilot.pause()
        app.saver.flush()
        stored = demo_store.meeting(pane.meeting_id).attendee(key)
        assert stored.arrived == time(9, 40) and stored.left is None


async def test_invite_all_members_and_a_person(demo_store):
    empty = next(m for m in demo_store.meetings("1") if not m.attendance)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.push_screen(AttendeesScreen(empty.id))
        await pilot.pause()
        pane = app.screen.query_one(AttendeesPane)
        assert counts_line(pane) == t("rui.att_empty")
        await pilot.press("a")
        await pilot.pause()
        await type_text(pilot, "nora")
        await pilot.press("enter")
        await pilot.pause()
        assert [a.person_id for a in pane.meeting.attendance] == [
            next(p.id for p in demo_store.people() if p.name == "Nora Vik")
        ]
        await pilot.press("m")
        await pilot.pause()
        active = [p for p in demo_store.people("1") if p.active]
        assert len(pane.meeting.attendance) == len(active)
        await pilot.press("delete")
        await pilot.pause()
        assert len(pane.meeting.attendance) == len(active) - 1


async def test_representation_table(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("v")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepresentationScreen)
        table = screen.query_one("#rep-table", DataTable)
        matrix = screen.matrix
        assert table.row_count == len(matrix.orgs)
        hogby_id = next(o.id for o in demo_store.organisations() if o.name == "Högby kommun")
        hogby = table.get_row(hogby_id)
        assert str(hogby[0]) == "Högby kommun" and "red" in str(hogby[0].style)
        assert "Högby kommun" in str(screen.query_one("#rep-never", Static).content)
        # The coming meeting is not held: "–".
        assert str(hogby[-2]).strip() == "–"
        await pilot.press("p")
        await pilot.pause()
        assert screen.year == DEMO_NOW.year - 1
        assert str(screen.query_one("#rep-never", Static).content) == t(
            "rui.representation_no_meetings"
        )


async def test_representation_from_the_palette_of_the_overview(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        commands = list(app.screen.palette_commands())
        assert [c.title for c in commands] == ["Representation"]
        commands[0].callback()
        await pilot.pause()
        assert isinstance(app.screen, RepresentationScreen)


async def test_erase_a_person_and_check_old_minutes(demo_store, db_path: Path):
    held = demo_store.meeting("2")
    lena = next(p for p in demo_store.people() if p.name == "Lena Öberg")
    assert held.attendee(lena.id) is not None
    count_before = len(held.attendance)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_roster(app, pilot)
        await pilot.press("slash")
        await type_text(pilot, "lena öberg")
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("delete")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one("#question", Static).content)
        assert "Lena Öberg" in question and "removed participant" in question
        await pilot.press("enter")  # the focus is on Cancel: nothing happens
        await pilot.pause()
        assert demo_store.person(lena.id)
        await pilot.press("delete")
        await pilot.pause()
        await pilot.click("#yes")
        await pilot.pause()
        assert people_rows(screen) == []
        await pilot.press("ctrl+q")
    demo_store.close()

    with Store.open(db_path) as store:
        assert all(p.name != "Lena Öberg" for p in store.people())
        minutes = store.meeting("2")
        assert len(minutes.attendance) == count_before
        placeholder = t("person.removed", lang=minutes.language)
        assert any(a.guest_name == placeholder for a in minutes.attendance)
        texts = [i.notes + i.description + i.presenter_text for i in minutes.agenda]
        assert not any("Lena Öberg" in x for x in texts)
        assert all(a.person_id != lena.id for m in store.meetings() for a in m.attendance)


BAD_CSV = "Namn;E-post;Organisation\nNy Person;ny.person@example.se;Ekdala kommun\nUtan Adress;;\n"
GOOD_CSV = (
    "Name,Email,Organisation,Role\n"
    "Ny Person,ny.person@example.se,Nya skolan,member\n"
    "Två Personer,tva@example.se,Ekdala kommun,guest\n"
)


async def _import(app, pilot, path: Path) -> ConfirmDialog:
    await pilot.press("i")
    await pilot.pause()
    assert isinstance(app.screen, PromptDialog)
    app.screen.query_one(Input).value = str(path)
    await pilot.press("enter")
    await pilot.pause()
    dialog = app.screen
    assert isinstance(dialog, ConfirmDialog)  # the report, before anything is written
    return dialog


async def test_import_from_the_app(demo_store, tmp_path: Path):
    bad, good = tmp_path / "bad.csv", tmp_path / "good.csv"
    bad.write_text(BAD_CSV, encoding="utf-8")
    good.write_bytes(GOOD_CSV.encode("cp1252"))
    count = len(demo_store.people())
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_roster(app, pilot)
        # A path that does not exist: said beside the field.
        await pilot.press("i")
        await pilot.pause()
        app.screen.query_one(Input).value = str(tmp_path / "missing.csv")
        await pilot.press("enter")
        await pilot.pause()
        assert "does not exist" in app.screen.message
        await pilot.press("escape")
        await pilot.pause()

        dialog = await _import(app, pilot, bad)
        report = str(dialog.query_one("#details-text", Static).content)
        assert "To add: 1" in report and "Refused: 1" in report
        assert "line 3: The e-mail address of Utan Adress is missing." in report
        # Only the accepted rows can be imported, and that is not the default.
        assert dialog.query_one("#yes", Button).label.plain == t("rui.import_skip")
        assert dialog.focused is dialog.query_one("#no", Button)
        await pilot.click("#no")
        await pilot.pause()
        assert app.screen is screen
        assert len(demo_store.people()) == count

        dialog = await _import(app, pilot, good)
        assert "New organisations to create: Nya skolan" in str(
            dialog.query_one("#details-text", Static).content
        )
        assert dialog.query_one("#yes", Button).label.plain == t("rui.import_do")
        assert dialog.focused is dialog.query_one("#yes", Button)
        await pilot.press("enter")
        await pilot.pause()
        assert len(demo_store.people()) == count + 2
        assert "Två Personer" in people_rows(screen)
        new = demo_store.person_by_email("tva@example.se", "1")
        assert new is not None and new.role_in("1").value == "guest"


async def test_export_roster_and_person_data(demo_store, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_roster(app, pilot)
        await pilot.press("x")
        await pilot.pause()
        suggested = Path(app.screen.query_one(Input).value)
        assert suggested == tmp_path / "roster-gymnasienatverket-skogsbygden.csv"
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        text = suggested.read_text(encoding="utf-8")
        assert text.startswith("\ufeffNamn;Organisation")  # the network speaks Swedish
        # Again: asks before overwriting.
        suggested.write_text("old", encoding="utf-8")
        await pilot.press("x")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await pilot.pause()
        assert suggested.read_text(encoding="utf-8") == "old"

        await pilot.press("p")
        await pilot.pause()
        target = Path(app.screen.query_one(Input).value)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        import json

        data = json.loads(target.read_text(encoding="utf-8"))
        assert data["person"]["name"] == "Jonas Lindblad"


async def test_a_long_import_report_scrolls_by_keyboard_at_80x24(demo_store, tmp_path: Path):
    """Issue 12: the CSV import report could not be scrolled by keyboard at 80x24."""
    rows = "".join(f"Person {n};;Skola {n}\n" for n in range(40))  # 40 refused lines
    path = tmp_path / "many.csv"
    path.write_text("Namn;E-post;Organisation\nNy Person;ny@example.se;X\n" + rows, "utf-8")
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_roster(app, pilot)
        dialog = await _import(app, pilot, path)
        details = dialog.query_one("#details")
        assert details.max_scroll_y > 0 and details.scroll_y == 0
        assert isinstance(dialog.focused, Button)  # the focus stays on the buttons
        await pilot.press("pagedown")
        await pilot.pause()
        assert details.scroll_y > 0
        await pilot.press("end")
        await pilot.pause()
        assert details.scroll_y == details.max_scroll_y
        await pilot.press("home", "down")
        await pilot.pause()
        assert details.scroll_y == 1
        assert app.screen is dialog
