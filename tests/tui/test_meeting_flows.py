"""Preparing a meeting in the app: networks, meetings, the agenda editor.

Each journey runs the real app on the demo database and checks both what
the screen shows and what lands in the database.
"""

from __future__ import annotations

from datetime import date

from textual.widgets import Checkbox, Input, Select, Static

from quorum.store.records import ActionStatus, MeetingStatus
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog, PromptDialog
from quorum.tui.screens.meeting import MeetingScreen
from quorum.tui.screens.new_meeting import NewMeetingDialog
from quorum.tui.screens.overview import OverviewScreen
from quorum.tui.widgets.agenda_editor import AgendaEditor
from quorum.tui.widgets.form import FieldRow
from quorum.tui.widgets.item_form import ItemForm
from tests.conftest import DEMO_NOW


def make_app(store) -> QuorumApp:
    return QuorumApp(store, clock=lambda: DEMO_NOW)


async def open_meeting(app, pilot, meeting_id: str = "3") -> MeetingScreen:
    await pilot.pause()
    app.open_meeting(meeting_id)
    await pilot.pause()
    assert isinstance(app.screen, MeetingScreen)
    return app.screen


def message(screen, name: str) -> str:
    return screen.query_one(f"#row-{name}", FieldRow).message


async def type_into(pilot, widget: Input, text: str) -> None:
    widget.focus()
    widget.value = ""
    await pilot.pause()
    await pilot.press(*text)
    await pilot.pause()


def titles(store, meeting_id: str = "3") -> list[str]:
    return [i.title for i in store.meeting(meeting_id).agenda]


# -- creating a meeting ----------------------------------------------------------------


async def test_create_a_meeting_from_the_network_defaults(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, NewMeetingDialog)
        # The last meeting is 2027-03-12, a Friday; the next free Friday follows.
        assert dialog.query_one("#date", Input).value == "2027-03-19"
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, MeetingScreen)
        meeting = screen.meeting
        status = str(screen.query_one("#meeting-status", Static).content)
        assert "planned" in status and "Invite not sent" in status
        assert "Ready for the invite" in status
        app.saver.flush()
    stored = demo_store.meeting(meeting.id)
    network = demo_store.network("1")
    assert stored.day == date(2027, 3, 19)
    assert (f"{stored.start:%H:%M}", f"{stored.end:%H:%M}") == ("09:00", "12:00")
    assert stored.place == network.default_place and stored.online_link == network.default_link
    assert [i.title for i in stored.agenda][:3] == [
        "Mötets öppnande",
        "Val av justerare",
        "Godkännande av dagordningen",
    ]
    assert len(stored.attendance) == 26


async def test_a_new_meeting_shows_the_carried_forward_action_items(demo_store):
    open_texts = {
        a.text
        for m in demo_store.meetings("1")
        for _i, a in m.all_actions()
        if a.status == ActionStatus.OPEN
    }
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        screen = app.screen
        editor = screen.query_one(AgendaEditor)
        followup_at = next(n for n, i in enumerate(editor.agenda) if i.followup)
        for _ in range(followup_at):
            await pilot.press("down")
        await pilot.pause()
        shown = str(screen.query_one("#agenda-description", Static).content)
        for text in open_texts:
            assert text in shown
        assert "Lena Öberg" in shown and "from the meeting of 2026-10-30" not in shown
        assert "från mötet 2026-10-30" in shown  # the network speaks Swedish


async def test_a_new_meeting_can_start_from_the_english_template(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        app.screen.query_one("#template", Select).value = 1
        await pilot.press("ctrl+s")
        await pilot.pause()
        meeting_id = app.screen.meeting_id
        app.saver.flush()
    assert titles(demo_store, meeting_id)[0] == "Opening of the meeting"
    assert titles(demo_store, meeting_id)[-1] == "Closing of the meeting"


async def test_a_holiday_date_for_a_new_meeting_needs_accepting(demo_store):
    count = len(demo_store.meetings())
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        await type_into(pilot, dialog.query_one("#date", Input), "2027-02-30")
        assert message(dialog, "date") == "The date “2027-02-30” does not exist."
        await type_into(pilot, dialog.query_one("#date", Input), "2026-12-25")
        assert message(dialog, "date") == "2026-12-25 is Christmas Day, a public holiday."
        accept = dialog.query_one("#row-accept_holiday")
        assert accept.display
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is dialog and len(demo_store.meetings()) == count
        # A date that cannot be read takes the tick away; the holiday brings it back.
        await type_into(pilot, dialog.query_one("#date", Input), "")
        assert not accept.display
        await type_into(pilot, dialog.query_one("#date", Input), "2026-12-25")
        assert accept.display
        dialog.query_one("#accept-holiday", Checkbox).value = True
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, MeetingScreen)
        assert app.screen.meeting.day == date(2026, 12, 25)


# -- the agenda editor -----------------------------------------------------------------


async def test_add_reorder_delete_and_undo_items(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        start = titles(demo_store)
        await pilot.press("a")
        await pilot.pause()
        form = app.screen
        assert isinstance(form, ItemForm)
        await pilot.press(*"Lovskolor")
        await type_into(pilot, form.query_one("#minutes", Input), "x")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert message(form, "minutes") == "Type the minutes as a number, for example 15."
        await type_into(pilot, form.query_one("#minutes", Input), "20")
        form.query_one("#presenter", Select).value = "9"  # Anna Grön
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        editor = screen.query_one(AgendaEditor)
        assert [i.title for i in editor.agenda] == [start[0], "Lovskolor", *start[1:]]
        assert editor.agenda[1].presenter_id == "9" and editor.agenda[1].minutes == 20
        await pilot.press("shift+down")
        await pilot.press("J")
        await pilot.pause()
        assert [i.title for i in editor.agenda][3] == "Lovskolor"
        await pilot.press("ctrl+up", "K")
        await pilot.pause()
        assert [i.title for i in editor.agenda][1] == "Lovskolor"
        await pilot.press("d")
        await pilot.pause()
        assert "Lovskolor" not in [i.title for i in editor.agenda]
        app.saver.flush()
        assert titles(demo_store) == start
        await pilot.press("u")
        await pilot.pause()
        assert [i.title for i in editor.agenda][1] == "Lovskolor"
        await pilot.press("ctrl+z", "ctrl+z")
        await pilot.pause()
        assert [i.title for i in editor.agenda][3] == "Lovskolor"
        app.saver.flush()
    assert titles(demo_store)[3] == "Lovskolor"


async def test_move_buttons_work_with_the_mouse(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        start = titles(demo_store)
        await pilot.click("#btn-move_down")
        await pilot.pause()
        editor = screen.query_one(AgendaEditor)
        assert [i.title for i in editor.agenda][:2] == [start[1], start[0]]
        await pilot.click("#btn-undo")
        await pilot.pause()
        assert [i.title for i in editor.agenda] == start


async def test_computed_times_and_the_overrun_warning(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        table = screen.query_one("#agenda-table")
        assert [str(table.get_row_at(n)[1]) for n in range(3)] == ["09:00", "09:05", "09:10"]
        assert [str(table.get_row_at(n)[0]) for n in range(2)] == ["1.", "2."]
        total = screen.query_one("#agenda-total", Static)
        assert str(total.content) == "Planned end 11:15 · meeting ends 12:00 · 45 min to spare"
        assert not total.has_class("-over")
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*"Lång punkt")
        await type_into(pilot, app.screen.query_one("#minutes", Input), "60")
        await pilot.press("enter")
        await pilot.pause()
        assert str(total.content) == (
            "Planned end 12:15 · meeting ends 12:00 · the agenda overruns by 15 min"
        )
        assert total.has_class("-over")
        assert str(table.get_row_at(2)[1]) == "10:05"  # every later item moves on


async def test_formal_minutes_number_items_with_paragraphs(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        screen.query_one("#f-formality", Select).value = "formal"
        await pilot.pause()
        table = screen.query_one("#agenda-table")
        assert str(table.get_row_at(0)[0]) == "§ 1"
        app.saver.flush()
    assert demo_store.meeting("3").formality == "formal"


async def test_a_protokoll_agenda_numbers_on_from_the_years_earlier_protokoll(tmp_path):
    # February's protokoll used § 1-12: March's agenda shows § 13 on, as its minutes will.
    from tests.exports.archive_world import archive_store

    store = archive_store(tmp_path / "q.json")
    app = make_app(store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot, "2")
        table = screen.query_one("#agenda-table")
        assert [str(table.get_row_at(n)[0]) for n in range(2)] == ["§ 13", "§ 14"]
    store.close()


# -- the details form ----------------------------------------------------------------------


async def test_bad_dates_and_times_show_their_message_and_nothing_is_saved(demo_store):
    before = demo_store.meeting("3")
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        date_input = screen.query_one("#f-date", Input)
        await type_into(pilot, date_input, "2027-02-30")
        assert message(screen, "date") == "The date “2027-02-30” does not exist."
        await type_into(pilot, date_input, "2026-12-04")
        end_input = screen.query_one("#f-end", Input)
        await type_into(pilot, end_input, "8:00")
        assert message(screen, "end") == (
            "The end is before the start: a meeting must end on the day it starts."
        )
        await type_into(pilot, end_input, "9.00")
        assert message(screen, "end") == "The end must be after the start."
        await type_into(pilot, end_input, "kvart i tolv")
        assert "is not a time I recognise" in message(screen, "end")
        await type_into(pilot, screen.query_one("#f-title", Input), "")
        assert message(screen, "title") == "The title cannot be empty."
        app.saver.flush()
        assert demo_store.meeting("3") == before
        await type_into(pilot, screen.query_one("#f-title", Input), "Nätverksträff")
        await type_into(pilot, end_input, "11.30")
        app.saver.flush()
        # A time is taken when the user leaves the field, not while typing.
        assert demo_store.meeting("3").end == before.end
        await pilot.press("tab")
        await pilot.pause()
        app.saver.flush()
    after = demo_store.meeting("3")
    assert f"{after.end:%H:%M}" == "11:30" and after.start == before.start


async def test_a_meeting_on_a_holiday_is_a_warning_the_user_may_accept(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        await type_into(pilot, screen.query_one("#f-date", Input), "2026-12-24")
        assert message(screen, "date") == "2026-12-24 is Christmas Eve, a public holiday."
        app.saver.flush()
        assert demo_store.meeting("3").day == date(2026, 12, 4)
        screen.query_one("#accept-holiday", Checkbox).value = True
        await pilot.pause()
        app.saver.flush()
        assert demo_store.meeting("3").day == date(2026, 12, 24)
        status = str(screen.query_one("#meeting-status", Static).content)
        assert "The invite sent is out of date" in status


async def test_typing_in_a_field_never_triggers_a_screen_key(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        await type_into(pilot, screen.query_one("#f-place", Input), "lXD T1 3")
        assert app.screen is screen
        assert screen.query_one("#f-place", Input).value == "lXD T1 3"
        app.saver.flush()
    assert demo_store.meeting("3").place == "lXD T1 3"


async def test_chair_secretary_and_adjusters_are_people_of_the_network(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("2")
        await pilot.pause()
        screen.query_one("#f-secretary_id", Select).value = "6"
        screen.query_one("#f-adjuster_ids").select("3")
        screen.query_one("#f-host_org_id", Select).value = "2"
        await pilot.pause()
        app.saver.flush()
    stored = demo_store.meeting("3")
    assert stored.secretary_id == "6" and "3" in stored.adjuster_ids and stored.host_org_id == "2"


# -- status, cancel, delete, templates ---------------------------------------------------


async def test_status_line_says_what_is_missing_before_the_invite(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot, "5")  # planned, no agenda, no invitees
        status = str(screen.query_one("#meeting-status", Static).content)
        assert "Status: planned" in status
        assert "Missing before the invite can go out: no invitees, agenda empty" in status


async def test_cancel_keeps_the_meeting_and_marks_the_invite_out_of_date(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("X")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("y")
        await pilot.pause()
        status = str(screen.query_one("#meeting-status", Static).content)
        assert "Status: cancelled" in status and "The invite sent is out of date" in status
        app.saver.flush()
    stored = demo_store.meeting("3")
    assert stored.status == MeetingStatus.CANCELLED and stored.invite_outdated
    assert len(stored.agenda) == 11


async def test_delete_asks_first_and_says_what_will_be_lost(demo_store):
    held = demo_store.meeting("2")
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_meeting(app, pilot, "2")
        await pilot.press("D")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        question = str(dialog.query_one("#question", Static).content)
        notes = sum(1 for i in held.agenda if i.notes.strip())
        assert notes == 9 and len(held.all_decisions()) == 2 and len(held.all_actions()) == 1
        assert (
            f"10 agenda items, 9 notes, 2 decisions, 1 action item "
            f"and {len(held.attendance)} invitees" in question
        )
        await pilot.press("n")
        await pilot.pause()
        assert demo_store.meeting("2") == held
        await pilot.press("D")
        await pilot.pause()
        await pilot.press("y")
        await pilot.pause()
        assert isinstance(app.screen, OverviewScreen)
    assert "2" not in [m.id for m in demo_store.meetings()]


async def test_save_the_agenda_as_a_template_and_start_a_meeting_from_it(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("T")
        await pilot.pause()
        prompt = app.screen
        assert isinstance(prompt, PromptDialog)
        await type_into(pilot, prompt.query_one("#answer", Input), "Med IMV")
        await pilot.press("enter")
        await pilot.pause()
        app.saver.flush()
        assert [tpl.name for tpl in demo_store.network("1").templates] == ["Med IMV"]
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("n")
        await pilot.pause()
        dialog = app.screen
        saved = next(n for n, (_label, tpl) in enumerate(dialog.choices) if tpl.name == "Med IMV")
        dialog.query_one("#template", Select).value = saved
        await pilot.press("ctrl+s")
        await pilot.pause()
        new_id = app.screen.meeting_id
        app.saver.flush()
    assert "Gemensamt antagningsunderlag för IMV" in titles(demo_store, new_id)


async def test_live_key_opens_the_live_screen_hook(demo_store):
    app = make_app(demo_store)
    opened: list[str] = []
    app.open_live = opened.append  # the live screen is another part's; the hook is the contract
    async with app.run_test(size=(100, 32)) as pilot:
        await open_meeting(app, pilot)
        await pilot.press("l")
        await pilot.pause()
    assert opened == ["3"]


# -- persistence -----------------------------------------------------------------------


async def test_edits_are_there_after_quitting_and_a_second_launch(db_path):
    from quorum.store.demo import build_demo
    from tests.conftest import DEMO_TODAY

    with Store.open(db_path) as store:
        build_demo(store, DEMO_TODAY)
    store = Store.open(db_path)
    app = make_app(store)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_meeting(app, pilot)
        await pilot.press("J")
        await pilot.press("2")
        await pilot.pause()
        await type_into(pilot, screen.query_one("#f-place", Input), "Granby bibliotek")
        await pilot.press("ctrl+q")
    store.close()

    with Store.open(db_path) as again:
        meeting = again.meeting("3")
        assert meeting.place == "Granby bibliotek"
        assert [i.title for i in meeting.agenda][:2] == [
            "Val av justerare",
            "Mötets öppnande",
        ]
        app = make_app(again)
        async with app.run_test(size=(100, 32)) as pilot:
            screen = await open_meeting(app, pilot)
            assert screen.query_one(AgendaEditor).agenda[0].title == "Val av justerare"


async def test_every_meeting_action_is_in_the_command_palette(demo_store):
    app = make_app(demo_store)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_meeting(app, pilot)
        titles_shown = {c.title for c in app.get_system_commands(screen)}
    assert {
        "Add item",
        "Edit",
        "Delete",
        "Move up",
        "Move down",
        "Live minutes",
        "Cancel the meeting",
        "Delete the meeting",
        "Save the agenda as a template",
        "Show the details",
    } <= titles_shown


async def test_agenda_and_attendee_edits_in_one_visit_both_land(demo_store, db_path):
    """The agenda tab and the attendees pane save only their own fields."""
    from quorum.store.store import Store

    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.open_meeting("3")
        await pilot.pause()
        before = demo_store.meeting("3")
        await pilot.press("f2", "d")  # delete the highlighted agenda item
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        from quorum.tui.widgets.attendees import AttendeesPane

        key = app.screen.query_one(AttendeesPane).selected_key()
        wanted, press = ("tentative", "t")
        if before.attendee(key).rsvp.value == wanted:
            wanted, press = ("declined", "n")
        await pilot.press(press)  # the highlighted invitee answers
        await pilot.pause()
        app.saver.flush()
        after = demo_store.meeting("3")
        assert len(after.agenda) == len(before.agenda) - 1
        assert after.attendee(key).rsvp.value == wanted
    demo_store.close()
    with Store.open(db_path) as again:
        stored = again.meeting("3")
        assert len(stored.agenda) == len(before.agenda) - 1
        assert stored.attendee(key).rsvp.value == wanted
