"""A fictional but realistic network to show what quorum is for.

Every person and e-mail address here is invented (addresses on example.se /
example.org). Meeting dates are laid out around ``today`` so the demo always
has a held meeting with minutes, an upcoming one with an agenda and invitees,
a cancelled one and the rest of the year planned.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.holidays import holiday_name
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    Attendance,
    Blackout,
    Decision,
    Formality,
    ItemState,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Membership,
    OrgKind,
    Person,
    Presence,
    Role,
    Rsvp,
    new_item_id,
    replace,
)
from quorum.store.store import Store
from quorum.store.templates import agenda_from_template, standard_template

TZ = "Europe/Stockholm"

_ORGS = [
    ("Ekdala kommun", OrgKind.MUNICIPALITY),
    ("Björkviks kommun", OrgKind.MUNICIPALITY),
    ("Sjöhamns kommun", OrgKind.MUNICIPALITY),
    ("Granby kommun", OrgKind.MUNICIPALITY),
    ("Lindås kommun", OrgKind.MUNICIPALITY),
    ("Norrviks kommun", OrgKind.MUNICIPALITY),
    ("Älvstrands kommun", OrgKind.MUNICIPALITY),
    ("Högby kommun", OrgKind.MUNICIPALITY),
    ("Furulunds gymnasium", OrgKind.SCHOOL),
    ("Tekniska gymnasiet Sjöhamn", OrgKind.SCHOOL),
    ("Nordverk AB", OrgKind.COMPANY),
    ("Skogsbygdens högskola", OrgKind.UNIVERSITY),
    ("Kommunalförbundet Skogsbygden", OrgKind.OTHER),
]

# name, title, org index, phone, role
_PEOPLE = [
    ("Karin Holmqvist", "processledare", 12, "070-111 22 01", Role.COORDINATOR),
    ("Anders Bergfalk", "skolchef", 0, "070-111 22 02", Role.CHAIR),
    ("Sofia Ekström", "rektor", 0, "070-111 22 03", Role.MEMBER),
    ("Jonas Lindblad", "rektor", 1, "070-111 22 04", Role.MEMBER),
    ("Maria Åkesson", "studie- och yrkesvägledare", 1, "070-111 22 05", Role.MEMBER),
    ("Erik Sandvik", "rektor", 2, "070-111 22 06", Role.MEMBER),
    ("Lena Öberg", "programansvarig", 2, "070-111 22 07", Role.MEMBER),
    ("Per Håkansson", "rektor", 3, "070-111 22 08", Role.MEMBER),
    ("Anna Grön", "utvecklingsledare", 3, "070-111 22 09", Role.MEMBER),
    ("Mikael Strand", "rektor", 4, "070-111 22 10", Role.MEMBER),
    ("Eva Nyqvist", "studie- och yrkesvägledare", 4, "070-111 22 11", Role.MEMBER),
    ("Johan Björk", "rektor", 5, "070-111 22 12", Role.MEMBER),
    ("Helena Dahl", "förvaltningschef", 5, "070-111 22 13", Role.MEMBER),
    ("Fredrik Ås", "rektor", 6, "070-111 22 14", Role.MEMBER),
    ("Ingrid Falk", "programansvarig", 6, "070-111 22 15", Role.MEMBER),
    ("Tomas Wiik", "rektor", 7, "070-111 22 16", Role.MEMBER),
    ("Camilla Rosén", "studie- och yrkesvägledare", 7, "070-111 22 17", Role.MEMBER),
    ("Magnus Ek", "rektor", 8, "070-111 22 18", Role.MEMBER),
    ("Sara Lindgren", "förstelärare", 8, "070-111 22 19", Role.MEMBER),
    ("Oskar Hedlund", "rektor", 9, "070-111 22 20", Role.MEMBER),
    ("Linnea Borg", "Teknikcollege-samordnare", 9, "070-111 22 21", Role.MEMBER),
    ("Björn Lindström", "HR-chef", 10, "070-111 22 22", Role.MEMBER),
    ("Petra Sjöberg", "kompetensförsörjningsansvarig", 10, "070-111 22 23", Role.MEMBER),
    ("Ulf Norén", "samverkanskoordinator", 11, "070-111 22 24", Role.MEMBER),
    ("Elin Fors", "studievägledare", 11, "070-111 22 25", Role.MEMBER),
    ("Gustav Engel", "IM-samordnare", 0, "070-111 22 26", Role.MEMBER),
    ("Nora Vik", "vuxenutbildningsrektor", 3, "070-111 22 27", Role.GUEST),
]

_DOMAINS = ["example.se", "example.org"]


def _email(name: str, index: int) -> str:
    plain = (
        name.lower()
        .replace("å", "a")
        .replace("ä", "a")
        .replace("ö", "o")
        .replace("é", "e")
        .replace(" ", ".")
    )
    return f"{plain}@{_DOMAINS[index % 2]}"


def _friday_on_or_before(day: date) -> date:
    return day - timedelta(days=(day.weekday() - 4) % 7)


def _avoid_holidays(day: date) -> date:
    """``day``, or the same weekday a week later while it is a holiday or a de-facto day
    off (julafton, nyårsafton, midsommarafton): the app's own calendar, as the planner's."""
    while holiday_name(day) is not None:
        day += timedelta(days=7)
    return day


def build_demo(store: Store, today: date | None = None) -> None:
    """Fill an empty store with the demo network, in one batch."""
    today = today or date.today()
    zone = ZoneInfo(TZ)
    with store.batch():
        orgs = [store.add_organisation(name=n, kind=k) for n, k in _ORGS]
        network = store.add_network(
            name="Gymnasienätverket Skogsbygden",
            organiser="Kommunalförbundet Skogsbygden",
            publication_email="utbildning@example.se",
            default_place="Kommunalförbundet, Storgatan 4, Ekdala",
            default_link="https://meet.example.se/gy-skogsbygden",
            weekday=4,
            start_time=time(9, 0),
            length_minutes=180,
            tz=TZ,
            language="sv",
            min_meetings=4,
            member_org_ids=tuple(o.id for o in orgs[:12]),
            rotation_opt_out=(orgs[10].id, orgs[11].id),
            require_industry=True,
            blackouts=(Blackout(date(today.year, 12, 21), date(today.year + 1, 1, 6), "jullov"),),
        )
        people = []
        for i, (name, title, org_i, phone, role) in enumerate(_PEOPLE):
            people.append(
                store.add_person(
                    name=name,
                    email=_email(name, i),
                    org_id=orgs[org_i].id,
                    title=title,
                    phone=phone,
                    memberships=(Membership(network.id, role),),
                )
            )
        coordinator, chair = people[0], people[1]
        network = replace(network, coordinator_id=coordinator.id)
        store.save_network(network)
        members = [p for p in people if p.role_in(network.id) != Role.GUEST]
        hosts = [orgs[i] for i in (1, 2, 3, 4, 5, 6, 7, 0)]

        def host_rep(org_index: int) -> str:
            org = hosts[org_index % len(hosts)]
            return next(p.id for p in people if p.org_id == org.id)

        this_friday = _friday_on_or_before(today)
        offsets = [-10, -3, 2, 6, 10, 16]
        days = [_avoid_holidays(this_friday + timedelta(weeks=w)) for w in offsets]
        template = standard_template("sv")
        titles = ["Nätverksträff"] * len(days)
        statuses = [
            MeetingStatus.PUBLISHED,
            MeetingStatus.DRAFTED,
            MeetingStatus.INVITED,
            MeetingStatus.CANCELLED,
            MeetingStatus.PLANNED,
            MeetingStatus.PLANNED,
        ]
        meetings = []
        for i, day in enumerate(days):
            start = datetime.combine(day, time(9, 0), tzinfo=zone)
            attendance = tuple(
                Attendance(
                    person_id=p.id,
                    role=MeetingRole.CHAIR if p.id == chair.id else MeetingRole.PARTICIPANT,
                )
                for p in members
            )
            meeting = store.add_meeting(
                network_id=network.id,
                title=titles[i],
                start=start,
                end=start + timedelta(hours=3),
                tz=TZ,
                place=f"{hosts[i].name}, stadshuset",
                online_link=network.default_link,
                status=statuses[i],
                host_org_id=hosts[i].id,
                chair_id=chair.id,
                secretary_id=host_rep(i + 1),
                agenda=agenda_from_template(template) if i <= 2 else (),
                attendance=attendance if i <= 3 else (),
            )
            meetings.append(meeting)
        _fill_held(store, meetings[0], people, full=False)
        _fill_held(store, meetings[1], people, full=True)
        _prepare_upcoming(store, meetings[2], people)


def _fill_held(store: Store, meeting: Meeting, people: list[Person], full: bool) -> None:
    """Minutes of a held meeting: attendance, notes, decisions, action items."""
    by_name = {p.name: p for p in people}
    presences = [Presence.PRESENT, Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED]
    attendance = tuple(
        replace(
            a,
            rsvp=Rsvp.DECLINED if i % 4 == 3 else Rsvp.ACCEPTED,
            presence=presences[i % 4] if i % 9 != 8 else Presence.ABSENT,
        )
        for i, a in enumerate(meeting.attendance)
    )
    secretary = next(p for p in people if p.id == meeting.secretary_id)
    notes = {
        0: "Ordföranden hälsade välkommen och öppnade mötet.",
        1: f"Till sekreterare valdes {secretary.name}. Till justerare valdes Sofia Ekström.",
        2: "Dagordningen godkändes med tillägg under övriga frågor: lovskolor i sommar.",
        3: "Föregående minnesanteckningar gicks igenom och lades till handlingarna.",
        4: "Genomgång av åtgärdslistan. Kartläggningen av IMV-platser är klar.",
        5: "Anders rapporterade från skolchefsnätverket: strategin för 2023–2026 revideras i vår.\n"
        "Fokus på fullföljd utbildning och kompetensförsörjning.",
        6: "Samverkan kring obehöriga elever (IMV/IMY): kommunerna redovisade läget.\n"
        "Flera vill ha ett gemensamt antagningsunderlag. Nordverk AB erbjuder platser för APL.",
        7: "Lovskolor i sommar: Granby och Lindås samordnar.",
        8: "Nästa möte hålls hos Sjöhamns kommun.",
        9: "Ordföranden tackade och avslutade mötet.",
    }
    agenda = []
    for i, item in enumerate(meeting.agenda):
        decisions: tuple[Decision, ...] = ()
        actions: tuple[ActionItem, ...] = ()
        if i == 2:
            decisions = (Decision(new_item_id(), "Dagordningen godkändes."),)
        if i == 6:
            decisions = (
                Decision(
                    new_item_id(), "Nätverket tar fram ett gemensamt antagningsunderlag för IMV."
                ),
            )
            actions = (
                ActionItem(
                    new_item_id(),
                    "Ta fram utkast till gemensamt antagningsunderlag",
                    owner_id=by_name["Lena Öberg"].id,
                    due=meeting.day + timedelta(weeks=6),
                ),
                ActionItem(
                    new_item_id(),
                    "Sammanställa APL-platser hos Nordverk",
                    owner_id=by_name["Petra Sjöberg"].id,
                    due=meeting.day + timedelta(weeks=3),
                    status=ActionStatus.DONE if not full else ActionStatus.OPEN,
                    done_on=meeting.day + timedelta(weeks=2) if not full else None,
                ),
            )
        if i == 7 and full:
            actions = (
                ActionItem(
                    new_item_id(),
                    "Bjuda in till samordningsmöte om lovskolor",
                    owner_id=by_name["Anna Grön"].id,
                    due=meeting.day - timedelta(days=1) + timedelta(weeks=1),
                ),
            )
        agenda.append(
            replace(
                item,
                notes=notes.get(i, ""),
                decisions=decisions,
                actions=actions,
                state=ItemState.DONE,
                spent_seconds=item.minutes * 60 + (120 if i == 6 else -60 if i == 7 else 0),
            )
        )
    held = replace(
        meeting,
        agenda=tuple(agenda),
        attendance=attendance,
        adjuster_ids=(by_name["Sofia Ekström"].id,),
        actual_start=meeting.start + timedelta(minutes=3),
        actual_end=meeting.end - timedelta(minutes=10),
        formality=Formality.INFORMAL,
        sent_sequence=0,
    )
    held = replace(held, sent_fingerprint=held.invite_fingerprint())
    store.save_meeting(held)


def _prepare_upcoming(store: Store, meeting: Meeting, people: list[Person]) -> None:
    by_name = {p.name: p for p in people}
    agenda = list(meeting.agenda)
    agenda[6] = replace(
        agenda[6],
        title="Gemensamt antagningsunderlag för IMV",
        kind=agenda[6].kind,
        presenter_id=by_name["Lena Öberg"].id,
        minutes=45,
        description="Utkastet skickas ut en vecka före mötet.",
    )
    agenda.insert(
        7,
        replace(
            agenda[6],
            id=new_item_id(),
            title="Industrinatten och branschdagar",
            presenter_id=by_name["Linnea Borg"].id,
            minutes=20,
            description="",
        ),
    )
    attendance = tuple(
        replace(a, rsvp=[Rsvp.ACCEPTED, Rsvp.NEEDS_ACTION, Rsvp.TENTATIVE, Rsvp.DECLINED][i % 4])
        for i, a in enumerate(meeting.attendance)
    )
    guest = Attendance(
        guest_name="Nora Gäst",
        guest_email="nora.gast@example.org",
        guest_org="Arbetsförmedlingen",
        role=MeetingRole.OPTIONAL,
    )
    upcoming = replace(
        meeting,
        agenda=tuple(agenda),
        attendance=(*attendance, guest),
        adjuster_ids=(by_name["Erik Sandvik"].id,),
        documents="Utkast till antagningsunderlag (bifogas kallelsen).",
        sent_sequence=0,
    )
    upcoming = replace(upcoming, sent_fingerprint=upcoming.invite_fingerprint())
    store.save_meeting(upcoming)
