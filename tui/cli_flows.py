"""``quorum export mail publication|members`` and ``quorum send publication|members``.

Publication: the public version of approved minutes to the network's publication
address; the draft changes nothing, sending marks the meeting published once the
server has taken it. Members: the roster and the year's dates to the organising body.
Sending uses the network's SMTP settings and the password from their environment
variable, or asked for (``cli_docs.send_mail``).
"""

from __future__ import annotations

import argparse
from datetime import UTC, datetime

from quorum.store.errors import QuorumError
from quorum.tui.cli_context import EXIT_ERROR, CliContext
from quorum.tui.cli_docs import send_mail


def _publication(args: argparse.Namespace, ctx: CliContext, now: datetime) -> tuple[bytes, str]:
    """The publication mail of ``args.meeting`` and the meeting's id."""
    from quorum.exports.documents import minutes_sender
    from quorum.exports.publication import publication_mail
    from quorum.store.gather import meeting_records

    with ctx.open_store(readonly=True) as store:
        records = meeting_records(store, store.find_meeting(args.meeting))
    sender = minutes_sender(records.network, records.meeting, records.people_by_id)
    return publication_mail(records, sender, now), records.meeting.id


def export_mail_publication(args: argparse.Namespace, ctx: CliContext) -> int:
    data, _ = _publication(args, ctx, datetime.now(UTC))
    ctx.write_output(data, args.output)
    return 0


def send_publication(args: argparse.Namespace, ctx: CliContext) -> int:
    """Send the public version; the meeting is published once the address took it."""
    from quorum.store.live import publish

    data, meeting_id = _publication(args, ctx, datetime.now(UTC))
    with ctx.open_store() as store:
        meeting = store.meeting(meeting_id)
        network = store.network(meeting.network_id)
        report = send_mail(ctx, network, data)
        if not report.accepted:
            raise QuorumError("flows.publish.refused")
        store.update_meeting(meeting_id, status=publish(meeting).status)
    ctx.say("flows.publish.done", date=meeting.day.isoformat())
    return 0


def _members(args: argparse.Namespace, ctx: CliContext) -> tuple[bytes, str]:
    from quorum.exports.members_mail import (
        MembersMail,
        members_mail,
        network_sender,
        organiser_address,
    )

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        records = MembersMail(
            network,
            tuple(store.people()),
            tuple(store.organisations()),
            tuple(store.meetings(network.id)),
            args.year,
        )
    to = organiser_address(network, args.to or "")
    sender = network_sender(network, records.people)
    return members_mail(records, sender, to, datetime.now(UTC), lang=args.lang), network.id


def export_mail_members(args: argparse.Namespace, ctx: CliContext) -> int:
    data, _ = _members(args, ctx)
    ctx.write_output(data, args.output)
    return 0


def send_members(args: argparse.Namespace, ctx: CliContext) -> int:
    data, network_id = _members(args, ctx)
    with ctx.open_store(readonly=True) as store:
        network = store.network(network_id)
    report = send_mail(ctx, network, data)
    return EXIT_ERROR if report.refused else 0
