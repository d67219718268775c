"""The first screen lists the demo network's meetings, upcoming first."""

from __future__ import annotations

from textual.widgets import DataTable, OptionList

from quorum.tui.app import QuorumApp
from quorum.tui.screens.overview import OverviewScreen
from tests.conftest import DEMO_NOW
from tests.tui.waiting import until


async def test_first_screen_shows_the_demo_meetings(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
        networks = app.screen.query_one("#networks", OptionList)
        assert str(networks.get_option_at_index(0).prompt) == "Gymnasienätverket Skogsbygden"
        table = app.screen.query_one("#meetings", DataTable)
        meetings = demo_store.meetings("1")
        assert table.row_count == len(meetings)
        first = [str(c) for c in table.get_row_at(0)]
        upcoming = [m for m in meetings if m.end >= DEMO_NOW]
        assert first[0].startswith(upcoming[0].day.isoformat())
        assert "invite sent" in first[2]  # status and host before the title: never cut off


async def test_at_80_columns_a_cut_title_says_so_and_the_table_fits(demo_store):
    # "Nätverksträff v. 19" cut at the table's edge read as "… v. 1"; now the title
    # (then the host) is cut with "…" inside the table, which never scrolls sideways.
    from quorum.store.records import replace

    soonest = min((m for m in demo_store.meetings("1") if m.end >= DEMO_NOW), key=lambda m: m.start)
    long_title = "Nätverksträff om yrkesutbildningens framtid i regionen, v. 19"
    demo_store.save_meeting(replace(soonest, title=long_title))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        await until(pilot, lambda: table.row_count > 0)
        first = [str(c) for c in table.get_row_at(0)]
        assert first[4].endswith("…") and first[4].startswith("Nätverks")
        assert table.max_scroll_x == 0
    wide = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with wide.run_test(size=(140, 32)) as pilot:
        await pilot.pause()
        table = wide.screen.query_one("#meetings", DataTable)
        await until(pilot, lambda: table.row_count > 0)
        assert "…" not in str(table.get_row_at(0)[4])


async def test_store_opens_in_a_worker_and_the_screen_paints_first(db_path):
    from quorum.store.demo import build_demo
    from quorum.store.store import Store

    with Store.open(db_path) as s:
        build_demo(s)

    opened = []

    def opener():
        store = Store.open(db_path)
        opened.append(store)
        return store

    app = QuorumApp(opener=opener, db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        await until(pilot, lambda: app.store is not None)
        await pilot.pause()
        assert app.screen.query_one("#meetings", DataTable).row_count == 6
        await until(pilot, lambda: app.store.db.verified)
    for s in opened:
        s.close()


async def test_help_screen_lists_the_keys(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.press("f1")
        await pilot.pause()
        from quorum.tui.screens.help import HelpScreen

        assert isinstance(app.screen, HelpScreen)
        assert "Quit" in app.screen._text()
        await pilot.press("escape")
        assert isinstance(app.screen, OverviewScreen)
        # The key that opened it closes it too.
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)


async def test_unreadable_database_shows_what_is_wrong(db_path):
    from quorum.store.store import Store

    with Store.open(db_path) as store:
        store.maintain()  # the day's backup, as the app makes it after start
    db_path.write_bytes(b"{broken")
    opened = []

    def opener():
        opened.append(Store.open(db_path))
        return opened[-1]

    app = QuorumApp(opener=opener, db_path=db_path)
    async with app.run_test(size=(80, 24)) as pilot:
        from quorum.tui.screens.problem import DatabaseProblemScreen

        await until(pilot, lambda: isinstance(app.screen, DatabaseProblemScreen))
        assert db_path.read_bytes() == b"{broken"
        await pilot.press("r")
        await until(pilot, lambda: app.store is not None)
        assert isinstance(app.screen, OverviewScreen)
    for store in opened:
        store.close()


async def test_enter_opens_the_highlighted_meeting(demo_store):
    from quorum.tui.screens.meeting import MeetingScreen

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("down", "enter")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        upcoming = [m for m in demo_store.meetings("1") if m.end >= DEMO_NOW]
        assert app.screen.meeting_id == upcoming[1].id


async def test_help_lists_a_panes_keys_that_the_footer_hides(demo_store):
    """The attendees pane shows a few keys in the footer; help lists all of them."""
    from quorum.tui.screens.help import HelpScreen

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_meeting("3")
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        text = app.screen._text()
        assert "Tentative" in text or "tentative" in text.lower()
        assert "Scroll Left" not in text
