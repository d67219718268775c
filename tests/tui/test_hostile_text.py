"""Every screen shows stored text as text: markup-like names never crash or act.

Textual reads a plain ``str`` given to an Option, a Select, a DataTable cell, a
border title, a Label or a notification as markup: a network named ``Nätverk [/]`` left
the app on a MarkupError at start, and ``[@click=app.quit]`` in a name was a button.
The text rule lets square brackets in (they are text), so each of those places is
given a ``Text``. The demo is filled, as an older archive could hold it, with markup,
control characters and a reordering mark in every name and text, and each screen is
opened on it.
"""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from typing import Any

import pytest
from textual.widgets import DataTable

from quorum.store.records import replace
from quorum.store.store import Store
from quorum.store.text_rules import as_stored
from quorum.tui.app import QuorumApp
from quorum.tui.screens.export import ExportScreen
from quorum.tui.screens.meeting import MeetingScreen
from tests.conftest import DEMO_NOW

EVIL = " [/] [bold]x[@click=app.quit]y[/] \x1b[2J\u202e"


def poison(store: Store) -> None:
    with as_stored():
        for o in store.organisations():
            store.save_organisation(replace(o, name=o.name + EVIL))
        for p in store.people():
            store.save_person(replace(p, name=p.name + EVIL, title=EVIL))
        for n in store.networks():
            store.save_network(replace(n, name=n.name + EVIL))
        for m in store.meetings():
            agenda = tuple(
                replace(
                    i,
                    title=i.title + EVIL,
                    notes=i.notes + EVIL,
                    presenter_text=EVIL,
                    description=EVIL,
                    decisions=tuple(replace(d, text=d.text + EVIL) for d in i.decisions),
                    actions=tuple(
                        replace(a, text=a.text + EVIL, owner_name=EVIL) for a in i.actions
                    ),
                )
                for i in m.agenda
            )
            attendance = tuple(
                replace(a, reply_comment=EVIL, reply_source="svar.eml" + EVIL, reply_from=EVIL)
                for a in m.attendance
            )
            store.save_meeting(
                replace(
                    m,
                    title=m.title + EVIL,
                    place=EVIL,
                    documents=EVIL,
                    agenda=agenda,
                    attendance=attendance,
                )
            )


Visit = Callable[[QuorumApp, Any], Awaitable[None] | None]


async def _tabs(app: QuorumApp, pilot: Any) -> None:
    app.push_screen(MeetingScreen("3"))
    for key in ("f2", "f3", "f4"):
        await pilot.pause()
        await pilot.press(key)
    await pilot.pause()
    table = app.screen.query_one("#att-table", DataTable)
    table.focus()
    await pilot.press("down")


async def _projector(app: QuorumApp, pilot: Any) -> None:
    from quorum.store import live

    app.store.save_meeting(live.start(app.store.meeting("3"), DEMO_NOW))
    app.open_live("3")
    await pilot.pause()
    app.screen.action_projector()


VISITS: dict[str, Visit] = {
    "overview": lambda app, pilot: None,
    "meeting, every tab": _tabs,
    "live minutes": lambda app, pilot: app.open_live("2"),
    "projector": _projector,
    "review": lambda app, pilot: app.open_review("2"),
    "export": lambda app, pilot: app.push_screen(ExportScreen("2")),
    "roster": lambda app, pilot: app.action_open_roster(),
    "year plan": lambda app, pilot: app.action_open_year_plan(),
    "action items": lambda app, pilot: app.action_open_actions(),
    "decisions": lambda app, pilot: app.action_open_decisions(),
    "search": lambda app, pilot: app.action_open_search(),
    "network": lambda app, pilot: app.open_network_settings("1"),
}


@pytest.mark.parametrize("name", list(VISITS))
async def test_markup_and_control_characters_in_stored_text_stay_text(demo_store, name) -> None:
    poison(demo_store)
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        opened = VISITS[name](app, pilot)
        if opened is not None:
            await opened
        await pilot.pause()
        await pilot.pause()
        app.notify(f"Sparad: {EVIL}")  # a notification quoting stored text
        await pilot.pause()
        assert app.return_code is None  # [@click=app.quit] was no button
    # run_test re-raises what the app raised (a MarkupError, once): reaching here is the test.


async def test_the_invitee_s_reply_shows_its_source_sender_and_comment(demo_store) -> None:
    meeting = demo_store.meeting("3")
    first = meeting.attendance[0]
    with as_stored():
        answered = replace(
            first,
            reply_comment="Jag kommer\x1b[2J lite sent",
            reply_source="svar.eml",
            reply_from="eve@example.org",
            reply_unverified=True,
        )
    demo_store.save_meeting(replace(meeting, attendance=(answered, *meeting.attendance[1:])))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(100, 32)) as pilot:
        app.push_screen(MeetingScreen("3"))
        await pilot.pause()
        await pilot.press("f4")
        await pilot.pause()
        table = app.screen.query_one("#att-table", DataTable)
        table.focus()
        table.move_cursor(row=table.get_row_index(first.key))
        await pilot.pause()
        line = str(app.screen.query_one("#att-reply").render())
        assert "svar.eml" in line and "eve@example.org" in line and "unverified" in line
        assert "Jag kommer\\x1b[2J lite sent" in line  # the escape shown, never acted on
        row = table.get_row(first.key)
        assert "⚠" in str(row[3])


async def test_pasted_notes_lose_their_control_characters_and_the_secretary_is_told(
    demo_store, db_path
) -> None:
    from textual.widgets import TextArea

    from quorum.store import live
    from quorum.tui.screens.live import LiveScreen

    demo_store.save_meeting(live.start(demo_store.meeting("3"), DEMO_NOW))
    app = QuorumApp(demo_store, clock=lambda: DEMO_NOW)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("enter")  # the resume offer: carry on
        await pilot.pause()
        assert isinstance(app.screen, LiveScreen)
        # As a paste can bring them: a bell and an escape between the words (a form feed
        # the editor itself turns into a line break).
        app.screen.query_one("#notes", TextArea).insert("Budget\x07 2027\x1b klar")
        await pilot.pause()
        app.screen.save_now()
        await pilot.pause()
        assert app.saver.flush()
        said = [n.message for n in app._notifications]
        assert any("2 characters that cannot be saved" in n for n in said), said
    demo_store.close()
    with Store.open(db_path, readonly=True) as store:
        assert store.meeting("3").agenda[0].notes.startswith("Budget 2027 klar")
