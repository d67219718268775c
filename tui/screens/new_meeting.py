"""The dialog that creates a meeting from its network's defaults.

It proposes the network's next free date and lets the host choose where the
agenda starts: the Swedish or English standard agenda, or a saved template.
Open action items and deferred items are carried in. Dismisses the new
meeting's id, or None.
"""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.widgets import Button, Checkbox, Input, Select, Static

from quorum.store.errors import ValidationError
from quorum.store.handover import draft_meeting
from quorum.store.holidays import holiday_name
from quorum.store.i18n import current_language, t
from quorum.store.new_meeting import next_free_date, template_choices
from quorum.store.parse import parse_date
from quorum.tui.screens.base import QuorumModal
from quorum.tui.widgets.form import FieldRow


class NewMeetingDialog(QuorumModal[str | None]):
    BINDINGS = [
        Binding("ctrl+s", "create", "new.create"),
        Binding("escape", "close", "confirm.cancel"),
    ]
    DEFAULT_CSS = """
    NewMeetingDialog { align: center middle; }
    NewMeetingDialog > Vertical {
        width: 90%; max-width: 76; height: auto;
        border: round $accent; background: $surface; padding: 0 1;
    }
    NewMeetingDialog .heading { text-style: bold; margin-bottom: 1; }
    NewMeetingDialog #accept-holiday {
        display: none; margin-left: 14; border: none; padding: 0; height: 1;
    }
    NewMeetingDialog #accept-holiday.-shown { display: block; }
    NewMeetingDialog .buttons { height: 1; margin-top: 1; align-horizontal: right; }
    NewMeetingDialog .buttons Button { margin-left: 2; }
    """

    def __init__(self, network_id: str) -> None:
        super().__init__()
        self.network_id = network_id

    def compose(self) -> ComposeResult:
        store: Any = self.app.store  # type: ignore[attr-defined]
        network = store.network(self.network_id)
        self.network = network
        self.choices = template_choices(network)
        today = self.app.clock().date()  # type: ignore[attr-defined]
        proposed = next_free_date(network, store.meetings(network.id), today)
        with Vertical():
            yield Static(t("new.heading", network=network.name), classes="heading")
            yield FieldRow(
                t("new.date"), Input(proposed.isoformat(), id="date", compact=True), "date"
            )
            yield Checkbox(t("details.holiday_accept"), id="accept-holiday")
            start_index = 0 if network.language == "sv" else 1
            select: Select[int] = Select(
                [(label, n) for n, (label, _tpl) in enumerate(self.choices)],
                value=start_index,
                allow_blank=False,
                id="template",
                compact=True,
            )
            yield FieldRow(t("new.template"), select, "template")
            with Horizontal(classes="buttons"):
                yield Button(t("new.create"), id="create", variant="primary", compact=True)
                yield Button(t("confirm.cancel"), id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#date", Input).focus()

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#accept-holiday", Checkbox).value = False
        self._check()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_create()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "create":
            self.action_create()
        else:
            self.action_close()

    def _check(self) -> Any:
        """The typed date if it can be used now, else None (its message shown)."""
        row = self.query_one("#row-date", FieldRow)
        accept = self.query_one("#accept-holiday", Checkbox)
        today = self.app.clock().date()  # type: ignore[attr-defined]
        try:
            day = parse_date(self.query_one("#date", Input).value, today)
        except ValidationError as err:
            row.show(err.sentence())
            accept.remove_class("-shown")
            return None
        name = holiday_name(day, current_language())
        if name is None:
            row.show("")
            accept.remove_class("-shown")
            return day
        row.show(t("details.holiday", date=day.isoformat(), name=name), warning=True)
        accept.add_class("-shown")
        return day if accept.value else None

    def action_create(self) -> None:
        day = self._check()
        if day is None:
            return
        app: Any = self.app
        store = app.store
        template = self.choices[int(self.query_one("#template", Select).value)][1]  # type: ignore[arg-type]
        fields = draft_meeting(
            self.network,
            store.meetings(self.network_id),
            day,
            template,
            store.people(self.network_id),
        )
        # The id is needed at once to open the meeting, so this one write waits.
        app.saver.flush()
        try:
            meeting = store.add_meeting(**fields)
        except ValidationError as err:
            self.query_one("#row-date", FieldRow).show(err.sentence())
            return
        self.dismiss(meeting.id)

    def action_close(self) -> None:
        self.dismiss(None)
