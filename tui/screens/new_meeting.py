"""The dialog that creates a meeting from its network's defaults.

It proposes the network's next free date and lets the host choose where the
agenda starts: a standard agenda (minnesanteckningar or protokoll, Swedish or English)
or a saved template.
Open action items and deferred items are carried in. Dismisses the new
meeting's id, or None. A date on a public holiday is a warning: a tick keeps it.
"""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING, Any

from rich.text import Text
from textual.widgets import Checkbox, Input, Select

from quorum.store.errors import ValidationError
from quorum.store.handover import draft_meeting
from quorum.store.holidays import holiday_name
from quorum.store.i18n import current_language, t
from quorum.store.new_meeting import next_free_date, template_choices
from quorum.store.parse import parse_date
from quorum.store.plan_dates import date_warnings
from quorum.store.records import Formality
from quorum.tui.dialogs import FormDialog, Row

if TYPE_CHECKING:
    from quorum.store.store import Store


class HolidayDate(ValidationError):
    """Not an error: the host may keep the date by ticking the box under it."""

    level = "warning"


class NewMeetingDialog(FormDialog[str]):
    """Date and the agenda to start from.

    | Key | Action |
    |---|---|
    | ctrl+s | Create the meeting |
    """

    def __init__(self, store: Store, network_id: str, today: date) -> None:
        self.store = store
        self.network = store.network(network_id)
        self.today = today
        self.choices = template_choices(self.network)
        heading = t("new.heading", network=self.network.name)
        super().__init__(heading, self._create, save_label=t("new.create"))

    def rows(self) -> list[Row]:
        proposed = next_free_date(self.network, self.store.meetings(self.network.id), self.today)
        # The standard agenda in the network's language; the protokoll's for a network
        # that keeps protokoll (template_choices lists them in that order).
        start_index = (0 if self.network.language == "sv" else 1) + (
            2 if self.network.formality is Formality.FORMAL else 0
        )
        template: Select[int] = Select(
            [(Text(label), n) for n, (label, _tpl) in enumerate(self.choices)],
            value=start_index,
            allow_blank=False,
            id="template",
            compact=True,
        )
        return [
            ("date", t("new.date"), Input(proposed.isoformat(), id="date", compact=True)),
            ("accept_holiday", "", Checkbox(t("details.holiday_accept"), id="accept-holiday")),
            ("template", t("new.template"), template),
        ]

    def on_mount(self) -> None:
        self._show_accept(False)

    def _show_accept(self, shown: bool) -> None:
        self.field_rows()["accept_holiday"].display = shown

    def on_input_changed(self, event: Input.Changed) -> None:
        # Say at once what is wrong with the typed date; a new date needs a new tick.
        self.query_one("#accept-holiday", Checkbox).value = False
        row = self.field_rows()["date"]
        try:
            day, holiday = self._read(event.value)
        except ValidationError as err:
            row.show(err.sentence())
            return
        if holiday is None:
            # A school break or an afton half day is allowed, but said: no tick needed.
            said = [
                w.text() for w in date_warnings(day, self.network) if w.key != "plan.warn.weekday"
            ]
            row.show(" ".join(said), warning=True)
            return
        row.show(holiday.sentence(), warning=True)

    def _read(self, text: str) -> tuple[date, HolidayDate | None]:
        """The typed day and, on a public holiday, the warning (the tick shown with it)."""
        self._show_accept(False)
        day = parse_date(text, self.today)
        name = holiday_name(day, current_language())
        if name is None:
            return day, None
        self._show_accept(True)
        return day, HolidayDate("details.holiday", field="date", date=day.isoformat(), name=name)

    def _day(self, text: str, accepted: bool) -> date:
        day, holiday = self._read(text)
        if holiday is not None and not accepted:
            raise holiday
        return day

    def _create(self, values: dict[str, Any]) -> str:
        day = self._day(values["date"], accepted=bool(values["accept_holiday"]))
        template = self.choices[int(values["template"])][1]
        store, network_id = self.store, self.network.id
        fields = draft_meeting(
            self.network, store.meetings(network_id), day, template, store.people(network_id)
        )
        # The id is needed at once to open the meeting, so this one write waits.
        self.app.saver.flush()
        return store.add_meeting(**fields).id
