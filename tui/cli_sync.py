"""``quorum sync ...``, ``quorum export network`` and ``quorum import network``.

::

    quorum sync setup NETWORK --url URL --user USER   connect (find or create the collections)
    quorum sync join --url URL --user USER [--network NAME]   create the network from the server
    quorum sync NETWORK [--links]                     pull, merge, push; or show the addresses
    quorum sync resolve NETWORK CONFLICT --keep mine|theirs
    quorum sync share NETWORK PERSON [--email yes|no] [--phone yes|no]
    quorum export network NETWORK -o FILE             quorum import network FILE

The password comes from ``QUORUM_SYNC_PASSWORD`` or is asked for on a terminal.
"""

from __future__ import annotations

import argparse
from pathlib import Path
from typing import Any

from quorum.store.errors import NotFound, QuorumError
from quorum.store.i18n import t
from quorum.store.records import Person
from quorum.store.store import Store
from quorum.store.sync import SyncReport, resolve
from quorum.store.sync_state import Link, conflicts, entries, find_conflict, link, save_entry
from quorum.tui import sync_wiring as wiring

EXIT_USAGE = 2


def sync(args: argparse.Namespace, ctx: Any) -> int:
    words: list[str] = list(args.words)
    verb = words[0] if words else ""
    if verb == "setup" and len(words) == 2:
        return _setup(args, ctx, words[1])
    if verb == "join" and len(words) == 1:
        return _join(args, ctx)
    if verb == "resolve" and len(words) == 3:
        return _resolve(args, ctx, words[1], words[2])
    if verb == "share" and len(words) == 3:
        return _share(args, ctx, words[1], words[2])
    if len(words) == 1 and verb not in ("setup", "join", "resolve", "share"):
        return _run(args, ctx, words[0])
    ctx.say("sync.usage")
    return EXIT_USAGE


def _need(args: argparse.Namespace, ctx: Any, *names: str) -> bool:
    missing = [n for n in names if not getattr(args, n, None)]
    if missing:
        ctx.say("sync.option_missing", option="--" + missing[0])
        return False
    return True


def _setup(args: argparse.Namespace, ctx: Any, name: str) -> int:
    if not _need(args, ctx, "url", "user"):
        return EXIT_USAGE
    secret = wiring.password()
    with ctx.open_store() as store:
        network = store.find_network(name)
        value = wiring.setup(store, network.id, args.url, args.user, secret)
        report = wiring.run_sync(store, network.id, secret)
        print(t("sync.setup_done", network=network.name, url=value.calendar_url), file=ctx.out)
        _print_report(ctx, store, network.id, report)
    return 0


def _join(args: argparse.Namespace, ctx: Any) -> int:
    if not _need(args, ctx, "url", "user"):
        return EXIT_USAGE
    secret = wiring.password()
    with ctx.open_store() as store:
        network, report = wiring.join(store, args.url, args.user, secret, args.network, None)
        print(t("sync.joined", network=network.name, id=network.id), file=ctx.out)
        _print_report(ctx, store, network.id, report)
    return 0


def _run(args: argparse.Namespace, ctx: Any, name: str) -> int:
    if args.links:
        with ctx.open_store(readonly=True) as store:
            network = store.find_network(name)
            _print_links(ctx, link(store, network.id))
        return 0
    with ctx.open_store() as store:
        network = store.find_network(name)
        link(store, network.id)  # a network with no server says so before a password is asked
        secret = wiring.password()
        report = wiring.run_sync(store, network.id, secret)
        _print_report(ctx, store, network.id, report)
    return 0


def _print_links(ctx: Any, value: Link) -> None:
    if not value.url:
        raise QuorumError("sync.no_server")
    links = wiring.feed_links(value)
    print(t("sync.link_caldav", url=links["caldav"]), file=ctx.out)
    print(t("sync.link_webcal", url=links["webcal"]), file=ctx.out)
    print(t("sync.link_ics", url=links["ics"]), file=ctx.out)


def _print_report(ctx: Any, store: Store, network_id: str, report: SyncReport) -> None:
    print(
        report.sentence(),
        file=ctx.out,
    )
    found = conflicts(store, network_id)
    network = store.network(network_id)
    for n, conflict in enumerate(found, start=1):
        print(
            t("sync.conflict", n=n, kind=t(f"sync.kind.{conflict.kind}"), title=conflict.title),
            file=ctx.out,
        )
        for key, mine, theirs in conflict.fields:
            print(
                t("sync.conflict_field", field=key, mine=_show(mine), theirs=_show(theirs)),
                file=ctx.out,
            )
    if found:
        print(t("sync.conflict_hint", network=network.name), file=ctx.out)


def _show(value: Any) -> str:
    text = "–" if value is None else str(value)
    text = " ".join(text.split())
    return text if len(text) <= 60 else text[:57] + "..."


def _resolve(args: argparse.Namespace, ctx: Any, name: str, which: str) -> int:
    if args.keep not in ("mine", "theirs"):
        ctx.say("sync.option_missing", option="--keep mine|theirs")
        return EXIT_USAGE
    with ctx.open_store() as store:
        network = store.find_network(name)
        conflict = find_conflict(store, network.id, which)
        resolve(
            store,
            network.id,
            conflict.uid,
            args.keep,
            wiring.ExportConversions(store),
            wiring.now_utc(),
        )
        print(t(f"sync.resolved_{args.keep}", title=conflict.title), file=ctx.out)
    return 0


def _yes(value: str | None) -> bool | None:
    if value is None:
        return None
    if value.lower() in ("yes", "ja", "true", "1"):
        return True
    if value.lower() in ("no", "nej", "false", "0"):
        return False
    raise QuorumError("sync.yes_no", value=value)


def _share(args: argparse.Namespace, ctx: Any, name: str, who: str) -> int:
    with ctx.open_store() as store:
        network = store.find_network(name)
        person = _person(store, network.id, who)
        link(store, network.id)
        found = [
            e
            for e in entries(store, network.id).values()
            if e.local == person.id and e.kind == "person"
        ]
        if not found:
            raise QuorumError("sync.share_not_synced", name=person.name)
        entry = found[0]
        share = dict(entry.share or {"email": True, "phone": True})
        for key in ("email", "phone"):
            chosen = _yes(getattr(args, key))
            if chosen is not None:
                share[key] = chosen
        entry.share = share
        save_entry(store, entry)
        print(
            t(
                "sync.share_now",
                name=person.name,
                email=t(f"sync.yes.{share['email']}"),
                phone=t(f"sync.yes.{share['phone']}"),
            ),
            file=ctx.out,
        )
    return 0


def _person(store: Store, network_id: str, text: str) -> Person:
    """A member by id, e-mail address or (part of) the name."""
    wanted = text.strip().casefold()
    people = store.people(network_id)
    for rule in (
        lambda p: p.id == text.strip() or p.email.casefold() == wanted,
        lambda p: p.name.casefold() == wanted,
        lambda p: wanted in p.name.casefold(),
    ):
        found = [p for p in people if rule(p)]
        if len(found) == 1:
            return found[0]
        if len(found) > 1:
            raise NotFound("error.ambiguous", value=text, choices=", ".join(p.name for p in found))
    raise NotFound("error.not_found_person", value=text)


def export_network(args: argparse.Namespace, ctx: Any) -> int:
    target = Path(args.output).expanduser()
    if target.exists() and not args.force:
        ctx.say("sync.file_exists", path=str(target))
        return 1
    with ctx.open_store() as store:
        network = store.find_network(args.network)
        written = wiring.export_network(store, network.id, target)
        print(
            t("sync.exported", network=network.name, count=written, path=str(target)), file=ctx.out
        )
    return 0


def import_network(args: argparse.Namespace, ctx: Any) -> int:
    with ctx.open_store() as store:
        network, report = wiring.import_network(store, Path(args.file).expanduser())
        print(t("sync.imported", network=network.name, id=network.id), file=ctx.out)
        _print_report(ctx, store, network.id, report)
    return 0
