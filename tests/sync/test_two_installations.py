"""Issue 14's story against real servers (Radicale and Xandikos): the coordinator and
the host share one network; both databases end equal; an action completed by a third
client arrives in both."""

from __future__ import annotations

import io
from pathlib import Path

import caldav
import vobject
from icalendar import Calendar

from quorum.store.dav import DavAccount
from quorum.store.records import ActionStatus
from quorum.store.store import Store
from quorum.tui.sync_wiring import join, run_sync, setup
from tests.sync.servers import Server
from tests.sync.world import (
    add_members,
    coordinator_store,
    plan_meeting,
    record_minutes,
    view,
)

USER = "natverket"


def test_coordinator_and_host_end_equal(server: Server, tmp_path: Path) -> None:
    coordinator, cid = coordinator_store(tmp_path / "coordinator.json")
    setup(coordinator, cid, server.url, USER, "x")
    add_members(coordinator, cid)
    run_sync(coordinator, cid, "x")

    host = Store.open(tmp_path / "host.json")
    network, _ = join(host, server.url, USER, "x", None, None)
    hid = network.id
    assert view(host, hid) == view(coordinator, cid)
    assert {p.name for p in host.people(hid)} == {"Åsa Öberg", "Björn Lindström", "Märta Ängström"}

    uid = plan_meeting(host, hid)
    record_minutes(host, hid, uid)
    run_sync(host, hid, "x")
    run_sync(coordinator, cid, "x")
    assert view(host, hid) == view(coordinator, cid)
    meeting = next(m for m in coordinator.meetings(cid) if m.uid == uid)
    assert [a.text for _, a in meeting.all_actions()] == [
        "Skicka förslaget till skolcheferna",
        "Boka lokal till nästa träff",
    ]
    owner = meeting.all_actions()[0][1].owner_id
    assert coordinator.person(owner).name == "Märta Ängström"

    # A third client (a phone, Thunderbird) ticks the action off on the server.
    client = caldav.DAVClient(url=server.url, username=USER, password="x")
    calendar = client.calendar(url=coordinator.states("sync_links")[cid]["calendar_url"])
    todo = calendar.todo_by_uid(f"act1.{uid}")
    todo.complete()
    run_sync(coordinator, cid, "x")
    run_sync(host, hid, "x")
    for store, nid in ((coordinator, cid), (host, hid)):
        action = next(a for m in store.meetings(nid) for _, a in m.all_actions() if a.id == "act1")
        assert action.status is ActionStatus.DONE
        assert action.done_on is not None
    assert view(host, hid) == view(coordinator, cid)
    _every_object_parses(server, coordinator, cid)
    coordinator.close()
    host.close()


def _every_object_parses(server: Server, store: Store, network_id: str) -> None:
    """What the server holds (as it re-serialised it) reads with icalendar and vobject."""
    links = store.states("sync_links")[network_id]
    account = DavAccount(server.url, USER, "x")
    kinds: set[str] = set()
    for url, kind in (
        (links["calendar_url"], "calendar"),
        (links["addressbook_url"], "addressbook"),
    ):
        coll = account.collection(url, kind)
        for data, _etag in coll.fetch(list(coll.changes(None).changed)).values():
            parsed = vobject.readOne(io.StringIO(data))
            if kind == "calendar":
                cal = Calendar.from_ical(data)
                kinds |= {c.name for c in cal.subcomponents}
                assert parsed.name == "VCALENDAR"
            else:
                assert parsed.name == "VCARD" and parsed.fn.value
    assert {"VEVENT", "VTODO", "VTIMEZONE"} <= kinds
