"""The sync in the app: connect and sync from the dialog (a worker, with progress), and a
conflict shown side by side and chosen — against a real Radicale."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList, Static

from quorum.store.records import replace
from quorum.store.store import Store
from quorum.store.sync_state import conflicts
from quorum.tui.app import QuorumApp
from quorum.tui.screens.sync import ConflictDialog, SyncScreen
from quorum.tui.sync_wiring import join, run_sync
from tests.sync.servers import Server
from tests.sync.world import add_members, coordinator_store, plan_meeting, view


async def test_connect_sync_and_choose_in_a_conflict(radicale: Server, tmp_path: Path) -> None:
    coordinator, cid = coordinator_store(tmp_path / "coordinator.json")
    add_members(coordinator, cid)
    uid = plan_meeting(coordinator, cid)
    app = QuorumApp(coordinator)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, SyncScreen)
        screen.query_one("#f-url", Input).value = radicale.url
        screen.query_one("#f-user", Input).value = "natverket"
        await pilot.press("ctrl+s")
        await pilot.pause()
        # Typing goes on while the worker syncs.
        screen.query_one("#f-user", Input).focus()
        await pilot.press("end")
        await app.workers.wait_for_complete()
        await pilot.pause()
        status = str(screen.query_one("#sync-status", Static).content)
        assert "Synced" in status, status
        assert "quorum-gymnasienatverket-skaraborg" in str(
            screen.query_one("#sync-links", Static).content
        )

        host = Store.open(tmp_path / "host.json")
        hid = join(host, radicale.url, "natverket", "x", None, None)[0].id
        meeting = next(m for m in host.meetings(hid) if m.uid == uid)
        host.save_meeting(meeting.with_item(replace(meeting.item("a2"), title="Från värden")))
        run_sync(host, hid, "x")
        meeting = next(m for m in coordinator.meetings(cid) if m.uid == uid)
        coordinator.save_meeting(
            meeting.with_item(replace(meeting.item("a2"), title="Från samordnaren"))
        )
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        options = screen.query_one("#sync-conflicts", OptionList)
        assert options.option_count == 1
        options.focus()
        options.highlighted = 0
        await pilot.press("enter")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConflictDialog)
        shown = " ".join(str(s.content) for s in dialog.query(Static))
        assert "Från samordnaren" in shown and "Från värden" in shown
        await pilot.press("t")
        await pilot.pause()
        assert conflicts(coordinator, cid) == []
        assert (
            next(m for m in coordinator.meetings(cid) if m.uid == uid).item("a2").title
            == "Från värden"
        )
        await pilot.press("f5")
        await app.workers.wait_for_complete()
        await pilot.pause()
        run_sync(host, hid, "x")
        assert view(host, hid) == view(coordinator, cid)
        host.close()
