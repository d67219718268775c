"""Snapshots of a network's settings (issue 12) at 80x24: the first-run guide on a blank
database, the new-network form, the settings screen and two of its forms, and the
question a changed form asks before Esc throws it away."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input, TextArea

from quorum.store.i18n import set_language
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW

SIZE = (80, 24)


def make_app(store: Store) -> QuorumApp:
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    app.resume_offered = True
    return app


def pressing(*keys: str):  # type: ignore[no-untyped-def]
    async def run_before(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.pause()
        for key in keys:
            await pilot.press(key)
            await pilot.pause()
            for field in pilot.app.screen.query(Input):
                field.cursor_blink = False
            for area in pilot.app.screen.query(TextArea):
                area.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_first_run_guide(snap_compare, tmp_path: Path, lang: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    with Store.open(tmp_path / "blank.json") as store:
        assert snap_compare(make_app(store), terminal_size=SIZE, run_before=pressing())


def test_new_network_form(snap_compare, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    set_language("sv")
    with Store.open(tmp_path / "blank.json") as store:
        assert snap_compare(make_app(store), terminal_size=SIZE, run_before=pressing("N"))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_settings_screen(snap_compare, demo_store, lang: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=pressing("e"))


def test_breaks_form(snap_compare, demo_store) -> None:  # type: ignore[no-untyped-def]
    set_language("sv")
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=pressing("e", "5"))


def test_members_form(snap_compare, demo_store) -> None:  # type: ignore[no-untyped-def]
    set_language("sv")
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=pressing("e", "3"))


def test_a_changed_form_asks_before_escape(snap_compare, demo_store) -> None:  # type: ignore[no-untyped-def]
    set_language("sv")
    keys = ("e", "6", *"smtp.example.se", "escape")
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=pressing(*keys))


@pytest.mark.parametrize("lang", ["sv", "en"])
def test_sync_dialog(snap_compare, demo_store, lang: str) -> None:  # type: ignore[no-untyped-def]
    # f6 on the settings: the server form before anything runs (no progress bar yet).
    set_language(lang)
    assert snap_compare(make_app(demo_store), terminal_size=SIZE, run_before=pressing("e", "f6"))
