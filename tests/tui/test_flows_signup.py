"""Open sign-up in the app (issue 12, 5c): two campuses under one coordinating network
on the overview; on a meeting's attendees, registration opens until a day and people
of either campus or a guest register; after the deadline only when the user says so."""

from __future__ import annotations

from datetime import timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from textual.widgets import Input, OptionList, Select

from quorum.store.records import Rsvp
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog
from quorum.tui.screens.meeting import MeetingScreen
from quorum.tui.screens.network import NetworkSettingsScreen
from quorum.tui.widgets.attendees import AttendeesPane
from quorum.tui.widgets.network_forms import GeneralForm
from quorum.tui.widgets.roster_forms import GuestForm
from tests.conftest import DEMO_NOW
from tests.store.signup_fixtures import build_campuses

ZONE = ZoneInfo("Europe/Stockholm")


def _campuses(path: Path) -> Store:
    store = Store.open(path)
    build_campuses(store, DEMO_NOW.date() + timedelta(days=20))
    return store


async def test_the_overview_shows_the_campuses_under_the_coordinating_network(db_path):
    store = _campuses(db_path)
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        options = app.screen.query_one("#networks", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert shown == [
            "Helt annat nätverk",
            "RUN gymnasiesamverkan",
            "  ↳ Nätverk Västra",
            "  ↳ Nätverk Östra",
        ]
    store.close()


async def test_a_network_becomes_a_sub_network_in_its_settings(demo_store):
    coordinating = demo_store.add_network(name="Samordnande")
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_network_settings("1")
        await pilot.pause()
        settings = app.screen
        assert isinstance(settings, NetworkSettingsScreen)
        await pilot.press("1")  # the general section
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GeneralForm)
        form.query_one("#f-parent_id", Select).value = coordinating.id
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is settings
        app.saver.flush()
        assert demo_store.network("1").parent_id == coordinating.id
        assert "Samordnande" in str(settings.query_one("#sections").get_option_at_index(0).prompt)
        # A coordinating network cannot itself become a sub-network: said beside the field.
        app.open_network_settings(coordinating.id)
        await pilot.pause()
        await pilot.press("1")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GeneralForm)
        options = [v for _, v in form.query_one("#f-parent_id", Select)._options]
        assert "1" not in options  # a sub-network coordinates none: one level deep
    assert demo_store.network(coordinating.id).parent_id is None


async def test_open_registration_and_register_from_both_campuses(db_path):
    store = _campuses(db_path)
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.open_meeting("1")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        await pilot.press("f4")
        await pilot.pause()
        pane = app.screen.query_one(AttendeesPane)
        assert pane.check_action("register", ()) is None  # not open yet: greyed
        await pilot.press("S")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        until = (DEMO_NOW.date() + timedelta(days=10)).isoformat()
        app.screen.query_one(Input).value = until
        await pilot.press("enter")
        await pilot.pause()
        for name in ("Catarina", "Gertrud"):  # the other campus, then this one
            await pilot.press("r")
            await pilot.pause()
            assert isinstance(app.screen, ChoiceDialog)
            for key in name.lower():
                await pilot.press(key)
            await pilot.press("enter")
            await pilot.pause()
        await pilot.press("r")
        await pilot.pause()
        await pilot.press("enter")  # the first choice: a guest
        await pilot.pause()
        form = app.screen
        assert isinstance(form, GuestForm)
        form.query_one("#f-name", Input).value = "Stina Skola"
        form.query_one("#f-email", Input).value = "stina@skolan.example.se"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "3 registered" in str(pane.query_one("#att-counts").render())
        app.saver.flush()
    meeting = store.meeting("1")
    assert meeting.signup_until is not None and meeting.signup_until.isoformat() == until
    assert [a.rsvp for a in meeting.attendance] == [Rsvp.ACCEPTED] * 3
    store.close()


async def test_after_the_deadline_the_app_asks(db_path):
    store = _campuses(db_path)
    store.update_meeting("1", signup_until=DEMO_NOW.date() - timedelta(days=1))
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.open_meeting("1")
        await pilot.pause()
        await pilot.press("f4", "r")
        await pilot.pause()
        for key in "gertrud":
            await pilot.press(key)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "closed" in app.screen.question
        await pilot.press("n")
        await pilot.pause()
        app.saver.flush()
        assert store.meeting("1").attendance == ()
    store.close()
