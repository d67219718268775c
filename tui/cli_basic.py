"""``quorum demo``, ``quorum list`` and ``quorum restore``."""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import Any

from quorum.store.i18n import t
from quorum.store.when import clock_span, short_when
from quorum.store.wording import meeting_status
from quorum.tui.cli_context import CliContext
from quorum.tui.cli_terminal import CELL_LIMIT, json_text, printable


def demo(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.store.demo import build_demo
    from quorum.store.fresh import write_new

    # Built beside the file and renamed into place: an interrupted run leaves nothing.
    written = write_new(ctx.db_path, build_demo)
    ctx.say("cli.demo_written", path=str(written))
    return 0


def restore(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.store.recovery import restore as restore_database

    done = restore_database(ctx.db_path, force=args.force)
    for key, params in done.sentences():
        ctx.say(key, **params)
    return 0


def list_records(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network) if args.network else None
        rows = {
            "networks": _networks,
            "meetings": _meetings,
            "people": _people,
        }[args.what](store, network.id if network else None)
    if args.json:
        ctx.raw_out.write(json_text(rows) + "\n")  # every string escaped where it must be
        return 0
    if not rows:
        ctx.out.write(t(f"cli.no_{args.what}") + "\n")
        return 0
    _print_table(ctx, rows, _COLUMNS[args.what])
    return 0


_COLUMNS = {
    "networks": [
        ("id", "col.id"),
        ("name", "col.name"),
        ("meetings", "col.meetings"),
        ("next_meeting", "col.next"),
    ],
    "meetings": [
        ("id", "col.id"),
        ("date", "col.date"),
        ("time", "col.time"),
        ("status_text", "col.status"),
        ("network", "col.network"),
        ("title", "col.title"),
        ("host", "col.host"),
    ],
    "people": [
        ("id", "col.id"),
        ("name", "col.name"),
        ("organisation", "col.organisation"),
        ("email", "col.email"),
        ("role", "col.role"),
    ],
}


def _print_table(
    ctx: CliContext, rows: list[dict[str, Any]], columns: list[tuple[str, str]]
) -> None:
    heads = [t(key) for _, key in columns]
    cells = [[printable(_cell(field, r), CELL_LIMIT) for field, _ in columns] for r in rows]
    widths = [max(len(h), *(len(c[i]) for c in cells)) for i, h in enumerate(heads)]
    line = "  ".join(h.ljust(w) for h, w in zip(heads, widths, strict=True))
    ctx.out.write(line.rstrip() + "\n")
    for c in cells:
        ctx.out.write("  ".join(v.ljust(w) for v, w in zip(c, widths, strict=True)).rstrip() + "\n")


def _cell(field: str, row: dict[str, Any]) -> str:
    """A value as a person reads it in the current language; ``--json`` keeps the value
    itself (ISO times, role and status codes)."""
    value = row.get(field)
    if field == "next_meeting":
        return short_when(datetime.fromisoformat(value)) if value else ""
    if field == "time":
        return clock_span(datetime.fromisoformat(row["start"]), datetime.fromisoformat(row["end"]))
    if field == "role":
        return t(f"role.{value}") if value else ""
    return str(value or "")


def _networks(store: Any, network_id: str | None) -> list[dict[str, Any]]:
    rows = []
    for n in store.networks():
        if network_id and n.id != network_id:
            continue
        # Summaries: counting a network's meetings parses none of them.
        meetings = store.summaries(n.id)
        upcoming = [
            m for m in meetings if m.status != "cancelled" and m.ends.timestamp() >= _now_ts()
        ]
        rows.append(
            {
                "id": n.id,
                "name": n.name,
                "organiser": n.organiser,
                "tz": n.tz,
                "language": n.language,
                "weekday": n.weekday,
                "min_meetings": n.min_meetings,
                "meetings": len(meetings),
                "next_meeting": upcoming[0].start if upcoming else None,
            }
        )
    return rows


def _meetings(store: Any, network_id: str | None) -> list[dict[str, Any]]:
    names = {n.id: n.name for n in store.networks()}
    orgs = {o.id: o.name for o in store.organisations()}
    return [
        {
            "id": m.id,
            "network_id": m.network_id,
            "network": names.get(m.network_id, ""),
            "title": m.title,
            "start": m.start.isoformat(),
            "end": m.end.isoformat(),
            "date": m.day.isoformat(),
            "time": f"{m.start:%H:%M}–{m.end:%H:%M}",
            "place": m.place,
            "status": m.status.value,
            "status_text": meeting_status(m),
            "host": orgs.get(m.host_org_id or "", ""),
            "agenda_items": len(m.agenda),
            "invitees": len(m.attendance),
            "uid": m.uid,
            "sequence": m.sequence,
        }
        # One at a time: a long archive is listed without holding every meeting.
        for m in (store.meeting(s.id) for s in store.summaries(network_id))
    ]


def _people(store: Any, network_id: str | None) -> list[dict[str, Any]]:
    orgs = {o.id: o.name for o in store.organisations()}
    rows = []
    for p in store.people(network_id):
        role = (
            p.role_in(network_id)
            if network_id
            else (p.memberships[0].role if p.memberships else None)
        )
        rows.append(
            {
                "id": p.id,
                "name": p.name,
                "email": p.email,
                "phone": p.phone,
                "title": p.title,
                "organisation": orgs.get(p.org_id or "", ""),
                "org_id": p.org_id,
                "role": role.value if role else None,
                "networks": [m.network_id for m in p.memberships],
                "active": p.active,
            }
        )
    return rows


def _now_ts() -> float:
    import time

    return time.time()
