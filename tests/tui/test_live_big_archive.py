"""Saving with a large archive (1,000 meetings) never blocks typing: keys are
echoed into the notes while the saver thread is busy with the archive."""

from __future__ import annotations

import threading

from textual.widgets import TextArea

from quorum.store import live
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.screens.live import LiveScreen
from tests.conftest import DEMO_NOW
from tests.tui.archive import add_archive


async def test_typing_is_echoed_while_a_large_save_runs(demo_store, db_path):
    add_archive(demo_store, 1000)
    assert len(demo_store.meetings()) > 1000
    demo_store.save_meeting(live.start(demo_store.meeting("3"), DEMO_NOW))

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    app.resume_offered = True
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_live("3")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LiveScreen)
        notes = screen.query_one("#notes", TextArea)
        assert notes.has_focus

        # The saver thread starts rewriting the whole archive (a checkpoint of
        # ~30 MB) and is held inside that save until the keys are in.
        inside, release = threading.Event(), threading.Event()

        def archive_save() -> None:
            inside.set()
            release.wait(30)
            demo_store.checkpoint()

        app.save("archive", archive_save)
        assert inside.wait(10)
        await pilot.press(*"abc", "space", "å", "ä", "ö")
        await pilot.pause()
        assert notes.text == "abc åäö"
        screen.save_now()  # queued behind the running save
        assert not app.saver.idle

        release.set()
        await pilot.press(*"xyz")  # echoed while the checkpoint itself runs
        assert notes.text == "abc åäöxyz"
        screen.save_now()
        app.saver.flush()
    demo_store.close()

    with Store.open(db_path, readonly=True) as store:
        assert store.meeting("3").agenda[0].notes == "abc åäöxyz"
        assert len(store.meetings()) > 1000
