"""Personal data on the server: erasing a person erases them there and at the other
installation; e-mail and phone reach the server only when the person shares them."""

from __future__ import annotations

from pathlib import Path

from quorum.store.dav import DavAccount
from quorum.store.personal_data import erase_person_in_store
from quorum.store.records import MeetingStatus, Presence, replace
from quorum.store.store import Store
from quorum.store.sync_state import entries, save_entry
from quorum.tui.sync_wiring import join, run_sync, setup
from tests.sync.servers import Server
from tests.sync.world import add_members, coordinator_store, plan_meeting, record_minutes, view

USER = "natverket"


def _server_texts(server: Server, store: Store, network_id: str) -> list[str]:
    links = store.states("sync_links")[network_id]
    account = DavAccount(server.url, USER, "x")
    texts = []
    for url, kind in (
        (links["calendar_url"], "calendar"),
        (links["addressbook_url"], "addressbook"),
    ):
        coll = account.collection(url, kind)
        texts += [data for data, _ in coll.fetch(list(coll.changes(None).changed)).values()]
    return texts


def test_erasing_a_person_reaches_the_server_and_the_other_installation(
    radicale: Server, tmp_path: Path
) -> None:
    coordinator, cid = coordinator_store(tmp_path / "coordinator.json")
    setup(coordinator, cid, radicale.url, USER, "x")
    add_members(coordinator, cid)
    uid = plan_meeting(coordinator, cid)
    record_minutes(coordinator, cid, uid)
    meeting = next(m for m in coordinator.meetings(cid) if m.uid == uid)
    item = replace(meeting.agenda[2], notes="Märta Ängström berättade om SYV-dagen.")
    meeting = replace(
        meeting.with_item(item),
        status=MeetingStatus.HELD,
        attendance=tuple(replace(a, presence=Presence.PRESENT) for a in meeting.attendance),
    )
    coordinator.save_meeting(meeting)
    run_sync(coordinator, cid, "x")
    host = Store.open(tmp_path / "host.json")
    hid = join(host, radicale.url, USER, "x", None, None)[0].id
    assert any("Märta" in text for text in _server_texts(radicale, coordinator, cid))

    marta = next(p for p in coordinator.people(cid) if p.name == "Märta Ängström")
    erase_person_in_store(coordinator, marta.id)
    run_sync(coordinator, cid, "x")
    texts = _server_texts(radicale, coordinator, cid)
    assert not any("Märta" in t or "marta.angstrom" in t for t in texts)

    run_sync(host, hid, "x")
    assert "Märta Ängström" not in {p.name for p in host.people()}
    held = next(m for m in host.meetings(hid) if m.uid == uid)
    assert "Märta" not in str(held)
    assert view(host, hid) == view(coordinator, cid)


def test_a_person_who_shares_no_email_or_phone_is_on_the_server_without_them(
    server: Server, tmp_path: Path
) -> None:
    coordinator, cid = coordinator_store(tmp_path / "coordinator.json")
    setup(coordinator, cid, server.url, USER, "x")
    add_members(coordinator, cid)
    run_sync(coordinator, cid, "x")
    marta = next(p for p in coordinator.people(cid) if p.name == "Märta Ängström")
    entry = next(e for e in entries(coordinator, cid).values() if e.local == marta.id)
    entry.share = {"email": False, "phone": False}
    save_entry(coordinator, entry)
    run_sync(coordinator, cid, "x")
    texts = _server_texts(server, coordinator, cid)
    assert not any("marta.angstrom" in t or "0500-49 80 00" in t for t in texts)
    assert any("Märta Ängström" in t for t in texts)
    host = Store.open(tmp_path / "host.json")
    hid = join(host, server.url, USER, "x", None, None)[0].id
    there = next(p for p in host.people(hid) if p.name == "Märta Ängström")
    assert there.email.endswith(".invalid") and there.phone == ""
    # The coordinator keeps her real address; neither side sends the placeholder back.
    assert coordinator.person(marta.id).email == "marta.angstrom@skovde.example.se"
    run_sync(host, hid, "x")
    run_sync(coordinator, cid, "x")
    assert view(host, hid) == view(coordinator, cid)
    assert coordinator.person(marta.id).email == "marta.angstrom@skovde.example.se"
