"""Export and erase one person's data, touching nobody else."""

from __future__ import annotations

import json
from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import pytest

from quorum.store.personal_data import erase_person, export_person, is_held
from quorum.store.records import (
    ActionItem,
    AgendaItem,
    Approval,
    Attendance,
    Decision,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Presence,
    Role,
    Rsvp,
)

TZ = ZoneInfo("Europe/Stockholm")
NET = Network("1", "Nätverk Gymnasieskola", coordinator_id="10")
OTHER_NET = Network("2", "IM-nätverket", coordinator_id="11")
ORGS = [
    Organisation("1", "Skövde kommun", OrgKind.MUNICIPALITY),
    Organisation("2", "Volvo AB", OrgKind.COMPANY),
]
ANNA = Person(
    "10",
    "Anna Berg",
    "anna@skovde.se",
    org_id="1",
    title="Rektor",
    phone="0500-1",
    memberships=(Membership("1", Role.COORDINATOR), Membership("2")),
)
BO = Person(
    "11",
    "Bo Ek",
    "bo@volvo.se",
    org_id="2",
    memberships=(Membership("1"), Membership("2", Role.CHAIR)),
)
CIA = Person("12", "Cia Holm", "cia@skovde.se", org_id="1", memberships=(Membership("1"),))
PEOPLE = [ANNA, BO, CIA]


def at(day: date, hour: int) -> datetime:
    return datetime.combine(day, time(hour), TZ)


def past_meeting() -> Meeting:
    item = AgendaItem(
        "a1",
        "Uppföljning",
        presenter_id="10",
        notes=(
            "Anna Berg redovisade läget. Bo Ek frågade om anna@skovde.se kan ta emot filer."
            " Bor i Skövde."
        ),
        decisions=(
            Decision("d1", "Anna Berg får i uppdrag att boka lokal."),
            Decision("d2", "Budget antas."),
        ),
        actions=(
            ActionItem("x1", "Boka lokal", owner_id="10", due=date(2027, 4, 1)),
            ActionItem("x2", "Skicka underlag till Anna Berg", owner_id="11"),
            ActionItem("x3", "Ring Volvo", owner_name="Anna Berg"),
        ),
    )
    return Meeting(
        "100",
        "1",
        "Nätverksträff mars",
        at(date(2027, 3, 12), 9),
        at(date(2027, 3, 12), 12),
        status=MeetingStatus.APPROVED,
        chair_id="10",
        secretary_id="12",
        adjuster_ids=("10", "11"),
        agenda=(item,),
        attendance=(
            Attendance(
                "10",
                role=MeetingRole.PARTICIPANT,
                rsvp=Rsvp.ACCEPTED,
                presence=Presence.PRESENT,
                arrived=time(9, 10),
            ),
            Attendance("11", rsvp=Rsvp.ACCEPTED, presence=Presence.REMOTE),
            Attendance(
                "12", role=MeetingRole.SECRETARY, rsvp=Rsvp.ACCEPTED, presence=Presence.PRESENT
            ),
            Attendance(
                guest_name="Gäst Gästsson", guest_email="gast@x.se", presence=Presence.PRESENT
            ),
        ),
        approvals=(Approval("Anna Berg", date(2027, 3, 20)), Approval("Bo Ek", date(2027, 3, 21))),
    )


def future_meeting() -> Meeting:
    return Meeting(
        "101",
        "1",
        "Nätverksträff maj",
        at(date(2027, 5, 14), 9),
        at(date(2027, 5, 14), 12),
        status=MeetingStatus.INVITED,
        chair_id="11",
        secretary_id="10",
        adjuster_ids=("10",),
        agenda=(
            AgendaItem("b1", "Rapport", presenter_id="10", description="Anna Berg rapporterar."),
        ),
        attendance=(
            Attendance("10", role=MeetingRole.SECRETARY),
            Attendance("11", role=MeetingRole.CHAIR),
            Attendance("12"),
        ),
    )


def untouched_meeting() -> Meeting:
    return Meeting(
        "102",
        "2",
        "IM-träff",
        at(date(2027, 2, 5), 13),
        at(date(2027, 2, 5), 15),
        status=MeetingStatus.HELD,
        attendance=(Attendance("11", presence=Presence.PRESENT),),
    )


MEETINGS = [past_meeting(), future_meeting(), untouched_meeting()]


# ------------------------------------------------------------ export


def test_export_holds_everything_about_the_person_and_is_json():
    data = export_person(ANNA, [NET, OTHER_NET], ORGS, MEETINGS)
    assert json.loads(json.dumps(data, ensure_ascii=False)) == data
    assert data["person"]["email"] == "anna@skovde.se"
    assert data["person"]["phone"] == "0500-1"
    assert data["organisation"]["name"] == "Skövde kommun"
    assert data["memberships"] == [
        {"network_id": "1", "network": "Nätverk Gymnasieskola", "role": "coordinator"},
        {"network_id": "2", "network": "IM-nätverket", "role": "member"},
    ]
    assert data["coordinator_of"] == ["Nätverk Gymnasieskola"]
    past, future = data["meetings"]
    assert past["meeting_id"] == "100" and past["roles"] == ["chair", "adjuster"]
    assert past["attendance"] == {
        "role": "participant",
        "rsvp": "accepted",
        "presence": "present",
        "arrived": "09:10:00",
        "left": None,
        # A calendar reply's comment and where it came from are the person's data too.
        "reply_comment": "",
        "reply_source": "",
        "reply_from": "",
        "reply_unverified": False,
    }
    assert past["presenter_of"] == ["Uppföljning"]
    assert future["roles"] == ["secretary", "adjuster"]
    assert future["attendance"]["rsvp"] == "needs-action"
    [action] = data["action_items"]
    assert action["text"] == "Boka lokal" and action["due"] == "2027-04-01"
    fields = sorted((m["meeting_id"], m["field"]) for m in data["mentions"])
    assert fields == [
        ("100", "action"),
        ("100", "action_owner"),
        ("100", "approval"),
        ("100", "decision"),
        ("100", "notes"),
        ("101", "description"),
    ]


def test_export_of_someone_with_nothing_else_stored():
    lone = Person("99", "Ny Person", "ny@x.se")
    data = export_person(lone, [NET], ORGS, MEETINGS)
    assert data["organisation"] is None
    assert data["meetings"] == data["action_items"] == data["mentions"] == []


# ------------------------------------------------------------ erase


def erased():
    return erase_person(ANNA, PEOPLE, [NET, OTHER_NET], MEETINGS)


def by_id(erasure):
    return {m.id: m for m in erasure.meetings}


def test_only_changed_records_are_returned():
    erasure = erased()
    assert sorted(by_id(erasure)) == ["100", "101"]
    assert [(n.id, n.coordinator_id) for n in erasure.networks] == [("1", None)]
    assert not erasure.ambiguous_name


def test_removed_from_future_invite_list_and_roles():
    future = by_id(erased())["101"]
    assert [a.person_id for a in future.attendance] == ["11", "12"]
    assert future.secretary_id is None and future.adjuster_ids == ()
    assert future.chair_id == "11"
    item = future.agenda[0]
    assert item.presenter_id is None and item.presenter_text == ""
    assert item.description == "borttagen deltagare rapporterar."


def test_past_minutes_show_the_placeholder_and_counts_stay():
    before, after = past_meeting(), by_id(erased())["100"]
    assert is_held(after)
    assert len(after.attendance) == len(before.attendance)
    for presence in Presence:
        assert sum(a.presence is presence for a in after.attendance) == sum(
            a.presence is presence for a in before.attendance
        )
    removed = after.attendance[0]
    assert removed.person_id is None and removed.guest_name == "borttagen deltagare"
    assert removed.guest_email == "" and removed.guest_org == ""
    assert (
        removed.role is MeetingRole.CHAIR
    )  # the minutes still say who chaired: a removed participant
    assert removed.rsvp is Rsvp.ACCEPTED and removed.arrived == time(9, 10)
    assert after.chair_id is None and after.adjuster_ids == ("11",) and after.secretary_id == "12"

    item = after.agenda[0]
    assert [d.id for d in item.decisions] == ["d1", "d2"]
    assert item.decisions[0].text == "borttagen deltagare får i uppdrag att boka lokal."
    assert item.notes == (
        "borttagen deltagare redovisade läget. Bo Ek frågade om borttagen deltagare kan ta emot"
        " filer. Bor i Skövde."
    )
    owned, other, free = item.actions
    assert owned.owner_id is None and owned.owner_name == "borttagen deltagare"
    assert owned.text == "Boka lokal" and owned.due == date(2027, 4, 1)
    assert other.owner_id == "11" and other.text == "Skicka underlag till borttagen deltagare"
    assert free.owner_name == "borttagen deltagare"
    assert item.presenter_text == "borttagen deltagare" and item.presenter_id is None
    assert [a.name for a in after.approvals] == ["borttagen deltagare", "Bo Ek"]


def test_placeholder_follows_the_meetings_language():
    from quorum.store.records import replace

    english = replace(past_meeting(), language="en")
    [m] = erase_person(ANNA, PEOPLE, [NET], [english]).meetings
    assert m.attendance[0].guest_name == "removed participant"


def test_nobody_else_changes():
    erasure = erased()
    for before in MEETINGS:
        after = by_id(erasure).get(before.id, before)
        others_before = [a for a in before.attendance if a.person_id != "10"]
        others_after = [
            a
            for a in after.attendance
            if a.person_id is not None or a.guest_name == "Gäst Gästsson"
        ]
        assert others_after == others_before
        assert [(a.id, a.owner_id) for _, a in after.all_actions() if a.owner_id] == [
            (a.id, a.owner_id) for _, a in before.all_actions() if a.owner_id and a.owner_id != "10"
        ]
        assert (after.title, after.start, after.end, after.status, after.uid, after.sequence) == (
            before.title,
            before.start,
            before.end,
            before.status,
            before.uid,
            before.sequence,
        )
    assert all(n.id != OTHER_NET.id for n in erasure.networks)
    # Nothing about Anna is left anywhere.
    for m in erasure.meetings:
        text = repr(m)
        assert "Anna Berg" not in text and "anna@skovde.se" not in text and "'10'" not in text


def test_after_erasure_an_export_finds_nothing():
    erasure = erased()
    meetings = [by_id(erasure).get(m.id, m) for m in MEETINGS]
    data = export_person(ANNA, [NET, OTHER_NET], ORGS, meetings)
    assert data["meetings"] == data["action_items"] == data["mentions"] == []


def test_a_shared_name_is_not_replaced_in_text_but_ids_are_cleared():
    namesake = Person("13", "Anna Berg", "anna.berg@volvo.se")
    erasure = erase_person(ANNA, [*PEOPLE, namesake], [NET], MEETINGS)
    assert erasure.ambiguous_name
    past = by_id(erasure)["100"]
    assert past.agenda[0].notes.startswith("Anna Berg redovisade")
    assert "borttagen deltagare kan ta emot" in past.agenda[0].notes  # the e-mail is still hers
    assert past.attendance[0].guest_name == "borttagen deltagare"


def test_two_erasures_in_one_meeting_stay_distinguishable():
    first = erase_person(ANNA, PEOPLE, [NET], [past_meeting()]).meetings[0]
    [second] = erase_person(BO, PEOPLE, [NET], [first]).meetings
    names = [a.guest_name for a in second.attendance if a.person_id is None]
    assert names == ["borttagen deltagare", "borttagen deltagare (2)", "Gäst Gästsson"]
    assert len({a.key for a in second.attendance}) == len(second.attendance)


def test_a_past_meeting_with_presence_but_old_status_counts_as_held():
    from quorum.store.records import replace

    m = replace(future_meeting(), attendance=(Attendance("10", presence=Presence.PRESENT),))
    assert is_held(m)
    assert not is_held(replace(m, status=MeetingStatus.CANCELLED))
    [after] = erase_person(ANNA, PEOPLE, [NET], [m]).meetings
    assert after.attendance[0].guest_name == "borttagen deltagare"


# ------------------------------------------------------------ on a real store (the demo)

from quorum.store.errors import NotFound  # noqa: E402
from quorum.store.personal_data import erase_person_in_store, export_person_in_store  # noqa: E402
from quorum.store.store import Store  # noqa: E402


def test_export_in_store_is_json(demo_store):
    data = export_person_in_store(demo_store, "2")
    assert json.loads(json.dumps(data)) == data
    assert data["person"]["name"] == "Anders Bergfalk"
    assert {m["meeting_id"] for m in data["meetings"]} >= {"1", "2", "3"}


def test_erase_in_store_is_complete_and_confined(demo_store, db_path):
    pid = "2"  # the chair of every demo meeting
    name = demo_store.person(pid).name
    before_people = {p.id: p for p in demo_store.people()}
    before_meetings = {m.id: m for m in demo_store.meetings()}
    erasure = erase_person_in_store(demo_store, pid)
    demo_store.close()
    with Store.open(db_path) as again:
        assert {p.id: p for p in again.people()} == {
            k: v for k, v in before_people.items() if k != pid
        }
        with pytest.raises(NotFound):
            again.person(pid)
        for m in again.meetings():
            old = before_meetings[m.id]
            assert all(a.person_id != pid for a in m.attendance)
            assert pid not in (m.chair_id, m.secretary_id, *m.adjuster_ids)
            assert name not in repr(m)
            assert len(m.all_decisions()) == len(old.all_decisions())
            assert len(m.all_actions()) == len(old.all_actions())
            if is_held(old):
                assert len(m.attendance) == len(old.attendance)
                assert sum(a.presence is Presence.PRESENT for a in m.attendance) == sum(
                    a.presence is Presence.PRESENT for a in old.attendance
                )
            else:
                assert len(m.attendance) == len(old.attendance) - (old.attendee(pid) is not None)
            assert [a for a in m.attendance if a.person_id] == [
                a for a in old.attendance if a.person_id and a.person_id != pid
            ]
        assert {m.id for m in erasure.meetings} <= set(before_meetings)
        assert again.network("1").coordinator_id == "1"  # someone else's role: untouched


def test_erase_unknown_person_is_a_sentence(demo_store):
    with pytest.raises(NotFound) as err:
        erase_person_in_store(demo_store, "999")
    assert "999" in err.value.sentence("sv")


# ------------------------------------------------------------ free text around the name

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

from quorum.store.personal_data import _mention_pattern  # noqa: E402
from quorum.store.records import replace as _replace  # noqa: E402
from quorum.store.text_rules import as_stored  # noqa: E402


@settings(max_examples=150, deadline=None)
@given(before=st.text(max_size=40), after=st.text(max_size=40))
def test_only_the_name_is_replaced_in_any_text(before, after):
    pattern = _mention_pattern(ANNA)
    assume(not pattern.search(before) and not pattern.search(after))
    assume(before.strip() and after.strip())
    notes = f"{before} Anna Berg {after}"
    m = past_meeting()
    with as_stored():  # any text an archive may hold, written before the text rule too
        m = m.with_item(_replace(m.agenda[0], notes=notes, decisions=(Decision("d1", after),)))
    [erased_m] = erase_person(ANNA, PEOPLE, [NET], [m]).meetings
    assert erased_m.agenda[0].notes == f"{before} borttagen deltagare {after}"
    assert erased_m.agenda[0].decisions[0].text == after.strip()


def test_an_erased_contact_person_leaves_no_id_behind(demo_store):
    from quorum.store.records import replace as record_replace

    org = demo_store.organisation("1")
    demo_store.save_organisation(record_replace(org, contact_id="3"))
    erase_person_in_store(demo_store, "3")
    assert demo_store.organisation("1").contact_id is None
