"""Snapshots of what a fault shows at 80x24: the problem screen with its restore hint,
the banner a refused save leaves on every screen, and the question before quitting
with unsaved changes. Paths are relative (the test runs in its own folder) so the
pictures do not change from run to run."""

from __future__ import annotations

from pathlib import Path

import pytest

from quorum.store.demo import build_demo
from quorum.store.errors import WriteFailed, os_reason
from quorum.store.i18n import set_language, t
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW, DEMO_TODAY

SIZE = (80, 24)


def full_disk(path: str) -> WriteFailed:
    import errno

    return WriteFailed.of(OSError(errno.ENOSPC, "No space left on device"), path)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_problem_screen_for_a_damaged_journal(snap_compare, tmp_path, monkeypatch, lang):
    monkeypatch.chdir(tmp_path)
    set_language(lang)
    path = Path("quorum.json")
    store = Store.open(path)
    build_demo(store, DEMO_TODAY)
    store.close()
    store = Store.open(path)
    store.add_organisation(name="Ny kommun")
    store.db.lock.release()  # a crash: the journal stays
    store.db.tinydb = None
    raw = bytearray(Path("quorum.json.journal").read_bytes())
    raw[-20] ^= 4  # a flipped bit in the last complete line
    Path("quorum.json.journal").write_bytes(bytes(raw))
    app = QuorumApp(opener=lambda: Store.open(path), db_path=path)

    async def run_before(pilot) -> None:
        from tests.faults.test_app_faults import opening

        await opening(pilot)

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_banner_of_a_save_the_disk_refused(snap_compare, demo_store, lang):
    set_language(lang)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    app.resume_offered = True

    async def run_before(pilot) -> None:
        await pilot.pause()
        failed = full_disk("quorum.json.journal")
        pilot.app._show_save_problem(t("save.failing", detail=failed.sentence()))
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_quitting_with_unsaved_changes(snap_compare, demo_store):
    from quorum.tui.dialogs import ConfirmDialog

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    app.resume_offered = True

    async def run_before(pilot) -> None:
        await pilot.pause()
        question = t("save.quit_unsaved", detail=full_disk("quorum.json.journal").sentence())
        dialog = ConfirmDialog(
            question, t("save.quit_anyway"), danger=True, no=t("save.keep_trying")
        )
        await pilot.app.push_screen(dialog)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=run_before)


def test_os_reason_is_in_the_users_language():
    import errno

    set_language("sv")
    assert os_reason(OSError(errno.EROFS, "x")).text() == "filsystemet är skrivskyddat"
