"""The year plan's defects of issue 12: a date moved by hand survives a trip to another
year; choosing a host swaps, and uneven hosting is warned of."""

from __future__ import annotations

from datetime import date

from textual.widgets import DataTable, Input, Static

from quorum.store.plan_dates import propose_dates
from quorum.store.rotation import assign_hosts, set_host, uneven_hosting
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import PromptDialog
from quorum.tui.screens.year_plan import YearPlanScreen
from tests.conftest import DEMO_NOW
from tests.store.plan_fixtures import ORGS, network


async def _year_plan(app: QuorumApp, pilot) -> YearPlanScreen:
    await pilot.pause()
    await pilot.press("p")
    await pilot.pause()
    assert isinstance(app.screen, YearPlanScreen)
    return app.screen


async def test_a_moved_date_survives_switching_year_and_back(demo_store: Store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await _year_plan(app, pilot)
        first = screen.assignments[0].day
        table = screen.query_one("#plan", DataTable)
        table.move_cursor(row=[r.day for r in screen._rows].index(first))
        await pilot.press("m")
        await pilot.pause()
        assert isinstance(app.screen, PromptDialog)
        app.screen.query_one(Input).value = "2027-10-01"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is screen
        days = [a.day for a in screen.assignments]
        assert date(2027, 10, 1) in days and first not in days
        await pilot.press("right_square_bracket")  # 2028
        await pilot.pause()
        assert screen.year == 2028
        await pilot.press("left_square_bracket")  # back to 2027
        await pilot.pause()
        assert screen.year == 2027
        assert [a.day for a in screen.assignments] == days


def test_choosing_a_host_swaps_so_nobody_hosts_twice_and_nobody_never() -> None:
    net = network(member_org_ids=("o1", "o2", "o3", "o4"))
    plan = assign_hosts(propose_dates(net, 2026, []), net, ORGS, [])
    hosts = [a.host_org_id for a in plan]
    assert sorted(hosts) == ["o1", "o2", "o3", "o4"]  # four dates, four members
    last = hosts[-1]
    changed = set_host(plan, 0, last, ORGS)
    after = [a.host_org_id for a in changed]
    assert after[0] == last and after[-1] == hosts[0]  # swapped, not doubled
    assert sorted(after) == sorted(hosts)
    # The secretaries follow the new hosts: the host of the next meeting.
    assert changed[-2].secretary_org_id == hosts[0]
    assert uneven_hosting(changed, net, ORGS) is None


def test_two_hand_choices_of_one_host_are_warned_of() -> None:
    net = network(member_org_ids=("o1", "o2", "o3", "o4"))
    plan = assign_hosts(propose_dates(net, 2026, []), net, ORGS, [])
    chosen = plan[0].host_org_id
    assert chosen is not None
    twice = set_host(set_host(plan, 0, chosen, ORGS), 1, chosen, ORGS)
    warning = uneven_hosting(twice, net, ORGS)
    assert warning is not None
    assert "twice" in warning.text("en")


async def test_the_year_plan_says_when_hosting_is_uneven(demo_store: Store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await _year_plan(app, pilot)
        assert len(screen.assignments) >= 2
        host = screen.assignments[0].host_org_id
        assert host is not None
        for a in screen.assignments:
            screen.host_overrides[a.day] = host
        screen._assign()
        await pilot.pause()
        detail = str(screen.query_one("#detail", Static).render())
        assert "Uneven hosting" in detail


async def test_the_roster_and_dates_go_to_the_organiser_as_a_draft(demo_store: Store, tmp_path):
    """Issue 12, 5a: from the year plan, the members and the year's dates to the
    organising body; the address typed is remembered."""
    from email import message_from_bytes
    from email.policy import default

    from quorum.tui.dialogs import ChoiceDialog

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await _year_plan(app, pilot)
        await pilot.press("o")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptDialog)
        prompt.query_one(Input).value = "inte en adress"
        await pilot.press("enter")
        await pilot.pause()
        assert app.screen is prompt and "e-mail address" in prompt.message
        prompt.query_one(Input).value = "kansli@example.se"
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)  # no SMTP: the draft only
        await pilot.press("enter")
        await pilot.pause()
        target = tmp_path / "medlemmar.eml"
        app.screen.query_one(Input).value = str(target)
        await pilot.press("enter")
        await app.workers.wait_for_complete()
        await pilot.pause()
        app.saver.flush()
        assert app.screen is screen
    msg = message_from_bytes(target.read_bytes(), policy=default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["kansli@example.se"]
    assert str(screen.year) in msg["Subject"]
    assert len(list(msg.iter_attachments())) == 2
    assert demo_store.network("1").organiser_email == "kansli@example.se"
