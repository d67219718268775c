"""``quorum plan``, ``quorum meeting new|set`` and ``quorum cancel``: the year and its
meetings from the command line, by the same rules as the year plan screen, the
new-meeting dialog and the meeting screen.
"""

from __future__ import annotations

import argparse
from datetime import date

from quorum.store.i18n import t
from quorum.store.records import Meeting, MeetingStatus
from quorum.store.wording import meeting_status
from quorum.tui.cli_context import CliContext


def _table(ctx: CliContext, heads: list[str], rows: list[list[str]]) -> None:
    widths = [max(len(h), *(len(r[i]) for r in rows)) for i, h in enumerate(heads)]
    for row in [heads, *rows]:
        ctx.out.write(
            "  ".join(c.ljust(w) for c, w in zip(row, widths, strict=True)).rstrip() + "\n"
        )


def plan(args: argparse.Namespace, ctx: CliContext) -> int:
    """The year's proposed dates with host, secretary and why each moved; ``--create``
    makes them meetings."""
    from quorum.store.new_meeting import create_meetings
    from quorum.store.plan_dates import propose_dates, week_label
    from quorum.store.rotation import assign_hosts

    today = date.today()
    with ctx.open_store(readonly=not args.create) as store:
        network = store.find_network(args.network)
        meetings = store.meetings(network.id)
        orgs = store.organisations()
        proposals = propose_dates(network, args.year, meetings, today)
        plan = assign_hosts(proposals, network, orgs, meetings)
        created: dict[date, str] = {}
        if args.create and plan:
            fields = create_meetings(plan, network, orgs, store.people(network.id))
            with store.batch():
                created = {m.day: m.id for m in (store.add_meeting(**f) for f in fields)}
    names = {o.id: o.name for o in orgs}
    rows: list[tuple[date, list[str]]] = []
    for m in meetings:
        if m.day.year == args.year:
            note = t("plancli.existing", status=meeting_status(m))
            rows.append(
                (
                    m.day,
                    [
                        m.id,
                        week_label(m.day),
                        _day(m.day),
                        names.get(m.host_org_id or "", ""),
                        "",
                        note,
                    ],
                )
            )
    for a in plan:
        p = a.proposal
        note = p.reason_text() or a.explanation_text()
        cells = [
            created.get(a.day, ""),
            week_label(a.day),
            _day(a.day),
            names.get(a.host_org_id or "", ""),
            names.get(a.secretary_org_id or "", ""),
            note,
        ]
        rows.append((a.day, cells))
    rows.sort(key=lambda r: r[0])
    heads = [t(f"plancli.col.{c}") for c in ("id", "week", "date", "host", "secretary", "note")]
    if rows:
        _table(ctx, heads, [cells for _, cells in rows])
    if not plan:
        live = sum(
            1 for m in meetings if m.day.year == args.year and m.status != MeetingStatus.CANCELLED
        )
        ctx.say("plancli.nothing", year=args.year, existing=live, minimum=network.min_meetings)
    elif args.create:
        ctx.say("plancli.created", total=len(created), year=args.year, network=network.name)
    else:
        ctx.say("plancli.hint", network=network.id, year=args.year)
    return 0


def _day(d: date) -> str:
    return f"{d.isoformat()} {t(f'weekday.{d.weekday()}')[:3]}"


def meeting_new(args: argparse.Namespace, ctx: CliContext) -> int:
    """A meeting on ``--date`` from the network's defaults, members invited; a date in
    a break or on a holiday is made as asked, with the reason said."""
    from quorum.store.field_values import parse_org
    from quorum.store.handover import draft_meeting
    from quorum.store.parse import parse_date
    from quorum.store.plan_dates import date_warnings
    from quorum.store.templates import network_template

    with ctx.open_store() as store:
        network = store.find_network(args.network)
        day = parse_date(args.date, date.today())
        host = parse_org(args.host, store.organisations(), "host") if args.host else None
        fields = draft_meeting(
            network,
            store.meetings(network.id),
            day,
            network_template(network, network.language),
            store.people(network.id),
        )
        fields["host_org_id"] = host.id if host else None
        meeting = store.add_meeting(**fields)
    ctx.out.write(meeting.id + "\n")
    for warning in date_warnings(day, network):
        ctx.say("plancli.warning", text=warning.text())
    ctx.say("plancli.meeting_created", title=meeting.title, date=day.isoformat(), id=meeting.id)
    return 0


def meeting_set(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.store.meeting_fields import apply_meeting_settings

    with ctx.open_store() as store:
        meeting = store.find_meeting(args.meeting)
        changed = apply_meeting_settings(
            meeting, args.assignments, store.people(), store.organisations()
        )
        if changed != meeting:
            store.save_meeting(changed)
    _said_saved(ctx, meeting, changed)
    return 0


def _said_saved(ctx: CliContext, before: Meeting, after: Meeting) -> None:
    if after == before:
        ctx.say("plancli.unchanged", title=after.title, date=after.day.isoformat())
        return
    ctx.say("plancli.meeting_saved", title=after.title, date=after.day.isoformat())
    if after.invite_outdated and not before.invite_outdated:
        ctx.say("plancli.invite_outdated", id=after.id)


def cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    """Cancel a meeting that has not been held (store.cancelling: the secretary before it
    follows the host after it); say how to tell the invitees."""
    from quorum.store.cancelling import cancel_in_store

    with ctx.open_store() as store:
        meeting = store.find_meeting(args.meeting)
        if meeting.status is MeetingStatus.CANCELLED:
            ctx.say("cancel.already", title=meeting.title, date=meeting.day.isoformat())
            return 0
        done = cancel_in_store(store, meeting.id)
        before = done.repointed
        secretary = store.person(before.secretary_id) if before and before.secretary_id else None
    ctx.say("cancel.done", title=meeting.title, date=meeting.day.isoformat())
    if before is not None and secretary is not None:
        ctx.say("flows.cancel.repointed", date=before.day.isoformat(), name=secretary.name)
    if meeting.sent_sequence is not None:
        ctx.say("cancel.tell_invitees", id=meeting.id)
    return 0
