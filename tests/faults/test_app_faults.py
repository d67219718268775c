"""The app under faults: any error while opening ends on the problem screen with its
sentence and the restore choice (never on "Loading …"); a save the disk refuses
stays in memory behind a banner until it lands; a read-only second instance or a
read-only folder says so instead of crashing."""

from __future__ import annotations

import errno
import os
import shutil
from pathlib import Path

import orjson
import pytest
from textual.widgets import DataTable, Static, TextArea

from quorum.store.db import WriterLock, lock_path
from quorum.store.errors import DatabaseUnreadable
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.cli import _open_for_app
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog
from quorum.tui.screens.live import LiveScreen
from quorum.tui.screens.overview import OverviewScreen
from quorum.tui.screens.problem import DatabaseProblemScreen
from quorum.tui.screens.roster import RosterScreen
from quorum.tui.widgets.save_banner import SaveBanner
from tests.conftest import DEMO_NOW
from tests.faults.conftest import Db, ReadOnlyFolder
from tests.faults.test_damaged_files import journal_flip
from tests.faults.test_write_failures import InjectedDisk


def app_on(path: Path) -> tuple[QuorumApp, list[Store]]:
    opened: list[Store] = []

    def opener() -> Store:
        store = _open_for_app(path)  # what `quorum --db PATH` opens with
        opened.append(store)
        return store

    app = QuorumApp(opener=opener, db_path=path, clock=lambda: DEMO_NOW)
    app.resume_offered = True
    return app, opened


def screen_text(app: QuorumApp) -> str:
    return "\n".join(str(w.render()) for w in app.screen.query(Static))


async def test_a_damaged_journal_ends_on_the_problem_screen_and_restore_keeps_the_rest(db: Db):
    journal_flip(4, 30)(db)
    before = db.files()
    app, opened = app_on(db.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opening(pilot)
        assert isinstance(app.screen, DatabaseProblemScreen)
        text = screen_text(app)
        assert "line 4 does not match its checksum" in text
        assert "Press r to keep the database with the changes saved before" in text
        assert db.files() == before
        await pilot.press("r")
        await _until(pilot, lambda: app.store is not None)
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        assert app.screen.query_one("#meetings", DataTable).row_count == 6
    for store in opened:
        store.close()


@pytest.mark.parametrize(
    ("error", "said"),
    [
        (MemoryError(), "quorum ran out of memory. What was saved before is kept."),
        (RuntimeError("a bug"), "quorum stopped on an unexpected error (RuntimeError: a bug)."),
    ],
)
async def test_any_error_while_opening_ends_on_the_problem_screen(
    tmp_path: Path, error: Exception, said: str
):
    def opener() -> Store:
        raise error

    app = QuorumApp(opener=opener, db_path=tmp_path / "quorum.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await opening(pilot)
        assert isinstance(app.screen, DatabaseProblemScreen)
        assert said in screen_text(app)
        assert not app.screen.check_action("restore", ())  # nothing to restore


async def test_a_record_a_hand_edit_broke_is_named_on_the_problem_screen(db: Db):
    with Store.open(db.path):
        pass  # fold the template's journal so the edit below is the file's
    data = orjson.loads(db.path.read_bytes())
    data["people"]["9"]["email"] = 46701234567
    db.path.write_bytes(orjson.dumps(data))  # no index describes it: read whole at open
    app, opened = app_on(db.path)
    async with app.run_test(size=(80, 24)) as pilot:
        await _until(pilot, lambda: isinstance(app.screen, DatabaseProblemScreen))
        # The screen is pushed before it is painted; on a loaded machine, wait for its text.
        await _until(pilot, lambda: "person 9" in screen_text(app))
        assert "person 9, field email: must be text" in screen_text(app)
        assert "Press r to restore the newest backup" in screen_text(app)
        # Refused by the open itself, or closed after: either way the lock is free for restore.
        assert all(store.db.tinydb is None for store in opened)
        lock = WriterLock(lock_path(db.path))
        lock.acquire(db.path)
        lock.release()


async def test_a_full_disk_while_typing_keeps_the_text_behind_a_banner_until_it_saves(
    db: Db, monkeypatch: pytest.MonkeyPatch
):
    disk = InjectedDisk(db.folder)
    monkeypatch.setattr(os, "write", disk.write)
    monkeypatch.setattr(os, "ftruncate", disk.ftruncate)
    app, opened = app_on(db.path)
    app.saver._retry_s = 0.05  # the test need not wait the user's few seconds
    async with app.run_test(size=(100, 32)) as pilot:
        await opening(pilot)
        assert not db.journal.exists()  # the crash's journal was folded at open
        disk.room = 0  # the disk is full from here
        app.open_live("3")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        await pilot.press("s")  # start (today is not its planned day: asked, and started)
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        app.screen.dismiss("anyway")
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)  # the notes editor takes the keys
        await pilot.press(*"Budget")
        app.screen.save_now()
        await _until(pilot, lambda: app.save_problem is not None)
        banner = app.screen.query_one(SaveBanner)
        assert "Not saved:" in str(banner.render()) and "the disk is full" in str(banner.render())
        assert not db.journal.exists()  # nothing torn left behind
        await pilot.press(*"ram")  # typing goes on; the text stays in the editor
        assert "Budgetram" in app.screen.query_one(TextArea).text
        app.screen.save_now()
        disk.room = None  # room again
        await _until(pilot, lambda: app.save_problem is None)
        await pilot.pause()
        assert not app.screen.query(SaveBanner)
        await pilot.press("ctrl+q")
    for store in opened:
        store.close()
    with Store.open(db.path, readonly=True) as store:
        assert store.meeting("3").agenda[0].notes == "Budgetram"


async def test_quitting_with_unsaved_changes_asks_first(db: Db, monkeypatch: pytest.MonkeyPatch):
    disk = InjectedDisk(db.folder)
    monkeypatch.setattr(os, "write", disk.write)
    app, opened = app_on(db.path)
    async with app.run_test(size=(100, 32)) as pilot:
        await opening(pilot)
        disk.room, disk.errno = 0, errno.EIO
        store = opened[0]
        app.save("org", lambda: store.add_organisation(name="Osparad"))
        await _until(pilot, lambda: app.save_problem is not None)
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        assert "Not every change is saved" in screen_text(app)
        await pilot.press("n")  # keep trying
        await pilot.pause()
        assert app.is_running
        disk.room = None
        app.saver.retry_now()
        await _until(pilot, lambda: app.save_problem is None)
        await pilot.press("ctrl+q")
    for store in opened:
        store.close()
    with Store.open(db.path, readonly=True) as store:
        assert "Osparad" in {o.name for o in store.organisations()}


async def test_a_read_only_second_instance_says_so_instead_of_crashing(db: Db):
    holder = Store.open(db.path)  # the first quorum
    app, opened = app_on(db.path)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await opening(pilot)
            assert opened[0].readonly
            app.action_open_roster()
            await pilot.pause()
            assert isinstance(app.screen, RosterScreen)
            app.screen.action_toggle_active()  # a save on the UI thread
            await pilot.pause()
            assert app.is_running
            assert any("read-only" in n.message for n in app._notifications)
    finally:
        holder.close()


async def test_a_read_only_folder_opens_for_reading_and_says_why(
    db: Db, read_only_folder: ReadOnlyFolder
):
    for path in db.folder.iterdir():
        shutil.copy2(path, read_only_folder.folder / path.name)
    path = read_only_folder.folder / db.path.name
    read_only_folder.make_read_only()
    app, opened = app_on(path)
    async with app.run_test(size=(80, 24)) as pilot:
        await opening(pilot)
        assert isinstance(app.screen, OverviewScreen)
        assert opened[0].readonly
        banner = str(app.screen.query_one(SaveBanner).render())
        assert banner.startswith("Reading only: ") and "cannot be written" in banner
        with pytest.raises(Exception) as refused:
            opened[0].add_organisation(name="X")
        assert "cannot be written" in str(refused.value)
    for store in opened:
        store.close()


async def opening(pilot) -> None:
    """Until the database is open or the problem screen shows (the open is a worker
    started after the first frame)."""
    app = pilot.app
    await _until(
        pilot, lambda: app.store is not None or isinstance(app.screen, DatabaseProblemScreen)
    )
    await pilot.pause()


async def _until(pilot, condition, timeout: float = 10.0) -> None:
    """Let the app run until ``condition`` holds (a save on the saver thread)."""
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, "timed out"
        await pilot.pause(0.02)


def test_unreadable_error_has_its_remedy():
    # (The problem screen offers r only where restore can do something.)
    assert DatabaseUnreadable("error.db_newer").remedy == ""
