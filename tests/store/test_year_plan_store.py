"""The year plan end to end on the real Store in tmp_path: propose, rotate,
create in one batch, reopen, search and export."""

from __future__ import annotations

from pathlib import Path

from quorum.exports.datelist import date_rows
from quorum.exports.decisions import decision_rows
from quorum.store import holidays
from quorum.store.handover import carry_forward, next_meeting_handover
from quorum.store.new_meeting import create_meetings
from quorum.store.plan_dates import propose_dates
from quorum.store.rotation import assign_hosts
from quorum.store.search import SearchIndex
from quorum.store.store import Store
from tests.conftest import DEMO_TODAY


def test_plan_next_year_on_the_demo(demo_store: Store, db_path: Path) -> None:
    store = demo_store
    network = store.networks()[0]
    year = DEMO_TODAY.year + 1
    before = store.meetings(network.id)
    plan = propose_dates(network, year, before, today=DEMO_TODAY)
    assert len(plan) >= network.min_meetings - len([m for m in before if m.day.year == year])
    assert all(not holidays.is_day_off(p.day) for p in plan)
    assignments = assign_hosts(plan, network, store.organisations(), before)
    assert not {a.host_org_id for a in assignments} & set(network.rotation_opt_out)
    fields = create_meetings(assignments, network, store.organisations(), store.people(network.id))
    with store.batch():
        created = [store.add_meeting(**f) for f in fields]
    store.close()

    with Store.open(db_path) as again:
        meetings = again.meetings(network.id)
        ids = {m.id for m in created}
        reloaded = [m for m in meetings if m.id in ids]
        assert [m.day for m in reloaded] == [a.day for a in assignments]
        assert [m.host_org_id for m in reloaded] == [a.host_org_id for a in assignments]
        assert all(m.agenda for m in reloaded)
        rows = date_rows(network, meetings, again.organisations(), again.people(), year)
        assert [r.meeting_id for r in rows if r.meeting_id in ids] == [m.id for m in reloaded]

        # The hand-over after the last held meeting names the next one.
        held = [
            m for m in meetings if m.status.value in ("held", "drafted", "approved", "published")
        ]
        if held:
            h = next_meeting_handover(network, meetings, held[-1], again.people())
            nxt = h.next_meeting
            assert nxt is not None and nxt.start > held[-1].start
            assert any(i.followup for i in carry_forward(nxt.agenda, meetings, nxt.start, "sv"))

        index = SearchIndex.build(meetings)
        assert len(index) == len(meetings)
        decisions = decision_rows(network, meetings)
        if decisions:
            word = decisions[0].text.split()[0]
            assert index.search(word.upper())
