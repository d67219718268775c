"""The first frame: the overview from the sidecar before the database is open, keys
pressed meanwhile kept, and the archive's rows once it is (the archive wins)."""

from __future__ import annotations

import threading

import pytest
from textual.widgets import DataTable

from quorum.store import sidecar
from quorum.store.demo import build_demo
from quorum.store.i18n import t
from quorum.store.records import replace
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.screens.overview import OverviewScreen
from quorum.tui.widgets.first_frame import FirstRows
from tests.conftest import DEMO_NOW, DEMO_TODAY
from tests.tui.waiting import until


def _demo(db_path):
    with Store.open(db_path) as store:
        build_demo(store, DEMO_TODAY)


def _screen_text(app) -> list[str]:
    return [strip.text for strip in app.screen._compositor.render_strips()]


class HeldOpener:
    """Opens the store only when released: the first frame is all there is until then."""

    def __init__(self, path) -> None:
        self.path = path
        self.release = threading.Event()
        self.opened: list[Store] = []

    def __call__(self) -> Store:
        self.release.wait(30)
        self.opened.append(Store.open(self.path))
        return self.opened[-1]

    def close(self) -> None:
        for store in self.opened:
            store.close()


async def test_rows_from_the_sidecar_then_the_same_rows_from_the_store(db_path):
    from quorum.tui.screens.meeting import MeetingScreen

    _demo(db_path)
    preview = sidecar.read(db_path)
    assert preview is not None
    opener = HeldOpener(db_path)
    app = QuorumApp(opener=opener, db_path=db_path, preview=preview, clock=lambda: DEMO_NOW)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await until(pilot, lambda: app.screen.query(DataTable))  # the real widgets
            await pilot.pause()
            assert app.store is None
            first_text = _screen_text(app)
            assert any("Gymnasienätverket Skogsbygden" in line for line in first_text)
            table = app.screen.query_one("#meetings", DataTable)
            assert table.row_count == len(preview.meetings) == 6
            # Keys before the store is open: down, then enter (opens once it is).
            await pilot.press("down", "enter")
            await pilot.pause()
            assert isinstance(app.screen, OverviewScreen)
            opener.release.set()
            await until(pilot, lambda: isinstance(app.screen, MeetingScreen))
            await pilot.pause()
            upcoming = [m for m in opener.opened[0].meetings("1") if m.end >= DEMO_NOW]
            assert app.screen.meeting_id == upcoming[1].id
    finally:
        opener.release.set()
        opener.close()


async def test_the_stand_in_table_draws_what_the_data_table_does(db_path):
    """The first frame's table and the DataTable that replaces it, given the same rows
    and widths, show the same text, line for line, and colour the same rows."""
    from textual.app import App, ComposeResult

    from quorum.tui.overview_listing import COLUMNS, RowCells, column_widths, split_upcoming

    _demo(db_path)
    frame = sidecar.read(db_path)
    upcoming, past = split_upcoming(frame.meetings, DEMO_NOW)
    rows = upcoming + past
    cells = RowCells(frame.organisations)
    widths = column_widths(rows, cells)
    labels = [t(key) for key in COLUMNS]

    class StandIn(App[None]):
        def compose(self) -> ComposeResult:
            yield FirstRows(labels, widths, len(rows), lambda i: cells.plain(rows[i]))

    class Real(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row", zebra_stripes=True)

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            for label, width in zip(labels, widths, strict=True):
                table.add_column(label, width=width)
            for m in rows:
                table.add_row(*cells(m))

    seen = []
    for app in (StandIn(), Real()):
        async with app.run_test(size=(100, 10)) as pilot:
            app.screen.focus_next()
            await pilot.pause()
            strips = app.screen._compositor.render_strips()
            seen.append(
                [
                    (strip.text, [seg.style.bgcolor for seg in strip if seg.text.strip()][:1])
                    for strip in strips
                ]
            )
    assert seen[0] == seen[1]


async def test_a_stale_sidecar_shows_first_and_the_archive_wins(db_path):
    _demo(db_path)
    old = sidecar.read(db_path)  # the rows as last shown
    with Store.open(db_path) as store:
        meeting = store.meetings("1")[-1]
        store.save_meeting(replace(meeting, title="Omdöpt efter sidovagnen"))
    opener = HeldOpener(db_path)
    opener.release.set()
    app = QuorumApp(opener=opener, db_path=db_path, preview=old, clock=lambda: DEMO_NOW)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await until(pilot, lambda: app.store is not None)
            await until(pilot, lambda: app.screen.query(DataTable))
            await pilot.pause()
            text = "\n".join(_screen_text(app))
            assert "Omdöpt efter sidovagnen" in text
    finally:
        opener.close()


async def test_no_sidecar_says_loading_then_shows_the_rows(db_path):
    _demo(db_path)
    sidecar.remove(db_path)
    opener = HeldOpener(db_path)
    app = QuorumApp(opener=opener, db_path=db_path, clock=lambda: DEMO_NOW)
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            await pilot.pause()
            assert any("Loading" in line for line in _screen_text(app))
            opener.release.set()
            await until(pilot, lambda: app.store is not None)
            await until(pilot, lambda: app.screen.query(DataTable))
            await pilot.pause()
            assert app.screen.query_one("#meetings", DataTable).row_count == 6
    finally:
        opener.close()


@pytest.mark.parametrize("with_sidecar", [False, True])
async def test_a_blank_database_shows_the_guide_not_an_empty_table(tmp_path, with_sidecar):
    """With or without a sidecar, a blank database ends on the guide (the real table,
    put in after the first frame, follows the screen's rules and stays hidden)."""
    path = tmp_path / "blank.json"
    if with_sidecar:
        Store.open(path).close()
        assert sidecar.read(path) is not None
    opener = HeldOpener(path)
    opener.release.set()
    app = QuorumApp(opener=opener, db_path=path, preview=sidecar.read(path), clock=lambda: DEMO_NOW)
    try:
        async with app.run_test(size=(80, 24)) as pilot:
            await until(pilot, lambda: app.store is not None)
            await until(pilot, lambda: app.screen.query(DataTable))
            await pilot.pause()
            text = "\n".join(_screen_text(app))
            assert "│ " + t("col.date") not in text, text  # no column headings
            assert "3." in text, text  # the whole guide
            assert not app.screen.query_one("#meetings", DataTable).display
    finally:
        opener.close()
