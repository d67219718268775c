"""Every action item of a network across its meetings: filter, mark done, jump.

| key | action |
|---|---|
| / | type to filter by owner, organisation or text |
| f | show open → overdue → done → all |
| d | mark the highlighted item done with a note (or reopen it) |
| o / enter | go to the meeting it came from |
| escape | back to the list from the filter; then back |

Overdue items (open, due before today) are drawn in the theme's error colour.
A change is saved on the origin meeting through ``app.save_meeting``.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static

from quorum.store.i18n import t
from quorum.store.records import (
    ActionItem,
    ActionStatus,
    AgendaItem,
    Meeting,
    MeetingStatus,
    Network,
    replace,
)
from quorum.store.search import fold, terms
from quorum.tui.context import current_network
from quorum.tui.dialogs import PromptDialog, any_text
from quorum.tui.screens.base import QuorumScreen

SHOW_MODES = ("open", "overdue", "done", "all")


@dataclass(frozen=True)
class ActionRow:
    meeting: Meeting
    item: AgendaItem
    action: ActionItem
    owner: str
    organisation: str

    def overdue(self, today: date) -> bool:
        a = self.action
        return a.status == ActionStatus.OPEN and a.due is not None and a.due < today

    def shown_in(self, mode: str, today: date) -> bool:
        if mode == "open":
            return self.action.status == ActionStatus.OPEN
        if mode == "overdue":
            return self.overdue(today)
        if mode == "done":
            return self.action.status == ActionStatus.DONE
        return True

    def matches(self, words: list[str]) -> bool:
        haystack = fold(
            f"{self.owner}\n{self.organisation}\n{self.action.text}\n{self.meeting.title}"
        )
        return all(w in haystack for w in words)


def action_rows(
    meetings: list[Meeting], people: dict[str, Any], orgs: dict[str, str]
) -> list[ActionRow]:
    """The action items of the meetings (cancelled ones left out), by due date
    (undated last), then by meeting date."""
    rows = []
    for m in meetings:
        if m.status == MeetingStatus.CANCELLED:
            continue
        for item, a in m.all_actions():
            person = people.get(a.owner_id or "")
            owner = person.name if person else a.owner_name
            org = orgs.get(person.org_id or "", "") if person else ""
            rows.append(ActionRow(m, item, a, owner, org))
    return sorted(
        rows, key=lambda r: (r.action.due is None, r.action.due or date.min, r.meeting.start)
    )


class ActionsScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"toggle_done"})
    BINDINGS = [
        Binding("o", "open_meeting", "actions.key_open"),
        Binding("d", "toggle_done", "actions.key_done"),
        Binding("f", "next_mode", "actions.key_status", show=False),
        Binding("slash", "focus_filter", "actions.key_filter", key_display="/"),
        Binding("escape", "back", "key.back"),
        Binding("down", "to_list", show=False),
    ]

    DEFAULT_CSS = """
    ActionsScreen #filter { margin: 0 1; }
    ActionsScreen #showing { height: 1; padding: 0 1; color: $text-muted; }
    ActionsScreen #actions { height: 1fr; border: round $primary-darken-2; }
    ActionsScreen #actions:focus { border: round $accent; }
    ActionsScreen #detail { height: 2; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, network_id: str | None = None) -> None:
        super().__init__()
        self._network_id = network_id
        self.network: Network | None = None
        self.mode = "open"
        self.meetings: dict[str, Meeting] = {}  # kept fresh here; the saver writes behind
        self.rows: list[ActionRow] = []
        self.shown: list[ActionRow] = []
        self._wide = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("actions.filter_placeholder"), id="filter")
        yield Static(id="showing")
        yield DataTable(id="actions", cursor_type="row")
        yield Static(id="detail")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("actions.title")
        self.network = current_network(self.app, self._network_id)
        if self.network is not None:
            self.meetings = {m.id: m for m in self.store.meetings(self.network.id)}
        self._columns()
        self._rebuild()
        self.query_one("#actions", DataTable).focus()

    def on_resize(self) -> None:
        self._columns()
        self._show()

    def _columns(self) -> None:
        # The action text takes what the other columns leave; below 96 columns
        # the organisation moves to the line under the table, so 80 columns fit.
        table = self.query_one("#actions", DataTable)
        table.clear(columns=True)
        self._wide = self.size.width >= 96
        fixed = [("due", 10), ("owner", 16), ("org", 16), ("status", 8)]
        if not self._wide:
            fixed.remove(("org", 16))
        text_width = max(20, self.size.width - sum(w for _k, w in fixed) - 2 * len(fixed) - 6)
        fixed.insert(1, ("action", text_width))
        for key, width in fixed:
            table.add_column(t(f"actions.col.{key}"), key=key, width=width)

    # -- data -----------------------------------------------------------------

    def _today(self) -> date:
        return self.app.clock().date()

    def _rebuild(self, keep: str | None = None) -> None:
        people = {p.id: p for p in self.store.people()}
        orgs = {o.id: o.name for o in self.store.organisations()}
        meetings = sorted(self.meetings.values(), key=lambda m: m.start)
        self.rows = action_rows(meetings, people, orgs)
        self._show(keep)

    def _show(self, keep: str | None = None) -> None:
        today = self._today()
        words = terms(self.query_one("#filter", Input).value)
        self.shown = [r for r in self.rows if r.shown_in(self.mode, today) and r.matches(words)]
        table = self.query_one("#actions", DataTable)
        cursor = table.cursor_row
        table.clear()
        error = self.app.theme_variables.get("error", "red")
        for r in self.shown:
            a = r.action
            if r.overdue(today):
                style, status = f"bold {error}", t("actions.status.overdue")
            elif a.status == ActionStatus.DONE:
                style, status = "dim", t("actions.status.done", day="").strip()
            else:
                style, status = "", t("actions.status.open")
            cells = [
                a.due.isoformat() if a.due else "",
                a.text,
                r.owner or t("actions.no_owner"),
                r.organisation,
                status,
            ]
            if not self._wide:
                del cells[3]
            table.add_row(*(Text(c, style=style) for c in cells), key=f"{r.meeting.id}/{a.id}")
        if self.shown:
            ids = [r.action.id for r in self.shown]
            table.move_cursor(row=ids.index(keep) if keep in ids else min(cursor, len(ids) - 1))
        which = t(f"actions.show.{self.mode}")
        self.query_one("#showing", Static).update(
            t("actions.showing", which=which, count=len(self.shown), total=len(self.rows))
        )
        self._detail()
        self.refresh_bindings()

    def selected(self) -> ActionRow | None:
        table = self.query_one("#actions", DataTable)
        if not self.shown or table.cursor_row is None:
            return None
        return self.shown[min(table.cursor_row, len(self.shown) - 1)]

    def _detail(self) -> None:
        r = self.selected()
        if r is None:
            self.query_one("#detail", Static).update(t("actions.empty"))
            return
        origin = f"{r.meeting.day.isoformat()} · {r.meeting.title} · {r.item.title}"
        lines = [origin if self._wide or not r.organisation else f"{r.organisation} · {origin}"]
        a = r.action
        if a.status == ActionStatus.DONE:
            done = t("actions.status.done", day=a.done_on.isoformat() if a.done_on else "")
            lines.append(f"{done}: {a.done_note}" if a.done_note else done)
        self.query_one("#detail", Static).update(Text("\n".join(lines)))  # typed text: no markup

    def on_data_table_row_highlighted(self, event: DataTable.RowHighlighted) -> None:
        self._detail()

    def on_input_changed(self, event: Input.Changed) -> None:
        self._show()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        self.query_one("#actions", DataTable).focus()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        self.action_open_meeting()

    # -- actions ------------------------------------------------------------

    def _typing(self) -> bool:
        return isinstance(self.focused, Input)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if action in ("toggle_done", "open_meeting", "next_mode") and self._typing():
            return False
        if action in ("toggle_done", "open_meeting"):
            return self.selected() is not None or None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def action_focus_filter(self) -> None:
        self.query_one("#filter", Input).focus()

    def action_to_list(self) -> None:
        # Only reached from the filter: the list handles its own arrow keys.
        self.query_one("#actions", DataTable).focus()

    def action_back(self) -> None:
        if self._typing():
            self.query_one("#actions", DataTable).focus()
        else:
            self.app.pop_screen()

    def action_next_mode(self) -> None:
        self.mode = SHOW_MODES[(SHOW_MODES.index(self.mode) + 1) % len(SHOW_MODES)]
        self._show()

    def action_open_meeting(self) -> None:
        r = self.selected()
        if r is not None:
            self.app.open_meeting(r.meeting.id)

    def action_toggle_done(self) -> None:
        r = self.selected()
        if r is None:
            return
        if r.action.status == ActionStatus.DONE:
            self._save(r, replace(r.action, status=ActionStatus.OPEN, done_on=None, done_note=""))
            self.notify(t("actions.reopened"))
            return

        def done(note: str | None) -> None:
            if note is not None:
                action = replace(
                    r.action,
                    status=ActionStatus.DONE,
                    done_on=self._today(),
                    done_note=note.strip(),
                )
                self._save(r, action)
                self.notify(t("actions.marked_done"))

        question = t("actions.done_prompt", text=r.action.text)
        self.app.push_screen(PromptDialog(question, r.action.done_note, any_text), done)

    def _save(self, r: ActionRow, action: ActionItem) -> None:
        meeting = self.meetings[r.meeting.id]
        item = meeting.item(r.item.id)
        item = replace(
            item, actions=tuple(action if a.id == action.id else a for a in item.actions)
        )
        meeting = meeting.with_item(item)
        self.meetings[meeting.id] = meeting
        self.app.save_meeting(meeting)
        self._rebuild(keep=action.id)

    def on_screen_resume(self) -> None:
        # Back from a meeting: its action items may have changed there.
        if self.network is not None and self.is_mounted:
            self.app.saver.flush()
            self.meetings = {m.id: m for m in self.store.meetings(self.network.id)}
            self._rebuild()
