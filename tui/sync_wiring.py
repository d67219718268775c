"""Wires the sync engine (store/) to exports' conversions and a server account.

The one place that knows all three: the engine (:mod:`quorum.store.sync`), the
pure conversions records <-> iCalendar/vCard (:mod:`quorum.exports.dav_objects`,
:mod:`quorum.exports.vcard`, :mod:`quorum.exports.minutes`) and the CalDAV/CardDAV
account (:mod:`quorum.store.dav`). The CLI and the app both use it, so it loads
no Textual.

Also here: setting a network up on a server, joining one from a server, and
the password (``QUORUM_SYNC_PASSWORD``, or asked on a terminal; never stored).
"""

from __future__ import annotations

import contextlib
import getpass
import os
import sys
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit, urlunsplit

from quorum.exports import dav_objects, vcard
from quorum.exports.context import build_context
from quorum.exports.minutes import minutes_text
from quorum.store.dav import DavAccount, SyncError, collection_slug
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.organiser import invite_organiser
from quorum.store.records import ActionItem, Meeting, Network, Organisation, Person, Role
from quorum.store.store import Store
from quorum.store.sync import Progress, SyncEngine, SyncReport, new_uid
from quorum.store.sync_file import FileCollection, read_archive, write_archive
from quorum.store.sync_state import Link, forget_server, link, linked, save_link
from quorum.store.wording import formal_text

PASSWORD_ENV = "QUORUM_SYNC_PASSWORD"


class ExportConversions:
    """exports/' pure conversions, in the shape the engine asks for. The store gives
    what a conversion needs beyond the record (the organisations, for the organiser)."""

    def __init__(self, store: Store) -> None:
        self.store = store

    def event(
        self, meeting: Meeting, network: Network, people: dict[str, Person], now: datetime
    ) -> bytes:
        # The same rule as the invites (store/organiser.py): the host's contact, else
        # the coordinator, else the chair.
        organiser = invite_organiser(meeting, network, people, self.store.organisations())
        return dav_objects.event(meeting, network, people, organiser, now)

    def todo(
        self,
        meeting: Meeting,
        item_id: str,
        action: ActionItem,
        owner: Person | None,
        now: datetime,
        position: int = 0,
    ) -> bytes:
        item = next(i for i in meeting.agenda if i.id == item_id)
        return dav_objects.todo(meeting, item, action, owner, now, position)

    def journal(self, meeting: Meeting, title: str, text: str, now: datetime) -> bytes:
        return dav_objects.journal(meeting, title, text, now)

    def minutes(self, store: Store, meeting: Meeting) -> tuple[str, str]:
        """The public text of the minutes (no e-mail addresses or phone numbers)."""
        network = store.network(meeting.network_id)
        ctx = build_context(
            meeting,
            network,
            store.people(),
            store.organisations(),
            store.meetings(meeting.network_id),
            redact_contacts=True,
        )
        title = formal_text(
            "sync.minutes_title", meeting.formality, meeting.language, title=meeting.title
        )
        return title, minutes_text(ctx)

    def person_card(
        self, person: Person, org: Organisation | None, role: Role, share: dict[str, bool]
    ) -> bytes:
        return vcard.person_card(
            person, org, role, share.get("email", True), share.get("phone", True)
        )

    def organisation_card(self, org: Organisation) -> bytes:
        return vcard.organisation_card(org)

    def network_card(self, network: Network) -> bytes:
        return vcard.network_card(network)

    def read_calendar_object(self, data: str) -> Any:
        return dav_objects.read_calendar_object(data)

    def read_card(self, data: str) -> Any:
        return vcard.read_card(data)


def password(interactive: bool | None = None) -> str:
    """``QUORUM_SYNC_PASSWORD``, or asked for on a terminal; never stored."""
    value = os.environ.get(PASSWORD_ENV)
    if value is not None:
        return value
    if interactive is None:
        interactive = sys.stdin is not None and sys.stdin.isatty()
    if not interactive:
        raise QuorumError("sync.no_password", env=PASSWORD_ENV)
    try:
        return getpass.getpass(t("sync.password_prompt"))
    except (EOFError, OSError):
        raise QuorumError("sync.no_password", env=PASSWORD_ENV) from None


def now_utc() -> datetime:
    return datetime.now(UTC)


def setup(store: Store, network_id: str, url: str, user: str, secret: str) -> Link:
    """Connect a network to the account: find its calendar and address book, or create them."""
    network = store.network(network_id)
    account = DavAccount(url, user, secret)
    try:
        slug = collection_slug(network.name)
        calendar = _find(account.calendars(), slug)
        addressbook = _find(account.addressbooks(), slug)
        calendar = calendar or account.make_calendar(slug, network.name)
        addressbook = addressbook or account.make_addressbook(slug, network.name)
    finally:
        account.close()
    try:
        before: Link | None = link(store, network_id)
    except QuorumError:
        before = None
    uid = before.network_uid if before is not None else new_uid()
    value = Link(network_id, url, user, calendar, addressbook, uid)
    with store.batch():
        if before is not None and (before.calendar_url, before.addressbook_url) != (
            calendar,
            addressbook,
        ):
            # Another server (or a network file until now): the UIDs stay, what we knew
            # about the old place goes; the first sync there compares afresh.
            forget_server(store, network_id)
            value.tokens = {}
        save_link(store, value)
    return value


def _find(found: list[tuple[str, str]], slug: str) -> str | None:
    for url, _name in found:
        segment = urlsplit(url).path.rstrip("/").rpartition("/")[2]
        if segment == slug or segment.startswith((slug + "-roster", slug + "_")):
            return url
    return None


def join(
    store: Store, url: str, user: str, secret: str, name: str | None, progress: Progress | None
) -> tuple[Network, SyncReport]:
    """Create a network here from the one on the server, and sync it."""
    account = DavAccount(url, user, secret)
    try:
        calendars = account.calendars()
        addressbooks = account.addressbooks()
    finally:
        account.close()
    if name:
        slug = collection_slug(name)
        calendars = [c for c in calendars if _find([c], slug)]
    if not calendars:
        raise QuorumError("sync.join_none", url=url)
    for value in linked(store):
        if value.calendar_url in {u for u, _ in calendars}:
            network = store.network(value.network_id)
            raise QuorumError("sync.join_already", network=network.name)
    if len(calendars) > 1:
        names = ", ".join(n or urlsplit(u).path for u, n in calendars)
        raise QuorumError("sync.join_many", names=names)
    calendar, title = calendars[0]
    slug = urlsplit(calendar).path.rstrip("/").rpartition("/")[2].split("_")[0]
    addressbook = _find(addressbooks, slug)
    if addressbook is None:
        raise QuorumError("sync.join_none", url=url)
    # The network's own card holds its UID and settings; until it is read the
    # network exists here with the calendar's name.
    network = store.add_network(name=title or slug)
    value = Link(network.id, url, user, calendar, addressbook, "")
    report = _first_pull(store, value, secret, progress)
    return store.network(network.id), report


def _first_pull(store: Store, value: Link, secret: str, progress: Progress | None) -> SyncReport:
    account = DavAccount(value.url, value.user, secret)
    try:
        addressbook = account.collection(value.addressbook_url, "addressbook")
        changes = addressbook.changes(None)
        found = addressbook.fetch(list(changes.changed))
        for data, _etag in found.values():
            try:
                card = vcard.read_card(data)
            except ValueError:
                continue
            if card.kind == "network":
                value.network_uid = card.uid
                break
        if not value.network_uid:
            raise QuorumError("sync.join_none", url=value.url)
        save_link(store, value)
        engine = SyncEngine(
            store,
            value.network_id,
            account.collection(value.calendar_url, "calendar"),
            addressbook,
            ExportConversions(store),
            now_utc,
            progress,
            link_state=value,
            adopt_remote=True,
        )
        return engine.run()
    finally:
        account.close()


def run_sync(
    store: Store, network_id: str, secret: str, progress: Progress | None = None
) -> SyncReport:
    value = link(store, network_id)
    if not value.url:
        raise QuorumError("sync.not_linked", network=store.network(network_id).name)
    account = DavAccount(value.url, value.user, secret)
    try:
        engine = SyncEngine(
            store,
            network_id,
            account.collection(value.calendar_url, "calendar"),
            account.collection(value.addressbook_url, "addressbook"),
            ExportConversions(store),
            now_utc,
            progress,
            link_state=value,
        )
        return engine.run()
    finally:
        account.close()


def _file_link(store: Store, network_id: str) -> Link:
    try:
        return link(store, network_id)
    except QuorumError:
        value = Link(network_id, "", "", "", "", new_uid())
        save_link(store, value)
        return value


def export_network(store: Store, network_id: str, path: Path) -> int:
    """The network as one file (roster, meetings, actions, minutes): objects as on a server."""
    value = _file_link(store, network_id)
    calendar, addressbook = FileCollection("calendar"), FileCollection("addressbook")
    engine = SyncEngine(
        store,
        network_id,
        calendar,
        addressbook,
        ExportConversions(store),
        now_utc,
        link_state=value,
    )
    written = engine.export_all(record=not value.url)
    write_archive(path, calendar, addressbook)
    return written


def import_network(
    store: Store, path: Path, progress: Progress | None = None
) -> tuple[Network, SyncReport]:
    """Merge a network file into this installation by the rules of the sync."""
    calendar, addressbook = read_archive(path)
    uid = ""
    for data in addressbook.objects.values():
        with contextlib.suppress(ValueError):
            card = vcard.read_card(data)
            if card.kind == "network":
                uid = card.uid
                break
    if not uid:
        raise QuorumError("sync.file_invalid", path=str(path))
    found = next((v for v in linked(store) if v.network_uid == uid), None)
    if found is not None and found.url:
        raise QuorumError("sync.import_linked", network=store.network(found.network_id).name)
    adopt = found is None
    if found is None:
        network = store.add_network(name=path.stem)
        found = Link(network.id, "", "", "", "", uid)
        save_link(store, found)
    engine = SyncEngine(
        store,
        found.network_id,
        calendar,
        addressbook,
        ExportConversions(store),
        now_utc,
        progress,
        link_state=found,
        adopt_remote=adopt,
    )
    report = engine.run(push=False)
    return store.network(found.network_id), report


def feed_links(value: Link) -> dict[str, str]:
    """The calendar's subscription address (CalDAV) and a read-only .ics feed."""
    parts = urlsplit(value.calendar_url)
    feed = value.calendar_url
    if "/remote.php/dav/" in parts.path:  # Nextcloud (Sunet Drive): ?export gives the .ics
        feed = value.calendar_url.rstrip("/") + "?export"
    webcal = urlunsplit(("webcal", *parts[1:]))
    return {"caldav": value.calendar_url, "ics": feed, "webcal": webcal}


__all__ = [
    "PASSWORD_ENV",
    "ExportConversions",
    "SyncError",
    "export_network",
    "feed_links",
    "import_network",
    "join",
    "password",
    "run_sync",
    "setup",
]
