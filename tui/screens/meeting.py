"""One meeting: its status at a glance, the agenda, the details, the invitees.

The screen keeps the meeting in memory. Each part edits some fields and the
screen saves only those fields on the saver thread, applied to the stored
meeting (so the agenda editor and the attendees pane never overwrite each
other's work). Other panes call :meth:`MeetingScreen.patch` to do the same.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any, TypedDict

from textual.app import ComposeResult
from textual.binding import Binding
from textual.markup import escape
from textual.widgets import Footer, Header, Input, Static, TabbedContent, TabPane, TextArea

from quorum.exports.context import paragraph_start
from quorum.store.cancelling import cancel, repoint_secretary, was_held
from quorum.store.errors import NotFound, QuorumError, ValidationError
from quorum.store.i18n import join_list, t
from quorum.store.organiser import Organiser, invite_organiser
from quorum.store.readiness import missing_for_invite
from quorum.store.records import Meeting, MeetingStatus, Network, Organisation, Person, replace
from quorum.store.templates import template_from_agenda
from quorum.store.when import clock_span
from quorum.store.wording import meeting_status
from quorum.tui.dialogs import ConfirmDialog, PromptDialog
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.sent import SENT_FIELDS
from quorum.tui.widgets.agenda_editor import AgendaEditor
from quorum.tui.widgets.attendees import ATTENDANCE_FIELDS, AttendeesPane
from quorum.tui.widgets.meeting_details import MeetingDetails

_TABS = ("agenda", "details", "attendees")


class LossSummary(TypedDict):
    """What deleting a meeting throws away (the confirmation names each count)."""

    items: int
    notes: int
    decisions: int
    actions: int
    invitees: int


# Keys that are plain letters or digits: never while the user types in a field.
_LETTER_ACTIONS = {"export", "live", "cancel_meeting", "delete_meeting", "save_template", "tab"}


def status_line(
    meeting: Meeting,
    network: Network,
    people: Mapping[str, Person],
    organisations: Sequence[Organisation],
) -> str:
    """Status · whether the sent invite is out of date · what the invite lacks, or who
    will send it (markup). The same rule as the export (store.readiness)."""
    parts = ["[b]" + escape(t("meeting.status", status=meeting_status(meeting))) + "[/]"]
    if meeting.sent_sequence is None:
        parts.append(escape(t("meeting.invite_not_sent")))
    elif meeting.invite_outdated:
        parts.append("[b $warning]" + escape(t("meeting.invite_outdated")) + "[/]")
    else:
        parts.append(escape(t("meeting.invite_current")))
    gaps = missing_for_invite(meeting, network, people, organisations)
    if gaps:
        listed = ", ".join(t(f"ready.{g.value}") for g in gaps)
        parts.append("[$warning]" + escape(t("ready.missing", gaps=listed)) + "[/]")
    elif meeting.status in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        parts.append(escape(t("ready.ok")))
    line = " · ".join(parts)
    organiser = invite_organiser(meeting, network, people, organisations)
    if organiser is not None and meeting.status in (MeetingStatus.PLANNED, MeetingStatus.INVITED):
        line += "\n" + escape(organiser_line(organiser))
    return line


def organiser_line(organiser: Organiser) -> str:
    """ "The invite is sent by Anna Berg (the host's contact)"."""
    source = t(f"organiser.source.{organiser.source.value}")
    if organiser.sent_by:
        return t(
            "organiser.line_sent_by", sender=organiser.sent_by, name=organiser.name, source=source
        )
    return t("organiser.line", name=organiser.name, source=source)


class MeetingScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"cancel_meeting", "delete_meeting", "save_template"})
    BINDINGS = [
        Binding("escape", "back", "meeting.key_back", show=False),
        Binding("l", "live", "meeting.key_live"),
        Binding("x", "export", "exportui.key_export_dialog"),
        Binding("X", "cancel_meeting", "meeting.key_cancel", show=False),
        Binding("D", "delete_meeting", "meeting.key_delete", show=False),
        Binding("T", "save_template", "meeting.key_template", show=False),
        Binding("1", "tab('agenda')", "meeting.key_tab_agenda", show=False),
        Binding("2", "tab('details')", "meeting.key_tab_details", show=False),
        Binding("3", "tab('attendees')", "meeting.key_tab_attendees", show=False),
        # Digits mean presence inside the attendees pane; F-keys switch tabs everywhere.
        Binding("f2", "switch_tab('agenda')", "meeting.key_tab_agenda", show=False, priority=True),
        Binding(
            "f3", "switch_tab('details')", "meeting.key_tab_details", show=False, priority=True
        ),
        Binding(
            "f4", "switch_tab('attendees')", "meeting.key_tab_attendees", show=False, priority=True
        ),
    ]
    DEFAULT_CSS = """
    MeetingScreen #meeting-status { height: auto; padding: 0 1; background: $boost; }
    MeetingScreen TabbedContent { height: 1fr; }
    MeetingScreen TabPane { padding: 0; height: 1fr; }
    """

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting = self.store_meeting()
        self._deleted = False

    def store_meeting(self) -> Meeting:
        return self.store.meeting(self.meeting_id)

    def _first_paragraph(self, meeting: Meeting) -> int:
        """The § number a protokoll's first item gets: the year's numbering goes on."""
        network = self.store.network(meeting.network_id)
        earlier = self.store.meetings(meeting.network_id)
        return paragraph_start(meeting, earlier, network.year_start_month)

    # -- composing ----------------------------------------------------------------

    def compose(self) -> ComposeResult:
        m = self.meeting
        people = self.store.people(m.network_id)
        today = self.app.clock().date()
        yield Header()
        yield Static(self._status_line(), id="meeting-status")
        with TabbedContent(initial="tab-agenda"):
            with TabPane(t("meeting.tab_agenda"), id="tab-agenda"):
                yield AgendaEditor(
                    m, {p.id: p.name for p in people}, self._first_paragraph, id="agenda-editor"
                )
            with TabPane(t("meeting.tab_details"), id="tab-details"):
                yield MeetingDetails(m, people, self.store.organisations(), today, id="details")
            with TabPane(t("meeting.tab_attendees"), id="tab-attendees"):
                yield AttendeesPane(m.id)
        yield Footer()

    def on_mount(self) -> None:
        self._show_title()
        self.query_one("#agenda-table").focus()

    def _show_title(self) -> None:
        m = self.meeting
        network = self.store.network(m.network_id)
        self.title = f"{m.title} {m.day.isoformat()} {clock_span(m.start, m.end)}"
        self.sub_title = network.name

    def _status_line(self) -> str:
        store = self.store
        network = store.network(self.meeting.network_id)
        people = {p.id: p for p in store.people()}
        return status_line(self.meeting, network, people, store.organisations())

    def _refresh(self) -> None:
        self.query_one("#meeting-status", Static).update(self._status_line())
        self._show_title()

    # -- saving -------------------------------------------------------------------

    def patch(self, part: str, **fields: Any) -> None:
        """Change ``fields`` of the meeting here and in the database.

        ``part`` names the editor ("agenda", "details", "attendance", ...): a
        newer save of the same part replaces a waiting one.
        """
        self.meeting = replace(self.meeting, **fields)
        self.app.patch_meeting(self.meeting_id, part, **fields)
        self._refresh()

    def on_attendees_pane_changed(self, message: AttendeesPane.Changed) -> None:
        # The pane saved its own fields; keep this screen's copy in step.
        self.meeting = replace(
            self.meeting, **{f: getattr(message.meeting, f) for f in ATTENDANCE_FIELDS}
        )
        self._refresh()

    def on_agenda_editor_changed(self, message: AgendaEditor.Changed) -> None:
        self.patch("agenda", agenda=message.agenda)

    def on_meeting_details_changed(self, message: MeetingDetails.Changed) -> None:
        self.patch("details", **message.fields)
        self.query_one(AgendaEditor).show_meeting(self.meeting)

    # -- actions ------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if action in _LETTER_ACTIONS and isinstance(self.focused, (Input, TextArea)):
            return False
        if action == "cancel_meeting" and (
            self.meeting.status == MeetingStatus.CANCELLED or was_held(self.meeting)
        ):
            return None
        if action == "save_template" and not self.meeting.agenda:
            return None
        return True

    def action_back(self) -> None:
        self.query_one(MeetingDetails).commit()
        self.dismiss()

    def action_switch_tab(self, name: str) -> None:
        self.action_tab(name)

    def action_tab(self, name: str) -> None:
        self.query_one(TabbedContent).active = f"tab-{name}"
        # Keyboard users land in the pane they asked for.
        pane = self.query_one(f"#tab-{name}", TabPane)
        for widget in pane.query("*"):
            if widget.focusable:
                widget.focus()
                break

    def action_live(self) -> None:
        self.query_one(MeetingDetails).commit()
        self.app.saver.flush()
        self.app.open_live(self.meeting_id)

    def action_export(self) -> None:
        from quorum.tui.screens.export import ExportScreen

        self.query_one(MeetingDetails).commit()
        self.app.saver.flush()

        def done(exported: Meeting | None) -> None:
            if exported is not None:  # an invite sent or a cancellation: keep our copy in step
                self.meeting = replace(
                    self.meeting, **{f: getattr(exported, f) for f in SENT_FIELDS}
                )
                self._refresh()

        self.app.push_screen(ExportScreen(self.meeting_id), done)

    def action_cancel_meeting(self) -> None:
        try:
            cancelled = cancel(self.meeting)
        except QuorumError as err:  # held: its minutes exist
            self.notify(err.sentence(), severity="error")
            return

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            self.patch("status", status=cancelled.status)
            self.notify(t("meeting.cancelled"))
            store = self.store
            before = repoint_secretary(
                cancelled, store.meetings(cancelled.network_id), store.people()
            )
            if before is not None and before.secretary_id is not None:
                self.app.patch_meeting(before.id, "secretary", secretary_id=before.secretary_id)
                name = store.person(before.secretary_id).name
                self.notify(t("flows.cancel.repointed", date=before.day.isoformat(), name=name))

        question = t("meeting.cancel_question", date=self.meeting.day.isoformat())
        self.app.push_screen(ConfirmDialog(question, danger=True), answered)

    def loss_summary(self) -> LossSummary:
        """What deleting the meeting throws away, for the confirmation."""
        m = self.meeting
        return {
            "items": len(m.agenda),
            "notes": sum(1 for i in m.agenda if i.notes.strip()),
            "decisions": len(m.all_decisions()),
            "actions": len(m.all_actions()),
            "invitees": len(m.attendance),
        }

    def loss_sentence(self) -> str:
        """ "3 ärenden, 1 anteckning, 0 beslut, 2 åtgärder och 1 inbjuden" """
        return join_list(t(f"n.{what}", count=n) for what, n in self.loss_summary().items())

    def action_delete_meeting(self) -> None:
        day = self.meeting.day.isoformat()

        def answered(yes: bool | None) -> None:
            if not yes:
                return
            app = self.app
            app.saver.flush()
            store, meeting_id = self.store, self.meeting_id
            app.save(f"meeting:{meeting_id}:delete", lambda: store.delete_meeting(meeting_id))
            app.saver.flush()
            self._deleted = True
            self.dismiss()
            app.notify(t("meeting.deleted", date=day))

        question = t("meeting.delete_question", date=day, lost=self.loss_sentence())
        self.app.push_screen(ConfirmDialog(question, danger=True), answered)

    def action_save_template(self) -> None:
        network_id = self.meeting.network_id

        def named(name: str | None) -> None:
            if not name:
                return
            store = self.store
            template = template_from_agenda(name, self.meeting.agenda)

            def write() -> None:
                network = store.network(network_id)
                kept = tuple(tpl for tpl in network.templates if tpl.name != name)
                store.save_network(replace(network, templates=(*kept, template)))

            self.app.save(f"network:{network_id}:templates", write)
            self.notify(t("meeting.template_saved", name=name))

        def check(text: str, accepted: bool) -> str:
            if not text.strip():
                raise ValidationError("error.name_empty")
            return text.strip()

        default = f"{self.meeting.title} {self.meeting.day.isoformat()}"
        self.app.push_screen(PromptDialog(t("meeting.template_prompt"), default, check), named)

    def on_screen_resume(self) -> None:
        # Back from the live screen (or another): show what was saved there.
        if self._deleted:
            return
        self.app.saver.flush()
        try:
            fresh = self.store_meeting()
        except NotFound:
            self.notify(t("meeting.gone"), severity="warning")
            self.dismiss()
            return
        if fresh != self.meeting:
            self.meeting = fresh
            self.query_one(AgendaEditor).show_meeting(fresh)
            self._refresh()
