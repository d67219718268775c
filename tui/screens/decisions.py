"""The decisions register: every decision of the network with its date,
meeting and agenda item, searchable as you type, exported to files.

| key | action |
|---|---|
| / | type to search (every word, Swedish-aware) |
| o / enter | go to the meeting the decision was taken at |
| e | export the register (Markdown/CSV, as filtered) or the year summary |
| escape | back to the list from the search; then back |
"""

from __future__ import annotations

from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from quorum.exports.decisions import DecisionRow, decision_rows, decisions_csv, decisions_markdown
from quorum.store.i18n import t
from quorum.store.records import Meeting, Network
from quorum.store.search import fold, terms
from quorum.tui.context import current_network
from quorum.tui.dialogs import ChoiceDialog
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.file_export import export_to_file, slug
from quorum.tui.widgets.plan_exports import SUMMARY_EXPORTS, PlanData, offer_exports


def highlighted(text: str, words: list[str], style: str) -> Text:
    """``text`` with every occurrence of the (folded) ``words`` styled."""
    out = Text(text)
    folded = fold(text)
    for w in words:
        at = folded.find(w)
        while at >= 0:
            out.stylize(style, at, at + len(w))
            at = folded.find(w, at + 1)
    return out


class DecisionsScreen(QuorumScreen):
    BINDINGS = [
        Binding("o", "open_meeting", "decisions_ui.key_open"),
        Binding("e", "export", "decisions_ui.key_export"),
        Binding("slash", "focus_search", "decisions_ui.key_filter", key_display="/"),
        Binding("escape", "back", "key.back"),
        Binding("down", "to_list", show=False),
    ]

    DEFAULT_CSS = """
    DecisionsScreen #query { margin: 0 1; }
    DecisionsScreen #count { height: 1; padding: 0 1; color: $text-muted; }
    DecisionsScreen #decisions { height: 1fr; border: round $primary-darken-2; }
    DecisionsScreen #decisions:focus { border: round $accent; }
    DecisionsScreen #detail { height: 3; padding: 0 1; }
    """

    def __init__(self, network_id: str | None = None) -> None:
        super().__init__()
        self._network_id = network_id
        self.network: Network | None = None
        self.meetings: list[Meeting] = []
        self.rows: list[DecisionRow] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("decisions_ui.placeholder"), id="query")
        yield Static(id="count")
        yield DataTable(id="decisions", cursor_type="row")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("decisions_ui.title")
        self.network = current_network(self.app, self._network_id)
        if self.network is not None:
            self.meetings = self.store.meetings(self.network.id)
        self._columns()
        self._show()
        self.query_one("#query", Input).focus()

    def on_resize(self) -> None:
        self._columns()
        self._show()

    def _columns(self) -> None:
        table = self.query_one("#decisions", DataTable)
        table.clear(columns=True)
        item_width = 22 if self.size.width >= 96 else 16
        text_width = max(20, self.size.width - 10 - item_width - 2 * 3 - 6)
        for key, width in (("date", 10), ("item", item_width), ("decision", text_width)):
            table.add_column(t(f"export.col.{key}"), key=key, width=width)

    @property
    def search_text(self) -> str:
        return self.query_one("#query", Input).value

    def _show(self) -> None:
        table = self.query_one("#decisions", DataTable)
        table.clear()
        if self.network is None:
            return
        self.rows = decision_rows(self.network, self.meetings, self.search_text)
        words = terms(self.search_text)
        mark = f"bold reverse {self.app.theme_variables.get('accent', 'yellow')}"
        for r in self.rows:
            table.add_row(
                r.day.isoformat(),
                highlighted(r.item_title, words, mark),
                highlighted(r.text, words, mark),
                key=f"{r.meeting_id}/{r.item_id}/{r.decision_id}",
            )
        self.query_one("#count", Static).update(t("decisions_ui.count", count=len(self.rows)))
        self._detail()
        self.refresh_bindings()

    def selected(self) -> DecisionRow | None:
        table = self.query_one("#decisions", DataTable)
        if not self.rows or table.cursor_row is None:
            return None
        return self.rows[min(table.cursor_row, len(self.rows) - 1)]

    def _detail(self) -> None:
        r = self.selected()
        text = f"{r.day.isoformat()} · {r.meeting_title} · {r.item_title}\n{r.text}" if r else ""
        self.query_one("#detail", Static).update(Text(text))  # typed text: no markup

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#decisions", DataTable).focus()

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    # -- actions ------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in ("open_meeting", "export") and self._typing():
            return False
        if action == "open_meeting":
            return self.selected() is not None or None
        if action == "export":
            return self.network is not None or None
        return True

    def action_focus_search(self) -> None:
        self.query_one("#query", Input).focus()

    def action_to_list(self) -> None:
        # Only reached from the filter: the list handles its own arrow keys.
        self.query_one("#decisions", DataTable).focus()

    def action_back(self) -> None:
        if self._typing():
            self.query_one("#decisions", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_open_meeting(self) -> None:
        r = self.selected()
        if r is not None:
            self.app.open_meeting(r.meeting_id)

    def action_export(self) -> None:
        network = self.network
        if network is None:
            return
        meetings, query = list(self.meetings), self.search_text
        renders: dict[str, Any] = {
            "decisions_md": ("beslut.md", lambda: decisions_markdown(network, meetings, query)),
            "decisions_csv": ("beslut.csv", lambda: decisions_csv(network, meetings, query)),
        }

        def chosen(key: str | None) -> None:
            if key in renders:
                suffix, render = renders[key]
                export_to_file(self, f"{slug(network.name)}-{suffix}", render)
            elif key == "summary":
                offer_exports(self, SUMMARY_EXPORTS, self._summary_data)

        choices = [(k, t(f"export.{k}")) for k in renders]
        choices.append(("summary", t("yearplan.key_summary")))
        self.app.push_screen(ChoiceDialog(t("export.choose"), choices), chosen)

    def _summary_data(self) -> PlanData:
        """The year of the highlighted decision (else this year) for the summary."""
        assert self.network is not None
        r = self.selected()
        year = r.day.year if r else self.app.clock().year
        store = self.store
        return PlanData(
            self.network,
            year,
            self.meetings,
            store.organisations(),
            store.people(),
            self.app.clock(),
        )

    def on_screen_resume(self) -> None:
        if self.network is not None and self.is_mounted:
            self.app.saver.flush()
            self.meetings = self.store.meetings(self.network.id)
            self._show()
