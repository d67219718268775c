"""Share a network through a server: connect, sync, subscription links, conflicts.

A small dialog (the network settings of issue 12 do not exist yet): reached
from the overview (``S``, or the palette) and from the network form (``f6``).
The sync runs in a thread worker that posts its progress; typing goes on.
A conflict opens :class:`ConflictDialog`, the two versions side by side.

| key | action |
|---|---|
| ctrl+s | connect (find or create the calendar and address book), then sync |
| f5 | sync now |
| enter | on a conflict: show both versions and choose |
| escape | close (the dialogs' one way out) |
"""

from __future__ import annotations

import os
from typing import Any

from rich.text import Text
from textual import work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.message import Message
from textual.widgets import Button, Input, OptionList, ProgressBar, Static
from textual.widgets.option_list import Option

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.sync import SyncReport, resolve
from quorum.store.sync_state import Conflict, conflicts, link
from quorum.tui import sync_wiring as wiring
from quorum.tui.dialogs import QuorumDialog
from quorum.tui.widgets.form import FieldRow


class SyncProgress(Message):
    def __init__(self, step: str, done: int, total: int) -> None:
        super().__init__()
        self.step, self.done, self.total = step, done, total


class SyncFinished(Message):
    def __init__(self, report: SyncReport | None, problem: str) -> None:
        super().__init__()
        self.report, self.problem = report, problem


class SyncScreen(QuorumDialog[None]):
    BINDINGS = [
        Binding("ctrl+s", "connect", "syncui.key_connect"),
        Binding("f5", "sync", "syncui.key_sync"),
    ]
    DEFAULT_CSS = """
    SyncScreen #sync-status { height: auto; margin: 1 0 0 0; }
    SyncScreen #sync-links { height: auto; color: $text-muted; }
    SyncScreen #sync-conflicts { height: auto; max-height: 8; }
    """

    def __init__(self, network_id: str) -> None:
        super().__init__("", width="wide")
        self.network_id = network_id
        self.busy = False

    @property
    def store(self) -> Any:
        return self.app.store

    def compose(self) -> ComposeResult:
        self.heading = t("syncui.heading", network=self.store.network(self.network_id).name)
        yield from super().compose()

    def compose_body(self) -> ComposeResult:
        try:
            current = link(self.store, self.network_id)
            url, user = current.url, current.user
        except QuorumError:
            url = user = ""
        with VerticalScroll(id="fields"):
            yield FieldRow(t("syncui.url"), Input(url, id="f-url", compact=True), "url")
            yield FieldRow(t("syncui.user"), Input(user, id="f-user", compact=True), "user")
            secret = os.environ.get(wiring.PASSWORD_ENV, "")
            yield FieldRow(
                t("syncui.password"),
                Input(secret, password=True, id="f-password", compact=True),
                "password",
            )
        yield Static(t("syncui.password_note"), classes="dialog-hint")
        bar = ProgressBar(total=None, show_eta=False, id="sync-progress")
        bar.display = False  # until a sync starts: an idle bar reads as one running
        yield bar
        yield Static("", id="sync-status", markup=False)
        yield Static("", id="sync-links", markup=False)
        yield OptionList(id="sync-conflicts")

    def compose_buttons(self) -> ComposeResult:
        yield Button(t("syncui.connect"), id="connect", compact=True)
        yield Button(t("syncui.sync"), id="sync", variant="primary", compact=True)
        yield Button(t("syncui.close"), id="close", compact=True)

    def on_mount(self) -> None:
        self.query_one("#f-url", Input).focus()
        self._show_links()
        self._show_conflicts()

    # -- what is shown ---------------------------------------------------------------

    def _show_links(self) -> None:
        try:
            current = link(self.store, self.network_id)
        except QuorumError:
            return
        if not current.url:
            return
        links = wiring.feed_links(current)
        self.query_one("#sync-links", Static).update(
            "\n".join(
                (
                    t("sync.link_caldav", url=links["caldav"]),
                    t("sync.link_ics", url=links["ics"]),
                )
            )
        )

    def _show_conflicts(self) -> None:
        found = conflicts(self.store, self.network_id)
        options = self.query_one("#sync-conflicts", OptionList)
        options.clear_options()
        options.add_options(
            Option(
                Text(t("syncui.conflict_row", kind=t(f"sync.kind.{c.kind}"), title=c.title)), c.uid
            )
            for c in found
        )
        options.display = bool(found)

    # -- running a sync ---------------------------------------------------------------

    def _fields(self) -> tuple[str, str, str]:
        return (
            self.query_one("#f-url", Input).value.strip(),
            self.query_one("#f-user", Input).value.strip(),
            self.query_one("#f-password", Input).value,
        )

    def action_connect(self) -> None:
        url, user, _ = self._fields()
        if not url or not user:
            self.query_one("#sync-status", Static).update(t("syncui.need_url_user"))
            return
        self._start(connect=True)

    def action_sync(self) -> None:
        self._start(connect=False)

    def _start(self, connect: bool) -> None:
        if self.busy:
            return
        self.busy = True
        self.query_one("#sync-status", Static).update(t("syncui.running"))
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=None, progress=0)
        bar.display = True
        url, user, secret = self._fields()
        self._run(connect, url, user, secret)

    @work(thread=True, exclusive=True, exit_on_error=False, group="sync")
    def _run(self, connect: bool, url: str, user: str, secret: str) -> None:
        store = self.store
        last = [-1]

        def progress(step: str, done: int, total: int) -> None:
            percent = done * 100 // total if total else 100
            if percent != last[0]:  # one message per percent, not per object
                last[0] = percent
                self.post_message(SyncProgress(step, done, total))

        try:
            saver = getattr(self.app, "saver", None)
            if saver is not None:
                saver.flush()  # what was typed goes with this sync
            if connect:
                wiring.setup(store, self.network_id, url, user, secret)
            report = wiring.run_sync(store, self.network_id, secret, progress)
        except QuorumError as err:
            self.post_message(SyncFinished(None, err.sentence()))
            return
        self.post_message(SyncFinished(report, ""))

    def on_sync_progress(self, message: SyncProgress) -> None:
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=max(message.total, 1), progress=message.done)
        self.query_one("#sync-status", Static).update(
            t(f"syncui.step_{message.step}", done=message.done, total=message.total)
        )

    def on_sync_finished(self, message: SyncFinished) -> None:
        self.busy = False
        bar = self.query_one("#sync-progress", ProgressBar)
        bar.update(total=1, progress=1)
        status = self.query_one("#sync-status", Static)
        if message.report is None:
            status.update(message.problem)
            return
        r = message.report
        status.update(r.sentence())
        self._show_links()
        self._show_conflicts()

    # -- conflicts ---------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        uid = event.option.id
        found = next((c for c in conflicts(self.store, self.network_id) if c.uid == uid), None)
        if found is None:
            return

        def chosen(keep: str | None) -> None:
            if keep is None:
                return
            resolve(
                self.store,
                self.network_id,
                found.uid,
                keep,
                wiring.ExportConversions(self.store),
                wiring.now_utc(),
            )
            self.app.notify(t(f"sync.resolved_{keep}", title=found.title))
            self._show_conflicts()

        self.app.push_screen(ConflictDialog(found), chosen)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        if event.button.id == "connect":
            self.action_connect()
        elif event.button.id == "sync":
            self.action_sync()
        else:
            self.action_leave()


class ConflictDialog(QuorumDialog[str | None]):
    """Both versions of a conflicting object side by side; returns "mine" or "theirs".

    | Key | Action |
    |---|---|
    | m | keep this installation's version |
    | t | take the server's |
    """

    BINDINGS = [
        Binding("m", "choose('mine')", "syncui.keep_mine"),
        Binding("t", "choose('theirs')", "syncui.keep_theirs"),
    ]
    DEFAULT_CSS = """
    ConflictDialog .side { width: 1fr; height: auto; padding: 0 1; }
    ConflictDialog .field { color: $text-muted; }
    ConflictDialog .columns { height: auto; }
    """

    def __init__(self, conflict: Conflict) -> None:
        kind = t(f"sync.kind.{conflict.kind}")
        super().__init__(
            t("sync.conflict", n="", kind=kind, title=conflict.title),
            width="wide",
            classes="-alert",
        )
        self.conflict = conflict

    def compose_body(self) -> ComposeResult:
        with VerticalScroll(id="fields"):
            for key, mine, theirs in self.conflict.fields:
                yield Static(key.rpartition("/")[2], classes="field", markup=False)
                with Horizontal(classes="columns"):
                    yield Static(
                        t("syncui.here") + "\n" + _text(mine), classes="side", markup=False
                    )
                    yield Static(
                        t("syncui.there") + "\n" + _text(theirs), classes="side", markup=False
                    )

    def compose_buttons(self) -> ComposeResult:
        yield Button(t("syncui.keep_mine"), id="mine", compact=True)
        yield Button(t("syncui.keep_theirs"), id="theirs", compact=True)

    def on_button_pressed(self, event: Button.Pressed) -> None:
        event.stop()
        self.dismiss(str(event.button.id))

    def action_choose(self, keep: str) -> None:
        self.dismiss(keep or None)


def _text(value: Any) -> str:
    return "–" if value is None or value == "" else str(value)
