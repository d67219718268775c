"""Host rotation and secretaries over a year plan."""

from __future__ import annotations

import itertools
from datetime import date

import pytest

from quorum.store.errors import ValidationError
from quorum.store.plan_dates import propose_dates
from quorum.store.records import Meeting, MeetingStatus, Organisation
from quorum.store.rotation import assign_hosts, rotation_order, set_host, set_secretary
from tests.store.plan_fixtures import ORGS, meeting, network


def test_first_rotation_never_hosted_first_by_name() -> None:
    net = network()
    plan = propose_dates(net, 2026, [])
    a = assign_hosts(plan, net, ORGS, [])
    names = {o.id: o.name for o in ORGS}
    assert [names[x.host_org_id] for x in a] == ["Falköping", "Lidköping", "Mariestad", "Skara"]
    assert a[0].explanation_text("sv") == "Falköping: har inte varit värd"
    # Secretary = host of the following meeting; the last one's = next in rotation.
    for x, y in itertools.pairwise(a):
        assert x.secretary_org_id == y.host_org_id
    assert a[-1].secretary_org_id == "o1"  # Skövde, the one left


def test_least_recent_host_goes_first_with_explanation() -> None:
    net = network()
    past = [
        meeting("1", date(2025, 3, 14), "o1"),  # Skövde
        meeting("2", date(2025, 5, 9), "o2"),
        meeting("3", date(2025, 9, 12), "o3"),
        meeting("4", date(2025, 11, 14), "o4"),
        meeting("5", date(2024, 11, 15), "o5"),
        meeting("6", date(2025, 12, 5), "o5", status=MeetingStatus.CANCELLED),
    ]
    order = rotation_order(net, ORGS, past)
    assert [o for o, _ in order] == ["o5", "o1", "o2", "o3", "o4"]
    a = assign_hosts(propose_dates(net, 2026, []), net, ORGS, past)
    assert [x.host_org_id for x in a] == ["o5", "o1", "o2", "o3"]
    assert a[1].explanation_text("sv") == "Skövde: värd senast 2025-03-14"
    assert a[1].explanation_text("en") == "Skövde: last hosted 2025-03-14"


def test_fair_rotation_over_several_years_with_opt_out() -> None:
    net = network(
        min_meetings=4,
        rotation_opt_out=("o3",),
        member_org_ids=("o1", "o2", "o3", "o4", "o5", "o6"),
    )
    orgs = [*ORGS, Organisation("o6", "Tidaholm")]
    held: list[Meeting] = []
    hosts: list[str] = []
    for year in range(2026, 2031):
        plan = propose_dates(net, year, held)
        for a in assign_hosts(plan, net, orgs, held):
            assert a.host_org_id is not None
            hosts.append(a.host_org_id)
            held.append(meeting(str(len(held) + 1), a.day, a.host_org_id))
    eligible = {"o1", "o2", "o4", "o5", "o6"}
    assert "o3" not in hosts
    assert len(hosts) == 20
    # Every member hosts before anyone hosts twice, in every round.
    for start in range(0, len(hosts) - len(eligible) + 1):
        assert set(hosts[start : start + len(eligible)]) == eligible


def test_editing_hosts_and_secretaries() -> None:
    net = network()
    a = assign_hosts(propose_dates(net, 2026, []), net, ORGS, [])
    b = set_host(a, 2, "o1", ORGS)
    assert b[2].host_org_id == "o1"
    assert b[1].secretary_org_id == "o1"  # the previous meeting's secretary follows
    assert b[2].explanation_text("sv") == "Skövde: vald för hand"
    assert a[2].host_org_id != "o1"  # pure
    c = set_secretary(b, 0, "o5")
    assert c[0].secretary_org_id == "o5" and c[0].secretary_manual
    d = set_host(c, 1, "o4", ORGS)
    assert d[0].secretary_org_id == "o5"  # chosen by hand: left alone
    with pytest.raises(ValidationError):
        set_host(a, 7, "o1")


def test_nobody_to_host() -> None:
    net = network(member_org_ids=("o1",), rotation_opt_out=("o1",))
    a = assign_hosts(propose_dates(net, 2026, []), net, ORGS, [])
    assert all(x.host_org_id is None for x in a)
    assert a[0].explanation_text("en") == "No member can host"
