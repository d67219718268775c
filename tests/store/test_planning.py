"""The year plan: proposals on rules and blackouts, edits, rotation, meetings, hand-over."""

from __future__ import annotations

import itertools
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

import pytest

from quorum.store import holidays
from quorum.store.errors import ValidationError
from quorum.store.planning import (
    DateWarning,
    ProposedDate,
    add_date,
    assign_hosts,
    create_meetings,
    drop_date,
    handover_agenda,
    move_date,
    next_meeting_handover,
    propose_dates,
    rotation_order,
    set_host,
    set_secretary,
    suggest_blackouts,
    terms_of,
)
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Blackout,
    ItemState,
    Meeting,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    Person,
    Role,
    Template,
    TemplateItem,
)

TZ = ZoneInfo("Europe/Stockholm")
ORGS = [
    Organisation("o1", "Skövde"),
    Organisation("o2", "Lidköping"),
    Organisation("o3", "Falköping"),
    Organisation("o4", "Mariestad"),
    Organisation("o5", "Skara"),
]


def network(**kw: object) -> Network:
    fields: dict[str, object] = dict(
        id="n1",
        name="SYV-nätverket Skaraborg",
        weekday=4,
        min_meetings=4,
        member_org_ids=("o1", "o2", "o3", "o4", "o5"),
    )
    fields.update(kw)
    return Network(**fields)  # type: ignore[arg-type]


def meeting(mid: str, day: date, host: str | None = None, **kw: object) -> Meeting:
    start = datetime.combine(day, time(9), TZ)
    return Meeting(
        id=mid,
        network_id=kw.pop("network_id", "n1"),  # type: ignore[arg-type]
        title=f"Möte {mid}",
        start=start,
        end=start + timedelta(hours=3),
        host_org_id=host,
        **kw,  # type: ignore[arg-type]
    )


# ------------------------------------------------------------------ proposals


@pytest.mark.parametrize("year", range(2020, 2032))
@pytest.mark.parametrize("count", [4, 5, 6, 8])
def test_proposals_follow_the_rules(year: int, count: int) -> None:
    net = network(min_meetings=count)
    plan = propose_dates(net, year, [])
    assert len(plan) == count
    days = [p.day for p in plan]
    assert days == sorted(days)
    spring, autumn = terms_of(year)
    for d in days:
        assert d.weekday() == 4
        assert not holidays.is_day_off(d)
        assert not holidays.is_squeeze_day(d)
        assert d in spring or d in autumn
    assert len({p.week for p in plan}) == count  # never two in a week
    # Spread: both terms get meetings.
    assert any(d in spring for d in days) and any(d in autumn for d in days)


def test_good_friday_is_moved_a_week_with_a_reason() -> None:
    # 2024, five meetings on Fridays: the spread asks for week 13, whose
    # Friday 29 March is långfredagen.
    plan = propose_dates(network(min_meetings=5), 2024, [])
    moved = [p for p in plan if p.natural == date(2024, 3, 29)]
    assert len(moved) == 1
    p = moved[0]
    assert p.day == date(2024, 4, 5)
    assert p.reason_text("sv") == "Långfredagen – flyttad en vecka"
    assert p.reason_text("en") == "Good Friday – moved a week"
    assert p.week_label("sv") == "v. 14"
    assert p.week_label("en") == "w. 14"
    # The dates that were not moved carry no reason.
    assert all(q.reason is None for q in plan if q is not p)


def test_squeeze_friday_after_ascension_is_moved() -> None:
    plan = propose_dates(network(min_meetings=4), 2027, [])
    p = next(p for p in plan if p.natural == date(2027, 5, 7))
    assert p.day == date(2027, 5, 14)
    assert p.reason_text("sv") == "Klämdag – flyttad en vecka"


def test_blackouts_move_a_date_and_name_the_break() -> None:
    free = propose_dates(network(), 2026, [])
    first = free[0].day
    net = network(
        blackouts=(Blackout(first - timedelta(days=4), first + timedelta(days=2), "Sportlov"),)
    )
    plan = propose_dates(net, 2026, [])
    assert first not in [p.day for p in plan]
    p = next(p for p in plan if p.natural == first)
    assert p.day == first + timedelta(weeks=1)
    assert p.reason_text("sv") == "Sportlov – flyttad en vecka"
    # Two weeks' break: the week before is nearer; an unnamed one is a "spärrperiod".
    net = network(blackouts=(Blackout(first - timedelta(days=4), first + timedelta(days=9)),))
    p = next(p for p in propose_dates(net, 2026, []) if p.natural == first)
    assert p.day == first - timedelta(weeks=1)
    assert p.reason_text("sv") == "Spärrperiod – flyttad en vecka tidigare"
    # Three weeks around it: moved two weeks later.
    net = network(blackouts=(Blackout(first - timedelta(days=11), first + timedelta(days=9)),))
    p = next(p for p in propose_dates(net, 2026, []) if p.natural == first)
    assert p.day == first + timedelta(weeks=2)
    assert p.reason_text("en") == "Blackout period – moved 2 weeks"


def test_suggested_school_breaks_are_respected() -> None:
    net = network(min_meetings=8, blackouts=suggest_blackouts(2026))
    plan = propose_dates(net, 2026, [])
    assert len(plan) == 8
    for p in plan:
        assert all(not b.start <= p.day <= b.end for b in net.blackouts), p
    labels = [b.label for b in suggest_blackouts(2026)]
    assert {"Sportlov", "Påsklov", "Höstlov", "Jullov", "Sommarlov"} <= set(labels)
    påsklov = next(b for b in suggest_blackouts(2026) if b.label == "Påsklov")
    assert påsklov.start == date(2026, 4, 6)


def test_existing_meetings_count_and_their_weeks_stay_free() -> None:
    existing = [meeting("1", date(2026, 2, 20)), meeting("2", date(2026, 9, 11))]
    plan = propose_dates(network(), 2026, existing)
    assert len(plan) == 2
    weeks = {date(2026, 2, 20).isocalendar().week, date(2026, 9, 11).isocalendar().week}
    assert not weeks & {p.week for p in plan}
    # Cancelled meetings and other networks' meetings do not count.
    others = [
        meeting("3", date(2026, 2, 20), status=MeetingStatus.CANCELLED),
        meeting("4", date(2026, 3, 6), network_id="n2"),
    ]
    assert len(propose_dates(network(), 2026, others)) == 4


def test_past_dates_are_not_proposed() -> None:
    plan = propose_dates(network(), 2026, [], today=date(2026, 3, 1))
    assert all(p.day > date(2026, 3, 1) for p in plan)


def test_weekday_is_the_networks() -> None:
    plan = propose_dates(network(weekday=1), 2026, [])  # Tuesdays
    assert {p.day.weekday() for p in plan} == {1}


# --------------------------------------------------------------------- edits


def test_move_add_drop() -> None:
    net = network()
    plan = propose_dates(net, 2026, [])
    moved = move_date(plan, 0, date(2026, 3, 13), net, 2026)
    assert date(2026, 3, 13) in [p.day for p in moved]
    assert len(moved) == len(plan)
    assert plan == propose_dates(net, 2026, [])  # the original list is untouched
    added = add_date(moved, date(2026, 10, 2), net, 2026)
    assert len(added) == 5 and [p.day for p in added] == sorted(p.day for p in added)
    dropped = drop_date(added, 0)
    assert len(dropped) == 4
    with pytest.raises(ValidationError) as err:
        drop_date(added, 9)
    assert err.value.key == "plan.error.no_such_date"


def test_edit_errors_and_warnings() -> None:
    net = network(blackouts=(Blackout(date(2026, 2, 16), date(2026, 2, 20), "Sportlov"),))
    plan = propose_dates(net, 2026, [])
    with pytest.raises(ValidationError) as err:
        add_date(plan, date(2027, 1, 15), net, 2026)
    assert err.value.key == "plan.error.outside_year"
    with pytest.raises(ValidationError) as err:
        add_date(plan, plan[1].day, net, 2026)
    assert err.value.key == "plan.error.duplicate"
    # Moving a date onto itself is not a duplicate.
    assert move_date(plan, 1, plan[1].day, net, 2026)[1].day == plan[1].day

    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 4, 3), net, 2026)  # långfredagen
    assert warn.value.key == "plan.warn.holiday"
    assert warn.value.level == "warning"
    assert warn.value.sentence("sv") == "Långfredagen är en helgdag."
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 3, 10), net, 2026)  # a Tuesday
    assert warn.value.key == "plan.warn.weekday"
    assert warn.value.sentence("sv") == "Dagen är en tisdag, nätverket träffas på fredagar."
    assert warn.value.sentence("en") == "The day is a Tuesday; the network meets on Fridays."
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 2, 17), net, 2026)  # Tuesday in sportlov
    assert [w.key for w in warn.value.warnings] == ["plan.warn.blackout", "plan.warn.weekday"]
    with pytest.raises(DateWarning) as warn:
        add_date(plan, date(2026, 5, 15), net, 2026)
    assert warn.value.key == "plan.warn.squeeze"
    # Confirmed, the date goes in and keeps its warnings.
    confirmed = add_date(plan, date(2026, 4, 3), net, 2026, confirm=True)
    p = next(p for p in confirmed if p.day == date(2026, 4, 3))
    assert p.manual and [w.key for w in p.warnings] == ["plan.warn.holiday"]


# ------------------------------------------------------------------ rotation


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


# ---------------------------------------------------------- create meetings

PEOPLE = [
    Person(
        "p1",
        "Anna Berg",
        "anna@skovde.se",
        org_id="o1",
        memberships=(Membership("n1", Role.MEMBER),),
    ),
    Person("p2", "Bo Ek", "bo@skovde.se", org_id="o1", memberships=(Membership("n1", Role.CHAIR),)),
    Person(
        "p3",
        "Cia Dahl",
        "cia@lidkoping.se",
        org_id="o2",
        memberships=(Membership("n1", Role.GUEST),),
    ),
    Person(
        "p4",
        "Dan Åberg",
        "dan@falkoping.se",
        org_id="o3",
        memberships=(Membership("n1", Role.MEMBER),),
    ),
]


def test_create_meetings_fields() -> None:
    template = Template(
        "Standard",
        (
            TemplateItem("Mötets öppnande", minutes=5),
            TemplateItem("Uppföljning av åtgärder", followup=True),
            TemplateItem("Nästa möte", minutes=5),
        ),
    )
    net = network(
        start_time=time(13, 0), length_minutes=150, default_place="", templates=(template,)
    )
    a = assign_hosts(propose_dates(net, 2026, []), net, ORGS, [])
    fields = create_meetings(a, net, ORGS, PEOPLE)
    assert len(fields) == 4
    first = fields[0]
    assert first["start"] == datetime.combine(a[0].day, time(13), TZ)
    assert first["end"] - first["start"] == timedelta(minutes=150)
    assert first["start"].tzinfo is not None
    assert first["host_org_id"] == "o3"
    assert first["place"] == "Falköping"  # no default place: the host's
    assert first["title"] == f"SYV-nätverket Skaraborg – nätverksträff v. {a[0].proposal.week}"
    assert [i.title for i in first["agenda"]] == [
        "Mötets öppnande",
        "Uppföljning av åtgärder",
        "Nästa möte",
    ]
    assert first["agenda"][0].id != fields[1]["agenda"][0].id
    # The secretary of meeting 1 comes from the next host (Lidköping) — only a
    # guest there, so nobody; the last one's secretary is Skövde's chair.
    assert first["secretary_id"] is None
    assert fields[-1]["secretary_id"] == "p2"
    # They make valid meetings (what store.add_meeting will do with them).
    for i, f in enumerate(fields):
        m = Meeting(id=str(i), **f)
        assert m.host_org_id == a[i].host_org_id


# ------------------------------------------------------------------ hand-over


def test_handover_names_next_meeting_and_carries_items() -> None:
    net = network()
    old = meeting(
        "1",
        date(2026, 2, 20),
        "o1",
        status=MeetingStatus.APPROVED,
        agenda=(
            AgendaItem(
                "a",
                "Budget",
                actions=(
                    ActionItem("x1", "Skicka budget", status=ActionStatus.OPEN),
                    ActionItem("x2", "Boka lokal", status=ActionStatus.DONE),
                ),
            ),
        ),
    )
    held = meeting(
        "2",
        date(2026, 4, 17),
        "o2",
        status=MeetingStatus.HELD,
        agenda=(
            AgendaItem("b", "PRAO", actions=(ActionItem("x3", "Ring företagen"),)),
            AgendaItem("c", "Studiebesök", state=ItemState.DEFERRED, minutes=20),
            AgendaItem("d", "Övrigt", state=ItemState.DONE),
        ),
    )
    cancelled = meeting("3", date(2026, 5, 8), "o3", status=MeetingStatus.CANCELLED)
    nxt = meeting(
        "4",
        date(2026, 9, 11),
        "o4",
        agenda=(
            AgendaItem("e", "Uppföljning av åtgärder", followup=True),
            AgendaItem("f", "Nästa möte"),
        ),
    )
    after = meeting("5", date(2026, 11, 13), "o1")
    h = next_meeting_handover(net, [after, nxt, cancelled, held, old], held, PEOPLE)
    assert h.next_meeting is nxt
    assert h.host_org_id == "o4"
    assert h.secretary_id == "p2"  # the host after next is Skövde: its chair
    assert [a.id for _, _, a in h.open_actions] == ["x1", "x3"]
    assert [it.id for _, it in h.deferred_items] == ["c"]
    agenda = handover_agenda(net, h)
    assert [i.title for i in agenda] == ["Uppföljning av åtgärder", "Studiebesök", "Nästa möte"]
    assert agenda[1].deferred_from == "2" and agenda[1].minutes == 20
    assert agenda[1].state == ItemState.OPEN
    # Carrying twice does not duplicate.
    assert handover_agenda(net, h, agenda) == agenda


def test_handover_without_next_meeting() -> None:
    net = network()
    held = meeting("2", date(2026, 4, 17), "o2")
    h = next_meeting_handover(net, [held], held)
    assert h.next_meeting is None and h.host_org_id is None
    assert h.notes[0].text("sv") == "Nätverket har inget kommande möte."


def test_proposed_date_defaults() -> None:
    p = ProposedDate(date(2026, 9, 18))
    assert p.week == 38 and p.week_label("sv") == "v. 38" and p.reason_text() == ""
