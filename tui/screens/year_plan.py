"""The year plan of a network: proposed dates, hosts and secretaries, then
the meetings created in one step.

The plan lives in memory (``store.plan_dates`` and ``store.rotation`` values) until the user creates
the meetings; the year's existing meetings are shown among the proposals,
dimmed, so the whole year is in view.

| key | action |
|---|---|
| m | move the highlighted proposed date (warnings may be accepted) |
| a | add a date |
| x / delete | drop the highlighted proposed date |
| h / s | choose the host / the secretary organisation |
| c | create the meetings (asks first) |
| e | export the date list, the year plan (.ics), the year summary |
| [ / ] | previous / next year |
"""

from __future__ import annotations

from datetime import date

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.new_meeting import create_meetings, preview_meetings
from quorum.store.parse import parse_date
from quorum.store.plan_dates import (
    ProposedDate,
    add_date,
    drop_date,
    move_date,
    propose_dates,
    week_label,
)
from quorum.store.records import Meeting, MeetingStatus, Network, replace
from quorum.store.rotation import (
    Assignment,
    assign_hosts,
    set_host,
    set_secretary,
    uneven_hosting,
)
from quorum.store.wording import short_status
from quorum.tui.context import current_network
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.plan_exports import YEAR_EXPORTS, PlanData, offer_exports

_EDITS = {"move", "drop", "host", "secretary"}


def default_year(today: date) -> int:
    """Next year once the autumn is well on (after October), else this year."""
    return today.year + 1 if today.month > 10 else today.year


class YearPlanScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"create"})
    BINDINGS = [
        Binding("m", "move", "yearplan.key_move"),
        Binding("a", "add", "yearplan.key_add"),
        Binding("x,delete", "drop", "yearplan.key_drop", key_display="x", show=False),
        Binding("h", "host", "yearplan.key_host"),
        Binding("s", "secretary", "yearplan.key_secretary", show=False),
        Binding("c", "create", "yearplan.key_create"),
        Binding("e", "export", "yearplan.key_export"),
        Binding("o", "to_organiser", "flows.members.key", show=False),
        Binding("left_square_bracket", "year(-1)", "yearplan.key_prev_year", show=False),
        Binding("right_square_bracket", "year(1)", "yearplan.key_next_year", show=False),
        Binding("escape", "app.pop_screen", "key.back", show=False),
    ]

    DEFAULT_CSS = """
    YearPlanScreen #heading { height: 1; padding: 0 1; }
    YearPlanScreen #plan { height: 1fr; border: round $primary-darken-2; }
    YearPlanScreen #plan:focus { border: round $accent; }
    YearPlanScreen #detail { height: 3; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, network_id: str | None = None, year: int | None = None) -> None:
        super().__init__()
        self._network_id = network_id
        self.network: Network | None = None
        self.year = year or 0
        self.meetings: list[Meeting] = []  # the network's, every year
        self.proposals: list[ProposedDate] = []
        self.assignments: list[Assignment] = []
        self.host_overrides: dict[date, str] = {}
        self.secretary_overrides: dict[date, str | None] = {}
        # The user's edits of the other years seen, so going back to a year finds them.
        self._kept: dict[int, tuple[list[ProposedDate], dict[date, str], dict[date, str | None]]]
        self._kept = {}
        self._rows: list[Meeting | Assignment] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Static(id="heading")
        yield DataTable(id="plan", cursor_type="row", zebra_stripes=True)
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("yearplan.title")
        table = self.query_one("#plan", DataTable)
        for key in ("week", "date", "host", "secretary", "note"):
            table.add_column(t(f"yearplan.col.{key}"), key=key)
        self.network = current_network(self.app, self._network_id)
        self.year = self.year or default_year(self._today())
        self.load()
        table.focus()

    # -- data -----------------------------------------------------------------

    def _today(self) -> date:
        return self.app.clock().date()

    def load(self) -> None:
        """Read the network's meetings and propose the year's missing dates."""
        if self.network is None:
            self.query_one("#heading", Static).update(t("yearplan.no_network"))
            return
        self.network = self.store.network(self.network.id)
        self.meetings = self.store.meetings(self.network.id)
        kept = self._kept.pop(self.year, None)
        if kept is not None:
            self.proposals, self.host_overrides, self.secretary_overrides = kept
        else:
            self.proposals = propose_dates(self.network, self.year, self.meetings, self._today())
            self.host_overrides, self.secretary_overrides = {}, {}
        self._assign(focus_day=self.proposals[0].day if self.proposals else None)

    def _assign(self, focus_day: date | None = None) -> None:
        """Hosts in rotation order, then the user's own choices on top."""
        assert self.network is not None
        orgs = self.store.organisations()
        plan = assign_hosts(self.proposals, self.network, orgs, self.meetings)
        for i, a in enumerate(plan):
            if a.day in self.host_overrides:
                plan = set_host(plan, i, self.host_overrides[a.day], orgs)
        for i, a in enumerate(plan):
            if a.day in self.secretary_overrides:
                plan = set_secretary(plan, i, self.secretary_overrides[a.day])
        self.assignments = plan
        self._show_plan(focus_day)

    def _year_meetings(self) -> list[Meeting]:
        return [m for m in self.meetings if m.day.year == self.year]

    def _show_plan(self, focus_day: date | None) -> None:
        assert self.network is not None
        self.query_one("#heading", Static).update(
            Text.assemble(
                (t("yearplan.heading", network=self.network.name, year=self.year), "bold"),
                ("  " + t("yearplan.year_hint"), "dim"),
            )
        )
        names = {o.id: o.name for o in self.store.organisations()}
        people = {p.id: p for p in self.store.people()}
        rows: list[Meeting | Assignment] = [*self._year_meetings(), *self.assignments]
        rows.sort(key=lambda r: r.day)
        self._rows = rows
        table = self.query_one("#plan", DataTable)
        old_cursor = table.cursor_row
        table.clear()
        for r in rows:
            table.add_row(*self._cells(r, names, people))
        target = next((i for i, r in enumerate(rows) if r.day == focus_day), None)
        if rows:
            table.move_cursor(row=target if target is not None else min(old_cursor, len(rows) - 1))
        self._show_detail()
        self.refresh_bindings()

    def _cells(self, r: Meeting | Assignment, names: dict[str, str], people: dict) -> list[Text]:
        day = r.day
        when = f"{day.isoformat()} {t(f'weekday.{day.weekday()}')[:3]}"
        if isinstance(r, Meeting):
            secretary = people.get(r.secretary_id or "")
            style = "dim strike" if r.status == MeetingStatus.CANCELLED else "dim"
            cells = [
                week_label(day),
                when,
                names.get(r.host_org_id or "", ""),
                secretary.name if secretary else "",
                t("yearplan.existing", status=short_status(r.status)),
            ]
            return [Text(c, style=style) for c in cells]
        p = r.proposal
        if p.warnings:
            note = "⚠ " + " ".join(w.text() for w in p.warnings)
        elif p.reason:
            note = p.reason_text()
        elif p.manual:
            note = t("yearplan.added_by_hand" if p.natural is None else "yearplan.moved_by_hand")
        else:
            note = r.explanation_text()
        # Accepted warnings stay visible in the theme's warning colour.
        warn = self.app.theme_variables.get("warning", "yellow") if p.warnings else ""
        return [
            Text(week_label(day), style="bold"),
            Text(when, style="bold"),
            Text(names.get(r.host_org_id or "", "")),
            Text(names.get(r.secretary_org_id or "", "")),
            Text(note, style=warn),
        ]

    def selected(self) -> Meeting | Assignment | None:
        table = self.query_one("#plan", DataTable)
        if not self._rows or table.cursor_row is None:
            return None
        return self._rows[min(table.cursor_row, len(self._rows) - 1)]

    def _selected_index(self) -> int | None:
        """The highlighted row's index in ``self.assignments`` (None for a meeting)."""
        row = self.selected()
        if isinstance(row, Assignment):
            return self.assignments.index(row)
        return None

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._show_detail()
        self.refresh_bindings()

    def _show_detail(self) -> None:
        row = self.selected()
        lines: list[str] = []
        if self.network is not None:
            uneven = uneven_hosting(
                self.assignments, self.network, self.store.organisations(), self._year_meetings()
            )
            if uneven is not None:
                lines.append("⚠ " + uneven.text())
        if isinstance(row, Meeting):
            lines.append(f"{row.title} · {t('yearplan.only_proposed')}")
        elif isinstance(row, Assignment):
            if row.explanation:
                lines.append(t("yearplan.detail_rotation", text=row.explanation_text()))
            if row.proposal.reason:
                lines.append(t("yearplan.detail_reason", text=row.proposal.reason_text()))
            if row.proposal.warnings:
                text = " ".join(w.text() for w in row.proposal.warnings)
                lines.append(t("yearplan.detail_warnings", text=text))
        if not lines and self.network is not None:
            lines.append(self._counts())
        self.query_one("#detail", Static).update(Text("\n".join(lines)))  # names: no markup

    def _counts(self) -> str:
        assert self.network is not None
        live = [m for m in self._year_meetings() if m.status != MeetingStatus.CANCELLED]
        return t(
            "yearplan.counts",
            proposed=len(self.assignments),
            existing=len(live),
            minimum=self.network.min_meetings,
        )

    # -- actions ------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if self.network is None and action in _EDITS | {"add", "create", "export", "year"} | {
            "to_organiser"
        }:
            return False
        if action in _EDITS:
            return self._selected_index() is not None or None
        if action == "create":
            return bool(self.assignments) or None
        return True

    def action_year(self, step: int) -> None:
        self._kept[self.year] = (
            [a.proposal for a in self.assignments],
            dict(self.host_overrides),
            dict(self.secretary_overrides),
        )
        self.year += step
        self.load()

    def _parse(self, text: str) -> date:
        # A day and month without a year ("17/9") mean the plan's year.
        return parse_date(text, today=date(self.year, 1, 1), field="day")

    def action_move(self) -> None:
        index = self._selected_index()
        if index is None or self.network is None:
            return
        network, year, old = self.network, self.year, self.assignments[index].day
        proposals = [a.proposal for a in self.assignments]

        def submit(text: str, confirm: bool) -> tuple[date, list[ProposedDate]]:
            day = self._parse(text)
            return day, move_date(proposals, index, day, network, year, confirm)

        def done(result: tuple[date, list[ProposedDate]] | None) -> None:
            if result is None:
                return
            day, self.proposals = result
            if old in self.host_overrides:
                self.host_overrides[day] = self.host_overrides.pop(old)
            if old in self.secretary_overrides:
                self.secretary_overrides[day] = self.secretary_overrides.pop(old)
            self._assign(focus_day=day)

        question = t("yearplan.move_prompt", day=old.isoformat())
        self.app.push_screen(PromptDialog(question, old.isoformat(), submit), done)

    def action_add(self) -> None:
        if self.network is None:
            return
        network, year = self.network, self.year
        proposals = [a.proposal for a in self.assignments]

        def submit(text: str, confirm: bool) -> tuple[date, list[ProposedDate]]:
            day = self._parse(text)
            return day, add_date(proposals, day, network, year, confirm)

        def done(result: tuple[date, list[ProposedDate]] | None) -> None:
            if result is not None:
                day, self.proposals = result
                self._assign(focus_day=day)

        self.app.push_screen(PromptDialog(t("yearplan.add_prompt"), "", submit), done)

    def action_drop(self) -> None:
        index = self._selected_index()
        if index is None:
            return
        day = self.assignments[index].day
        self.proposals = drop_date([a.proposal for a in self.assignments], index)
        self.host_overrides.pop(day, None)
        self.secretary_overrides.pop(day, None)
        self._assign()
        self.notify(t("yearplan.dropped", day=day.isoformat()))

    def _org_choices(self) -> list[tuple[str, str]]:
        assert self.network is not None
        names = {o.id: o.name for o in self.store.organisations()}
        return [(o, names.get(o, o)) for o in dict.fromkeys(self.network.member_org_ids)]

    def action_host(self) -> None:
        index = self._selected_index()
        if index is None:
            return
        a = self.assignments[index]

        def done(org_id: str | None) -> None:
            if org_id is not None:
                self.host_overrides[a.day] = org_id
                self._assign(focus_day=a.day)

        question = t("yearplan.host_prompt", day=a.day.isoformat())
        self.app.push_screen(ChoiceDialog(question, self._org_choices(), a.host_org_id), done)

    def action_secretary(self) -> None:
        index = self._selected_index()
        if index is None:
            return
        a = self.assignments[index]

        def done(org_id: str | None) -> None:
            # Escape and "(none)" both give None; only a real pick changes the plan.
            if org_id is not None:
                self.secretary_overrides[a.day] = org_id
                self._assign(focus_day=a.day)

        question = t("yearplan.secretary_prompt", day=a.day.isoformat())
        choices = self._org_choices()
        self.app.push_screen(ChoiceDialog(question, choices, a.secretary_org_id), done)

    def action_create(self) -> None:
        if self.network is None or not self.assignments:
            self.notify(t("yearplan.nothing_to_create"), severity="warning")
            return
        days = ", ".join(a.day.isoformat() for a in self.assignments)
        question = t(
            "yearplan.create_confirm",
            count=len(self.assignments),
            network=self.network.name,
            year=self.year,
            days=days,
        )
        self.app.push_screen(ConfirmDialog(question), self._create)

    def _create(self, yes: bool | None) -> None:
        if not yes or self.network is None:
            return
        store = self.store
        fields = create_meetings(
            self.assignments, self.network, store.organisations(), store.people(self.network.id)
        )
        self.app.saver.flush()  # earlier saves land first
        try:
            with store.batch():
                created = [store.add_meeting(**f) for f in fields]
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return
        self.notify(t("yearplan.created", count=len(created)))
        self.load()

    def _plan_data(self) -> PlanData:
        assert self.network is not None
        store = self.store
        orgs, people = store.organisations(), store.people()
        previews = preview_meetings(self.assignments, self.network, orgs, people)
        return PlanData(
            self.network, self.year, [*self.meetings, *previews], orgs, people, self.app.clock()
        )

    def action_export(self) -> None:
        if self.network is not None:
            offer_exports(self, YEAR_EXPORTS, self._plan_data)

    def action_to_organiser(self) -> None:
        """The roster and this year's dates to the organising body: a draft, or sent."""
        from quorum.exports.members_mail import organiser_address

        if self.network is None:
            return
        network = self.network

        def check(text: str, accepted: bool) -> str:
            return organiser_address(network, text)

        question = t("flows.members.prompt", year=self.year)
        dialog = PromptDialog(
            question, network.organiser_email, check, title=t("flows.members.title")
        )
        self.app.push_screen(dialog, self._members_to)

    def _members_to(self, to: str | None) -> None:
        from quorum.exports.members_mail import MembersMail, filename, members_mail, network_sender
        from quorum.tui.screens.send import SendScreen
        from quorum.tui.widgets.file_export import export_to_file

        if to is None or self.network is None:
            return
        store, network = self.store, self.store.network(self.network.id)
        if not network.organiser_email and not store.readonly:  # remembered for next year
            network = replace(network, organiser_email=to)
            self.app.save(f"network:{network.id}", lambda: store.save_network(network))
        records = MembersMail(
            network,
            tuple(store.people()),
            tuple(store.organisations()),
            tuple(store.meetings(network.id)),
            self.year,
        )
        try:
            data = members_mail(
                records, network_sender(network, records.people), to, self.app.clock()
            )
        except QuorumError as err:
            self.notify(err.sentence(), severity="error")
            return

        def chosen(how: str | None) -> None:
            if how == "send":
                self.app.push_screen(SendScreen("", "members", ready=(network.id, data)))
            elif how == "draft":
                export_to_file(self, filename(records), lambda: data)

        choices = [("draft", t("flows.members.draft"))]
        if network.smtp is not None:
            choices.append(("send", t("flows.members.send", to=to)))
        self.app.push_screen(ChoiceDialog(t("flows.members.how"), choices), chosen)

    def on_screen_resume(self) -> None:
        # A meeting edited elsewhere may have moved; the plan keeps the user's edits.
        if self.network is not None:
            self.meetings = self.store.meetings(self.network.id)
            self._assign()
