"""New meetings: the dialog's date and fields, and a year plan's meetings, from the network's
defaults."""

from __future__ import annotations

from datetime import date, datetime, time, timedelta

from quorum.store.handover import draft_meeting
from quorum.store.holidays import holiday_name
from quorum.store.new_meeting import create_meetings, next_free_date, template_choices
from quorum.store.plan_dates import propose_dates
from quorum.store.records import (
    Blackout,
    EasterBreak,
    Formality,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Membership,
    Network,
    Person,
    Role,
    SchoolBreaks,
    Template,
    TemplateItem,
    replace,
)
from quorum.store.rotation import assign_hosts
from quorum.store.templates import network_template, protokoll_template, standard_template
from tests.store import plan_fixtures as plan

NET = Network(
    id="1",
    name="Nätverket",
    weekday=4,
    start_time=time(9, 30),
    length_minutes=120,
    default_place="Stadshuset",
    default_link="https://meet.example.se/n",
)


PEOPLE = [
    Person("1", "Sofia Ekström", "sofia@example.se", memberships=(Membership("1"),)),
    Person("2", "Anders Bergfalk", "anders@example.se", memberships=(Membership("1", Role.CHAIR),)),
    Person("3", "Nora Vik", "nora@example.se", memberships=(Membership("1", Role.GUEST),)),
    Person("4", "Ulf Norén", "ulf@example.se", memberships=(Membership("2"),)),
]


def meeting_on(day: date, status=MeetingStatus.PLANNED) -> Meeting:
    start = datetime(day.year, day.month, day.day, 9, tzinfo=NET.zone)
    return Meeting(
        id=day.isoformat(),
        network_id="1",
        title="T",
        start=start,
        end=start + timedelta(hours=1),
        status=status,
    )


def test_the_next_friday_after_today_when_there_are_no_meetings():
    assert next_free_date(NET, [], date(2027, 3, 9)) == date(2027, 3, 12)
    # Today itself counts when it is the weekday.
    assert next_free_date(NET, [], date(2027, 3, 12)) == date(2027, 3, 12)


def test_after_the_last_meeting_skipping_taken_days_but_not_cancelled_ones():
    meetings = [meeting_on(date(2027, 3, 12)), meeting_on(date(2027, 4, 2))]
    assert next_free_date(NET, meetings, date(2027, 3, 1)) == date(2027, 4, 9)
    only_cancelled = [meeting_on(date(2027, 3, 12), MeetingStatus.CANCELLED)]
    assert next_free_date(NET, only_cancelled, date(2027, 3, 9)) == date(2027, 3, 12)


def test_holidays_and_blackouts_are_skipped():
    # Långfredagen 2027 is 26 March.
    assert holiday_name(date(2027, 3, 26)) == "Långfredagen"
    no_easter_break = replace(NET, breaks=SchoolBreaks(pasklov=EasterBreak.NONE))
    assert next_free_date(no_easter_break, [], date(2027, 3, 23)) == date(2027, 4, 2)
    # With the default påsklov (the week after Easter) the Friday after it is skipped too.
    assert next_free_date(NET, [], date(2027, 3, 23)) == date(2027, 4, 9)
    summer = replace(
        NET,
        breaks=SchoolBreaks(sommarlov=False),
        blackouts=(Blackout(date(2027, 6, 14), date(2027, 8, 15), "sommar"),),
    )
    assert next_free_date(summer, [], date(2027, 6, 10)) == date(2027, 6, 11)
    assert next_free_date(summer, [], date(2027, 6, 12)) == date(2027, 8, 20)


def test_holiday_names_include_the_eves_in_both_languages():
    assert holiday_name(date(2027, 12, 24)) == "Julafton"
    assert holiday_name(date(2027, 6, 25), "en") == "Midsummer Eve"
    assert holiday_name(date(2027, 12, 25), "en") == "Christmas Day"
    assert holiday_name(date(2027, 3, 12)) is None


def test_draft_takes_time_place_and_template_from_the_network():
    fields = draft_meeting(NET, [], date(2027, 3, 12), standard_template("en"), PEOPLE)
    meeting = Meeting(id="9", **fields)
    assert (f"{meeting.start:%H:%M}", f"{meeting.end:%H:%M}") == ("09:30", "11:30")
    assert meeting.place == "Stadshuset" and meeting.online_link == NET.default_link
    assert meeting.title == "Nätverksträff" and meeting.language == "sv"
    assert meeting.agenda[0].title == "Opening of the meeting"
    assert [a.person_id for a in meeting.attendance] == ["1", "2"]
    assert meeting.chair_id == "2" and meeting.attendance[1].role == MeetingRole.CHAIR


def test_saved_templates_are_offered_after_the_standard_ones():
    own = Template("Kort", (TemplateItem("Bara en punkt"),))
    choices = template_choices(replace(NET, templates=(own,)))
    # minnesanteckningar and protokoll, in Swedish and English, then the network's own
    assert len(choices) == 5 and choices[4][1] == own
    assert choices[2][1] == protokoll_template("sv") and choices[3][1] == protokoll_template("en")
    assert [c[1].items[2].title for c in choices[:4]] == [
        "Godkännande av dagordningen",
        "Approval of the agenda",
        "Val av justerare att jämte ordföranden justera protokollet",
        "Election of a minutes checker to approve the minutes together with the chair",
    ]


def test_a_network_that_keeps_protokoll_starts_its_meetings_as_protokoll():
    formal = replace(NET, formality=Formality.FORMAL, language="sv")
    fields = draft_meeting(formal, [], date(2027, 3, 12), network_template(formal, "sv"), PEOPLE)
    assert fields["formality"] is Formality.FORMAL
    titles = [item.title for item in fields["agenda"]]
    assert titles[:5] == [
        "Mötets öppnande",
        "Val av sekreterare",
        "Val av justerare att jämte ordföranden justera protokollet",
        "Fastställande av dagordning",
        "Föregående protokoll",
    ]
    assert "Uppföljning av åtgärder" in titles and titles[-1] == "Mötets avslutande"
    assert len(set(titles)) == len(titles)
    informal = draft_meeting(NET, [], date(2027, 3, 12), network_template(NET, "sv"), PEOPLE)
    assert informal["formality"] is Formality.INFORMAL
    assert informal["agenda"][1].title == "Val av justerare"


def test_create_meetings_fields() -> None:
    template = Template(
        "Standard",
        (
            TemplateItem("Mötets öppnande", minutes=5),
            TemplateItem("Uppföljning av åtgärder", followup=True),
            TemplateItem("Nästa möte", minutes=5),
        ),
    )
    net = plan.network(
        start_time=time(13, 0), length_minutes=150, default_place="", templates=(template,)
    )
    a = assign_hosts(propose_dates(net, 2026, []), net, plan.ORGS, [])
    fields = create_meetings(a, net, plan.ORGS, plan.PEOPLE)
    assert len(fields) == 4
    first = fields[0]
    assert first["start"] == datetime.combine(a[0].day, time(13), plan.TZ)
    assert first["end"] - first["start"] == timedelta(minutes=150)
    assert first["start"].tzinfo is not None
    assert first["host_org_id"] == "o3"
    assert first["place"] == "Falköping"  # no default place: the host's
    # The network's name is not in the title: the invite and the overview name it already.
    assert first["title"] == f"Nätverksträff v. {a[0].proposal.week}"
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
