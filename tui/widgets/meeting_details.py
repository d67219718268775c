"""The meeting's details form: title, date and times, place, roles, formality.

Validated as typed: each mistake shows its sentence on its own row and
nothing is posted while any field is wrong. A date on a Swedish public
holiday is a warning; the user accepts it with the checkbox under the date.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.message import Message
from textual.widgets import Checkbox, Input, Select, SelectionList

from quorum.store.errors import ValidationError
from quorum.store.holidays import holiday_name
from quorum.store.i18n import current_language, t
from quorum.store.parse import meeting_times
from quorum.store.records import Formality, Meeting, Organisation, Person, replace
from quorum.store.when import clock
from quorum.tui.readonly import read_only
from quorum.tui.widgets.form import FieldRow


class MeetingDetails(VerticalScroll):
    DEFAULT_CSS = """
    MeetingDetails { height: 1fr; padding: 0 1; }
    MeetingDetails FieldRow { margin-bottom: 0; }
    MeetingDetails SelectionList { height: 6; width: 1fr; }
    MeetingDetails #accept-holiday { display: none; margin-left: 14; }
    MeetingDetails #accept-holiday.-shown { display: block; }
    MeetingDetails Checkbox { border: none; padding: 0; height: 1; }
    """

    @dataclass
    class Changed(Message):
        """Valid new values for the meeting's fields (only those that changed)."""

        details: MeetingDetails
        fields: dict[str, Any]

    def __init__(
        self,
        meeting: Meeting,
        people: list[Person],
        organisations: list[Organisation],
        today: date,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.meeting = meeting
        self.people = people
        self.organisations = organisations
        self.today = today
        self._ready = False

    def compose(self) -> ComposeResult:
        m = self.meeting
        none = t("details.none")
        # Names as Text: "[/]" in a name is text, not markup (nor a crash).
        people = [(Text(p.name), p.id) for p in self.people]

        def text(name: str, value: str) -> FieldRow:
            return FieldRow(t(f"details.{name}"), Input(value, id=f"f-{name}", compact=True), name)

        def choice(label: str, name: str, options: list[tuple[Text, Any]], value: Any) -> FieldRow:
            select: Select[Any] = Select(
                options,
                value=value if value is not None else Select.NULL,
                prompt=none,
                id=f"f-{name}",
                compact=True,
            )
            return FieldRow(t(f"details.{label}"), select, name)

        yield text("title", m.title)
        yield text("date", m.day.isoformat())
        yield Checkbox(t("details.holiday_accept"), id="accept-holiday")
        yield text("start", clock(m.start))
        yield text("end", clock(m.end))
        yield text("place", m.place)
        yield text("link", m.online_link)
        yield choice(
            "host", "host_org_id", [(Text(o.name), o.id) for o in self.organisations], m.host_org_id
        )
        yield choice("chair", "chair_id", people, m.chair_id)
        yield choice("secretary", "secretary_id", people, m.secretary_id)
        yield FieldRow(
            t("details.adjusters"),
            SelectionList[str](
                *((Text(p.name), p.id, p.id in m.adjuster_ids) for p in self.people),
                id="f-adjuster_ids",
            ),
            "adjuster_ids",
        )
        select: Select[Formality] = Select(
            [(t(f"formality.{f.value}"), f) for f in Formality],
            value=m.formality,
            allow_blank=False,
            id="f-formality",
            compact=True,
        )
        yield FieldRow(t("details.formality"), select, "formality")

    def on_mount(self) -> None:
        # Read-only database: the fields are shown but take no typing (Textual's own
        # ``disabled``, set on purpose: it reaches every field inside).
        self.disabled = read_only(self)
        # Widgets announce their initial values; only the user's edits count.
        self.call_after_refresh(self._arm)

    def _arm(self) -> None:
        self._ready = True
        self._holiday_warning(self.meeting.day)

    # -- reading the form ----------------------------------------------------------

    def _value(self, name: str) -> Any:
        widget = self.query_one(f"#f-{name}")
        if isinstance(widget, Input):
            return widget.value
        if isinstance(widget, SelectionList):
            return tuple(widget.selected)
        if isinstance(widget, Select):
            return None if widget.value is Select.NULL else widget.value
        raise TypeError(f"not a field of the details form: {widget!r}")

    def candidate(self) -> Meeting:
        """The meeting as the form says, or a ValidationError naming the field."""
        start, end = meeting_times(
            self._value("date"),
            self._value("start"),
            self._value("end"),
            self.meeting.tz,
            self.today,
        )
        return replace(
            self.meeting,
            title=self._value("title"),
            start=start,
            end=end,
            place=self._value("place").strip(),
            online_link=self._value("link").strip(),
            host_org_id=self._value("host_org_id"),
            chair_id=self._value("chair_id"),
            secretary_id=self._value("secretary_id"),
            adjuster_ids=self._value("adjuster_ids"),
            formality=Formality(self._value("formality")),
        )

    _ROW_OF_FIELD = {"online_link": "link"}

    def _errors(self) -> list[ValidationError]:
        """Every mistake at once, so each row shows its own."""
        errors: list[ValidationError] = []
        if not self._value("title").strip():
            errors.append(ValidationError("error.title_empty", field="title"))
        try:
            meeting_times(
                self._value("date"),
                self._value("start"),
                self._value("end"),
                self.meeting.tz,
                self.today,
            )
        except ValidationError as err:
            errors.append(err)
        return errors

    def validate(self) -> Meeting | None:
        """Show each row's message; the valid meeting, or None (nothing to save)."""
        for row in self.query(FieldRow):
            row.show("")
        errors = self._errors()
        if not errors:
            try:
                meeting = self.candidate()
            except ValidationError as err:
                errors.append(err)
        if errors:
            for problem in errors:
                name = self._ROW_OF_FIELD.get(problem.field or "", problem.field or "title")
                rows = [r for r in self.query(FieldRow) if r.field_name == name]
                row = rows[0] if rows else self.query_one("#row-title", FieldRow)
                row.show(problem.sentence())
            self.query_one("#accept-holiday", Checkbox).remove_class("-shown")
            return None
        if (
            self._holiday_warning(meeting.day)
            and not self.query_one("#accept-holiday", Checkbox).value
        ):
            return None
        return meeting

    def _holiday_warning(self, day: date) -> bool:
        """Show the holiday warning for ``day``; True when it is a holiday."""
        name = holiday_name(day, current_language())
        row = self.query_one("#row-date", FieldRow)
        accept = self.query_one("#accept-holiday", Checkbox)
        if name is None:
            accept.remove_class("-shown")
            accept.value = False
            return False
        row.show(t("details.holiday", date=day.isoformat(), name=name), warning=True)
        accept.add_class("-shown")
        return True

    def _edited(self, commit_times: bool = False) -> None:
        """Validate everything; post the valid changes.

        A date or time half typed ("2026-12-2" on the way to "2026-12-24") is
        often a valid but wrong value, so those fields are only taken when
        the user leaves the field, presses enter or accepts a holiday.
        """
        if not self._ready:
            return
        meeting = self.validate()
        if meeting is None:
            return
        names = [
            "title",
            "place",
            "online_link",
            "host_org_id",
            "chair_id",
            "secretary_id",
            "adjuster_ids",
            "formality",
        ]
        if commit_times:
            names += ["start", "end"]
        else:
            meeting = replace(meeting, start=self.meeting.start, end=self.meeting.end)
        changed = {
            n: getattr(meeting, n) for n in names if getattr(meeting, n) != getattr(self.meeting, n)
        }
        self.meeting = meeting
        if changed:
            self.post_message(self.Changed(self, changed))

    def commit(self) -> None:
        """Take whatever valid values the form holds (leaving the screen)."""
        self._edited(commit_times=True)

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()
        self._edited()

    def on_input_blurred(self, event: Input.Blurred) -> None:
        event.stop()
        self._edited(commit_times=True)

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._edited(commit_times=True)

    def on_select_changed(self, event: Select.Changed) -> None:
        event.stop()
        self._edited()

    def on_selection_list_selected_changed(self, event: SelectionList.SelectedChanged) -> None:
        event.stop()
        self._edited()

    def on_checkbox_changed(self, event: Checkbox.Changed) -> None:
        event.stop()
        self._edited(commit_times=True)
