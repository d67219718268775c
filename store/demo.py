"""A fictional but realistic network to show what quorum is for.

Every person and e-mail address here is invented (addresses on example.se /
example.org). Meeting dates are laid out around ``today`` so the demo always
has a held meeting with minutes, an upcoming one with an agenda and invitees,
a cancelled one and the rest of the year planned.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from datetime import date, datetime, time, timedelta
from zoneinfo import ZoneInfo

from quorum.store.holidays import holiday_name
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    Approval,
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
from quorum.store.when import long_date

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
            # The rule: the secretary comes from the host of the following meeting
            # that takes place (the cancelled one hosts nobody).
            following = next(
                (j for j in range(i + 1, len(days)) if statuses[j] != MeetingStatus.CANCELLED),
                len(days),
            )
            meeting = store.add_meeting(
                network_id=network.id,
                title="Nätverksträff",
                start=start,
                end=start + timedelta(hours=3),
                tz=TZ,
                place=f"{hosts[i].name}, stadshuset",
                online_link=network.default_link,
                status=statuses[i],
                host_org_id=hosts[i].id,
                chair_id=chair.id,
                secretary_id=host_rep(following),
                agenda=agenda_from_template(template) if i <= 2 else (),
                attendance=attendance if i <= 3 else (),
            )
            meetings.append(meeting)
        by_name = {p.name: p for p in people}
        story = _Story(by_name, {o.id: o.name for o in orgs}, meetings)
        story.first_meeting()
        story.second_meeting()
        store.save_meeting(story.held[0])
        store.save_meeting(story.held[1])
        store.save_meeting(story.upcoming())


_AWAY = "Högby kommun"


class _Story:
    """The demo's one story, told across its meetings.

    At the first meeting the network decides on a common admission basis for IMV
    (Lena Öberg drafts it for the upcoming meeting) and hands out two smaller action
    items, both done by the second meeting, whose follow-up says so. The second
    meeting agrees on a shared calendar for open days and hears about Industrinatten,
    which comes back on the upcoming meeting's agenda. Each meeting's "next meeting"
    names the host that the rotation gives it; the secretary of each comes from the
    host of the meeting after it, is present and is never among the excused.
    """

    def __init__(
        self, by_name: dict[str, Person], org_names: dict[str, str], meetings: list[Meeting]
    ) -> None:
        self.by_name = by_name
        self.by_id = {p.id: p for p in by_name.values()}
        self.org_names = org_names
        self.meetings = meetings
        self.held: list[Meeting] = []

    def _id(self, name: str) -> str:
        return self.by_name[name].id

    def _next_line(self, index: int) -> str:
        nxt = next(m for m in self.meetings[index + 1 :] if m.status != MeetingStatus.CANCELLED)
        host = self.org_names[nxt.host_org_id or ""]
        return f"Nästa möte hålls {long_date(nxt.day, 'sv')} hos {host}."

    def _attended(
        self, meeting: Meeting, adjuster: str, owners: Iterable[str]
    ) -> tuple[Attendance, ...]:
        """Presence in a steady pattern and answers that agree with it; the chair, the
        secretary, the justerare and whoever takes on an action item are there, and
        Högby kommun has sent its apologies all autumn (the representation shows it)."""
        keep = {meeting.chair_id, meeting.secretary_id, self._id(adjuster)}
        keep |= {self._id(name) for name in owners}
        away = {p.id for p in self.by_name.values() if self.org_names[p.org_id or ""] == _AWAY}
        pattern = [Presence.PRESENT, Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED]
        out = []
        for i, a in enumerate(meeting.attendance):
            presence = pattern[i % 4] if i % 9 != 8 else Presence.ABSENT
            if a.person_id in keep:
                presence = Presence.PRESENT
            elif a.person_id in away:
                presence = Presence.EXCUSED
            rsvp = {
                Presence.EXCUSED: Rsvp.DECLINED,
                Presence.ABSENT: Rsvp.NEEDS_ACTION,
            }.get(presence, Rsvp.ACCEPTED)
            out.append(replace(a, rsvp=rsvp, presence=presence))
        return tuple(out)

    def _held(
        self,
        meeting: Meeting,
        adjuster: str,
        notes: Mapping[int, str],
        decisions: Mapping[int, tuple[str, ...]],
        actions: Mapping[int, tuple[ActionItem, ...]],
    ) -> Meeting:
        agenda = tuple(
            replace(
                item,
                notes=notes.get(i, ""),
                decisions=tuple(Decision(new_item_id(), text) for text in decisions.get(i, ())),
                actions=actions.get(i, ()),
                state=ItemState.DONE,
                spent_seconds=item.minutes * 60 + (120 if i == 6 else -60 if i == 7 else 0),
            )
            for i, item in enumerate(meeting.agenda)
        )
        owners = {
            self.by_id[a.owner_id].name for acts in actions.values() for a in acts if a.owner_id
        }
        held = replace(
            meeting,
            agenda=agenda,
            attendance=self._attended(meeting, adjuster, owners),
            adjuster_ids=(self._id(adjuster),),
            actual_start=meeting.start + timedelta(minutes=3),
            actual_end=meeting.end - timedelta(minutes=10),
            formality=Formality.INFORMAL,
            sent_sequence=0,
        )
        return replace(held, sent_fingerprint=held.invite_fingerprint())

    def first_meeting(self) -> None:
        m = self.meetings[0]
        upcoming = self.meetings[2]
        notes = {
            0: "Ordföranden Anders Bergfalk hälsade alla välkomna och öppnade mötet.",
            1: "Till justerare valdes Sofia Ekström.",
            2: "Ett ärende lades till under övriga frågor: lovskolor i sommar.",
            3: "Minnesanteckningarna från förra mötet lades till handlingarna.",
            # The minutes list the open action items (none) under the follow-up themselves.
            4: "Ordföranden påminde om att varje åtgärd får en ansvarig och ett datum och "
            "följs upp vid nästa möte.",
            5: "Anders Bergfalk rapporterade från skolchefsnätverket: uppdragen för "
            "2023–2026 revideras under våren.\n"
            "Fokus ligger på fullföljd utbildning och kompetensförsörjning.",
            6: "Samverkan kring obehöriga elever (IMV/IMY): kommunerna redovisade läget.\n"
            "Flera vill ha ett gemensamt antagningsunderlag. Nordverk AB erbjuder platser "
            "för APL.",
            7: "Lovskolor i sommar: Granby och Lindås samordnar.",
            8: self._next_line(0),
            9: "Ordföranden tackade och avslutade mötet.",
        }
        decisions = {
            2: ("Dagordningen godkändes med tillägget.",),
            6: ("Nätverket tar fram ett gemensamt antagningsunderlag för IMV.",),
        }
        actions = {
            6: (
                ActionItem(
                    new_item_id(),
                    "Ta fram utkast till gemensamt antagningsunderlag",
                    owner_id=self._id("Lena Öberg"),
                    # in time to send it out a week before the meeting that discusses it
                    due=upcoming.day - timedelta(weeks=1),
                ),
                ActionItem(
                    new_item_id(),
                    "Sammanställa APL-platser hos Nordverk",
                    owner_id=self._id("Petra Sjöberg"),
                    due=m.day + timedelta(weeks=3),
                    status=ActionStatus.DONE,
                    done_on=m.day + timedelta(weeks=2),
                ),
            ),
            7: (
                ActionItem(
                    new_item_id(),
                    "Bjuda in till samordningsmöte om lovskolor",
                    owner_id=self._id("Anna Grön"),
                    due=m.day + timedelta(weeks=4),
                    status=ActionStatus.DONE,
                    done_on=m.day + timedelta(weeks=3),
                ),
            ),
        }
        held = self._held(m, "Sofia Ekström", notes, decisions, actions)
        approved = Approval(name="Sofia Ekström", on=m.day + timedelta(days=7))
        self.held.append(replace(held, approvals=(approved,)))

    def second_meeting(self) -> None:
        m = self.meetings[1]
        first = self.meetings[0]
        notes = {
            0: "Ordföranden hälsade alla välkomna och öppnade mötet.",
            1: "Till justerare valdes Jonas Lindblad.",
            3: f"Minnesanteckningarna från mötet {first.day.isoformat()} är justerade och "
            "publicerade. De lades till handlingarna.",
            4: "Petra Sjöberg har sammanställt APL-platserna hos Nordverk. Anna Grön har "
            "bjudit in till samordningsmötet om lovskolor.\n"
            "Lena Öberg arbetar med utkastet till gemensamt antagningsunderlag; det skickas "
            "ut en vecka före nästa möte.",
            5: "Skolchefsnätverket har antagit de reviderade uppdragen för nätverket.",
            6: "Studie- och yrkesvägledarna vill samordna kommunernas öppet hus inför "
            "gymnasievalet.",
            7: "Linnea Borg berättade om Industrinatten. Ärendet tas upp igen på nästa möte.",
            8: self._next_line(1),
            9: "Ordföranden tackade och avslutade mötet.",
        }
        decisions = {
            2: ("Dagordningen godkändes.",),
            6: ("Kommunerna samordnar sina datum för öppet hus i en gemensam kalender.",),
        }
        actions = {
            6: (
                ActionItem(
                    new_item_id(),
                    "Lägga upp en gemensam kalender för öppet hus",
                    owner_id=self._id("Maria Åkesson"),
                    due=m.day + timedelta(weeks=2),  # overdue by the upcoming meeting
                ),
            ),
        }
        self.held.append(self._held(m, "Jonas Lindblad", notes, decisions, actions))

    def upcoming(self) -> Meeting:
        meeting = self.meetings[2]
        agenda = list(meeting.agenda)
        agenda[6] = replace(
            agenda[6],
            title="Gemensamt antagningsunderlag för IMV",
            presenter_id=self._id("Lena Öberg"),
            minutes=45,
            description="Utkastet skickas ut en vecka före mötet.",
        )
        agenda.insert(
            7,
            replace(
                agenda[6],
                id=new_item_id(),
                title="Industrinatten och branschdagar",
                presenter_id=self._id("Linnea Borg"),
                minutes=20,
                description="",
            ),
        )
        # the chair, the secretary, the justerare, the presenters and industry (the
        # network requires it) have said they are coming
        sure = {meeting.chair_id, meeting.secretary_id}
        sure |= {self._id(n) for n in ("Erik Sandvik", "Lena Öberg", "Linnea Borg")}
        sure.add(self._id("Björn Lindström"))
        answers = [Rsvp.ACCEPTED, Rsvp.NEEDS_ACTION, Rsvp.TENTATIVE, Rsvp.DECLINED]
        attendance = tuple(
            replace(a, rsvp=Rsvp.ACCEPTED if a.person_id in sure else answers[i % 4])
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
            adjuster_ids=(self._id("Erik Sandvik"),),
            documents="Utkast till antagningsunderlag (bifogas kallelsen).",
            sent_sequence=0,
        )
        return replace(upcoming, sent_fingerprint=upcoming.invite_fingerprint())
