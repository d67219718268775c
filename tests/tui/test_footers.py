"""Every screen's footer shows its keys whole at 80 columns, in both languages, with
f1 (help) among them: nothing is cut at the edge or hidden under the palette key
(issue 12). What does not fit is in the help (f1) and the palette (ctrl+p)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from pathlib import Path

import pytest
from textual.widgets._footer import FooterKey

from quorum.store.i18n import set_language
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from tests.conftest import DEMO_NOW

Step = Callable[[QuorumApp], Awaitable[None] | None]


def _push(factory: Callable[[], object]) -> Step:
    def step(app: QuorumApp) -> None:
        app.push_screen(factory())  # type: ignore[arg-type]

    return step


def _screens() -> dict[str, Step]:
    from quorum.tui.screens.attendees import AttendeesScreen
    from quorum.tui.screens.export import ExportScreen
    from quorum.tui.screens.representation import RepresentationScreen

    return {
        "overview": lambda app: None,
        "meeting": lambda app: app.open_meeting("3"),
        "live": lambda app: app.open_live("3"),
        "review": lambda app: app.open_review("2"),
        "roster": lambda app: app.action_open_roster(),
        "year plan": lambda app: app.action_open_year_plan(),
        "actions": lambda app: app.action_open_actions(),
        "decisions": lambda app: app.action_open_decisions(),
        "search": lambda app: app.action_open_search(),
        "replies": lambda app: app.action_open_replies(),
        "settings": lambda app: app.open_network_settings("1"),
        "export": _push(lambda: ExportScreen("3")),
        "attendees": _push(lambda: AttendeesScreen("3")),
        "representation": _push(lambda: RepresentationScreen("1", 2026)),
    }


def footer_fits(app: QuorumApp) -> list[str]:
    keys = list(app.screen.query(FooterKey))
    palette = [k for k in keys if k.has_class("-command-palette")]
    edge = palette[0].region.x if palette else 80
    shown = [k for k in keys if not k.has_class("-command-palette")]
    assert [k.key for k in shown if k.region.right > edge] == [], [
        (k.key, k.description) for k in shown
    ]
    return [k.key for k in shown]


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("screen", list(_screens()))
async def test_the_footer_fits_80_columns(demo_store, lang: str, screen: str) -> None:  # type: ignore[no-untyped-def]
    set_language(lang)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        _screens()[screen](app)
        await pilot.pause()
        await pilot.pause()
        assert "f1" in footer_fits(app)


@pytest.mark.parametrize("lang", ["sv", "en"])
async def test_a_blank_database_shows_how_to_begin(tmp_path: Path, lang: str) -> None:
    set_language(lang)
    with Store.open(tmp_path / "q.json") as store:
        app = QuorumApp(store, clock=lambda: DEMO_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            assert footer_fits(app)[:1] == ["N"]
            guide = str(app.screen.query_one("#guide").render())
            assert "N" in guide and "--demo" in guide and "CSV" in guide
