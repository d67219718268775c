"""A realistic Swedish network meeting for the document tests (imported, not a conftest).

Teknikcollege Nordvästra Skåne meets four times a year; the March meeting has
twelve agenda items, full notes, decisions and action items, attendance from
several municipalities, a company and a university, a guest, and one person
who has since been erased from the roster.
"""

from __future__ import annotations

from datetime import date, datetime
from zoneinfo import ZoneInfo

from quorum.exports.context import DocContext, build_context
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Approval,
    Attendance,
    Decision,
    Formality,
    ItemKind,
    ItemState,
    Meeting,
    MeetingRole,
    MeetingStatus,
    Network,
    Organisation,
    OrgKind,
    Person,
    Presence,
    replace,
)

TZ = ZoneInfo("Europe/Stockholm")
NOW = datetime(2027, 3, 15, 14, 30, tzinfo=TZ)

NETWORK = Network(
    id="1",
    name="Teknikcollege Nordvästra Skåne",
    organiser="Familjen Helsingborg",
    publication_email="webb@teknikcollege-nv.example.se",
    default_place="Campus Helsingborg",
    min_meetings=4,
)

ORGS = [
    Organisation("1", "Helsingborgs stad", OrgKind.MUNICIPALITY),
    Organisation("2", "Landskrona stad", OrgKind.MUNICIPALITY),
    Organisation("3", "Ängelholms kommun", OrgKind.MUNICIPALITY),
    Organisation("4", "Höganäs kommun", OrgKind.MUNICIPALITY),
    Organisation("5", "Industrimekano i Bjuv AB", OrgKind.COMPANY),
    Organisation("6", "Lunds universitet", OrgKind.UNIVERSITY),
]

PEOPLE = [
    Person(
        "1",
        "Anna Lindqvist",
        "anna.lindqvist@helsingborg.example.se",
        "1",
        "processledare",
        "042-10 50 00",
    ),
    Person(
        "2",
        "Johan Bergström",
        "johan.bergstrom@landskrona.example.se",
        "2",
        "rektor",
        "0418-47 00 00",
    ),
    Person("3", "Maria Öberg", "maria.oberg@engelholm.example.se", "3", "SYV"),
    Person("4", "Erik Åkesson", "erik.akesson@hoganas.example.se", "4", "rektor"),
    Person("5", "Sara Nilsson", "sara.nilsson@industrimekano.example.se", "5", "HR-chef"),
    Person("6", "Lars Persson", "lars.persson@helsingborg.example.se", "1", "lärare"),
    Person("7", "Fatima Hassan", "fatima.hassan@landskrona.example.se", "2", "lärare"),
    Person("8", "Per Holm", "per.holm@lu.example.se", "6", "universitetslektor"),
    Person("9", "Karin Sjöberg", "karin.sjoberg@hoganas.example.se", "4", "SYV"),
    Person("10", "Mikael Ek", "mikael.ek@engelholm.example.se", "3", "förvaltningschef"),
    Person("11", "Lena Dahl", "lena.dahl@industrimekano.example.se", "5", "produktionschef"),
]


def _at(day: date, hour: int, minute: int = 0) -> datetime:
    return datetime(day.year, day.month, day.day, hour, minute, tzinfo=TZ)


def _earlier() -> Meeting:
    """The February meeting: formal, approved, twelve items, two actions still open."""
    day = date(2027, 2, 5)
    items = [AgendaItem(f"e{i}", f"Punkt {i}", minutes=10) for i in range(1, 13)]
    items[4] = replace(
        items[4],
        title="Återcertifiering",
        actions=(
            ActionItem(
                "ea1",
                "Sammanställa självvärderingen för el- och energiprogrammet",
                owner_id="6",
                due=date(2027, 3, 10),
            ),
            ActionItem(
                "ea2",
                "Boka lokal för öppet hus",
                owner_id="2",
                due=date(2027, 2, 20),
                status=ActionStatus.DONE,
                done_on=date(2027, 2, 18),
            ),
        ),
    )
    items[7] = replace(
        items[7],
        title="APL",
        actions=(
            ActionItem(
                "ea3",
                "Kontakta branschrådet om APL-platser inom svets",
                owner_name="Branschrådet",
                due=date(2027, 3, 1),
            ),
        ),
    )
    return Meeting(
        "1",
        "1",
        "Nätverksträff 1 2027",
        _at(day, 9),
        _at(day, 12),
        status=MeetingStatus.APPROVED,
        formality=Formality.FORMAL,
        host_org_id="4",
        agenda=tuple(items),
        uid="feb2027@quorum",
    )


NOTES_APL = """Fatima redovisade läget: 34 av 41 elever i åk 2 har APL-plats för vt 2027.
Svårast inom svets och industriautomation.

Industrimekano kan ta emot ytterligare 3 elever från v. 14.
Kontakt: Sara Nilsson, sara.nilsson@industrimekano.example.se, 070-123 45 67.
Skolverkets handledarutbildning rekommenderas: *alla* nya handledare ska gå den."""


def _march_agenda() -> tuple[AgendaItem, ...]:
    return (
        AgendaItem(
            "i1",
            "Mötets öppnande",
            ItemKind.STANDING,
            presenter_id="1",
            minutes=5,
            notes="Ordföranden hälsade alla välkomna, särskilt Per Holm från Lunds universitet.",
        ),
        AgendaItem(
            "i2",
            "Val av justerare",
            ItemKind.STANDING,
            minutes=5,
            decisions=(
                Decision("d1", "Maria Öberg och Sara Nilsson väljs att justera protokollet."),
            ),
        ),
        AgendaItem(
            "i3",
            "Godkännande av dagordningen",
            ItemKind.STANDING,
            minutes=5,
            decisions=(Decision("d2", "Dagordningen godkänns med tillägg under Övriga frågor."),),
        ),
        AgendaItem(
            "i4",
            "Uppföljning av åtgärder",
            ItemKind.STANDING,
            minutes=10,
            followup=True,
            notes="Självvärderingen är försenad; Lars räknar med att bli klar till påsk.",
        ),
        AgendaItem(
            "i5",
            "Återcertifiering 2027 – lägesrapport",
            ItemKind.INFORMATION,
            presenter_id="6",
            minutes=20,
            description="Läget för återcertifieringen av el- och energiprogrammet och\nteknikprogrammet. Underlag skickas ut en vecka före.",
            notes="Revisionen är bokad till 22 april.\nUnderlaget ska vara inne hos Teknikcollege Sverige senast 1 april.\n\nBedömningen är att kriterierna 3 (samverkan) och 7 (lärares kompetens) behöver stärkas.",
            actions=(
                ActionItem(
                    "a1",
                    "Skicka självvärderingen till styrgruppen",
                    owner_id="6",
                    due=date(2027, 3, 26),
                ),
            ),
        ),
        AgendaItem(
            "i6",
            "Branschråd: nya företag",
            ItemKind.DISCUSSION,
            presenter_id="5",
            minutes=20,
            notes="Två nya företag vill gå med: Öresundskraft och Nordvästra Skånes Plåt & Svets.\nDiskussion om hur företagen ska representeras i styrgruppen (2 platser).",
        ),
        AgendaItem(
            "i7",
            "Budget 2027",
            ItemKind.DECISION,
            presenter_id="1",
            minutes=15,
            description="Förslag: 120 000 kr till gemensamma aktiviteter, fördelas efter elevantal.",
            notes="Kostnaden delas efter antal elever (Helsingborg 45 %, Landskrona 25 %, Ängelholm 18 %, Höganäs 12 %).",
            decisions=(
                Decision("d3", "Budgeten för 2027 fastställs till 120 000 kr enligt förslaget."),
                Decision("d4", "Kostnaden fördelas efter antal elever per 15 september."),
            ),
            actions=(
                ActionItem(
                    "a2",
                    "Fakturera kommunerna för vårens andel",
                    owner_id="1",
                    due=date(2027, 4, 15),
                ),
            ),
        ),
        AgendaItem(
            "i8",
            "Praktikplatser (APL) vårterminen",
            ItemKind.DISCUSSION,
            presenter_id="7",
            minutes=20,
            notes=NOTES_APL,
            actions=(
                ActionItem(
                    "a3", "Matcha tre elever mot Industrimekano", owner_id="7", due=date(2027, 4, 2)
                ),
                ActionItem(
                    "a4",
                    "Sprida information om handledarutbildningen",
                    owner_id="99",
                    due=date(2027, 4, 30),
                ),
            ),
        ),
        AgendaItem(
            "i9",
            "Marknadsföring: Öppet hus och mässor",
            ItemKind.INFORMATION,
            presenter_id="3",
            minutes=15,
            notes="Öppet hus 2027-11-18 kl. 17–19 på alla skolor.\nYrkesmässan i Helsingborg: vi delar monter med Region Skåne.",
            actions=(
                ActionItem(
                    "a5",
                    "Beställa trycksaker till mässan",
                    owner_name="Kommunikatören i Ängelholm",
                    due=date(2027, 9, 1),
                ),
            ),
        ),
        AgendaItem(
            "i10",
            "Kompetensutveckling för lärare",
            ItemKind.DISCUSSION,
            presenter_id="8",
            minutes=15,
            state=ItemState.DEFERRED,
            notes="Per Holm presenterar universitetets kursutbud nästa gång.",
        ),
        AgendaItem(
            "i11",
            "Övriga frågor",
            ItemKind.STANDING,
            minutes=10,
            notes="Erik tog upp skolskjuts till APL i Höganäs. Tas upp med kommunen; ring Karin på 08-123 456 vid frågor.",
        ),
        AgendaItem(
            "i12",
            "Mötets avslutande",
            ItemKind.STANDING,
            minutes=5,
            notes="Ordföranden tackade för ett bra möte.",
        ),
    )


def _attendance() -> tuple[Attendance, ...]:
    p, r, e, a = Presence.PRESENT, Presence.REMOTE, Presence.EXCUSED, Presence.ABSENT
    return (
        Attendance("1", role=MeetingRole.CHAIR, presence=p),
        Attendance("2", presence=e),
        Attendance("3", role=MeetingRole.ADJUSTER, presence=p),
        Attendance("4", presence=p),
        Attendance("5", role=MeetingRole.ADJUSTER, presence=r),
        Attendance("6", role=MeetingRole.SECRETARY, presence=p),
        Attendance("7", presence=p),
        Attendance("8", presence=r),
        Attendance("9", presence=a),
        Attendance("10", presence=e),
        Attendance("11", presence=p),
        Attendance("99", presence=p),  # erased from the roster since
        Attendance(
            guest_name="Nils Wallin",
            guest_email="nils.wallin@region.example.se",
            guest_org="Region Skåne",
            presence=p,
        ),
    )


def march_meeting(formality: Formality = Formality.FORMAL, approved: bool = False) -> Meeting:
    day = date(2027, 3, 12)
    approvals: tuple[Approval, ...] = ()
    status = MeetingStatus.DRAFTED
    if approved:
        approvals = (
            Approval("Maria Öberg", date(2027, 3, 18)),
            Approval("Sara Nilsson", date(2027, 3, 19)),
        )
        status = MeetingStatus.APPROVED
    return Meeting(
        "2",
        "1",
        "Nätverksträff 2 2027",
        _at(day, 9),
        _at(day, 12),
        place="Campus Helsingborg, sal 204, Universitetsplatsen 2",
        online_link="https://meet.example.se/tc-nv-2027-2",
        status=status,
        formality=formality,
        host_org_id="1",
        chair_id="1",
        secretary_id="6",
        adjuster_ids=("3", "5"),
        agenda=_march_agenda(),
        attendance=_attendance(),
        approvals=approvals,
        uid="mar2027@quorum",
        documents="Självvärdering el- och energiprogrammet (utkast), bifogad.\nBudgetförslag 2027.\nProtokoll från nätverksträff 1 2027.",
    )


def next_meeting() -> Meeting:
    day = date(2027, 5, 21)
    return Meeting(
        "3",
        "1",
        "Nätverksträff 3 2027",
        _at(day, 9),
        _at(day, 12),
        host_org_id="2",
        uid="may2027@quorum",
    )


def realistic_context(
    lang: str = "sv",
    formality: Formality = Formality.FORMAL,
    approved: bool = False,
    redact_contacts: bool = False,
    show_absent: bool = False,
) -> DocContext:
    meeting = march_meeting(formality, approved)
    return build_context(
        meeting,
        NETWORK,
        PEOPLE,
        ORGS,
        [_earlier(), meeting, next_meeting()],
        lang=lang,
        redact_contacts=redact_contacts,
        show_absent=show_absent,
    )
