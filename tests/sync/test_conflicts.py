"""Concurrent edits: overlapping ones are a conflict that keeps both versions and
offers a choice; edits that do not overlap merge without asking; a 412 on push is
merged too."""

from __future__ import annotations

from pathlib import Path

import pytest

from quorum.store.records import replace
from quorum.store.store import Store
from quorum.store.sync import resolve
from quorum.store.sync_state import conflicts
from quorum.tui.sync_wiring import ExportConversions, join, now_utc, run_sync, setup
from tests.sync.servers import Server
from tests.sync.world import add_members, coordinator_store, plan_meeting, view

USER = "natverket"


def _two(server: Server, tmp_path: Path) -> tuple[Store, str, Store, str, str]:
    coordinator, cid = coordinator_store(tmp_path / "coordinator.json")
    setup(coordinator, cid, server.url, USER, "x")
    add_members(coordinator, cid)
    uid = plan_meeting(coordinator, cid)
    run_sync(coordinator, cid, "x")
    host = Store.open(tmp_path / "host.json")
    network, _ = join(host, server.url, USER, "x", None, None)
    return coordinator, cid, host, network.id, uid


def _edit_item(store: Store, network_id: str, uid: str, item_id: str, **fields) -> None:
    meeting = next(m for m in store.meetings(network_id) if m.uid == uid)
    store.save_meeting(meeting.with_item(replace(meeting.item(item_id), **fields)))


def _meeting(store: Store, network_id: str, uid: str):
    return next(m for m in store.meetings(network_id) if m.uid == uid)


def test_edits_that_do_not_overlap_merge_without_asking(server: Server, tmp_path: Path) -> None:
    coordinator, cid, host, hid, uid = _two(server, tmp_path)
    _edit_item(coordinator, cid, uid, "a1", title="Välkommen och presentation")
    _edit_item(host, hid, uid, "a3", notes="Inga övriga frågor.")
    host.save_meeting(replace(_meeting(host, hid, uid), place="Rådhuset, Lidköping"))
    run_sync(coordinator, cid, "x")
    report = run_sync(host, hid, "x")
    assert report.conflicts == [] and report.merged == 1
    run_sync(coordinator, cid, "x")
    for store, nid in ((coordinator, cid), (host, hid)):
        meeting = _meeting(store, nid, uid)
        assert meeting.item("a1").title == "Välkommen och presentation"
        assert meeting.item("a3").notes == "Inga övriga frågor."
        assert meeting.place == "Rådhuset, Lidköping"
    assert view(host, hid) == view(coordinator, cid)


@pytest.mark.parametrize("keep", ["mine", "theirs"])
def test_the_same_title_edited_on_both_sides_keeps_both_and_asks(
    server: Server, tmp_path: Path, keep: str
) -> None:
    coordinator, cid, host, hid, uid = _two(server, tmp_path)
    _edit_item(coordinator, cid, uid, "a2", title="Antagning 2028: beslut")
    _edit_item(host, hid, uid, "a2", title="Antagning 2028: diskussion")
    run_sync(coordinator, cid, "x")
    report = run_sync(host, hid, "x")
    assert report.conflicts == [uid]
    [conflict] = conflicts(host, hid)
    assert conflict.fields == (
        ("agenda/a2/title", "Antagning 2028: diskussion", "Antagning 2028: beslut"),
    )
    # Both versions are kept: the host's here, the coordinator's on the server.
    assert _meeting(host, hid, uid).item("a2").title == "Antagning 2028: diskussion"
    run_sync(host, hid, "x")
    run_sync(coordinator, cid, "x")
    assert _meeting(coordinator, cid, uid).item("a2").title == "Antagning 2028: beslut"

    resolve(host, hid, uid, keep, ExportConversions(host), now_utc())
    assert conflicts(host, hid) == []
    run_sync(host, hid, "x")
    run_sync(coordinator, cid, "x")
    wanted = "Antagning 2028: diskussion" if keep == "mine" else "Antagning 2028: beslut"
    for store, nid in ((coordinator, cid), (host, hid)):
        assert _meeting(store, nid, uid).item("a2").title == wanted
    assert view(host, hid) == view(coordinator, cid)


def test_a_412_on_push_merges_and_sends_again(radicale: Server, tmp_path: Path) -> None:
    coordinator, cid, host, hid, uid = _two(radicale, tmp_path)
    _edit_item(coordinator, cid, uid, "a1", title="Välkommen")
    run_sync(coordinator, cid, "x")
    _edit_item(host, hid, uid, "a3", title="Övrigt")
    # Push without pulling first: the server's version is newer than the host's base.
    from quorum.store.dav import DavAccount
    from quorum.store.sync import SyncEngine
    from quorum.store.sync_state import link

    value = link(host, hid)
    account = DavAccount(value.url, value.user, "x")
    engine = SyncEngine(
        host,
        hid,
        account.collection(value.calendar_url, "calendar"),
        account.collection(value.addressbook_url, "addressbook"),
        ExportConversions(host),
        now_utc,
    )
    report = engine.run(pull=False)
    assert report.merged == 1 and report.conflicts == []
    run_sync(coordinator, cid, "x")
    for store, nid in ((coordinator, cid), (host, hid)):
        meeting = _meeting(store, nid, uid)
        assert (meeting.item("a1").title, meeting.item("a3").title) == ("Välkommen", "Övrigt")


def test_without_sync_tokens_the_ctag_and_etags_find_the_changes(
    server: Server, tmp_path: Path
) -> None:
    from quorum.store.sync_state import link, save_link

    coordinator, cid, host, hid, uid = _two(server, tmp_path)

    def etags_only() -> None:  # as on a server without RFC 6578
        value = link(coordinator, cid)
        value.tokens = {k: "etags:" for k in ("calendar", "addressbook")}
        save_link(coordinator, value)

    etags_only()
    assert run_sync(coordinator, cid, "x").pulled == 0
    _edit_item(host, hid, uid, "a1", title="Ändrad hos värden")
    run_sync(host, hid, "x")
    assert link(coordinator, cid).tokens["calendar"].startswith("etags:")
    report = run_sync(coordinator, cid, "x")
    assert report.pulled == 1
    assert _meeting(coordinator, cid, uid).item("a1").title == "Ändrad hos värden"
    host.delete_meeting(_meeting(host, hid, uid).id)
    run_sync(host, hid, "x")
    etags_only()
    report = run_sync(coordinator, cid, "x")
    assert report.deleted_here == 1
    assert all(m.uid != uid for m in coordinator.meetings(cid))
    assert view(host, hid) == view(coordinator, cid)
