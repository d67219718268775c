"""Live minutes: the secretary's screen during the meeting.

Two modes, so that typing never triggers a command:

* **Notes** (the editor has focus): every printable key is text. Chords
  that the editor does not use still work: Esc leaves to the commands,
  Ctrl+N / Ctrl+B next / previous item, Ctrl+R decision, Ctrl+T action item.
* **Commands** (Esc; the agenda has focus): one key each — n/p next/previous,
  1–9 or g jump, d decision, a action item, x done, l defer, w attendance
  (p/r/e/a/u there), space break, v projector, e end, s start, q close;
  Enter on an agenda item or i goes back to the notes.

The screen keeps the meeting in memory and saves copies through the app's
ordered saver thread: debounced while typing (1 s after the last key, at
most every 1.5 s while typing on), at every item switch, every command and
when the screen goes. A ``kill -9`` therefore loses under 2 s of typing.
"""

from __future__ import annotations

import time
from collections.abc import Callable
from datetime import datetime
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.markup import escape
from textual.timer import Timer
from textual.widgets import Footer, OptionList, TextArea

from quorum.store import live
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Decision, ItemState, Meeting
from quorum.store.templates import NEXT_MEETING_TITLES
from quorum.store.text_rules import clean
from quorum.store.when import clock
from quorum.store.wording import formal_text
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog, FormDialog
from quorum.tui.followup import followup_now
from quorum.tui.messages import Announce
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.screens.live_forms import ActionDraft, ActionForm
from quorum.tui.widgets.attendance_list import AttendanceList
from quorum.tui.widgets.item_minutes import ItemMinutes
from quorum.tui.widgets.live_agenda import LiveAgenda
from quorum.tui.widgets.live_header import LiveHeader

IDLE_SAVE_S = 1.0  # save this long after typing stops
MAX_UNSAVED_S = 1.5  # and at least this often while typing goes on
NARROW_BELOW = 100  # columns: below this the attendance list is shown on demand

# Actions of the command mode: disabled (and hidden) while the notes have focus.
COMMAND_ACTIONS = {
    "notes",
    "next_item",
    "prev_item",
    "goto",
    "jump",
    "decision",
    "action_item",
    "done",
    "defer",
    "attendance",
    "pause",
    "projector",
    "end_meeting",
    "start",
    "close",
    "review",
}


class LiveScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset(
        {"start", "decision", "action_item", "done", "defer", "pause", "end_meeting"}
    )
    BINDINGS = [
        Binding("escape", "commands", "live.key.commands"),
        Binding("ctrl+n", "next_item('chord')", "live.key.next"),
        Binding("ctrl+b", "prev_item('chord')", "live.key.prev", show=False),
        Binding("ctrl+r", "decision('chord')", "live.key.decision"),
        Binding("ctrl+t", "action_item('chord')", "live.key.action"),
        Binding("s", "start", "live.key.start"),
        Binding("i", "notes", "live.key.notes"),
        Binding("n", "next_item", "live.key.next"),
        Binding("p", "prev_item", "live.key.prev", show=False),
        Binding("d", "decision", "live.key.decision"),
        Binding("a", "action_item", "live.key.action", show=False),
        Binding("x", "done", "live.key.done", show=False),
        Binding("l", "defer", "live.key.defer", show=False),
        Binding("w", "attendance", "live.key.attendance", show=False),
        Binding("space", "pause", "live.key.pause", show=False),
        Binding("v", "projector", "live.key.projector", show=False),
        Binding("e", "end_meeting", "live.key.end"),
        Binding("r", "review", "live.key.review", show=False),
        Binding("g", "goto", "live.key.goto", show=False),
        *[Binding(str(n), f"jump({n})", "live.key.jump", show=False) for n in range(1, 10)],
        Binding("q", "close", "live.key.close", show=False),
    ]

    DEFAULT_CSS = """
    LiveScreen #centre { width: 1fr; border: round $primary-darken-2; }
    LiveScreen #centre:focus-within { border: round $accent; }
    LiveScreen #notes { height: 1fr; border: none; padding: 0; }
    LiveScreen #minutes { border-top: solid $primary-darken-2; }
    LiveScreen.narrow LiveAgenda { width: 30; }
    LiveScreen.narrow AttendanceList { display: none; }
    LiveScreen.narrow.side AttendanceList { display: block; width: 1fr; }
    LiveScreen.narrow.side #centre { display: none; }
    """

    def __init__(self, meeting_id: str) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting: Meeting | None = None
        self.names: dict[str, str] = {}
        self._shown_item = -1
        self._dirty_since: float | None = None
        self._typed: str | None = None  # the editor's text not yet in self.meeting
        self._idle_timer: Timer | None = None
        self._listeners: list[Callable[[], None]] = []

    # -- layout --------------------------------------------------------------

    def compose(self) -> ComposeResult:
        yield LiveHeader(id="header")
        with Horizontal():
            yield LiveAgenda(id="agenda")
            with Vertical(id="centre"):
                yield TextArea(id="notes", soft_wrap=True, show_line_numbers=False)
                yield ItemMinutes(id="minutes")
            yield AttendanceList(id="attendance")
        yield Footer()

    def on_mount(self) -> None:
        self.meeting = self.store.meeting(self.meeting_id)
        self.names = {p.id: p.name for p in self.store.people()}
        self.sub_title = formal_text("live.title", self.meeting.formality)
        self.query_one("#agenda").border_title = t("live.agenda")
        self.query_one("#attendance").border_title = t("live.attendance")
        self.set_class(self.app.size.width < NARROW_BELOW, "narrow")
        notes = self.query_one("#notes", TextArea)
        notes.read_only = (
            self.store.readonly
            or live.is_locked(self.meeting)
            or self.meeting.status.value == "cancelled"
            or not self.meeting.agenda
        )
        self.refresh_all()
        if live.is_live(self.meeting) and not notes.read_only:
            notes.focus()
        else:
            self.query_one("#agenda").focus()
        if notes.read_only and live.is_locked(self.meeting):
            self.notify(formal_text("live.locked_view", self.meeting.formality), severity="warning")
        self.set_interval(1.0, self._tick)

    def on_resize(self) -> None:
        self.set_class(self.app.size.width < NARROW_BELOW, "narrow")

    def help_text(self) -> str:
        """Shown at the top of the help screen: the two modes."""
        return t("live.help_modes")

    @property
    def now(self) -> datetime:
        return self.app.clock()

    @property
    def current(self) -> int:
        assert self.meeting is not None
        return self.meeting.current_item

    def refresh_all(self) -> None:
        m = self.meeting
        assert m is not None
        self.query_one("#header", LiveHeader).show(m, self.now)
        self.query_one("#agenda", LiveAgenda).show(m)
        self.query_one("#attendance", AttendanceList).show(m, self.names)
        centre = self.query_one("#centre")
        if not m.agenda:
            centre.border_title = t("live.error.no_agenda")
            return
        item = m.agenda[self.current]
        centre.border_title = escape(f"{self.current + 1}. {item.title}")  # a title, not markup
        centre.border_subtitle = t("live.notes")
        followup = followup_now(self.store, m) if item.followup else ""
        self.query_one("#minutes", ItemMinutes).show(item, self.names, followup)
        if self._shown_item != self.current:
            self._shown_item = self.current
            self.query_one("#notes", TextArea).load_text(item.notes)
        for listener in list(self._listeners):
            listener()

    def add_listener(self, listener: Callable[[], None]) -> None:
        """The projector view repaints when the meeting changes."""
        self._listeners.append(listener)

    def remove_listener(self, listener: Callable[[], None]) -> None:
        if listener in self._listeners:
            self._listeners.remove(listener)

    def _tick(self) -> None:
        if self.meeting is not None:
            self.query_one("#header", LiveHeader).show(self.meeting, self.now)
            for listener in list(self._listeners):
                listener()

    # -- saving ----------------------------------------------------------------

    def on_text_area_changed(self, event: TextArea.Changed) -> None:
        if self.meeting is None or not self.meeting.agenda:
            return
        text = event.text_area.text
        if text == self.meeting.agenda[self.current].notes:
            self._typed = None  # an item's text just loaded, or typed back to what was saved
            return
        # Kept here too: on quit the editor is gone before the last save is made.
        self._typed = text
        first = self._dirty_since is None
        if first:
            self._dirty_since = time.monotonic()
        if self._idle_timer is not None:
            self._idle_timer.stop()
        if not first and time.monotonic() - (self._dirty_since or 0) >= MAX_UNSAVED_S:
            self.save_now()
            return
        self._idle_timer = self.set_timer(IDLE_SAVE_S, self.save_now)

    def _sync_notes(self) -> None:
        """Put the editor's text into the meeting in memory."""
        if self.meeting is None or not self.meeting.agenda or self._shown_item < 0:
            return
        if self._typed is None:
            return
        text, self._typed = self._typed, None
        # Pasted text (from a PDF, say) can bring a form feed or another control character
        # nobody sees: it goes, and the secretary is told, rather than the save refused.
        text, removed = clean(text, multiline=True)
        if removed:
            self.notify(t("live.notes_cleaned", count=removed), severity="warning")
        try:
            self.meeting = live.set_notes(self.meeting, self._shown_item, text)
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")

    def save_now(self) -> None:
        """Hand a copy to the saver thread; returns at once."""
        if self._idle_timer is not None:
            self._idle_timer.stop()
            self._idle_timer = None
        self._dirty_since = None
        if self.meeting is None or self.store.readonly:
            return
        self._sync_notes()
        self.app.save_meeting(self.meeting)

    def apply(self, change: Callable[[Meeting], Meeting]) -> bool:
        """Run a rule on the meeting, save, repaint; a refused change is told."""
        assert self.meeting is not None
        self._sync_notes()
        try:
            self.meeting = change(self.meeting)
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return False
        self.save_now()
        self.refresh_all()
        return True

    def on_unmount(self) -> None:
        # Leaving or quitting: what was typed since the last save goes too.
        if self._dirty_since is not None:
            self.save_now()

    # -- modes and availability ---------------------------------------------------

    def _notes_focused(self) -> bool:
        return isinstance(self.focused, TextArea)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if action == "commands":
            return self._notes_focused() or isinstance(self.focused, AttendanceList)
        if "chord" in parameters:
            return self._notes_focused()
        if action not in COMMAND_ACTIONS:
            return True
        if self._notes_focused():
            return False
        m = self.meeting
        if m is None or (not m.agenda and action != "close"):
            return None
        started, running = m.actual_start is not None, live.is_live(m)
        if action == "start":
            return not started and bool(m.agenda)
        if action in ("pause", "end_meeting"):
            return running
        if action == "review":
            return m.actual_end is not None
        if action == "notes":
            return not self.query_one("#notes", TextArea).read_only
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_commands(self) -> None:
        if isinstance(self.focused, AttendanceList):
            self.remove_class("side")
        self.query_one("#agenda").focus()

    def action_notes(self) -> None:
        self.remove_class("side")
        self.query_one("#notes", TextArea).focus()

    def action_attendance(self) -> None:
        if isinstance(self.focused, AttendanceList):
            self.action_commands()
            return
        self.add_class("side")
        self.query_one("#attendance").focus()

    # -- the clock ------------------------------------------------------------------

    def action_start(self) -> None:
        m = self.meeting
        assert m is not None
        if live.starts_on_another_day(m, self.now):
            self._ask_other_day(m)
            return
        self._start()

    def _ask_other_day(self, m: Meeting) -> None:
        """Started off the planned day: move the meeting to today, or start anyway
        (the minutes then carry today's date beside today's times), or not at all."""
        today = self.now.astimezone(m.zone).date()

        def chosen(answer: str | None) -> None:
            if answer == "move":
                if self.apply(lambda m: live.move_to_day(m, today)):
                    self.notify(t("flows.live.moved", date=today.isoformat()))
                    self._start()
            elif answer == "anyway":
                self._start()

        question = t("flows.live.other_day", planned=m.day.isoformat(), today=today.isoformat())
        choices = [
            ("move", t("flows.live.move_today", today=today.isoformat())),
            ("anyway", t("flows.live.start_anyway", planned=m.day.isoformat())),
            ("cancel", t("flows.live.not_now")),
        ]
        self.app.push_screen(ChoiceDialog(question, choices, "move"), chosen)

    def _start(self) -> None:
        if self.apply(lambda m: live.start(m, self.now)):
            assert self.meeting is not None and self.meeting.actual_start is not None
            started = self.meeting.actual_start.astimezone(self.meeting.zone)
            self.notify(t("live.started", time=clock(started)))
            self.action_notes()

    def action_pause(self) -> None:
        m = self.meeting
        assert m is not None
        if live.is_paused(m):
            self.apply(lambda m: live.resume(m, self.now))
        else:
            self.apply(lambda m: live.pause(m, self.now))

    def go_to(self, index: int) -> None:
        if self.apply(lambda m: live.go_to(m, index, self.now)):
            assert self.meeting is not None
            if self.meeting.agenda[self.meeting.current_item].title in NEXT_MEETING_TITLES:
                self.hand_over()

    def hand_over(self) -> None:
        """Make the next meeting ready (host, secretary, agenda with the open
        action items), on the saver thread after this meeting's own save."""
        from quorum.store.handover import apply_handover

        self.save_now()
        store, held, today, app = self.store, self.meeting, self.now.date(), self.app
        if held is None or store.readonly:
            return

        def work() -> None:
            ready = apply_handover(store, held, today)
            if ready is not None:
                # post_message, not call_from_thread: quitting waits on the saver.
                app.post_message(Announce(t("live.handover_ready", date=ready.day.isoformat())))

        app.save(f"handover:{held.id}", work)

    # ``via`` is "chord" for the ctrl keys that act while typing (see check_action).

    def action_next_item(self, via: str = "") -> None:
        if self.meeting and self.current < len(self.meeting.agenda) - 1:
            self.go_to(self.current + 1)

    def action_prev_item(self, via: str = "") -> None:
        if self.current > 0:
            self.go_to(self.current - 1)

    def action_jump(self, number: int) -> None:
        self.go_to(number - 1)

    def action_goto(self) -> None:
        assert self.meeting is not None
        count = len(self.meeting.agenda)

        def validate(values: dict[str, Any]) -> int:
            text = values["number"].strip()
            if not text.isdigit() or not 1 <= int(text) <= count:
                raise QuorumError("live.error.number")
            return int(text) - 1

        def done(index: int | None) -> None:
            if index is not None:
                self.go_to(index)

        dialog = FormDialog(
            t("live.dialog.goto"),
            validate,
            [("number", f"1–{count}", "")],
            hint=t("live.dialog.hint"),
            stacked=True,
            save_label=t("dialog.ok"),
        )
        self.app.push_screen(dialog, done)

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        if isinstance(event.option_list, LiveAgenda):
            self.go_to(event.option_index)
            if not self.query_one("#notes", TextArea).read_only:
                self.action_notes()

    # -- the minutes ----------------------------------------------------------------

    def action_decision(self, via: str = "") -> None:
        index = self.current

        def done(text: str | None) -> None:
            if text:
                self.apply(lambda m: live.add_decision(m, index, text))

        self.app.push_screen(
            FormDialog(
                t("live.dialog.decision", number=index + 1),
                lambda values: Decision("check", values["decision"]).text,
                [("decision", t("live.decisions"), "")],
                hint=t("live.dialog.hint"),
                stacked=True,
            ),
            done,
        )

    def action_action_item(self, via: str = "") -> None:
        assert self.meeting is not None
        index = self.current
        people = [
            (a.person_id or a.key, self.names.get(a.person_id or "", a.guest_name))
            for a in self.meeting.attendance
        ]
        people = [(pid, name) for pid, name in people if name]

        def done(draft: ActionDraft | None) -> None:
            if draft is None:
                return
            owner_id = draft.owner_id if draft.owner_id in self.names else None
            owner_name = draft.owner_name
            if draft.owner_id and owner_id is None:  # a guest: keep the name
                owner_name = dict(people).get(draft.owner_id, "")
            self.apply(
                lambda m: live.add_action(m, index, draft.text, owner_id, owner_name, draft.due)
            )

        self.app.push_screen(
            ActionForm(t("live.dialog.action", number=index + 1), people, self.now.date()),
            done,
        )

    def action_done(self) -> None:
        self.apply(lambda m: live.toggle_state(m, self.current, ItemState.DONE))

    def action_defer(self) -> None:
        self.apply(lambda m: live.toggle_state(m, self.current, ItemState.DEFERRED))

    def on_attendance_list_presence_chosen(self, event: AttendanceList.PresenceChosen) -> None:
        self.apply(lambda m: live.set_presence(m, event.key, event.presence))

    # -- views and leaving ---------------------------------------------------------

    def action_projector(self) -> None:
        from quorum.tui.screens.projector import ProjectorScreen

        self.app.push_screen(ProjectorScreen(self))

    def action_end_meeting(self) -> None:
        def done(yes: bool | None) -> None:
            if yes and self.apply(lambda m: live.end(m, self.now)):
                self.hand_over()
                self.action_review()

        self.app.push_screen(ConfirmDialog(t("live.dialog.end")), done)

    def action_review(self) -> None:
        self.save_now()
        self.app.open_review(self.meeting_id, self.meeting)

    def action_close(self) -> None:
        self.save_now()
        # The next screen reads the store: let this last save land (a journal line).
        self.app.saver.flush()
        self.app.pop_screen()
