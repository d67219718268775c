"""Read-only mode (a second quorum on the same file): a banner on every screen that
stays, and no action that would change the database runs — no form opens to be
filled in and then refused."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Static

from quorum.store.demo import build_demo
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import QuorumDialog
from quorum.tui.readonly import ReadOnlyBanner
from quorum.tui.screens.live import LiveScreen
from quorum.tui.screens.meeting import MeetingScreen
from quorum.tui.screens.network import NetworkSettingsScreen
from quorum.tui.screens.overview import OverviewScreen
from quorum.tui.screens.review import ReviewScreen
from quorum.tui.screens.roster import RosterScreen
from quorum.tui.widgets.meeting_details import MeetingDetails
from tests.conftest import DEMO_NOW, DEMO_TODAY


def _read_only_store(path: Path) -> Store:
    with Store.open(path) as writer:
        build_demo(writer, DEMO_TODAY)
    store = Store.open(path, readonly=True)
    assert store.readonly
    return store


def _banner(app: QuorumApp) -> str:
    banners = app.screen.query(ReadOnlyBanner)
    assert len(banners) == 1, app.screen
    return str(banners.first().render())


async def test_every_screen_says_it_and_nothing_opens_a_form(db_path):
    store = _read_only_store(db_path)
    before = store.snapshot()
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert "Read-only" in _banner(app)
        for key in ("n", "N", "ctrl+n", "S"):  # new meeting, new network, sync (it writes)
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, OverviewScreen), key
        await pilot.press("e")  # the network's settings open to be read, not changed
        await pilot.pause()
        assert isinstance(app.screen, NetworkSettingsScreen)
        assert "Read-only" in _banner(app)
        hint = str(app.screen.query_one("#settings-hint", Static).content)
        assert "1–6" not in hint and "f6" not in hint  # it offers nothing it refuses
        for key in ("enter", "1", "6", "f6"):  # f6: the sync server writes what it pulls
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, NetworkSettingsScreen), key
        await pilot.press("escape")
        await pilot.pause()

        app.open_meeting("3")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert "Read-only" in _banner(app)
        assert app.screen.query_one(MeetingDetails).disabled
        for key in ("a", "enter", "d", "X", "D"):  # agenda: add, edit, delete; cancel; delete
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, MeetingScreen), key
        await pilot.press("f4", "a", "g", "y")  # attendees: invite, guest, RSVP
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)

        await pilot.press("l")  # the live minutes open to be read
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        assert "Read-only" in _banner(app)
        await pilot.press("s", "d", "a")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)

        app.open_review("2")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)
        await pilot.press("enter", "a", "o")
        await pilot.pause()
        assert isinstance(app.screen, ReviewScreen)

        app.action_open_roster()
        await pilot.pause()
        assert isinstance(app.screen, RosterScreen)
        await pilot.press("n", "i")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert not isinstance(app.screen, QuorumDialog)
        assert "Read-only" in _banner(app)
    assert store.snapshot() == before
    store.close()


async def test_the_banner_stays(db_path):
    store = _read_only_store(db_path)
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.wait_for_scheduled_animations()
        await pilot.pause(delay=0.5)
        assert "Read-only" in _banner(app)
        assert not app._notifications  # said by the banner, not a toast that goes
    store.close()


async def test_a_writable_database_shows_no_banner(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert not app.screen.query(ReadOnlyBanner)
        await pilot.press("n")
        await pilot.pause()
        assert isinstance(app.screen, QuorumDialog)
