"""Create or edit a network: its name, organiser, defaults and members.

Nothing is saved while a field is wrong; each mistake is shown on its row.
``ctrl+s`` saves and returns to the overview, ``escape`` returns without saving.
"""

from __future__ import annotations

from datetime import time
from typing import Any

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.widgets import Footer, Header, Input, Select, SelectionList, Static

from quorum.store.errors import ValidationError
from quorum.store.i18n import t
from quorum.store.parse import parse_time
from quorum.store.records import DEFAULT_TZ, Formality, Network, replace
from quorum.store.when import clock
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.form import FieldRow

_TEXT_FIELDS = ("name", "organiser", "publication_email", "default_place", "default_link")


class NetworkScreen(QuorumScreen):
    BINDINGS = [
        Binding("ctrl+s", "save", "network.key_save"),
        Binding("escape", "back", "meeting.key_back"),
    ]
    DEFAULT_CSS = """
    NetworkScreen #network-form { padding: 0 1; }
    NetworkScreen FieldRow .field-label { width: 22; }
    NetworkScreen FieldRow .field-msg { padding-left: 22; }
    NetworkScreen SelectionList { height: 8; width: 1fr; }
    NetworkScreen #network-problem { height: auto; color: $error; padding: 0 1; }
    """

    def __init__(self, network_id: str | None) -> None:
        super().__init__()
        self.network_id = network_id
        self.saved: Network | None = None

    def compose(self) -> ComposeResult:
        n = self.store.network(self.network_id) if self.network_id else None

        def text(name: str, value: str) -> FieldRow:
            return FieldRow(t(f"network.{name}"), Input(value, id=f"f-{name}", compact=True), name)

        yield Header()
        with VerticalScroll(id="network-form"):
            for name in _TEXT_FIELDS:
                yield text(name, getattr(n, name) if n else "")
            weekday: Select[int] = Select(
                [(t(f"weekday.{d}"), d) for d in range(7)],
                value=n.weekday if n else 4,
                allow_blank=False,
                id="f-weekday",
                compact=True,
            )
            yield FieldRow(t("network.weekday"), weekday, "weekday")
            yield text("start_time", clock(n.start_time) if n else clock(time(9, 0)))
            yield FieldRow(
                t("network.length"),
                Input(str(n.length_minutes if n else 180), id="f-length_minutes", compact=True),
                "length_minutes",
            )
            yield text("tz", n.tz if n else DEFAULT_TZ)
            language: Select[str] = Select(
                [(t("lang.sv"), "sv"), (t("lang.en"), "en")],
                value=n.language if n else "sv",
                allow_blank=False,
                id="f-language",
                compact=True,
            )
            yield FieldRow(t("network.language"), language, "language")
            yield FieldRow(
                t("network.min_meetings"),
                Input(str(n.min_meetings if n else 4), id="f-min_meetings", compact=True),
                "min_meetings",
            )
            yield from self._archive_rows(n)
            members = set(n.member_org_ids) if n else set()
            yield FieldRow(
                t("network.members"),
                SelectionList[str](
                    *((o.name, o.id, o.id in members) for o in self.store.organisations()),
                    id="f-member_org_ids",
                ),
                "member_org_ids",
            )
        yield Static(id="network-problem")
        yield Footer()

    def _archive_rows(self, n: Network | None) -> ComposeResult:
        """How the network keeps its minutes: protokoll or not, the year its § numbers
        run through, and what its public version leaves out."""
        formality: Select[Formality] = Select(
            [(t(f"formality.{f.value}"), f) for f in Formality],
            value=n.formality if n else Formality.INFORMAL,
            allow_blank=False,
            id="f-formality",
            compact=True,
        )
        yield FieldRow(t("network.formality"), formality, "formality")
        month: Select[int] = Select(
            [(t(f"network.month.{m}"), m) for m in range(1, 13)],
            value=n.year_start_month if n else 1,
            allow_blank=False,
            id="f-year_start_month",
            compact=True,
        )
        yield FieldRow(t("network.year_start_month"), month, "year_start_month")
        omit: Select[bool] = Select(
            [(t("network.public_keeps_guests"), False), (t("network.public_omits_guests"), True)],
            value=n.public_omits_guests if n else False,
            allow_blank=False,
            id="f-public_omits_guests",
            compact=True,
        )
        yield FieldRow(t("network.public_names"), omit, "public_omits_guests")

    def on_mount(self) -> None:
        n = self.store.network(self.network_id) if self.network_id else None
        self.title = t("network.edit_heading", name=n.name) if n else t("network.new_heading")
        self.query_one("#f-name", Input).focus()

    def _number(self, name: str, example: str) -> int:
        raw = self.query_one(f"#f-{name}", Input).value.strip()
        if not raw.isdigit():
            raise ValidationError("network.number_invalid", field=name, example=example)
        return int(raw)

    def fields(self) -> dict[str, Any]:
        """The network's fields as typed, or a ValidationError naming the field."""
        values: dict[str, Any] = {
            name: self.query_one(f"#f-{name}", Input).value.strip() for name in _TEXT_FIELDS
        }
        values["weekday"] = self.query_one("#f-weekday", Select).value
        values["start_time"] = parse_time(
            self.query_one("#f-start_time", Input).value, field="start_time"
        )
        values["length_minutes"] = self._number("length_minutes", "180")
        values["tz"] = self.query_one("#f-tz", Input).value.strip()
        values["language"] = self.query_one("#f-language", Select).value
        values["min_meetings"] = self._number("min_meetings", "4")
        for name in ("formality", "year_start_month", "public_omits_guests"):
            values[name] = self.query_one(f"#f-{name}", Select).value
        values["member_org_ids"] = tuple(
            self.query_one("#f-member_org_ids", SelectionList).selected
        )
        return values

    def validate(self) -> dict[str, Any] | None:
        for row in self.query(FieldRow):
            row.show("")
        problem = self.query_one("#network-problem", Static)
        problem.update("")
        try:
            values = self.fields()
            # Build the record to run its own rules before anything is saved.
            existing = self.store.network(self.network_id) if self.network_id else None
            replace(existing, **values) if existing else Network(id="new", **values)
        except ValidationError as err:
            rows = [r for r in self.query(FieldRow) if r.field_name == err.field]
            if rows:
                rows[0].show(err.sentence())
                rows[0].query_one(f"#f-{err.field}").focus()
            problem.update(t("network.invalid") if rows else err.sentence())
            return None
        return values

    def action_save(self) -> None:
        values = self.validate()
        if values is None:
            return
        store = self.store
        if self.network_id is None:
            # A new network needs its id now, so the overview can show it.
            self.app.saver.flush()
            self.saved = store.add_network(**values)
            self.network_id = self.saved.id
        else:
            network_id = self.network_id
            self.saved = replace(store.network(network_id), **values)

            def write() -> None:
                # Templates or blackouts may have changed meanwhile: keep them.
                store.save_network(replace(store.network(network_id), **values))

            self.app.save(f"network:{network_id}:form", write)
        self.app.notify(t("network.saved", name=self.saved.name))
        self.dismiss(self.network_id)

    def action_back(self) -> None:
        self.dismiss(None)
