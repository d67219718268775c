"""In the app: the last approval freezes the minutes; the export screen writes the
archive PDF and the public version. The demo on a fixed day, real files."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import Input, OptionList

from quorum.exports.export_kinds import KINDS, kind
from quorum.store.records import Formality, MeetingStatus, replace
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog
from quorum.tui.screens.export import ExportScreen
from quorum.tui.screens.review import ReviewScreen
from tests.conftest import DEMO_NOW
from tests.exports.pdf_checks import assert_archival, pdf_text


async def _write(app: QuorumApp, pilot, key: str, path: Path) -> None:
    app.push_screen(ExportScreen("2"))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    screen.query_one("#kinds", OptionList).highlighted = KINDS.index(kind(key))
    await pilot.pause()
    screen.query_one("#filename", Input).value = str(path)
    await pilot.press("ctrl+s")
    await pilot.pause()
    if isinstance(app.screen, ConfirmDialog):  # the personal data: keep it in this copy
        await pilot.click("#no")
    await app.workers.wait_for_complete()
    await pilot.pause()
    await pilot.press("escape")
    await pilot.pause()


async def test_approving_freezes_a_version_that_the_archive_pdf_carries(demo_store, tmp_path):
    meeting = demo_store.meeting("2")
    members = [p.id for p in demo_store.people(meeting.network_id)][:2]
    demo_store.save_meeting(
        replace(
            meeting,
            formality=Formality.FORMAL,
            adjuster_ids=tuple(members),
            status=MeetingStatus.DRAFTED,
        )
    )
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    archive, public = tmp_path / "protokoll.pdf", tmp_path / "offentlig.pdf"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.push_screen(ReviewScreen("2"))
        await pilot.pause()
        review = app.screen
        assert isinstance(review, ReviewScreen)
        for _ in members:  # each adjuster in turn is proposed
            await pilot.press("a")
            await pilot.pause()
            await pilot.press("enter", "enter")
            await pilot.pause()
        assert review.meeting is not None and review.meeting.status is MeetingStatus.APPROVED
        assert app.saver.flush()
        [version] = demo_store.versions("2")
        assert any(
            f"version 1 (SHA-256 {version.short_hash}" in n.message for n in app._notifications
        )
        assert version.short_hash in str(review.query_one("#status").render())
        assert demo_store.meeting("2").paragraph_first == 1
        await pilot.press("escape")
        await pilot.pause()
        await _write(app, pilot, "minutes_pdf", archive)
        await _write(app, pilot, "minutes_public_pdf", public)
    text = pdf_text(archive.read_bytes())
    assert_archival(archive.read_bytes(), "sv")
    assert f"SHA-256 {version.sha256}" in text and "§ 1 " in text and "Justeras" in text
    public_text = pdf_text(public.read_bytes())
    assert "OFFENTLIG VERSION" in public_text
    for person in demo_store.people():
        assert person.email not in public_text
    demo_store.close()
