"""A network from a blank database in the app (issue 12): the first-run guide, the new
network, its settings section by section, members and people, the year plan, and an
invite exported with the host's contact as ORGANIZER. Keys only — no demo, and the
store is only read, to check what the app wrote."""

from __future__ import annotations

from pathlib import Path

from textual.widgets import DataTable, Input, Select, TextArea
from textual.widgets._footer import FooterKey

from quorum.store.records import EasterBreak, InviteSender
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog, FormDialog
from quorum.tui.screens.export import ExportScreen
from quorum.tui.screens.network import NetworkSettingsScreen
from quorum.tui.screens.overview import OverviewScreen
from quorum.tui.screens.roster import RosterScreen
from quorum.tui.screens.year_plan import YearPlanScreen
from quorum.tui.widgets.form import FieldRow
from quorum.tui.widgets.network_forms import (
    BreaksForm,
    GeneralForm,
    InviteForm,
    MembersForm,
    NewNetworkForm,
    SmtpForm,
)
from quorum.tui.widgets.roster_forms import PersonForm
from tests.conftest import DEMO_NOW
from tests.exports.ics_checks import check_structure, only_event, read_with_vobject


def blank_app(path: Path) -> QuorumApp:
    return QuorumApp(Store.open(path), clock=lambda: DEMO_NOW)


def footer_keys(app: QuorumApp) -> list[str]:
    return [k.key for k in app.screen.query(FooterKey)]


async def type_in(pilot, widget: Input, text: str) -> None:  # type: ignore[no-untyped-def]
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text)


async def press(pilot, *keys: str) -> None:  # type: ignore[no-untyped-def]
    await pilot.press(*keys)
    await pilot.pause()


async def add_person(pilot, app, name: str, email: str, org: str | None) -> None:  # type: ignore[no-untyped-def]
    await press(pilot, "n")
    form = app.screen
    assert isinstance(form, PersonForm)
    await type_in(pilot, form.query_one("#f-name", Input), name)
    await type_in(pilot, form.query_one("#f-email", Input), email)
    if org is not None:
        select = form.query_one("#f-org", Select)
        select.value = next(value for label, value in select._options if str(label) == org)
    await press(pilot, "ctrl+s")
    assert isinstance(app.screen, RosterScreen), getattr(app.screen, "message", "")


async def test_a_network_from_a_blank_database_up_to_an_invite(tmp_path: Path) -> None:
    db = tmp_path / "natverk.json"
    app = blank_app(db)
    target = tmp_path / "kallelse.ics"
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        overview = app.screen
        assert isinstance(overview, OverviewScreen) and overview.has_class("-empty")
        assert "N" in footer_keys(app) and "n" not in footer_keys(app)  # the defect: no N

        await press(pilot, "N")
        form = app.screen
        assert isinstance(form, NewNetworkForm)
        await type_in(pilot, form.query_one("#f-name", Input), "Gymnasienätverket Skaraborg")
        await type_in(pilot, form.query_one("#f-organiser", Input), "Skaraborgs kommunalförbund")
        await press(pilot, "ctrl+s")
        settings = app.screen
        assert isinstance(settings, NetworkSettingsScreen)
        assert settings.highlighted_section() == "members"  # what comes next

        await press(pilot, "enter")
        members = app.screen
        assert isinstance(members, MembersForm)
        await type_in(
            pilot,
            members.query_one("#f-new", Input),
            "Skövde kommun, Lidköpings kommun, Volvo Cars AB",
        )
        await press(pilot, "ctrl+s")
        assert app.screen is settings

        await press(pilot, "r")
        assert isinstance(app.screen, RosterScreen)
        await add_person(pilot, app, "Anna Berg", "anna@skovde.example.se", "Skövde kommun")
        await add_person(
            pilot, app, "Björn Lind", "bjorn@lidkoping.example.se", "Lidköpings kommun"
        )
        await add_person(pilot, app, "Petra Sjö", "petra@volvo.example.com", "Volvo Cars AB")
        await add_person(pilot, app, "Åsa Öberg", "asa@skaraborg.example.se", None)
        await press(pilot, "escape")
        assert app.screen is settings

        await press(pilot, "1")
        general = app.screen
        assert isinstance(general, GeneralForm)
        coordinator = general.query_one("#f-coordinator_id", Select)
        coordinator.value = next(v for label, v in coordinator._options if "Åsa" in str(label))
        await type_in(pilot, general.query_one("#f-publication_email", Input), "webb@skaraborg.se")
        await press(pilot, "ctrl+s")
        assert app.screen is settings

        await press(pilot, "p")
        plan = app.screen
        assert isinstance(plan, YearPlanScreen) and len(plan.assignments) == 4
        await press(pilot, "c")
        await press(pilot, "y")
        assert plan.assignments == []  # created: the year is planned
        await press(pilot, "escape")
        await press(pilot, "escape")
        assert app.screen is overview and not overview.has_class("-empty")

        overview.query_one("#meetings", DataTable).focus()
        await press(pilot, "x")
        export = app.screen
        assert isinstance(export, ExportScreen) and export.kind.key == "invite"
        export.query_one("#filename", Input).value = str(target)
        await press(pilot, "ctrl+s")
        await pilot.pause()
        assert app.saver.flush()
    app.store.close()  # type: ignore[union-attr]

    data = target.read_bytes()
    check_structure(data)
    read_with_vobject(data)
    event = only_event(data)
    with Store.open(db, readonly=True) as store:
        network = store.networks()[0]
        first = store.meetings(network.id)[0]
        host = store.organisation(first.host_org_id or "")
        assert first.sent_sequence == 0
        assert network.coordinator_id is not None and network.publication_email
    # Nobody hosted yet: the rotation starts with the first by name, Lidköping, whose
    # one member sends the invite as the seeds describe.
    assert host.name == "Lidköpings kommun"
    assert str(event["ORGANIZER"]) == "mailto:bjorn@lidkoping.example.se"
    attendees = {str(a): a.params["RSVP"] for a in event["ATTENDEE"]}
    assert attendees["mailto:bjorn@lidkoping.example.se"] == "FALSE"
    assert attendees["mailto:asa@skaraborg.example.se"] == "TRUE"


async def test_escape_in_a_changed_form_asks_first(demo_store) -> None:  # type: ignore[no-untyped-def]
    # The defect: Esc in a filled-in person form threw the entry away without a word.
    before = len(demo_store.people())
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "r")
        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, PersonForm)
        await press(pilot, "escape")  # nothing typed: it just closes
        assert isinstance(app.screen, RosterScreen)

        await press(pilot, "n")
        form = app.screen
        assert isinstance(form, FormDialog)
        await type_in(pilot, form.query_one("#f-name", Input), "Ny Person")
        await press(pilot, "escape")
        assert isinstance(app.screen, ConfirmDialog)
        await press(pilot, "n")  # keep editing: everything typed is still there
        assert app.screen is form
        assert form.query_one("#f-name", Input).value == "Ny Person"
        await press(pilot, "escape")
        await press(pilot, "y")  # throw it away, as asked
        assert isinstance(app.screen, RosterScreen)
    assert len(demo_store.people()) == before


async def test_every_section_saves_its_own_fields(demo_store, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "e")
        settings = app.screen
        assert isinstance(settings, NetworkSettingsScreen)

        await press(pilot, "4")
        invite = app.screen
        assert isinstance(invite, InviteForm)
        invite.query_one("#f-invite_sender", Select).value = "coordinator"
        await press(pilot, "ctrl+s")

        await press(pilot, "5")
        breaks = app.screen
        assert isinstance(breaks, BreaksForm)
        breaks.query_one("#f-sportlov_week", Select).value = "9"
        breaks.query_one("#f-pasklov", Select).value = "before"
        breaks.query_one("#f-blackouts", TextArea).text = "2027-04-12..2027-04-16 Studiedagar"
        await press(pilot, "ctrl+s")

        await press(pilot, "6")
        smtp = app.screen
        assert isinstance(smtp, SmtpForm)
        await type_in(pilot, smtp.query_one("#f-host", Input), "smtp.skogsbygden.se")
        await type_in(pilot, smtp.query_one("#f-user", Input), "karin")
        smtp.query_one("#f-security", Select).value = "none"
        await press(pilot, "ctrl+s")
        # A login over an unencrypted connection is refused beside the field.
        assert app.screen is smtp
        assert "STARTTLS" in smtp.query_one("#row-security", FieldRow).message
        smtp.query_one("#f-security", Select).value = "starttls"
        await press(pilot, "ctrl+s")
        assert app.screen is settings
        shown = "\n".join(settings._lines("smtp") + settings._lines("breaks"))
        assert "smtp.skogsbygden.se:587" in shown and "Studiedagar" in shown
        assert app.saver.flush()
    network = demo_store.network("1")
    assert network.invite_sender is InviteSender.COORDINATOR
    assert network.breaks.sportlov_week == 9 and network.breaks.pasklov is EasterBreak.BEFORE
    assert [b.label for b in network.blackouts] == ["Studiedagar"]
    assert network.smtp is not None and network.smtp.user == "karin"
    assert len(network.member_org_ids) == 12 and network.templates == ()  # the rest kept


async def test_the_new_network_form_explains_mistakes(tmp_path: Path) -> None:
    app = blank_app(tmp_path / "q.json")
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "N")
        form = app.screen
        assert isinstance(form, NewNetworkForm)
        await press(pilot, "ctrl+s")
        assert form.message_of("name") == "The name cannot be empty."
        await type_in(pilot, form.query_one("#f-name", Input), "Nätverket")
        await type_in(pilot, form.query_one("#f-time", Input), "12-9")
        await press(pilot, "ctrl+s")
        assert "end" in form.message_of("time").casefold()
        await type_in(pilot, form.query_one("#f-time", Input), "9-12")
        await type_in(pilot, form.query_one("#f-min_meetings", Input), "många")
        await press(pilot, "ctrl+s")
        assert "0 to 52" in form.message_of("min_meetings")
        assert app.screen is form
        assert app.store is not None and app.store.networks() == []
    app.store.close()  # type: ignore[union-attr]


async def test_settings_are_in_the_palette(demo_store) -> None:  # type: ignore[no-untyped-def]
    from quorum.tui.commands import screen_commands

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        titles = [c.title for c in screen_commands(app, app.screen)]
        assert titles.count("Settings") + titles.count("Network settings") == 1
        assert "New network" in titles
        app.action_network_settings()
        await pilot.pause()
        assert isinstance(app.screen, NetworkSettingsScreen)


async def test_a_new_meeting_in_a_school_break_is_said(demo_store) -> None:  # type: ignore[no-untyped-def]
    from quorum.tui.screens.new_meeting import NewMeetingDialog

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await press(pilot, "n")
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        # The proposed date keeps clear of the breaks; a typed one in höstlov is said.
        assert dialog.message_of("date") == ""
        await type_in(pilot, dialog.query_one("#date", Input), "2027-11-03")
        await pilot.pause()
        assert "Autumn break" in dialog.message_of("date")
        await press(pilot, "ctrl+s")  # allowed: it is said, not refused
        assert not isinstance(app.screen, NewMeetingDialog)


async def test_a_long_title_never_pushes_status_and_host_off_the_overview(demo_store) -> None:  # type: ignore[no-untyped-def]
    # The defect: at 80 columns "Nätverk … – nätverksträff v. 49" hid status and host.
    from quorum.store.records import replace

    meeting = demo_store.meeting("3")
    long_title = "Gymnasienätverket Skogsbygden – nätverksträff v. 49 med extra långt namn"
    demo_store.save_meeting(replace(meeting, title=long_title))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        table = app.screen.query_one("#meetings", DataTable)
        labels = [str(c.label) for c in table.columns.values()]
        assert labels[2:4] == ["status", "host"] and labels[-1] == "title"
        widths = [c.get_render_width(table) for c in table.columns.values()]
        assert sum(widths[:4]) <= table.scrollable_content_region.width
