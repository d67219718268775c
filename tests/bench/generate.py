"""Realistic archives for benchmarks and soak tests, deterministic from a seed.

A coordinator's archive: a few networks, their member organisations and
people, and meetings going back years, each with a 12-item agenda, 15
invitees and minutes (Swedish notes of typical and long length, decisions,
action items). Everything is written through the real Store API, in batches,
so the file is exactly what quorum itself would have written.

    from tests.bench.generate import generate
    generate(path, meetings=1000, seed=1)

    python -m tests.bench.generate PATH --meetings 1000 [--seed 1]
"""

from __future__ import annotations

import argparse
import random
import sys
import time as _time
from datetime import date, datetime, time, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Attendance,
    Decision,
    Formality,
    ItemKind,
    ItemState,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Membership,
    OrgKind,
    Presence,
    Role,
    Rsvp,
)
from quorum.store.store import Store

TZ = "Europe/Stockholm"
# The archive ends around this day, so "upcoming" and "held" are stable.
TODAY = date(2026, 11, 25)
MEETINGS_PER_BATCH = 200
ATTENDEES = 15

NETWORKS = [
    ("Gymnasienätverket Skogsbygden", "Kommunalförbundet Skogsbygden"),
    ("SYV-nätverket Norra länet", "Region Norrland"),
    ("Teknikcollege Skogsbygden styrgrupp", "Teknikcollege Skogsbygden"),
    ("Skolchefsnätverket", "Kommunalförbundet Skogsbygden"),
    ("Kompetensförsörjningsrådet", "Region Norrland"),
]

ORG_STEMS = [
    "Ekdala",
    "Björkvik",
    "Sjöhamn",
    "Granby",
    "Lindås",
    "Norrvik",
    "Älvstrand",
    "Högby",
    "Åkerby",
    "Furulund",
    "Storsjö",
    "Malmberga",
    "Östanå",
    "Västerby",
    "Rödön",
    "Hammarö",
]
COMPANIES = ["Nordverk AB", "Skogsindustrier i Norr AB", "Elkraft Älvdalen AB", "Byggmästarna AB"]
UNIVERSITIES = ["Skogsbygdens högskola", "Mittnorrlands universitet"]

FIRST = [
    "Karin",
    "Anders",
    "Sofia",
    "Jonas",
    "Maria",
    "Erik",
    "Lena",
    "Per",
    "Anna",
    "Mikael",
    "Eva",
    "Johan",
    "Helena",
    "Fredrik",
    "Ingrid",
    "Tomas",
    "Camilla",
    "Magnus",
    "Sara",
    "Oskar",
    "Linnea",
    "Björn",
    "Petra",
    "Ulf",
    "Elin",
    "Gustav",
    "Nora",
    "Åsa",
    "Göran",
    "Märta",
    "Örjan",
    "Kjell",
    "Britt",
    "Lars",
    "Annika",
    "Håkan",
    "Ylva",
    "Stina",
]
LAST = [
    "Holmqvist",
    "Bergfalk",
    "Ekström",
    "Lindblad",
    "Åkesson",
    "Sandvik",
    "Öberg",
    "Håkansson",
    "Grön",
    "Strand",
    "Nyqvist",
    "Björk",
    "Dahl",
    "Ås",
    "Falk",
    "Wiik",
    "Rosén",
    "Ek",
    "Lindgren",
    "Hedlund",
    "Borg",
    "Lindström",
    "Sjöberg",
    "Norén",
    "Fors",
    "Engel",
    "Vik",
    "Söderberg",
    "Lundqvist",
    "Fröberg",
]
TITLES = [
    "rektor",
    "studie- och yrkesvägledare",
    "skolchef",
    "programansvarig",
    "utvecklingsledare",
    "förvaltningschef",
    "förstelärare",
    "HR-chef",
    "samverkanskoordinator",
    "kompetensförsörjningsansvarig",
    "processledare",
]

AGENDA = [
    # (title, kind, minutes)
    ("Mötets öppnande", ItemKind.STANDING, 5),
    ("Val av sekreterare och justerare", ItemKind.DECISION, 5),
    ("Godkännande av dagordning", ItemKind.DECISION, 5),
    ("Föregående minnesanteckningar", ItemKind.STANDING, 5),
    ("Uppföljning av åtgärder", ItemKind.STANDING, 15),
    ("Information från skolchefsnätverket", ItemKind.INFORMATION, 15),
    ("Gemensam gymnasieantagning", ItemKind.DISCUSSION, 30),
    ("Samverkan kring introduktionsprogrammen", ItemKind.DISCUSSION, 30),
    ("Kompetensförsörjning och APL-platser", ItemKind.DECISION, 20),
    ("Övriga frågor", ItemKind.DISCUSSION, 10),
    ("Nästa möte", ItemKind.STANDING, 5),
    ("Mötets avslutande", ItemKind.STANDING, 5),
]
TOPICS = [
    "fullföljd utbildning",
    "elevhälsan",
    "lovskolor",
    "introduktionsprogrammen",
    "det kommunala aktivitetsansvaret",
    "APL-platser",
    "vuxenutbildningen",
    "yrkesintroduktion",
    "Teknikcollege-certifieringen",
    "skolskjutsar",
    "gymnasieantagningen",
    "språkintroduktion",
    "kompetensförsörjningen i regionen",
    "samordningen av skolval",
    "branschrådet",
    "lärarbehörigheten",
    "särskolan",
]
SENTENCES = [
    "{who} redogjorde för läget kring {topic} och betonade att arbetet går framåt.",
    "Diskussionen handlade om hur kommunerna kan samordna {topic} bättre inför hösten.",
    "Flera av medlemmarna lyfte att {topic} kräver mer resurser än vad som budgeterats.",
    "{who} från {org} berättade om erfarenheterna av {topic} under våren.",
    "Gruppen var överens om att en gemensam lägesbild för {topic} behövs före årsskiftet.",
    "Det framkom att statistiken för {topic} ännu inte är komplett från alla kommuner.",
    "Nätverket konstaterade att samarbetet med näringslivet kring {topic} har stärkts.",
    "En fråga ställdes om hur {topic} påverkar elevernas möjligheter att fullfölja studierna.",
    "{who} föreslog att en arbetsgrupp tillsätts för att se över {topic}.",
    "Mötet diskuterade tidplanen och att underlag om {topic} skickas ut i god tid.",
    "Det noterades att Skolverkets nya riktlinjer om {topic} träder i kraft nästa läsår.",
    "{org} har under året prövat en ny modell för {topic} med goda resultat.",
    "Synpunkter på remissen om {topic} samlas in av processledaren senast om två veckor.",
    "Frågan om {topic} återkommer som en stående punkt på dagordningen framöver.",
]
DECISIONS = [
    "Nätverket ställer sig bakom förslaget om {topic}.",
    "Arbetsgruppen för {topic} får i uppdrag att återkomma med ett förslag.",
    "Lägesbilden om {topic} godkändes och läggs till handlingarna.",
    "Beslutades att {topic} tas upp på nästa möte med underlag från kommunerna.",
]
ACTIONS = [
    "Sammanställa underlag om {topic}",
    "Bjuda in Skolverket för en dragning om {topic}",
    "Skicka ut enkät till medlemmarna om {topic}",
    "Ta fram förslag till gemensam rutin för {topic}",
    "Kontakta branschrådet angående {topic}",
]


def _plain(text: str) -> str:
    table = str.maketrans({"å": "a", "ä": "a", "ö": "o", "é": "e", " ": "."})
    return text.lower().translate(table)


class _Archive:
    def __init__(self, store: Store, rng: random.Random) -> None:
        self.store = store
        self.rng = rng
        self.orgs: list = []
        self.networks: list = []
        self.members: dict[str, list] = {}  # network id -> people
        self.zone = ZoneInfo(TZ)

    def item_id(self) -> str:
        return f"{self.rng.getrandbits(32):08x}"

    def build_roster(self) -> None:
        rng = self.rng
        for stem in ORG_STEMS:
            self.orgs.append(
                self.store.add_organisation(name=f"{stem}s kommun", kind=OrgKind.MUNICIPALITY)
            )
            self.orgs.append(
                self.store.add_organisation(name=f"{stem} gymnasium", kind=OrgKind.SCHOOL)
            )
        for name in COMPANIES:
            self.orgs.append(self.store.add_organisation(name=name, kind=OrgKind.COMPANY))
        for name in UNIVERSITIES:
            self.orgs.append(self.store.add_organisation(name=name, kind=OrgKind.UNIVERSITY))
        for name, organiser in NETWORKS:
            members = rng.sample(self.orgs, 14)
            self.networks.append(
                self.store.add_network(
                    name=name,
                    organiser=organiser,
                    publication_email=f"{_plain(name.split()[0])}@example.se",
                    default_place=f"{members[0].name}, Storgatan {rng.randint(1, 40)}",
                    default_link=f"https://meet.example.se/{_plain(name.split()[0])}",
                    member_org_ids=tuple(o.id for o in members),
                )
            )
        used: set[str] = set()
        for network in self.networks:
            people = []
            for i in range(24):
                while True:
                    name = f"{rng.choice(FIRST)} {rng.choice(LAST)}"
                    if name not in used:
                        break
                used.add(name)
                people.append(
                    self.store.add_person(
                        name=name,
                        email=f"{_plain(name)}@example.{'se' if i % 3 else 'org'}",
                        org_id=rng.choice(self.orgs).id,
                        title=rng.choice(TITLES),
                        phone=(
                            f"070-{rng.randint(100, 999)} "
                            f"{rng.randint(10, 99)} {rng.randint(10, 99)}"
                        ),
                        memberships=(
                            Membership(network.id, Role.CHAIR if i == 0 else Role.MEMBER),
                        ),
                    )
                )
            self.members[network.id] = people

    def notes(self, long: bool, people: list) -> str:
        rng = self.rng
        count = rng.randint(38, 56) if long else rng.randint(9, 18)
        topic = rng.choice(TOPICS)
        lines = []
        for _ in range(count):
            if rng.random() < 0.3:
                topic = rng.choice(TOPICS)
            lines.append(
                rng.choice(SENTENCES).format(
                    who=rng.choice(people).name, org=rng.choice(self.orgs).name, topic=topic
                )
            )
        # Paragraphs of three or four sentences, as a secretary writes them.
        paragraphs, i = [], 0
        while i < len(lines):
            step = rng.randint(3, 4)
            paragraphs.append(" ".join(lines[i : i + step]))
            i += step
        return "\n\n".join(paragraphs)

    def agenda(self, held: bool, day: date, people: list) -> tuple[AgendaItem, ...]:
        rng = self.rng
        recent = day > TODAY - timedelta(days=365)
        items = []
        for position, (title, kind, minutes) in enumerate(AGENDA):
            topic = rng.choice(TOPICS)
            fields: dict = {}
            if held:
                fields["notes"] = self.notes(rng.random() < 0.2, people)
                fields["state"] = ItemState.DONE
                fields["spent_seconds"] = minutes * 60 + rng.randint(-120, 300)
                if kind == ItemKind.DECISION or rng.random() < 0.25:
                    fields["decisions"] = tuple(
                        Decision(self.item_id(), rng.choice(DECISIONS).format(topic=topic))
                        for _ in range(rng.randint(1, 2))
                    )
                if position >= 4 and rng.random() < 0.5:
                    fields["actions"] = tuple(
                        ActionItem(
                            self.item_id(),
                            rng.choice(ACTIONS).format(topic=topic),
                            owner_id=rng.choice(people).id,
                            due=day + timedelta(weeks=rng.randint(2, 8)),
                            # Older ones were followed up; about a year's stay open.
                            status=ActionStatus.OPEN
                            if recent and rng.random() < 0.3
                            else ActionStatus.DONE,
                        )
                        for _ in range(rng.randint(1, 2))
                    )
            items.append(
                AgendaItem(
                    id=self.item_id(),
                    title=title,
                    kind=kind,
                    minutes=minutes,
                    presenter_id=rng.choice(people).id if position >= 5 else None,
                    description=f"Underlag om {topic} skickas ut före mötet."
                    if position >= 5
                    else "",
                    followup=title == "Uppföljning av åtgärder",
                    **fields,
                )
            )
        return tuple(items)

    def meeting(self, meeting_id: int, network_index: int, k: int) -> Meeting:
        """The k-th meeting back in time of a network (k < 2 are upcoming)."""
        rng = self.rng
        network = self.networks[network_index]
        people = self.members[network.id]
        # About eight meetings a year, on Fridays, spread over the networks' weeks.
        day = TODAY + timedelta(weeks=8 - 6 * k, days=(4 - TODAY.weekday()) % 7 + 7 * network_index)
        start = datetime.combine(day, time(9, 0), tzinfo=self.zone)
        held = start < datetime.combine(TODAY, time(0, 0), tzinfo=self.zone)
        if not held:
            status = MeetingStatus.INVITED if k == 1 else MeetingStatus.PLANNED
        elif rng.random() < 0.04:
            status, held = MeetingStatus.CANCELLED, False
        else:
            status = MeetingStatus.PUBLISHED if k > 3 else MeetingStatus.DRAFTED
        invited = rng.sample(people, ATTENDEES)
        presences = [Presence.PRESENT] * 6 + [Presence.REMOTE, Presence.EXCUSED, Presence.ABSENT]
        attendance = tuple(
            Attendance(
                person_id=p.id,
                role=MeetingRole.CHAIR
                if i == 0
                else MeetingRole.SECRETARY
                if i == 1
                else MeetingRole.PARTICIPANT,
                rsvp=rng.choice(list(Rsvp)),
                presence=rng.choice(presences) if held else Presence.UNKNOWN,
            )
            for i, p in enumerate(invited)
        )
        host = self.orgs[(k + network_index) % len(self.orgs)]
        return Meeting(
            id=str(meeting_id),
            network_id=network.id,
            title="Nätverksträff",
            start=start,
            end=start + timedelta(hours=3),
            tz=TZ,
            place=f"{host.name}, sammanträdesrum {k % 7}",
            online_link=network.default_link,
            status=status,
            formality=Formality.FORMAL if network_index % 2 else Formality.INFORMAL,
            host_org_id=host.id,
            chair_id=invited[0].id,
            secretary_id=invited[1].id,
            adjuster_ids=(invited[2].id,),
            uid=f"{rng.getrandbits(96):024x}@quorum",
            sequence=rng.randint(0, 2),
            sent_sequence=0 if k <= 1 or held else None,
            agenda=self.agenda(held, day, people),
            attendance=attendance,
            actual_start=start + timedelta(minutes=rng.randint(0, 10)) if held else None,
            actual_end=start + timedelta(minutes=rng.randint(150, 185)) if held else None,
        )


def generate(path: str | Path, meetings: int = 1000, seed: int = 1) -> Path:
    """Write a fresh archive of ``meetings`` meetings to ``path`` (replaced if present)."""
    path = Path(path)
    for old in path.parent.glob(f"{path.name}*"):
        old.unlink()
    rng = random.Random(seed)
    with Store.open(path) as store:
        archive = _Archive(store, rng)
        with store.batch():
            archive.build_roster()
        per_network = [0] * len(archive.networks)
        for first in range(0, meetings, MEETINGS_PER_BATCH):
            with store.batch():
                for number in range(first, min(first + MEETINGS_PER_BATCH, meetings)):
                    network_index = number % len(archive.networks)
                    store.save_meeting(
                        archive.meeting(number + 1, network_index, per_network[network_index])
                    )
                    per_network[network_index] += 1
    return path


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m tests.bench.generate", description="Write a realistic quorum archive."
    )
    parser.add_argument("path")
    parser.add_argument("--meetings", type=int, default=1000)
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    began = _time.perf_counter()
    path = generate(args.path, meetings=args.meetings, seed=args.seed)
    size = path.stat().st_size
    print(
        f"{path}: {args.meetings} meetings, {size / 1e6:.1f} MB "
        f"({size / max(args.meetings, 1) / 1e3:.1f} KB a meeting) "
        f"in {_time.perf_counter() - began:.1f} s"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
