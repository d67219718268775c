"""Full-text search over every meeting's agenda, notes, decisions and action
items, as you type.

The index is kept beside the archive and up to date with every save
(``Store.search``); the screen loads it in a thread worker when it opens (built
from the archive only the first time, on a large one a moment: the screen paints
at once and says so). Each keystroke runs a bounded search (``LIMIT`` hits) in a
thread worker too, so typing never waits; a result that arrives after the query
changed again is dropped.

| key | action |
|---|---|
| (type) | search: every word must occur (å ä ö count, case does not) |
| down / tab | to the results |
| enter | open the meeting of the highlighted result |
| / | back to the search box |
| escape | back |
"""

from __future__ import annotations

from dataclasses import dataclass

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.message import Message
from textual.widgets import Footer, Header, Input, OptionList, Static
from textual.widgets.option_list import Option

from quorum.store.i18n import t
from quorum.store.search import SearchHit
from quorum.tui.screens.base import QuorumScreen

LIMIT = 200


@dataclass
class IndexReady(Message):
    count: int  # meetings indexed


@dataclass
class HitsFound(Message):
    query: str
    hits: list[SearchHit]


def hit_text(hit: SearchHit, mark: str) -> Text:
    """Two lines: where (date, meeting, item, field) and the snippet, the match marked."""
    where = " · ".join(
        part for part in (hit.day.isoformat(), hit.meeting_title, hit.item_title) if part
    )
    snippet = Text(hit.snippet)
    for start, end in hit.spans:
        snippet.stylize(mark, start, end)
    return Text.assemble((where, "bold"), ("  " + hit.field_label(), "dim"), "\n  ", snippet)


class SearchScreen(QuorumScreen):
    BINDINGS = [
        Binding("enter", "open_hit", "search_ui.key_open"),
        Binding("down", "to_results", "search_ui.key_results", show=False),
        Binding("slash", "to_query", "search_ui.key_query", key_display="/"),
        Binding("escape", "app.pop_screen", "key.back"),
    ]

    DEFAULT_CSS = """
    SearchScreen #query { margin: 0 1; }
    SearchScreen #status { height: 1; padding: 0 1; color: $text-muted; }
    SearchScreen #hits { height: 1fr; border: round $primary-darken-2; }
    SearchScreen #hits:focus { border: round $accent; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.indexed: int | None = None  # meetings in the index, once it is loaded
        self.hits: list[SearchHit] = []

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("search_ui.placeholder"), id="query")
        yield Static(t("search_ui.indexing"), id="status")
        yield OptionList(id="hits")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("search_ui.title")
        self.query_one("#query", Input).focus()
        self._build_index()

    @work(thread=True, exclusive=True, exit_on_error=False, group="index")
    def _build_index(self) -> None:
        self.post_message(IndexReady(len(self.store.search_index())))

    def on_index_ready(self, message: IndexReady) -> None:
        self.indexed = message.count
        if self.query_one("#query", Input).value.strip():
            self._search()
        else:
            self.query_one("#status", Static).update(t("search_ui.ready", count=message.count))

    def on_input_changed(self, event: Input.Changed) -> None:
        self._search()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.action_open_hit()

    def _search(self) -> None:
        if self.indexed is None:
            return  # the results come when the index is ready
        self._find(self.query_one("#query", Input).value)

    @work(thread=True, exclusive=True, exit_on_error=False, group="query")
    def _find(self, query: str) -> None:
        self.post_message(HitsFound(query, self.store.search(query, limit=LIMIT)))

    def on_hits_found(self, message: HitsFound) -> None:
        query = self.query_one("#query", Input).value
        if message.query != query:
            return  # typed on meanwhile: that query's results are coming
        self.hits = message.hits
        mark = f"bold reverse {self.app.theme_variables.get('accent', 'yellow')}"
        hits = self.query_one("#hits", OptionList)
        hits.clear_options()
        hits.add_options(Option(hit_text(h, mark)) for h in self.hits)
        if self.hits:
            hits.highlighted = 0
        status = self.query_one("#status", Static)
        if not query.strip():
            status.update(t("search_ui.ready", count=self.indexed or 0))
        elif not self.hits:
            status.update(t("search_ui.no_hits"))
        elif len(self.hits) >= LIMIT:
            status.update(t("search_ui.many_hits", count=LIMIT))
        else:
            status.update(t("search_ui.hits", count=len(self.hits)))
        self.refresh_bindings()

    def selected(self) -> SearchHit | None:
        highlighted = self.query_one("#hits", OptionList).highlighted
        if highlighted is None or not 0 <= highlighted < len(self.hits):
            return None
        return self.hits[highlighted]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "open_hit":
            return self.selected() is not None or None
        return True

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_open_hit()

    def action_open_hit(self) -> None:
        hit = self.selected()
        if hit is not None:
            self.app.open_meeting(hit.meeting_id)

    def action_to_results(self) -> None:
        if self.hits:
            self.query_one("#hits", OptionList).focus()

    def action_to_query(self) -> None:
        self.query_one("#query", Input).focus()
