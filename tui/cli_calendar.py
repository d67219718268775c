"""``quorum export invite|cancel|plan``, ``export mail invite`` and ``import reply``.

Exporting an invite (or its mail draft) or a cancellation records the SEQUENCE it
carried, so the next export knows whether anything changed. The file is written
first and the meeting saved after, so a failed write never records an invite nobody
got. An export never changes what a meeting is: ``export cancel`` writes the
cancellation of a meeting already cancelled (``quorum cancel``) and refuses any other.
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime
from pathlib import Path
from typing import TYPE_CHECKING

from quorum.store.cancelling import check_cancelled
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords, meeting_records
from quorum.store.i18n import current_language
from quorum.store.records import Meeting, MeetingStatus
from quorum.tui.cli_context import EXIT_ERROR, CliContext

if TYPE_CHECKING:
    from quorum.store.store import Store


def _records(store: Store, meeting_text: str) -> MeetingRecords:
    return meeting_records(store, store.find_meeting(meeting_text))


def _written(ctx: CliContext, path: str | None, meeting: Meeting) -> None:
    if path not in (None, "-"):
        ctx.say(
            "calendar.written",
            path=path,
            title=meeting.title,
            date=meeting.day.isoformat(),
            sequence=meeting.sequence + 1,  # people count versions from 1
        )


def _send_invite(args: argparse.Namespace, ctx: CliContext, as_mail: bool) -> int:
    from quorum.exports.ics import invite, mark_sent
    from quorum.exports.mail import invite_mail

    now = datetime.now(UTC)
    with ctx.open_store() as store:
        records = _records(store, args.meeting)
        meeting, network, people = records.meeting, records.network, records.people_by_id
        orgs = records.organisations
        if meeting.status is MeetingStatus.CANCELLED:
            raise QuorumError("error.ics_invite_cancelled", title=meeting.title)
        sent = mark_sent(meeting)
        data = invite(sent, network, people, None, now, lang=args.lang, organisations=orgs)
        if as_mail:
            data = invite_mail(
                sent, network, people, None, data, now, lang=args.lang, organisations=orgs
            )
        ctx.write_output(data, args.output)
        store.save_meeting(sent)
    _written(ctx, args.output, sent)
    return 0


def export_invite(args: argparse.Namespace, ctx: CliContext) -> int:
    return _send_invite(args, ctx, as_mail=False)


def export_mail_invite(args: argparse.Namespace, ctx: CliContext) -> int:
    return _send_invite(args, ctx, as_mail=True)


def export_cancel(args: argparse.Namespace, ctx: CliContext) -> int:
    """Write the METHOD:CANCEL that tells every invitee of a cancelled meeting. It never
    cancels by itself: a meeting not yet cancelled is refused with a sentence saying how."""
    from quorum.exports.ics import cancel, mark_sent

    with ctx.open_store() as store:
        records = _records(store, args.meeting)
        meeting = records.meeting
        check_cancelled(meeting)  # exporting never cancels (store.cancelling)
        sent = mark_sent(meeting)
        data = cancel(
            sent,
            records.network,
            records.people_by_id,
            None,
            datetime.now(UTC),
            lang=args.lang,
            organisations=records.organisations,
        )
        ctx.write_output(data, args.output)
        if sent != meeting:
            store.save_meeting(sent)  # the SEQUENCE it carried; the status is as it was
    _written(ctx, args.output, sent)
    return 0


def export_plan(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.exports.ics import year_plan

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        meetings = store.meetings(network.id)
        people = {p.id: p for p in store.people()}
        hosts = {o.id: o.name for o in store.organisations()}
    data = year_plan(
        network, meetings, people, None, args.year, datetime.now(UTC), lang=args.lang, hosts=hosts
    )
    ctx.write_output(data, args.output)
    if args.output not in (None, "-"):
        count = sum(1 for m in meetings if m.start.year == args.year)
        ctx.say("calendar.plan_written", path=args.output, count=count, year=args.year)
    return 0


def import_reply(args: argparse.Namespace, ctx: CliContext) -> int:
    """Apply each reply file (.ics, or the .eml it came in) on its own: one bad file is
    reported, the rest still count. A mail from someone else than the invitee changes
    nothing without ``--accept-unverified``."""
    from quorum.exports.replies import import_replies
    from quorum.tui.reply_files import read_replies

    files = read_replies(Path(name).expanduser() for name in args.files)
    lang = args.lang or current_language()
    with ctx.open_store() as store:
        people = {p.id: p for p in store.people()}
        outcomes, changed = import_replies(
            files,
            store.meetings(),
            people,
            lang,
            accept_unverified=args.accept_unverified,
            today=datetime.now().date(),  # a registration by calendar yes: up to its deadline
        )
        with store.batch():
            for meeting in changed.values():
                # Only the answers: nothing else of the meeting is touched.
                store.update_meeting(meeting.id, attendance=meeting.attendance)
    for outcome in outcomes:
        if outcome.applied:
            ctx.out.write(outcome.sentence + "\n")
        else:
            ctx.say("calendar.reply_failed", file=outcome.file, reason=outcome.sentence)
            if outcome.unverified:
                ctx.say("reply.accept_hint")
    return EXIT_ERROR if any(not o.applied for o in outcomes) else 0
