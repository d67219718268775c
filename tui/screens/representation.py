"""Representation across a year: organisations × meetings as a heat map.

Each cell shows how many from the organisation were present (or remote) at
the meeting, coloured from red (nobody) to deep green; "–" marks a meeting
not held yet. Organisations that never came this year are highlighted and
listed under the table. ``p``/``n`` move to the previous/next year.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Static

from quorum.store.i18n import t
from quorum.store.representation import RepresentationMatrix, representation_matrix
from quorum.tui.screens.base import QuorumScreen

# Cell styles by how many came: none, one, two, three or more.
HEAT = ("bold white on dark_red", "black on pale_green3", "black on green3", "white on dark_green")


def cell_text(count: int | None) -> Text:
    if count is None:
        return Text("–", style="dim", justify="center")
    return Text(f" {count} ", style=HEAT[min(count, len(HEAT) - 1)], justify="center")


class RepresentationScreen(QuorumScreen):
    BINDINGS = [
        Binding("p", "year(-1)", "rui.key_prev_year"),
        Binding("n", "year(1)", "rui.key_next_year"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]

    DEFAULT_CSS = """
    RepresentationScreen #rep-table { height: 1fr; }
    RepresentationScreen .rep-line { height: auto; padding: 0 1; }
    RepresentationScreen #rep-never { color: $warning; }
    RepresentationScreen #rep-legend { color: $text-muted; }
    """

    def __init__(self, network_id: str, year: int) -> None:
        super().__init__()
        self.network_id = network_id
        self.year = year
        self.matrix: RepresentationMatrix | None = None

    def compose(self) -> ComposeResult:
        yield Header()
        yield DataTable(id="rep-table", cursor_type="row", zebra_stripes=False)
        yield Static(id="rep-never", classes="rep-line")
        yield Static(id="rep-legend", classes="rep-line")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "quorum"
        self.show_year()
        self.query_one("#rep-table").focus()

    def show_year(self) -> None:
        store = self.store
        network = store.network(self.network_id)
        matrix = representation_matrix(
            network, self.year, store.meetings(network.id), store.people(), store.organisations()
        )
        self.matrix = matrix
        self.sub_title = t("rui.representation_title", network=network.name, year=self.year)
        table = self.query_one("#rep-table", DataTable)
        table.clear(columns=True)
        table.add_column(t("roster.col.org"), key="org")
        for m in matrix.meetings:
            table.add_column(f"{m.start:%d/%m}", key=m.id)
        table.add_column(t("rui.col_attended"), key="total")
        never = {o.id for o in matrix.never()}
        for row, org in enumerate(matrix.orgs):
            name = Text(org.name, style="bold red" if org.id in never else "")
            total = Text(f"{matrix.attended(row)}/{matrix.held_count}", justify="right")
            table.add_row(name, *(cell_text(c) for c in matrix.cells[row]), total, key=org.id)
        names = ", ".join(o.name for o in matrix.never())
        if not matrix.meetings:
            text = t("rui.representation_no_meetings")
        elif not matrix.held_count:
            text = t("rui.representation_none_held")
        else:
            text = t("representation.never", names=names) if names else t("rui.representation_all")
        self.query_one("#rep-never", Static).update(Text(text))  # names: no markup
        self.query_one("#rep-legend", Static).update(t("rui.representation_legend"))

    def action_year(self, step: int) -> None:
        self.year += step
        self.show_year()
