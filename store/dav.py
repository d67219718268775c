"""The server side of a network: its calendar and address book over CalDAV/CardDAV.

Every request goes through the ``caldav`` library's :class:`DAVClient`
(authentication, sessions, redirects, XML building and parsing): CalDAV
discovery and calendar creation are caldav's own; for the address book, which
caldav does not model, we send the same WebDAV requests (PROPFIND, REPORT
sync-collection, extended MKCOL, GET, PUT, DELETE) through that client with
caldav's XML elements. No HTTP or XML is written by hand here.

It lives in ``store/`` because it is persistence — a second place the
network's records are kept — and it imports neither Textual nor TinyDB. The
sync engine (:mod:`quorum.store.sync`) takes a :class:`DavCollection` per
collection, or anything with the same methods (a file in tests and for
``quorum export network``).

Errors become one :class:`SyncError` sentence (server unreachable, wrong
password, forbidden, server error); a 412 on a conditional PUT or DELETE is
:class:`PreconditionFailed`, which the engine answers with a merge.
"""

from __future__ import annotations

import contextlib
import logging
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote, urljoin, urlsplit

from caldav.davclient import DAVClient
from caldav.elements import cdav, dav
from caldav.elements.base import BaseElement, ValuedBaseElement
from caldav.lib import error as dav_error
from lxml import etree

from quorum.store.errors import QuorumError

__all__ = [
    "Changes",
    "DavAccount",
    "DavCollection",
    "PreconditionFailed",
    "SyncError",
    "collection_slug",
]

_CARDDAV = "urn:ietf:params:xml:ns:carddav"
PREFIX = "quorum-"
ROSTER_SUFFIX = "-roster"  # the address book's segment: on Radicale both share one home

# caldav logs its observations of servers as warnings; the CLI's stderr is for
# the user's one sentence, so they go nowhere unless a caller configures logging.
logging.getLogger("caldav").addHandler(logging.NullHandler())
logging.getLogger("caldav").propagate = False


class SyncError(QuorumError):
    """The server could not be used: unreachable, refused, or broken. Nothing local changed."""


class PreconditionFailed(Exception):
    """412: the object on the server is not the version we last saw (or already exists)."""


class _AddressbookHomeSet(BaseElement):
    tag = f"{{{_CARDDAV}}}addressbook-home-set"


class _Addressbook(BaseElement):
    tag = f"{{{_CARDDAV}}}addressbook"


class _AddressbookDescription(ValuedBaseElement):
    tag = f"{{{_CARDDAV}}}addressbook-description"


class _GetCTag(ValuedBaseElement):
    tag = "{http://calendarserver.org/ns/}getctag"


def _tree(parent: BaseElement, *children: BaseElement) -> BaseElement:
    """``parent`` holding ``children`` (caldav's element algebra, typed)."""
    for child in children:
        parent = parent + child
    return parent


def _xml(root: BaseElement) -> str:
    data: bytes = etree.tostring(root.xmlelement(), encoding="utf-8", xml_declaration=True)
    return data.decode("utf-8")


def collection_slug(name: str) -> str:
    """``quorum-<name in ASCII>``: the path segment of a network's collections."""
    table = str.maketrans("åäöÅÄÖéÉüÜ", "aaoAAOeEuU")
    slug = re.sub(r"[^a-z0-9]+", "-", name.translate(table).lower()).strip("-")
    return PREFIX + (slug[:40] or "network")


@contextlib.contextmanager
def _errors(url: str) -> Iterator[None]:
    host = urlsplit(url).netloc or url
    try:
        yield
    except dav_error.AuthorizationError as err:
        if err.status == 403:
            raise SyncError("sync.error_forbidden", url=url) from None
        raise SyncError("sync.error_auth", host=host) from None
    except (dav_error.NotFoundError, dav_error.PropfindError) as err:
        raise SyncError("sync.error_server", host=host, detail=_short(err)) from None
    except dav_error.DAVError as err:
        raise SyncError("sync.error_server", host=host, detail=_short(err)) from None
    except OSError:  # requests/niquests' connection errors are OSErrors
        raise SyncError("sync.error_unreachable", host=host) from None


def _short(err: Exception) -> str:
    text = " ".join(str(err).split())
    return text[:120]


def _check(response: Any, url: str, *ok: int) -> None:
    status = response.status
    if status in ok:
        return
    host = urlsplit(url).netloc
    if status == 412:
        raise PreconditionFailed(url)
    if status == 401:
        raise SyncError("sync.error_auth", host=host)
    if status == 403:
        raise SyncError("sync.error_forbidden", url=url)
    raise SyncError("sync.error_server", host=host, detail=f"{status} {response.reason}")


def _etag(headers: Any) -> str | None:
    value = headers.get("ETag") if headers is not None else None
    return str(value) if value else None


@dataclass
class Changes:
    """What changed in a collection since ``token``: href -> ETag, removed hrefs.

    ``full`` means the server could not answer incrementally and ``changed``
    lists every member: the caller treats the hrefs it knows but does not
    see as removed.
    """

    token: str | None
    changed: dict[str, str | None] = field(default_factory=dict)
    deleted: list[str] = field(default_factory=list)
    full: bool = False
    reset: bool = False  # the server no longer knew our sync token


class DavCollection:
    """One collection (the network's calendar or address book) on the server."""

    def __init__(self, client: DAVClient, url: str, kind: str) -> None:
        self.client = client
        self.url = url if url.endswith("/") else url + "/"
        self.kind = kind  # "calendar" | "addressbook"
        self.content_type = (
            "text/calendar; charset=utf-8" if kind == "calendar" else "text/vcard; charset=utf-8"
        )
        self.suffix = ".ics" if kind == "calendar" else ".vcf"

    def href_for(self, uid: str) -> str:
        """The path an object of this UID is created at: the same on every installation,
        so two that create it at once (or one re-running after a crash) meet in a 412."""
        name = re.sub(r"[^A-Za-z0-9._-]", "-", uid)[:100]
        return urlsplit(urljoin(self.url, name + self.suffix)).path

    def _abs(self, href: str) -> str:
        return urljoin(self.url, href)

    def changes(self, token: str | None) -> Changes:
        """Incremental changes (RFC 6578 sync-collection), or every member's ETag."""
        if token is not None and token.startswith("etags:"):
            return self._listing(token)
        with _errors(self.url):
            try:
                return self._sync_collection(token)
            except (dav_error.DAVError, dav_error.ReportError, _Unsupported):
                return self._listing()

    def _sync_collection(self, token: str | None) -> Changes:
        result = Changes(token=token)
        for _page in range(100):
            body = self.client._build_sync_collection_body(
                sync_token=result.token, props=["getetag"]
            )
            response = self.client.report(self.url, body.decode("utf-8"), depth=1)
            if response.status in (403, 409, 412, 400, 501):
                if token is None or response.status == 501:
                    raise _Unsupported()
                fresh = self._sync_collection(None)  # token no longer valid: start over
                fresh.reset = True
                return fresh
            _check(response, self.url, 207)
            parsed = response.parse_sync_collection()
            for item in parsed.changed:
                if self._is_member(item.href):
                    result.changed[self._path(item.href)] = item.etag
            for href in parsed.deleted:
                path = self._path(href)
                result.changed.pop(path, None)
                result.deleted.append(path)
            new = parsed.sync_token
            if not parsed.truncated or not new or new == result.token:
                result.token = new or result.token
                break
            result.token = new
        if result.token is None:
            raise _Unsupported()
        result.full = token is None
        return result

    def _ctag(self) -> str:
        """The collection's CTag (calendarserver.org), "" where the server has none."""
        response = self.client.propfind(
            self.url, _xml(_tree(dav.Propfind(), _tree(dav.Prop(), _GetCTag()))), depth=0
        )
        if response.status != 207:
            return ""
        for result in response.parse_propfind():
            value = result.properties.get(_GetCTag.tag)
            if value:
                return str(value)
        return ""

    def _listing(self, token: str | None = None) -> Changes:
        """For servers without sync tokens: nothing when the collection's CTag is the one
        of the last sync, else every member and its ETag (a depth-1 PROPFIND)."""
        with _errors(self.url):
            ctag = self._ctag()
        if ctag and token == "etags:" + ctag:
            return Changes(token=token)
        body = etree.tostring((dav.Propfind() + (dav.Prop() + dav.GetEtag())).xmlelement())
        with _errors(self.url):
            response = self.client.propfind(self.url, body.decode("utf-8"), depth=1)
            _check(response, self.url, 207)
            changed = {
                self._path(r.href): r.properties.get(dav.GetEtag.tag)
                for r in response.parse_propfind()
                if self._is_member(r.href) and r.status == 200
            }
        return Changes(token="etags:" + ctag, changed=changed, full=True)

    def _path(self, href: str) -> str:
        return unquote(urlsplit(self._abs(href)).path)

    def _is_member(self, href: str) -> bool:
        path = self._path(href)
        return path.rstrip("/") != unquote(urlsplit(self.url).path).rstrip("/")

    def fetch(self, hrefs: list[str]) -> dict[str, tuple[str, str | None]]:
        """The data and ETag of each href (missing ones are left out)."""
        found: dict[str, tuple[str, str | None]] = {}
        if not hrefs:
            return found
        with _errors(self.url):
            if self.kind == "calendar":
                found.update(self._multiget(hrefs))
            for href in hrefs:
                if href in found:
                    continue
                accept = {"Accept": self.content_type.partition(";")[0]}
                response = self.client.request(self._abs(href), "GET", "", accept)
                if response.status == 404:
                    continue
                _check(response, self.url, 200)
                raw = response._raw
                text = raw.decode("utf-8") if isinstance(raw, bytes) else str(raw)
                found[href] = (text, _etag(response.headers))
        return found

    def _multiget(self, hrefs: list[str]) -> dict[str, tuple[str, str | None]]:
        found: dict[str, tuple[str, str | None]] = {}
        for start in range(0, len(hrefs), 200):
            chunk = hrefs[start : start + 200]
            prop = _tree(dav.Prop(), dav.GetEtag(), cdav.CalendarData())
            root = _tree(cdav.CalendarMultiGet(), prop, *(dav.Href(value=h) for h in chunk))
            response = self.client.report(self.url, _xml(root), depth=1)
            if response.status != 207:
                return found  # the caller GETs one by one
            for result in response.parse_calendar_query():
                if result.status == 200 and result.calendar_data:
                    found[self._path(result.href)] = (result.calendar_data, result.etag)
        return found

    def put(self, href: str, data: bytes, etag: str | None) -> str | None:
        """Create (``etag`` None: only if absent) or replace (only if still ``etag``).

        Returns the new ETag; raises :class:`PreconditionFailed` on a 412.
        """
        headers = {"Content-Type": self.content_type}
        if etag is None:
            headers["If-None-Match"] = "*"
        else:
            headers["If-Match"] = etag
        with _errors(self.url):
            response = self.client.put(self._abs(href), data.decode("utf-8"), headers)
            _check(response, self.url, 200, 201, 204)
            new = _etag(response.headers)
            if new is None:
                new = self._etag_of(href)
        return new

    def _etag_of(self, href: str) -> str | None:
        body = etree.tostring((dav.Propfind() + (dav.Prop() + dav.GetEtag())).xmlelement())
        response = self.client.propfind(self._abs(href), body.decode("utf-8"), depth=0)
        for result in response.parse_propfind():
            value = result.properties.get(dav.GetEtag.tag)
            if value:
                return str(value)
        return None

    def delete(self, href: str, etag: str | None) -> None:
        """Delete if still ``etag``; an object already gone is fine."""
        headers = {"If-Match": etag} if etag else {}
        with _errors(self.url):
            response = self.client.delete(self._abs(href), headers)
            _check(response, self.url, 200, 204, 404)


class _Unsupported(Exception):
    pass


class DavAccount:
    """An account on a CalDAV/CardDAV server: discovery and the network's collections."""

    def __init__(self, url: str, user: str, password: str, timeout: int = 30) -> None:
        self.url = url
        self.user = user
        with _errors(url):
            self.client = DAVClient(url=url, username=user, password=password, timeout=timeout)

    def close(self) -> None:
        with contextlib.suppress(Exception):
            self.client.close()

    def _principal(self) -> Any:
        with _errors(self.url):
            return self.client.principal()  # type: ignore[no-untyped-call]

    def calendar_home(self) -> str:
        principal = self._principal()
        with _errors(self.url):
            return str(principal.calendar_home_set.url)

    def addressbook_home(self) -> str:
        principal = self._principal()
        body = etree.tostring(
            (dav.Propfind() + (dav.Prop() + _AddressbookHomeSet())).xmlelement()
        ).decode("utf-8")
        with _errors(self.url):
            response = self.client.propfind(str(principal.url), body, depth=0)
            _check(response, self.url, 207)
            tree = response.tree
        if tree is not None:
            for href in tree.iter("{DAV:}href"):
                parent = href.getparent()
                if parent is not None and parent.tag == _AddressbookHomeSet.tag and href.text:
                    return urljoin(str(principal.url), str(href.text).strip())
        # No CardDAV home announced: the principal's own collection.
        return str(principal.url)

    def _members(self, home: str) -> list[tuple[str, set[str], str]]:
        """(url, resource types, display name) of each collection under ``home``."""
        body = _xml(_tree(dav.Propfind(), _tree(dav.Prop(), dav.ResourceType(), dav.DisplayName())))
        with _errors(home):
            response = self.client.propfind(home, body, depth=1)
            _check(response, home, 207)
            tree = response.tree
        found: list[tuple[str, set[str], str]] = []
        if tree is None:
            return found
        for node in tree.iter("{DAV:}response"):
            href = node.findtext("{DAV:}href") or ""
            types = {child.tag for rt in node.iter("{DAV:}resourcetype") for child in rt}
            name = next((d.text or "" for d in node.iter("{DAV:}displayname")), "")
            url = urljoin(home, href)
            if url.rstrip("/") != home.rstrip("/"):
                found.append((url, types, name))
        return found

    def calendars(self) -> list[tuple[str, str]]:
        """(url, display name) of the account's quorum calendars."""
        return [
            (url, name)
            for url, types, name in self._members(self.calendar_home())
            if cdav.Calendar.tag in types and _segment(url).startswith(PREFIX)
        ]

    def addressbooks(self) -> list[tuple[str, str]]:
        return [
            (url, name)
            for url, types, name in self._members(self.addressbook_home())
            if _Addressbook.tag in types and _segment(url).startswith(PREFIX)
        ]

    def make_calendar(self, slug: str, name: str) -> str:
        home = self.calendar_home()
        with _errors(home):
            principal = self._principal()
            calendar = principal.make_calendar(
                name=name,
                cal_id=slug,
                supported_calendar_component_set=["VEVENT", "VTODO", "VJOURNAL"],
            )
            return str(calendar.url)

    def make_addressbook(self, slug: str, name: str) -> str:
        url = urljoin(self.addressbook_home(), slug + ROSTER_SUFFIX + "/")
        resource_type = _tree(dav.ResourceType(), dav.Collection(), _Addressbook())
        prop = _tree(dav.Prop(), resource_type, dav.DisplayName(name))
        body = _xml(_tree(dav.Mkcol(), _tree(dav.Set(), prop)))
        with _errors(url):
            response = self.client.mkcol(url, body)
            _check(response, url, 200, 201)
        return url

    def collection(self, url: str, kind: str) -> DavCollection:
        return DavCollection(self.client, url, kind)


def _segment(url: str) -> str:
    return unquote(urlsplit(url).path).rstrip("/").rpartition("/")[2]
