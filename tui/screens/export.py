"""Export a meeting's documents: calendar files, mail drafts, notice and minutes.

Pick a kind on the left; the right shows a preview (the document rendered,
or for a calendar file or mail a summary of what will be sent). The file name
is suggested from date and network and can be edited. Writing asks before
overwriting, lists the personal data of minutes and notices first (the
secretary can leave out e-mail addresses and phone numbers), and runs in a
thread worker. Exporting an invite or a cancellation records it as sent.

| key    | action                                   |
|--------|------------------------------------------|
| ctrl+s | write the file (also enter in the name)  |
| ctrl+e | send the mail for real (network SMTP)    |
| escape | back                                     |
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rich.text import Text
from textual import work
from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Footer, Header, Input, Label, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from quorum.exports.archive import public_foot
from quorum.exports.export_kinds import (
    KINDS,
    ExportKind,
    Prepared,
    default_kind,
    invite_state,
    kind,
    personal_findings,
    prepare,
)
from quorum.store.errors import QuorumError
from quorum.store.files import write_export
from quorum.store.gather import meeting_records
from quorum.store.i18n import current_language, t
from quorum.store.records import Formality, Meeting
from quorum.tui.dialogs import ConfirmDialog
from quorum.tui.readonly import read_only
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.sent import save_sent


def target_path(text: str) -> Path:
    """The typed file name as an absolute path (relative to where quorum started)."""
    path = Path(text.strip()).expanduser()
    return path if path.is_absolute() else Path.cwd() / path


def write_file(path: Path, data: bytes, replace: bool) -> None:
    """Write ``data`` readable by the owner only, replacing a file only when the user said
    so, never through a link; or raise QuorumError with a sentence (``store/files.py``)."""
    write_export(path, data, replace=replace)


async def ask_personal_data(screen: QuorumScreen, meeting: Meeting) -> bool | None:
    """Show the personal data of ``meeting``'s documents; True to leave contacts out.

    None when the user cancels. No question when the documents hold none.
    """
    findings = personal_findings(meeting_records(screen.store, meeting))
    if not findings:
        return False
    dialog = ConfirmDialog(
        t("exportui.pd_question"),
        t("exportui.pd_redact"),
        no=t("exportui.pd_keep"),
        title=t("exportui.pd_intro", count=len(findings)),
        details=findings,
        cancel=True,
    )
    return await screen.app.push_screen_wait(dialog)


class ExportScreen(QuorumScreen):
    BINDINGS = [
        Binding("ctrl+s", "export", "exportui.key_write", priority=True),
        Binding("ctrl+e", "send", "exportui.key_send", priority=True),
        Binding("escape", "close", "key.back"),
    ]

    DEFAULT_CSS = """
    ExportScreen #body { height: 1fr; }
    ExportScreen #kinds { width: 30; height: auto; max-height: 100%;
        border: round $primary-darken-2; }
    ExportScreen #kinds:focus { border: round $accent; }
    ExportScreen #preview-box { width: 1fr; border: round $primary-darken-2; }
    ExportScreen #preview-box:focus-within { border: round $accent; }
    ExportScreen #preview { margin: 0; padding: 0 1; }
    ExportScreen #state { height: auto; padding: 0 1; color: $text-muted; }
    ExportScreen #state.error { color: $error; }
    ExportScreen #file-row { height: 3; }
    ExportScreen #file-row Label { padding: 1 1 0 1; }
    ExportScreen #filename { width: 1fr; }
    """

    @dataclass
    class Written(Message):
        path: Path
        prepared: Prepared
        redacted: bool

    @dataclass
    class WriteFailed(Message):
        sentence: str

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.prepared: Prepared | None = None
        self.kind: ExportKind = KINDS[0]
        self._busy = False

    def compose(self) -> ComposeResult:
        yield Header()
        with Horizontal(id="body"):
            yield OptionList(id="kinds")  # filled once the meeting is read (on_mount)
            with VerticalScroll(id="preview-box"):
                yield Markdown(id="preview")
        yield Static(id="state")
        with Horizontal(id="file-row"):
            yield Label(t("exportui.file"))
            yield Input(id="filename")
        yield Footer()

    def on_mount(self) -> None:
        self.meeting = self.store.meeting(self.meeting_id)
        self.title = t("exportui.title")
        self.sub_title = f"{self.meeting.day.isoformat()} {self.meeting.title}"
        self.query_one("#kinds").border_title = t("exportui.kinds")
        self.query_one("#preview-box").border_title = t("exportui.preview")
        kinds = self.query_one("#kinds", OptionList)
        formality = self.meeting.formality
        kinds.add_options([Option(k.label(formality), id=k.key) for k in KINDS])
        kinds.highlighted = KINDS.index(default_kind(self.meeting))
        kinds.focus()

    # -- preview ------------------------------------------------------------------

    def on_option_list_option_highlighted(self, event: OptionList.OptionHighlighted) -> None:
        if event.option.id:
            self.kind = kind(str(event.option.id))
            self._refresh_preview()

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        self.query_one("#filename", Input).focus()  # chosen: on to the file name

    def _refresh_preview(self) -> None:
        assert self.meeting is not None
        state = self.query_one("#state", Static)
        try:
            records = meeting_records(self.store, self.meeting)
            self.prepared = prepare(self.kind, records, self.app.clock())
        except QuorumError as err:
            self.prepared = None
            self.query_one("#preview", Markdown).update("")
            state.update(Text(err.sentence()))
            state.add_class("error")
            self.refresh_bindings()
            return
        state.remove_class("error")
        self.query_one("#preview", Markdown).update(self.prepared.preview)
        self.query_one("#preview-box").scroll_home(animate=False)
        state.update(Text(self._state_line()))
        name = self.query_one("#filename", Input)
        folder = Path(name.value.strip()).parent if name.value.strip() else Path()
        name.value = str(folder / self.prepared.filename)
        self.refresh_bindings()

    def _state_line(self) -> str:
        assert self.meeting is not None
        lines = []
        if self.kind.marks_sent:
            lines.append(invite_state(self.meeting))
        if self.kind.has_personal_data:
            lines.append(t("exportui.pd_note"))
        if self.kind.marks_sent and read_only(self):
            lines.append(t("flows.readonly.no_invite"))
        if self.kind.public:
            network = self.store.network(self.meeting.network_id)
            lines.append(public_foot(network.public_omits_guests, current_language()))
        return "\n".join(lines)

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        # None shows the key greyed out; False hides it (send is only for mail kinds).
        if action in ("export", "send") and self.kind.marks_sent and read_only(self):
            return None  # an invite sent is recorded in the database, which is read-only
        if action == "export":
            return True if self.prepared is not None and not self._busy else None
        if action == "send":
            if self.kind.mail is None:
                return False
            network = self.store.network(self.meeting.network_id) if self.meeting else None
            ready = network is not None and network.smtp is not None and self.prepared is not None
            return True if ready else None
        return True

    def action_close(self) -> None:
        self.dismiss(self.meeting)  # the caller refreshes what sending changed

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_export()

    def action_export(self) -> None:
        # Enter in the file name comes here without the binding's check_action.
        if self.check_action("export", ()):
            self._export_flow()

    @work(exclusive=True, group="export-flow")
    async def _export_flow(self) -> None:
        """Ask what must be asked, then hand the writing to a thread."""
        assert self.meeting is not None and self.prepared is not None
        text = self.query_one("#filename", Input).value
        if not text.strip():
            self.notify(t("exportui.no_name"), severity="warning")
            return
        path = target_path(text)
        if path.is_dir():
            self.notify(t("exportui.is_folder", path=str(path)), severity="error")
            return
        matching = await self._matching_name(path)
        if matching is None:
            return
        path = matching
        prepared, redacted = self.prepared, False
        if self.kind.has_personal_data:
            answer = await ask_personal_data(self, self.meeting)
            if answer is None:
                return
            if answer:
                redacted = True
                now = self.app.clock()
                records = meeting_records(self.store, self.meeting)
                prepared = prepare(self.kind, records, now, redact=True)
        replace = path.exists()
        if replace:
            question = t("exportui.confirm_overwrite", path=str(path))
            if not await self.app.push_screen_wait(ConfirmDialog(question, danger=True)):
                return
        self._busy = True
        self.refresh_bindings()
        self._write(path, prepared, redacted, replace)

    async def _matching_name(self, path: Path) -> Path | None:
        """``path`` with the kind's extension: added when there is none, and asked
        about when another one was typed (an .eml once landed in ``minnes.html``).
        None when the user would rather not write."""
        wanted = f".{self.kind.ext}"
        if path.suffix.lower() == wanted:
            return path
        fixed = path.with_name(path.name + wanted) if not path.suffix else path.with_suffix(wanted)
        if not path.suffix:
            return fixed
        question = t(
            "flows.export.other_extension",
            name=path.name,
            kind=self.kind.label,
            ext=wanted,
            fixed=fixed.name,
        )
        yes = t("flows.export.use_name", name=fixed.name)
        if await self.app.push_screen_wait(ConfirmDialog(question, yes, no=t("dialog.cancel"))):
            self.query_one("#filename", Input).value = str(fixed)
            return fixed
        return None

    @work(thread=True, exclusive=True, exit_on_error=False, group="export-write")
    def _write(self, path: Path, prepared: Prepared, redacted: bool, replace: bool) -> None:
        try:
            write_file(path, prepared.data, replace)
        except QuorumError as err:
            self.post_message(self.WriteFailed(err.sentence()))
            return
        self.post_message(self.Written(path, prepared, redacted))

    def on_export_screen_written(self, message: Written) -> None:
        self._busy = False
        key = "exportui.written_redacted" if message.redacted else "exportui.written"
        self.notify(t(key, path=str(message.path)), timeout=8)
        # Only an invite or a cancellation counts as sent once its file is written; a
        # publication counts once the mail has really gone (the send screen).
        if message.prepared.sent is not None and message.prepared.kind.marks_sent:
            self.meeting = message.prepared.sent
            save_sent(self.app, message.prepared.sent)
            self._refresh_preview()
        self.refresh_bindings()

    def on_export_screen_write_failed(self, message: WriteFailed) -> None:
        self._busy = False
        self.notify(message.sentence, severity="error", timeout=10)
        self.refresh_bindings()

    def action_send(self) -> None:
        if self.kind.mail is not None and self.prepared is not None:
            self._send_flow()

    @work(exclusive=True, group="export-flow")
    async def _send_flow(self) -> None:
        from quorum.tui.screens.send import SendScreen

        assert self.meeting is not None and self.kind.mail is not None
        redact = False
        if self.kind.has_personal_data:
            answer = await ask_personal_data(self, self.meeting)
            if answer is None:
                return
            redact = answer
        sent = await self.app.push_screen_wait(
            SendScreen(self.meeting_id, self.kind.mail, redact=redact)
        )
        if sent is not None:
            self.meeting = sent
            self._refresh_preview()

    def palette_commands(self) -> Iterable[SystemCommand]:
        """Every kind is one palette entry away."""
        formality = self.meeting.formality if self.meeting else Formality.INFORMAL
        for k in KINDS:

            def choose(index: int = KINDS.index(k)) -> None:
                self.query_one("#kinds", OptionList).highlighted = index

            yield SystemCommand(k.label(formality), t("exportui.kind_help"), choose)
