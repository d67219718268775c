"""The realistic network of ``conftest_docs`` in a real Store, its people members (all
but the university's lecturer, who is a guest of the network)."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from quorum.exports.archive import approved_version
from quorum.store import live
from quorum.store.gather import meeting_records
from quorum.store.records import Meeting, Membership, MinutesVersion, Role, replace
from quorum.store.store import Store
from tests.exports import conftest_docs as docs

GUEST_ID = "8"  # Per Holm, Lunds universitet


def archive_store(path: Path, omit_guests: bool = False) -> Store:
    store = Store.open(path)
    with store.batch():
        store.save(replace(docs.NETWORK, public_omits_guests=omit_guests))
        for org in docs.ORGS:
            store.save(org)
        for person in docs.PEOPLE:
            role = Role.GUEST if person.id == GUEST_ID else Role.MEMBER
            store.save(replace(person, memberships=(Membership("1", role),)))
        store.save(docs._earlier())
        store.save(docs.march_meeting())  # drafted, not yet approved
        store.save(docs.next_meeting())
    return store


def approve_all(store: Store, meeting: Meeting, on: date) -> tuple[Meeting, MinutesVersion]:
    """Every adjuster approves; the last approval freezes a version, as the review does."""
    for pid in meeting.adjuster_ids:
        meeting = live.approve(meeting, store.person(pid).name, on)
    fixed, fields = approved_version(meeting_records(store, meeting), meeting)
    version = store.save_approval(fixed, fields)
    return fixed, version
