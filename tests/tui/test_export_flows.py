"""Export, send and reply-import journeys in the app, on the demo, with real files.

The demo (built 2026-11-25): meeting "2" is held with full minutes, "3" is the
upcoming invited one. Sending goes to a real aiosmtpd server on 127.0.0.1.
"""

from __future__ import annotations

import os
import stat
from datetime import timedelta
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import html5lib
import pytest
from aiosmtpd.controller import Controller
from icalendar import Calendar
from rich.text import Text
from textual.widgets import DataTable, Input, OptionList, Static, TextArea

from quorum.exports.contacts import emails_in
from quorum.exports.export_kinds import KINDS, kind
from quorum.store.records import (
    Attendance,
    MeetingStatus,
    Presence,
    Rsvp,
    SmtpSettings,
    replace,
)
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.dialogs import ConfirmDialog
from quorum.tui.screens.export import ExportScreen
from quorum.tui.screens.replies import RepliesScreen
from quorum.tui.screens.send import SendScreen
from tests.conftest import DEMO_NOW
from tests.store.test_sending import (  # noqa: F401 - certificate is a fixture
    Inbox,
    authenticator,
    certificate,
    free_port,
    tls_contexts,
)

PHONE = "070-123 45 67"
EMAIL = "kontakt.privat@example.se"


def notifications(app: QuorumApp) -> list[str]:
    return [n.message for n in app._notifications]


def static_text(screen, selector: str) -> str:
    content = screen.query_one(selector, Static).render()
    return content.plain if isinstance(content, Text) else str(content)


async def settle(app: QuorumApp, pilot, group: str | None = None) -> None:
    """Let workers (of ``group``) finish, their messages land, and every save reach the file."""
    workers = [w for w in app.workers if group in (None, w.group)]
    if workers:  # an empty list would mean every worker
        await app.workers.wait_for_complete(workers)
    await pilot.pause()
    assert app.saver.flush()


async def open_export(app: QuorumApp, pilot, meeting_id: str, kind_key: str | None = None):
    app.push_screen(ExportScreen(meeting_id))
    await pilot.pause()
    screen = app.screen
    assert isinstance(screen, ExportScreen)
    if kind_key is not None:
        screen.query_one("#kinds", OptionList).highlighted = KINDS.index(kind(kind_key))
        await pilot.pause()
    return screen


def set_file(screen: ExportScreen, path: Path) -> None:
    screen.query_one("#filename", Input).value = str(path)


async def test_export_invite_from_the_overview_marks_it_sent(demo_store, db_path, tmp_path):
    meeting = demo_store.meeting("3")
    # Moved by an hour since the invite went out: the sent invite is out of date.
    demo_store.save_meeting(
        replace(
            meeting, start=meeting.start + timedelta(hours=1), end=meeting.end + timedelta(hours=1)
        )
    )
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    target = tmp_path / "invite.ics"
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        app.screen.query_one("#meetings", DataTable).focus()
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.meeting_id == "3"
        assert screen.kind.key == "invite"
        assert "out of date" in static_text(screen, "#state")
        assert screen.query_one("#filename", Input).value == (
            "2026-12-04-gymnasienatverket-skogsbygden-inbjudan.ics"
        )
        set_file(screen, target)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        assert f"Saved {target}" in notifications(app)
        assert "matches the meeting" in static_text(screen, "#state")
    demo_store.close()
    cal = Calendar.from_ical(target.read_bytes())
    event = next(iter(cal.walk("VEVENT")))
    assert str(cal["METHOD"]) == "REQUEST"
    assert event["SEQUENCE"] == 1 and str(event["UID"]) == meeting.uid
    with Store.open(db_path, readonly=True) as again:
        saved = again.meeting("3")
    assert saved.sent_sequence == 1 and saved.sequence == 1


async def test_minutes_html_lists_personal_data_and_leaves_contacts_out(demo_store, tmp_path):
    meeting = demo_store.meeting("2")
    first = replace(meeting.agenda[0], notes=f"Ring Anna på {PHONE} eller skriv till {EMAIL}.")
    demo_store.save_meeting(meeting.with_item(first))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    target = tmp_path / "minutes.html"
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2")
        assert screen.kind.key == "minutes_html"  # held meeting: the minutes first
        set_file(screen, target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)  # which personal data may the copy keep?
        listed = "\n".join(dialog.details)
        assert (
            PHONE in listed
            and EMAIL in listed
            and "phone number: 070-123 45 67 (item 1.)" in listed
        )
        await pilot.click("#yes")  # leave the contacts out
        await settle(app, pilot)
        assert any("without e-mail addresses and phone numbers" in n for n in notifications(app))
    html = target.read_text(encoding="utf-8")
    assert PHONE not in html and EMAIL not in html and "Ring Anna" in html
    parser = html5lib.HTMLParser(strict=True)
    parser.parse(html)
    assert not parser.errors


async def test_keeping_everything_writes_the_contacts(demo_store, tmp_path):
    meeting = demo_store.meeting("2")
    first = replace(meeting.agenda[0], notes=f"Ring {PHONE}.")
    demo_store.save_meeting(meeting.with_item(first))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    target = tmp_path / "minutes.md"
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2", "minutes_md")
        set_file(screen, target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#no")  # keep everything
        await settle(app, pilot)
    assert PHONE in target.read_text(encoding="utf-8")


async def test_overwrite_asks_and_cancel_keeps_the_old_file(demo_store, tmp_path):
    target = tmp_path / "invite.ics"
    target.write_text("old", encoding="utf-8")
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "3", "invite")
        set_file(screen, target)
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ConfirmDialog)
        await pilot.press("escape")
        await settle(app, pilot)
        assert target.read_text(encoding="utf-8") == "old"
        assert app.screen is screen
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#yes")
        await settle(app, pilot)
    assert target.read_bytes().startswith(b"BEGIN:VCALENDAR")


async def test_the_minutes_are_written_for_the_owner_only_and_never_through_a_link(
    demo_store, tmp_path
):
    elsewhere = tmp_path / "elsewhere.txt"
    elsewhere.write_text("keep", encoding="utf-8")
    link = tmp_path / "link.html"
    link.symlink_to(elsewhere)
    target = tmp_path / "minutes.html"
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    old_umask = os.umask(0)  # the file must still be private
    try:
        async with app.run_test(size=(100, 32)) as pilot:
            screen = await open_export(app, pilot, "2", "minutes_html")
            set_file(screen, target)
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.click("#no")  # keep the contacts: personal data, so private
            await settle(app, pilot)
            set_file(screen, link)
            await pilot.press("ctrl+s")
            await pilot.pause()
            await pilot.click("#no")
            await pilot.pause()
            await pilot.click("#yes")  # "overwrite?" (the link's target exists)
            await settle(app, pilot)
            assert any("symbolic link" in n for n in notifications(app))
    finally:
        os.umask(old_umask)
    assert stat.S_IMODE(target.stat().st_mode) == 0o600
    assert elsewhere.read_text(encoding="utf-8") == "keep" and link.is_symlink()


async def test_a_folder_that_does_not_exist_is_a_sentence(demo_store, tmp_path):
    target = tmp_path / "no-such-folder" / "invite.eml"
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_export(app, pilot, "3", "invite_mail")
        set_file(screen, target)
        await pilot.press("enter")  # enter on the kind goes on to the file name
        assert screen.focused is screen.query_one("#filename", Input)
        await pilot.press("enter")  # and enter there writes
        await settle(app, pilot)
        assert app.screen is screen
        assert f"Could not write {target}: No such file or directory" in notifications(app)
    assert not target.exists()
    assert demo_store.meeting("3").sent_sequence == 0  # nothing recorded as sent


async def test_cancelled_meeting_offers_no_invite_and_exporting_never_cancels(demo_store, tmp_path):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "4")
        assert screen.kind.key == "cancel"
        screen.query_one("#kinds", OptionList).highlighted = 0
        await pilot.pause()
        assert "is cancelled" in static_text(screen, "#state")
        assert screen.prepared is None
        await pilot.press("ctrl+s")  # greyed out: nothing happens
        await pilot.pause()
        assert app.screen is screen
        # The upcoming meeting is not cancelled: its cancellation says how, writes nothing.
        screen = await open_export(app, pilot, "3", "cancel")
        assert "is not cancelled" in static_text(screen, "#state")
        set_file(screen, tmp_path / "cancel.ics")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert app.screen is screen
        await settle(app, pilot)
        assert demo_store.meeting("3").status.value == "invited"
        assert not (tmp_path / "cancel.ics").exists()
        # The cancelled one's cancellation is written.
        screen = await open_export(app, pilot, "4", "cancel")
        set_file(screen, tmp_path / "cancel.ics")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
    cal = Calendar.from_ical((tmp_path / "cancel.ics").read_bytes())
    assert str(cal["METHOD"]) == "CANCEL"


REPLY = """\
BEGIN:VCALENDAR
VERSION:2.0
PRODID:-//Mozilla.org/NONSGML Mozilla Calendar V1.1//EN
METHOD:REPLY
BEGIN:VEVENT
UID:{uid}
SEQUENCE:{seq}
DTSTAMP:20261126T081500Z
DTSTART:20261204T080000Z
ATTENDEE;PARTSTAT={answer};CN="{name}":mailto:{email}
ORGANIZER:mailto:someone@example.se
END:VEVENT
END:VCALENDAR
"""


async def test_import_replies_one_good_one_stale_one_garbage(demo_store, db_path, tmp_path):
    meeting = demo_store.meeting("3")
    demo_store.save_meeting(replace(meeting, sequence=2))
    people = {p.id: p for p in demo_store.people()}
    invited = [people[a.person_id] for a in meeting.attendance if a.person_id][:2]
    folder = tmp_path / "svar"
    folder.mkdir()
    good = folder / "ja.ics"
    good.write_text(
        REPLY.format(
            uid=meeting.uid, seq=2, answer="ACCEPTED", name=invited[0].name, email=invited[0].email
        ),
        encoding="utf-8",
    )
    stale = folder / "gammalt.ics"
    stale.write_text(
        REPLY.format(
            uid=meeting.uid, seq=1, answer="DECLINED", name=invited[1].name, email=invited[1].email
        ),
        encoding="utf-8",
    )
    garbage = tmp_path / "skräp fil.ics"
    garbage.write_bytes(b"\x00\xffnot a calendar")
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepliesScreen)
        # A folder (both its replies) and a file name with a space, quoted.
        screen.query_one("#paths", TextArea).text = f'{folder}\n"{garbage}"'
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        report = static_text(screen, "#report")
        assert f"✓ {good}" in report and "accepted" in report
        assert f"✗ {stale}" in report and "older" in report.lower()
        assert f"✗ {garbage}" in report
        assert "1 of 3 replies applied." in notifications(app)
    demo_store.close()
    with Store.open(db_path, readonly=True) as again:
        rsvp = {a.person_id: a.rsvp for a in again.meeting("3").attendance}
    assert rsvp[invited[0].id] is Rsvp.ACCEPTED
    before = {a.person_id: a.rsvp for a in meeting.attendance}
    assert rsvp[invited[1].id] is before[invited[1].id]  # the stale reply changed nothing


def _reply_mail(sender: str, calendar: str) -> bytes:
    from email.message import EmailMessage
    from email.policy import SMTP

    msg = EmailMessage(policy=SMTP)
    msg["From"] = sender
    msg["Subject"] = "Accepted: Nätverksträff"
    msg.set_content("Ses!")
    msg.add_attachment(calendar.encode(), maintype="text", subtype="calendar", filename="r.ics")
    return msg.as_bytes()


@pytest.mark.parametrize("confirm", [False, True])
async def test_a_reply_mail_from_someone_else_is_applied_only_when_confirmed(
    demo_store, db_path, tmp_path, confirm
):
    meeting = demo_store.meeting("3")
    people = {p.id: p for p in demo_store.people()}
    invited = next(people[a.person_id] for a in meeting.attendance if a.person_id)
    forged = tmp_path / "svar.eml"
    calendar = REPLY.format(
        uid=meeting.uid, seq=0, answer="DECLINED", name=invited.name, email=invited.email
    )
    forged.write_bytes(_reply_mail("eve@example.org", calendar))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        await pilot.press("R")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, RepliesScreen)
        screen.query_one("#paths", TextArea).text = str(forged)
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert any("eve@example.org" in line for line in dialog.details)
        await pilot.click("#yes" if confirm else "#no")
        await settle(app, pilot)
        assert app.screen is screen
        report = static_text(screen, "#report")
        assert ("✓" in report) is confirm
    demo_store.close()
    with Store.open(db_path, readonly=True) as again:
        answer = next(a for a in again.meeting("3").attendance if a.person_id == invited.id)
    if confirm:
        assert answer.rsvp is Rsvp.DECLINED and answer.reply_unverified
        assert answer.reply_from == "eve@example.org" and answer.reply_source == "svar.eml"
    else:
        assert answer.rsvp is not Rsvp.DECLINED and not answer.reply_unverified


@pytest.fixture
def smtp_server(certificate, monkeypatch):  # noqa: F811 - the fixture imported above
    """A server that takes a login only over STARTTLS, with a certificate the app trusts
    through SSL_CERT_FILE (the system's trust store, as for a real server)."""
    server_ctx, _ = tls_contexts(*certificate)
    monkeypatch.setenv("SSL_CERT_FILE", str(certificate[0]))
    inbox, port = Inbox(), free_port()
    controller = Controller(
        inbox,
        hostname="127.0.0.1",
        port=port,
        authenticator=authenticator,
        tls_context=server_ctx,
        require_starttls=True,
    )
    controller.start()
    try:
        yield inbox, port
    finally:
        controller.stop()


async def test_send_minutes_to_a_local_server_and_see_the_report(
    demo_store, smtp_server, monkeypatch
):
    inbox, port = smtp_server
    monkeypatch.delenv("QUORUM_TEST_SMTP_PW", raising=False)
    network = demo_store.network("1")
    demo_store.save_network(
        replace(
            network,
            smtp=SmtpSettings(
                "127.0.0.1",
                port,
                security="starttls",
                user="sekreterare",
                password_env="QUORUM_TEST_SMTP_PW",
            ),
        )
    )
    meeting = demo_store.meeting("2")
    told = next(
        demo_store.person(a.person_id).email
        for a in meeting.attendance
        if a.person_id and a.presence is Presence.PRESENT
    )
    guest = Attendance(
        guest_name="Okänd Gäst", guest_email="borta@refused.example.se", presence=Presence.PRESENT
    )
    demo_store.save_meeting(replace(meeting, attendance=(*meeting.attendance, guest)))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2", "minutes_mail")
        await pilot.press("ctrl+e")
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # the personal data: keep them
            await pilot.click("#no")
            await pilot.pause()
        send = app.screen
        assert isinstance(send, SendScreen)
        listed = static_text(send, "#recipient-list")
        assert "borta@refused.example.se" in listed and told in listed
        assert "utbildning@example.se" not in listed  # publication: the public version only
        assert send.query_one("#password-row").display
        send.query_one("#password", Input).value = "hemligt"
        await pilot.press("ctrl+s")
        await settle(app, pilot, "send")  # the export screen waits for the send screen
        report = static_text(send, "#recipient-list")
        assert "✗ borta@refused.example.se  550" in report
        assert f"✓ {told}" in report and "utbildning@example.se" not in report
        assert "24 of 25 recipients accepted" in static_text(send, "#report")
        assert send.query_one("#password", Input).value == ""  # never kept
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
    assert len(inbox.envelopes) == 1
    got = message_from_bytes(inbox.envelopes[0].content, policy=default)
    assert "minnesanteckningar" in str(got["Subject"])
    assert "borta@refused.example.se" not in inbox.envelopes[0].rcpt_tos


async def test_send_is_greyed_out_without_smtp(demo_store):
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2", "minutes_mail")
        assert screen.check_action("send", ()) is None  # shown greyed out
        await pilot.press("ctrl+e")
        await pilot.pause()
        assert app.screen is screen


async def test_export_from_the_meeting_screen_keeps_its_copy_in_step(demo_store, tmp_path):
    from quorum.tui.screens.meeting import MeetingScreen

    meeting = demo_store.meeting("3")
    demo_store.save_meeting(
        replace(meeting, place="Annat ställe")
    )  # the sent invite is out of date
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        app.open_meeting("3")
        await pilot.pause()
        meeting_screen = app.screen
        assert isinstance(meeting_screen, MeetingScreen)
        await pilot.press("x")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen) and screen.kind.key == "invite"
        set_file(screen, tmp_path / "update.ics")
        await pilot.press("ctrl+s")
        await settle(app, pilot)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is meeting_screen
        assert meeting_screen.meeting.sent_sequence == 1
    assert demo_store.meeting("3").sent_sequence == 1


async def test_a_file_name_of_another_kind_is_asked_about(demo_store, tmp_path):
    """Issue 12: the minutes mail (.eml) was written into a file named minnes.html."""
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2", "minutes_mail")
        out = tmp_path / "out"
        out.mkdir()
        set_file(screen, out / "minnes.html")
        await pilot.press("ctrl+s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, ConfirmDialog)
        assert "minnes.eml" in dialog.question
        await pilot.click("#no")  # cancel: nothing written
        await settle(app, pilot)
        assert not list(out.iterdir())
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.click("#yes")  # save as minnes.eml
        await pilot.pause()
        if isinstance(app.screen, ConfirmDialog):  # the personal data: keep them
            await pilot.click("#no")
        await settle(app, pilot, "export-write")
    assert [p.name for p in out.iterdir()] == ["minnes.eml"]
    assert b"X-Unsent: 1" in (out / "minnes.eml").read_bytes()


async def test_publish_from_the_app_sends_the_public_version_and_marks_it(
    demo_store, smtp_server, tmp_path
):
    """Issue 12, 5b: the minutes go to the publication address as the public version,
    and the meeting shows "published" once sent (writing the draft changes nothing)."""
    inbox, port = smtp_server
    network = demo_store.network("1")
    settings = SmtpSettings("127.0.0.1", port, security="starttls")
    demo_store.save_network(replace(network, smtp=settings))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        screen = await open_export(app, pilot, "2", "publication_mail")
        assert "not approved" in static_text(screen, "#state")  # drafted: not yet
        assert screen.check_action("export", ()) is None
        await pilot.press("escape")
        await pilot.pause()
        demo_store.update_meeting("2", status=MeetingStatus.APPROVED)
        screen = await open_export(app, pilot, "2", "publication_mail")
        set_file(screen, tmp_path / "publicering.eml")
        await pilot.press("ctrl+s")  # the draft: no question, no change
        await settle(app, pilot, "export-write")
        assert (tmp_path / "publicering.eml").exists()
        assert demo_store.meeting("2").status is MeetingStatus.APPROVED
        await pilot.press("ctrl+e")
        await pilot.pause()
        send = app.screen
        assert isinstance(send, SendScreen)
        assert "utbildning@example.se" in static_text(send, "#recipient-list")
        await pilot.press("ctrl+s")
        await settle(app, pilot, "send")
        assert "✓ utbildning@example.se" in static_text(send, "#recipient-list")
    assert demo_store.meeting("2").status is MeetingStatus.PUBLISHED
    assert inbox.envelopes[0].rcpt_tos == ["utbildning@example.se"]
    got = message_from_bytes(inbox.envelopes[0].content, policy=default)
    assert emails_in(got.get_body(("plain",)).get_content()) == []
