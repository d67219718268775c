"""After the meeting: read the minutes through, fix text, settle the open
questions, mark them drafted, record the approvals of the minutes checkers (justerare).

Approved minutes are locked; ``o`` reopens them with a reason, which is kept
in the minutes' approval record. The approval that completes the justering also
fixes the minutes' text as a new approved version (``exports.archive``): its
§ numbers and SHA-256 never change after, and reopening and approving again
makes the next version.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from typing import Any, TypeVar

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.widgets import Footer, Markdown, OptionList, Static
from textual.widgets.option_list import Option

from quorum.exports.archive import approved_version, minutes_for
from quorum.exports.render import render
from quorum.store import live
from quorum.store.errors import QuorumError, ValidationError
from quorum.store.gather import meeting_records
from quorum.store.i18n import current_language, t
from quorum.store.parse import parse_date
from quorum.store.records import Formality, Meeting, MeetingStatus
from quorum.store.wording import by_formality, formal_text, meeting_status
from quorum.tui.dialogs import ConfirmDialog, FormDialog
from quorum.tui.readonly import read_only
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.screens.live_forms import NotesEditor

T = TypeVar("T")


def questions_text(meeting: Meeting) -> Text:
    found = live.open_questions(meeting)
    if not found:
        return Text(t("live.q.none"), style="green")
    text = Text()
    for q in found:
        text.append(
            "• " + t(q.key, number=q.item_number, title=q.item_title, text=q.text) + "\n",
            style="yellow",
        )
    return text


class ReviewScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"drafted", "approve", "reopen", "published"})
    BINDINGS = [
        Binding("d", "drafted", "live.key.drafted"),
        Binding("a", "approve", "live.key.approve"),
        Binding("o", "reopen", "live.key.reopen"),
        Binding("P", "published", "flows.publish.key", show=False),  # rare: palette, help
        Binding("l", "live", "meeting.key_live", show=False),
        Binding("q,escape", "close", "live.key.close"),
    ]
    DEFAULT_CSS = """
    ReviewScreen #status { height: 1; padding: 0 1; background: $panel; }
    ReviewScreen #left { width: 38; }
    ReviewScreen #items { height: 1fr; border: round $primary-darken-2; }
    ReviewScreen #items:focus { border: round $accent; }
    ReviewScreen #questions-box { height: auto; max-height: 45%; border: round $warning; }
    ReviewScreen #preview { border: round $primary-darken-2; }
    ReviewScreen.narrow #left { width: 30; }
    """

    def __init__(self, meeting_id: str, meeting: Meeting | None = None) -> None:
        super().__init__()
        self.meeting_id = meeting_id
        self.meeting = meeting

    def compose(self) -> ComposeResult:
        yield Static(id="status")
        with Horizontal():
            with Vertical(id="left"):
                yield OptionList(id="items")
                with VerticalScroll(id="questions-box"):
                    yield Static(id="questions")
            with VerticalScroll(id="preview"):
                yield Markdown(id="minutes")
        yield Footer()

    def on_mount(self) -> None:
        if self.meeting is None:
            self.meeting = self.store.meeting(self.meeting_id)
        self.names = {p.id: p.name for p in self.store.people()}
        self.sub_title = self._says("live.review.title")
        self.query_one("#items").border_title = t("live.review.items")
        self.query_one("#questions-box").border_title = t("live.review.questions")
        self.query_one("#preview").border_title = self._says("live.review.title")
        self.set_class(self.app.size.width < 100, "narrow")
        self.refresh_all()
        self.query_one("#items").focus()

    @property
    def today(self) -> date:
        return self.app.clock().date()

    def refresh_all(self) -> None:
        m = self.meeting
        assert m is not None
        self.query_one("#status", Static).update(
            t(
                "live.review.status",
                status=meeting_status(m),
                given=len(live.current_approvals(m)),
                needed=live.approvals_needed(m),
            )
            + self._version_line(m)
        )
        items = self.query_one("#items", OptionList)
        highlighted = items.highlighted
        items.clear_options()
        items.add_options(
            Option(Text(f"{n}. {i.title}"), id=str(n - 1))  # Text: a title is no markup
            for n, i in enumerate(m.agenda, start=1)
        )
        if m.agenda:
            items.highlighted = min(highlighted or 0, len(m.agenda) - 1)
        self.query_one("#questions", Static).update(questions_text(m))
        lang = m.language if m.language in ("sv", "en") else current_language()
        # The minutes exactly as they will be exported (approved: the approved text), so
        # what is read through is what is sent.
        try:
            minutes = render(minutes_for(meeting_records(self.store, m), lang=lang).document, "md")
        except QuorumError as err:
            minutes = err.sentence()
        self.query_one("#minutes", Markdown).update(minutes)
        self.refresh_bindings()

    def _version_line(self, m: Meeting) -> str:
        """The approved version in force, and its hash, for the status line."""
        versions = self.store.versions(m.id)
        if not (live.is_locked(m) and versions):
            return ""
        v = versions[-1]
        return " · " + t("archive.review_version", version=v.version, sha=v.short_hash)

    def apply(self, change: Callable[[Meeting], Meeting], said: str = "") -> None:
        assert self.meeting is not None
        try:
            self.meeting = change(self.meeting)
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return
        self.app.save_meeting(self.meeting)
        self.refresh_all()
        if said:
            self.notify(said)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        m = self.meeting
        if m is None:
            return True
        if action == "drafted":
            return m.status.value == "held" or None
        if action == "approve":
            return m.status.value == "drafted" or None
        if action == "reopen":
            return live.is_locked(m) or None
        if action == "published":  # sent by the user's own mail client
            return m.status.value == "approved" or None
        return True

    # -- fixing text --------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        m = self.meeting
        assert m is not None
        if read_only(self):
            self.notify(t("flows.readonly.refused"), severity="warning")
            return
        if live.is_locked(m):
            self.notify(self._says("live.error.locked"), severity="error")
            return
        index = event.option_index
        item = m.agenda[index]

        def done(text: str | None) -> None:
            if text is not None:
                self.apply(lambda m: live.set_notes(m, index, text))

        self.app.push_screen(
            NotesEditor(
                t("live.dialog.edit_notes", number=index + 1, title=item.title), item.notes
            ),
            done,
        )

    # -- status ---------------------------------------------------------------------

    def action_drafted(self) -> None:
        self.apply(live.mark_drafted, self._says("live.review.drafted"))

    def _next_adjuster(self) -> str:
        m = self.meeting
        assert m is not None
        given = {a.name for a in live.current_approvals(m)}
        for pid in m.adjuster_ids:
            name = self.names.get(pid, "")
            if name and name not in given:
                return name
        return ""

    def action_approve(self) -> None:
        def validate(values: dict[str, Any]) -> tuple[str, date]:
            if not values["name"].strip():
                raise ValidationError("error.name_empty", field="name")
            return values["name"].strip(), parse_date(values["on"], today=self.today, field="on")

        def done(result: tuple[str, date] | None) -> None:
            if result is not None:
                self._approve(*result)

        fields = [
            ("name", t("live.dialog.approver"), self._next_adjuster()),
            ("on", t("live.dialog.approve_on"), self.today.isoformat()),
        ]
        self.app.push_screen(self._form(t("live.dialog.approve"), validate, fields), done)

    def action_published(self) -> None:
        """Mark approved minutes published, when the user sent them to the publication
        address themselves (sending from quorum marks them by itself)."""
        m = self.meeting
        assert m is not None
        address = self.store.network(m.network_id).publication_email or "–"

        def answered(yes: bool | None) -> None:
            if yes:
                self.apply(live.publish, t("flows.publish.done", date=m.day.isoformat()))

        question = t("flows.publish.question", date=m.day.isoformat(), address=address)
        self.app.push_screen(ConfirmDialog(question, t("flows.publish.key")), answered)

    def _approve(self, name: str, on: date) -> None:
        m = self.meeting
        assert m is not None
        try:
            approved = live.approve(m, name, on)
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return
        if approved.status is not MeetingStatus.APPROVED:
            self.apply(lambda _m: approved, t("live.review.approved", name=name))
            return
        # The last approval: the text is fixed now, as the adjusters read it. The saves
        # still waiting land first, so the version is made from what was saved.
        self.app.saver.flush()
        store = self.store
        try:
            fixed, version = approved_version(meeting_records(store, approved), approved)
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return
        self.meeting = fixed
        self.app.save(f"meeting:{fixed.id}:approval", lambda: store.save_approval(fixed, version))
        self.app.saver.flush()
        self.refresh_all()
        sha = str(version["sha256"])[:12]
        key = (
            "archive.approved_frozen"
            if fixed.formality is Formality.FORMAL
            else ("archive.approved_frozen_informal")
        )
        self.notify(t(key, name=name, version=version["version"], sha=sha))

    def action_reopen(self) -> None:
        m = self.meeting
        assert m is not None

        def validate(values: dict[str, Any]) -> tuple[str, str]:
            if not values["name"].strip():
                raise ValidationError("error.name_empty", field="name")
            if not values["reason"].strip():
                key = by_formality("live.error.reason_missing", m.formality)
                raise ValidationError(key, field="reason")
            return values["name"].strip(), values["reason"]

        def done(result: tuple[str, str] | None) -> None:
            if result is not None:
                name, reason = result
                self.apply(
                    lambda m: live.reopen(m, name, self.today, reason),
                    self._says("live.review.reopened"),
                )

        secretary = self.names.get(m.secretary_id or "", "")
        fields = [
            ("name", t("live.dialog.reopen_by"), secretary),
            ("reason", t("live.dialog.reason"), ""),
        ]
        self.app.push_screen(self._form(self._says("live.dialog.reopen"), validate, fields), done)

    def _says(self, key: str) -> str:
        """A sentence that names the minutes as the network keeps them (protokoll or not)."""
        assert self.meeting is not None
        return formal_text(key, self.meeting.formality)

    def _form(
        self, title: str, save: Callable[[dict[str, Any]], T], fields: list[tuple[str, str, str]]
    ) -> FormDialog[T]:
        # As in the live minutes: Enter moves to the next field and saves on the last.
        hint = t("live.dialog.hint")
        return FormDialog(title, save, fields, hint=hint, advance=True, stacked=True)

    def action_live(self) -> None:
        self.app.saver.flush()
        self.app.open_live(self.meeting_id, instead=True)

    def action_close(self) -> None:
        self.app.saver.flush()
        self.app.pop_screen()
