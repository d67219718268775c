"""The agenda editor: items with computed numbers and clock times.

| Key | Action |
|---|---|
| a | Add an item after the highlighted one |
| e / enter | Edit the highlighted item |
| d / delete | Delete it (undo with u) |
| u / ctrl+z | Undo the last change |
| shift+up, ctrl+up, K | Move the item up |
| shift+down, ctrl+down, J | Move the item down |

The mouse reaches the same actions through the button row. The editor keeps
the agenda in memory and posts :class:`AgendaEditor.Changed`; the screen saves.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.message import Message
from textual.widgets import Button, DataTable, Static

from quorum.store import agenda as ops
from quorum.store.errors import NotFound
from quorum.store.handover import own_description
from quorum.store.i18n import t
from quorum.store.records import AgendaItem, Formality, Meeting, replace
from quorum.store.when import clock
from quorum.tui.cells import clip
from quorum.tui.followup import followup_now
from quorum.tui.readonly import refuses_edit
from quorum.tui.translate import translate_bindings
from quorum.tui.widgets.item_form import ItemForm

if TYPE_CHECKING:
    from textual import getters

    from quorum.tui.app import QuorumApp

_BUTTONS = [
    ("add_item", "agenda.key_add"),
    ("edit_item", "agenda.key_edit"),
    ("move_up", "agenda.key_up"),
    ("move_down", "agenda.key_down"),
    ("delete_item", "agenda.key_delete"),
    ("undo", "agenda.key_undo"),
]


class AgendaEditor(Vertical):
    EDIT_ACTIONS = frozenset(
        {"add_item", "edit_item", "delete_item", "undo", "move_up", "move_down"}
    )
    BINDINGS = [
        Binding("a", "add_item", "agenda.key_add"),
        Binding("e", "edit_item", "agenda.key_edit", show=False),
        Binding("d,delete", "delete_item", "agenda.key_delete"),
        Binding("u,ctrl+z", "undo", "agenda.key_undo", show=False),
        Binding("shift+up,ctrl+up,K", "move_up", "agenda.key_up", key_display="⇧↑", show=False),
        Binding(
            "shift+down,ctrl+down,J", "move_down", "agenda.key_down", key_display="⇧↓", show=False
        ),
    ]
    DEFAULT_CSS = """
    AgendaEditor { height: 1fr; }
    AgendaEditor #agenda-table { height: 1fr; }
    AgendaEditor #agenda-description {
        height: auto; max-height: 6; overflow-y: auto; padding: 0 1; color: $text-muted;
        border-top: solid $primary-darken-2;
    }
    AgendaEditor #agenda-total { height: 1; padding: 0 1; }
    AgendaEditor #agenda-total.-over { color: $warning; text-style: bold; }
    AgendaEditor #agenda-buttons { height: 1; }
    AgendaEditor #agenda-buttons Button { margin-right: 1; min-width: 6; }
    """

    if TYPE_CHECKING:
        # Textual's own way to type the app (as MessagePump does): the running QuorumApp.
        app = getters.app(QuorumApp)

    @dataclass
    class Changed(Message):
        """The agenda was edited; ``agenda`` is the new one, to be saved."""

        editor: AgendaEditor
        agenda: tuple[AgendaItem, ...]

    def __init__(
        self,
        meeting: Meeting,
        people: dict[str, str],
        first_paragraph: Callable[[Meeting], int] = lambda meeting: 1,
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        translate_bindings(self)
        self.meeting = meeting
        self.people = people  # person id -> name, for presenters
        self.undo_stack = ops.UndoStack()
        # A protokoll's § numbers go on through the network's year: where they start
        # is asked again only when the formality changes (it reads the year's meetings).
        self._first_paragraph = first_paragraph
        self._first = first_paragraph(meeting) if meeting.formality is Formality.FORMAL else 1

    @property
    def agenda(self) -> tuple[AgendaItem, ...]:
        return self.meeting.agenda

    def compose(self) -> ComposeResult:
        yield DataTable(id="agenda-table", cursor_type="row", zebra_stripes=True)
        yield Static(id="agenda-description")
        yield Static(id="agenda-total")
        with Horizontal(id="agenda-buttons"):
            for action, key in _BUTTONS:
                yield Button(t(key), id=f"btn-{action}", compact=True)

    def on_mount(self) -> None:
        self.refresh_rows()

    # -- showing ----------------------------------------------------------------

    @property
    def cursor(self) -> int:
        row = self.query_one(DataTable).cursor_row
        return row if row is not None and 0 <= row < len(self.agenda) else 0

    def show_meeting(self, meeting: Meeting) -> None:
        """Take new times or formality from the details form."""
        if meeting.formality is not self.meeting.formality:
            self._first = (
                self._first_paragraph(meeting) if meeting.formality is Formality.FORMAL else 1
            )
        self.meeting = meeting
        self.refresh_rows(self.cursor)

    def refresh_rows(self, cursor: int | None = None) -> None:
        table = self.query_one(DataTable)
        keep = self.cursor if cursor is None else cursor
        # Columns are rebuilt so their widths follow the clipped content.
        table.clear(columns=True)
        for key in ("no", "time", "title", "kind", "presenter", "minutes"):
            table.add_column(t(f"agenda.col_{key}"), key=key)
        items = self.agenda
        numbers = ops.numbers(items, self.meeting.formality, self._first)
        times = ops.clock_times(self.meeting.start, items)
        # Fixed columns and cell padding take 57 cells; the title gets the rest.
        title_width = max(12, (self.size.width or 100) - 57)
        for item, number, at in zip(items, numbers, times, strict=True):
            marker = "↻ " if item.deferred_from else ("⟳ " if item.followup else "")
            presenter = self.people.get(item.presenter_id or "", "") or item.presenter_text
            table.add_row(
                number,
                clock(at),
                _clip(marker + item.title, title_width),
                _clip(t(f"kind.{item.kind.value}"), 14),
                _clip(presenter, 16),
                Text(str(item.minutes), justify="right"),
                key=item.id,
            )
        if items:
            table.move_cursor(row=max(0, min(keep, len(items) - 1)))
        self._show_total()
        self._show_description()

    def _show_total(self) -> None:
        total = self.query_one("#agenda-total", Static)
        m = self.meeting
        over = ops.overrun_minutes(m.start, m.end, self.agenda)
        planned = clock(ops.planned_end(m.start, self.agenda))
        end = clock(m.end)
        if over > 0:
            total.update(t("agenda.end_over", planned=planned, end=end, over=over))
        else:
            total.update(t("agenda.end_ok", planned=planned, end=end, spare=-over))
        total.set_class(over > 0, "-over")

    def _show_description(self) -> None:
        box = self.query_one("#agenda-description", Static)
        if not self.agenda:
            box.update(t("agenda.empty"))
            return
        item = self.agenda[self.cursor]
        lines = []
        if item.deferred_from:
            origin = self._origin_date(item.deferred_from)
            lines.append(t("agenda.deferred_from", date=origin))
        if own_description(item):
            lines.append(own_description(item))
        if item.followup and self.app.store is not None:
            lines.append(followup_now(self.app.store, self.meeting))
        box.update(Text("\n".join(lines) or item.title))

    def _origin_date(self, meeting_id: str) -> str:
        store = self.app.store
        try:
            return store.meeting(meeting_id).day.isoformat() if store else meeting_id
        except NotFound:  # the origin meeting may have been deleted since
            return meeting_id

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        event.stop()
        self._show_description()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if self.check_action("edit_item", ()):  # not while read-only
            self.action_edit_item()

    def on_resize(self) -> None:
        if self.is_mounted:
            self.refresh_rows()

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        action = (event.button.id or "").removeprefix("btn-")
        self.query_one(DataTable).focus()
        if self.check_action(action, ()):  # not while read-only
            getattr(self, f"action_{action}")()

    # -- editing -----------------------------------------------------------------

    def _change(self, agenda: tuple[AgendaItem, ...], cursor: int) -> None:
        self.undo_stack.push(self.agenda, self.cursor)
        self._set(agenda, cursor)

    def _set(self, agenda: tuple[AgendaItem, ...], cursor: int) -> None:
        self.meeting = replace(self.meeting, agenda=agenda)
        self.refresh_rows(cursor)
        self.post_message(self.Changed(self, agenda))

    def _people_choices(self) -> list[tuple[str, str]]:
        return sorted(((name, pid) for pid, name in self.people.items()), key=lambda p: p[0])

    def action_add_item(self) -> None:
        at = self.cursor + 1 if self.agenda else 0

        def added(item: AgendaItem | None) -> None:
            if item is not None:
                self._change(ops.insert(self.agenda, at, item), at)

        self.app.push_screen(ItemForm(None, self._people_choices()), added)

    def action_edit_item(self) -> None:
        if not self.agenda:
            return
        at = self.cursor

        def edited(item: AgendaItem | None) -> None:
            if item is not None and item != self.agenda[at]:
                self._change(ops.replace_item(self.agenda, item), at)

        self.app.push_screen(ItemForm(self.agenda[at], self._people_choices()), edited)

    def action_delete_item(self) -> None:
        if not self.agenda:
            return
        at = self.cursor
        title = self.agenda[at].title
        self._change(ops.remove(self.agenda, at), min(at, len(self.agenda) - 2))
        self.notify(t("agenda.deleted", title=title))

    def action_undo(self) -> None:
        state = self.undo_stack.pop()
        if state is None:
            self.notify(t("agenda.nothing_to_undo"))
            return
        self._set(*state)

    def _move(self, delta: int) -> None:
        agenda, at = ops.move(self.agenda, self.cursor, delta)
        if agenda != self.agenda:
            self._change(agenda, at)

    def action_move_up(self) -> None:
        self._move(-1)

    def action_move_down(self) -> None:
        self._move(1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if refuses_edit(self, action):
            return None
        if action in ("edit_item", "delete_item", "move_up", "move_down") and not self.agenda:
            return None
        if action == "undo" and not self.undo_stack:
            return None
        return True


def _clip(text: str, width: int) -> Text:
    """A cell: cut to ``width``, and Text so a title with ``[/]`` is no markup."""
    return Text(clip(text, width))
