"""Send the invite or the minutes for real, through the network's SMTP server.

The recipients are listed first. The password comes from the environment
variable the network's SMTP settings name, or is typed here; it is never
stored. Sending runs in a thread worker that reports its progress line by
line, then the screen lists who the server accepted and who it refused.
Sending an invite records it as sent, once the server has taken it.

| key    | action |
|--------|--------|
| ctrl+s | send   |
| escape | back   |
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from email import message_from_bytes
from email.policy import default
from email.utils import getaddresses

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, Label, Log, Static

from quorum.exports.export_kinds import kind, prepare
from quorum.store.errors import QuorumError
from quorum.store.gather import meeting_records
from quorum.store.i18n import current_language, t
from quorum.store.records import Meeting, Network, SmtpSettings
from quorum.store.sending import SendReport, password_from_env, send_message
from quorum.store.wording import formal_text
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.sent import save_sent

_KIND = {"invite": "invite_mail", "minutes": "minutes_mail", "publication": "publication_mail"}


def report_text(report: SendReport) -> Text:
    """Accepted and refused recipients, one per line, refused with the server's answer."""
    text = Text()
    text.append(t("sendui.accepted", count=len(report.accepted)) + "\n", style="bold")
    for address in report.accepted:
        text.append(f"  ✓ {address}\n", style="green")
    if report.refused:
        text.append(t("sendui.refused", count=len(report.refused)) + "\n", style="bold")
        for address, answer in report.refused.items():
            text.append(f"  ✗ {address}  {answer}\n", style="red")
    return text


class SendScreen(QuorumScreen):
    """Dismisses with the meeting as saved after sending (an invite marked sent), else None."""

    BINDINGS = [
        Binding("ctrl+s", "send", "sendui.key_send", priority=True),
        Binding("escape", "close", "key.back"),
    ]

    DEFAULT_CSS = """
    SendScreen #intro { padding: 0 1; height: auto; }
    SendScreen #recipients { height: 1fr; border: round $primary-darken-2; padding: 0 1; }
    SendScreen #password-row { height: 3; }
    SendScreen #password-row Label { padding: 1 1 0 1; }
    SendScreen #password { width: 1fr; }
    SendScreen #progress { height: 6; border: round $primary-darken-2; }
    SendScreen #report { height: auto; padding: 0 1; }
    SendScreen #report.error { color: $error; }
    """

    @dataclass
    class Progress(Message):
        line: str

    @dataclass
    class Finished(Message):
        report: SendReport | None
        error: str = ""

    def __init__(
        self,
        meeting_id: str,
        what: str,
        redact: bool = False,
        *,
        ready: tuple[str, bytes] | None = None,
    ) -> None:
        """``ready`` is (network id, message) for a mail made elsewhere (the roster and
        dates to the organiser, ``what`` "members"); ``meeting_id`` is then unused."""
        super().__init__()
        self.meeting_id = meeting_id
        self.what = what  # invite | minutes | publication | members
        self.ready = ready
        self.redact = redact
        self.data: bytes | None = None  # the message to send
        self.sent: Meeting | None = None  # the meeting as sending it leaves it
        self.settings: SmtpSettings | None = None
        self._state = "ready"  # ready | sending | done
        self._saved: Meeting | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="intro")
        with VerticalScroll(id="recipients"):
            yield Static(id="recipient-list")
        with Horizontal(id="password-row"):
            yield Label(t("sendui.password"))
            yield Input(id="password", password=True)
        yield Log(id="progress", auto_scroll=True)
        yield Static(id="report")
        yield Footer()

    def on_mount(self) -> None:
        if self.what == "minutes":  # minnesanteckningar or protokoll, as the network keeps
            meeting = self.store.meeting(self.meeting_id)
            self.title = formal_text("sendui.title_minutes", meeting.formality)
        else:
            self.title = t(f"sendui.title_{self.what}")
        self.query_one("#progress").border_title = t("sendui.progress")
        row = self.query_one("#password-row")
        row.display = False
        try:
            network = self._prepare()
            if self.settings is None:
                raise QuorumError("send.no_smtp", network=network.name)
        except QuorumError as err:
            self.data = None
            self._fail(err.sentence())
            return
        assert self.data is not None
        settings = self.settings
        self.query_one("#intro", Static).update(
            Text(
                t(
                    "sendui.intro",
                    host=settings.host,
                    port=settings.port,
                    security=settings.security,
                )
            )
        )
        msg = message_from_bytes(self.data, policy=default)
        to = getaddresses([str(v) for v in msg.get_all("To", [])])
        box = self.query_one("#recipients")
        box.border_title = t("sendui.recipients", count=len(to))
        lines = [t("sendui.subject", subject=str(msg.get("Subject", ""))), ""]
        lines += [f"{name} <{addr}>" if name else addr for name, addr in to]
        self.query_one("#recipient-list", Static).update(Text("\n".join(lines)))
        if settings.user and password_from_env(settings, os.environ) is None:
            row.display = True
            self.query_one("#password", Input).placeholder = t(
                "sendui.password_hint", user=settings.user, env=settings.password_env
            )
            self.query_one("#password", Input).focus()
        self.refresh_bindings()

    def _prepare(self) -> Network:
        """Make the message (``self.data``) and what sending it records (``self.sent``)."""
        if self.ready is not None:
            network = self.store.network(self.ready[0])
            self.sub_title = network.name
            self.settings = network.smtp
            self.data = self.ready[1]
            return network
        meeting = self.store.meeting(self.meeting_id)
        network = self.store.network(meeting.network_id)
        self.sub_title = f"{meeting.day.isoformat()} {meeting.title}"
        self.settings = network.smtp
        prepared = prepare(
            kind(_KIND[self.what]),
            meeting_records(self.store, meeting),
            self.app.clock(),
            redact=self.redact,
        )
        self.data, self.sent = prepared.data, prepared.sent
        return network

    def _fail(self, sentence: str) -> None:
        report = self.query_one("#report", Static)
        report.update(Text(sentence))
        report.add_class("error")

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "send":
            return True if self.data is not None and self._state == "ready" else None
        return True

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_send()

    def action_send(self) -> None:
        if self.data is None or self.settings is None or self._state != "ready":
            return
        field = self.query_one("#password", Input)
        password = password_from_env(self.settings, os.environ)
        if password is None and self.settings.user:
            password = field.value or None
            if password is None:
                self.notify(t("sendui.need_password"), severity="warning")
                return
        field.value = ""  # the password lives only as long as the send
        self._state = "sending"
        self.query_one("#report", Static).update(t("sendui.sending"))
        self.refresh_bindings()
        self._send(self.settings, password, self.data)

    @work(thread=True, exclusive=True, exit_on_error=False, group="send")
    def _send(self, settings: SmtpSettings, password: str | None, data: bytes) -> None:
        lang = current_language()

        def progress(line: str) -> None:
            self.post_message(self.Progress(line))

        try:
            report = send_message(settings, password, data, progress=progress, lang=lang)
        except QuorumError as err:
            self.post_message(self.Finished(None, err.sentence(lang)))
            return
        self.post_message(self.Finished(report))

    def on_send_screen_progress(self, message: Progress) -> None:
        self.query_one("#progress", Log).write_line(message.line)

    def on_send_screen_finished(self, message: Finished) -> None:
        report = self.query_one("#report", Static)
        if message.report is None:
            self._state = "ready"  # a wrong password or a server away: try again
            self._fail(message.error)
            self.refresh_bindings()
            return
        self._state = "done"
        report.remove_class("error")
        done = message.report
        total = len(done.accepted) + len(done.refused)
        report.update(Text(t("send.done", accepted=len(done.accepted), count=total)))
        self.query_one("#recipients").border_title = t("sendui.report")
        self.query_one("#recipient-list", Static).update(report_text(done))
        if self.sent is not None and message.report.accepted:
            self._saved = self.sent
            save_sent(self.app, self._saved)
            if self.what == "publication":
                self.notify(t("flows.publish.done", date=self._saved.day.isoformat()))
        elif self.what == "publication":
            self._fail(t("flows.publish.refused"))
        self.refresh_bindings()

    def action_close(self) -> None:
        if self._state != "sending":
            self.dismiss(self._saved)
