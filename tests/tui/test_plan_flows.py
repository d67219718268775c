"""Pilot flows of the planning screens on the demo (a real Store in tmp_path)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from icalendar import Calendar
from textual.widgets import DataTable, Input, OptionList

from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.cli import main as cli_main
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog
from tests.conftest import DEMO_NOW


async def _type(pilot, text: str) -> None:
    """Replace the open dialog's input with ``text`` and press Enter."""
    pilot.app.screen.query_one(Input).value = text
    await pilot.press("enter")
    await pilot.pause()


def _cursor_to(screen, day: date) -> None:
    table = screen.query_one("#plan", DataTable)
    table.move_cursor(row=[r.day for r in screen._rows].index(day))


async def test_make_adjust_and_create_the_year_plan(demo_store: Store, db_path: Path, capsys):
    from quorum.tui.screens.year_plan import YearPlanScreen

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, YearPlanScreen)
        assert screen.year == 2027  # after October: next year
        proposed = [a.day for a in screen.assignments]
        assert proposed == [date(2027, 9, 17), date(2027, 11, 19)]
        assert all(a.host_org_id for a in screen.assignments)
        # Move the first onto Good Friday: a warning, accepted with Enter again.
        _cursor_to(screen, date(2027, 9, 17))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await _type(pilot, "2027-03-26")
        assert isinstance(app.screen, PromptDialog)
        message = str(app.screen.query_one("#message").render())
        assert "Good Friday" in message
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        moved = next(a for a in screen.assignments if a.day == date(2027, 3, 26))
        assert moved.proposal.warnings
        # A plain error keeps the dialog open.
        await pilot.press("a")
        await pilot.pause()
        await _type(pilot, "2028-01-07")
        assert isinstance(app.screen, PromptDialog)
        assert "2027" in str(app.screen.query_one("#message").render())
        await _type(pilot, "8/10")  # day/month: the plan's year
        assert app.screen is screen
        # Drop one.
        _cursor_to(screen, date(2027, 11, 19))
        await pilot.press("x")
        await pilot.pause()
        assert [a.day for a in screen.assignments] == [date(2027, 3, 26), date(2027, 10, 8)]
        # Choose the host of the October meeting by hand.
        _cursor_to(screen, date(2027, 10, 8))
        await pilot.press("h")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        options = app.screen.query_one(OptionList)
        options.highlighted = 2
        chosen = options.get_option_at_index(2).id
        await pilot.press("enter")
        await pilot.pause()
        assert screen.assignments[1].host_org_id == chosen
        assert screen.assignments[0].secretary_org_id == chosen  # secretary = next host
        # Create, after a confirmation.
        await pilot.press("c")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        assert screen.assignments == []
    demo_store.close()
    with Store.open(db_path) as again:
        by_day = {m.day: m for m in again.meetings("1")}
        assert by_day[date(2027, 3, 26)].host_org_id
        assert by_day[date(2027, 10, 8)].host_org_id == chosen
        assert by_day[date(2027, 10, 8)].agenda
        assert date(2027, 11, 19) not in by_day
        host_name = again.organisation(chosen).name
    # The organiser's date list from the CLI names the created meetings' hosts.
    assert cli_main(["export", "dates", "1", "--year", "2027", "--db", str(db_path)]) == 0
    out = capsys.readouterr().out
    line = next(x for x in out.splitlines() if "2027-10-08" in x)
    assert host_name in line
    assert any("2027-03-26" in x for x in out.splitlines())
    target = db_path.parent / "plan.ics"
    assert (
        cli_main(["export", "plan", "1", "--year", "2027", "-o", str(target), "--db", str(db_path)])
        == 0
    )
    cal = Calendar.from_ical(target.read_bytes())
    days = {e.decoded("DTSTART").date() for e in cal.walk("VEVENT")}
    assert {date(2027, 3, 26), date(2027, 10, 8)} <= days


async def test_year_plan_exports_the_date_list(demo_store: Store, tmp_path: Path):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # the first: the date list as text
        await pilot.pause()
        target = tmp_path / "dates.txt"
        await _type(pilot, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert "2027-09-17" in text and "2027-01-29" in text
    assert "Ekdala kommun" in text  # the proposed host is listed


async def test_complete_an_action_item_and_filter_overdue(demo_store: Store, db_path: Path):
    from quorum.tui.screens.actions import ActionsScreen

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_open_actions()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ActionsScreen)
        assert screen.mode == "open"
        all_open = len(screen.shown)
        assert all_open == 2
        # Overdue: open and due before today (2026-11-25).
        await pilot.press("f")
        await pilot.pause()
        assert screen.mode == "overdue"
        assert screen.shown and all(r.action.due < DEMO_NOW.date() for r in screen.shown)
        assert len(screen.shown) == 1
        # Type to filter by owner.
        await pilot.press("slash")
        await pilot.press(*"maria")
        await pilot.pause()
        assert [r.owner for r in screen.shown] == ["Maria Åkesson"]
        await pilot.press("escape")  # back to the list, the filter stays
        await pilot.pause()
        assert screen.focused is screen.query_one("#actions")
        target = screen.shown[0]
        await pilot.press("d")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        await pilot.press(*"Inbjudan skickad")
        await pilot.press("enter")
        await pilot.pause()
        assert screen.shown == []  # done: no longer overdue
        await pilot.press("ctrl+q")
    demo_store.close()
    with Store.open(db_path) as again:
        meeting = again.meeting(target.meeting.id)
        action = next(a for _i, a in meeting.all_actions() if a.id == target.action.id)
        assert action.status == "done"
        assert action.done_on == DEMO_NOW.date()
        assert action.done_note == "Inbjudan skickad"


class RecordingApp(QuorumApp):
    """The real app, remembering which meetings it was asked to open (the
    meeting screen is built in another branch; this holds either way)."""

    CSS_PATH = str(Path(__file__).parents[2] / "tui" / "app.tcss")

    def __init__(self, *args, **kwargs) -> None:
        super().__init__(*args, **kwargs)
        self.opened: list[str] = []

    def open_meeting(self, meeting_id: str) -> None:
        self.opened.append(meeting_id)
        super().open_meeting(meeting_id)


async def test_enter_on_an_action_item_opens_its_meeting(demo_store: Store):
    app = RecordingApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_actions()
        await pilot.pause()
        row = app.screen.selected()
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [row.meeting.id]


async def test_search_as_you_type_and_open_a_result(demo_store: Store):
    from quorum.tui.screens.search import SearchScreen

    app = RecordingApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_open_search()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SearchScreen)
        await pilot.press(*"LOVSKOL")  # case-insensitive, as you type
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert screen.hits
        assert all("lovskol" in h.text.casefold() for h in screen.hits)
        hit = screen.hits[0]
        text = screen.query_one("#hits", OptionList).get_option_at_index(0).prompt
        marked = [text.plain[s.start : s.end] for s in text.spans if "reverse" in str(s.style)]
        assert marked and all(m.casefold() == "lovskol" for m in marked)
        assert hit.meeting_title in text.plain and hit.day.isoformat() in text.plain
        await pilot.press("down", "down")  # into the results, then the second hit
        await pilot.pause()
        second = screen.hits[1]
        await pilot.press("enter")
        await pilot.pause()
        assert app.opened == [second.meeting_id]


async def test_search_is_swedish_aware(demo_store: Store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_search()
        await pilot.pause()
        await pilot.press(*"ÅTGÄRD")
        await app.workers.wait_for_complete()
        await pilot.pause()
        assert app.screen.hits
        app.screen.query_one(Input).value = "atgard"
        await pilot.pause()
        assert app.screen.hits == []


async def test_decisions_register_search_and_export(demo_store: Store, tmp_path: Path):
    from quorum.tui.screens.decisions import DecisionsScreen

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        app.action_open_decisions()
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, DecisionsScreen)
        everything = len(screen.rows)
        await pilot.press(*"imv")
        await pilot.pause()
        assert 0 < len(screen.rows) < everything
        assert all("imv" in r.text.casefold() for r in screen.rows)
        await pilot.press("escape")  # from the search box to the list
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.press("enter")  # Markdown
        await pilot.pause()
        target = tmp_path / "beslut.md"
        await _type(pilot, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
    text = target.read_text(encoding="utf-8")
    assert text.count("IMV") == len(screen.rows)
    assert "Dagordningen godkändes" not in text  # the export follows the search


async def test_year_summary_from_the_decisions_screen(demo_store: Store, tmp_path: Path):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.action_open_decisions()
        await pilot.pause()
        await pilot.press("escape", "e")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 2  # the year summary
        await pilot.press("enter")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 1  # HTML
        await pilot.press("enter")
        await pilot.pause()
        target = tmp_path / "summary.html"
        await _type(pilot, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
    html = target.read_text(encoding="utf-8")
    assert html.startswith("<!DOCTYPE html") or "<html" in html
    assert "2026" in html


async def test_palette_lists_the_planning_screens(demo_store: Store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        for title in ("Year plan", "Action items", "Decisions register", "Search all meetings"):
            assert titles.count(title) == 1


async def test_year_plan_exports_the_plan_as_icalendar(demo_store: Store, tmp_path: Path):
    from icalendar import Calendar

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("p")
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        app.screen.query_one(OptionList).highlighted = 2  # the year plan (.ics)
        await pilot.press("enter")
        await pilot.pause()
        target = tmp_path / "plan.ics"
        await _type(pilot, str(target))
        await app.workers.wait_for_complete()
        await pilot.pause()
    cal = Calendar.from_ical(target.read_bytes())
    days = {e.decoded("DTSTART").date() for e in cal.walk("VEVENT")}
    # The year's meetings and the proposals not yet created.
    assert {date(2027, 1, 29), date(2027, 9, 17), date(2027, 11, 19)} <= days
