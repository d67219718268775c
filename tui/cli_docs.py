"""``quorum export minutes|agenda``, ``export mail minutes`` and ``send minutes|invite``.

Documents are in the meeting's language unless ``--lang`` is given; approved
minutes are their approved text (``exports.archive``). Before a document is
written to a file, the personal data it contains is listed on stderr so the
secretary can decide (``--public`` writes the public version: e-mail addresses
and phone numbers, and outsiders' names if the network chose so, left out).
``--format pdf`` writes PDF/A; a PDF is never written to a terminal. Sending
needs the network's SMTP settings; the password comes from the environment
variable they name, or is asked for.
"""

from __future__ import annotations

import argparse
import getpass
import os
import sys
from datetime import UTC, datetime
from typing import TYPE_CHECKING, Literal

from quorum.exports.context import DocContext
from quorum.exports.documents import document_context, minutes_sender
from quorum.store.errors import QuorumError
from quorum.store.gather import meeting_records
from quorum.store.records import Network
from quorum.tui.cli_context import EXIT_ERROR, CliContext

if TYPE_CHECKING:
    from quorum.store.sending import SendReport
    from quorum.store.store import Store


def _list_personal_data(ctx: CliContext, doc: DocContext) -> None:
    from quorum.exports.privacy import personal_data

    findings = personal_data(doc)
    if findings:
        ctx.say("cli.personal_data", count=len(findings))
        for finding in findings:
            print(f"  {finding.describe(doc.lang)}", file=ctx.err)


def refuse_binary_on_terminal(ctx: CliContext, fmt: str, output: str | None) -> None:
    """A PDF written to a terminal is noise (and can upset it): ask for a file instead."""
    if fmt == "pdf" and output in (None, "-") and ctx.out.isatty():
        raise QuorumError("cli.pdf_to_terminal")


def _export(args: argparse.Namespace, ctx: CliContext, kind: Literal["minutes", "notice"]) -> int:
    from quorum.exports.meeting_export import export_document

    refuse_binary_on_terminal(ctx, args.format, args.output)
    public = args.public or args.publish
    with ctx.open_store(readonly=True) as store:
        records = meeting_records(store, store.find_meeting(args.meeting))
    doc = document_context(records, lang=args.lang or "", redact_contacts=public)
    if args.output not in (None, "-"):
        _list_personal_data(ctx, doc)
    data = export_document(
        kind, args.format, records, datetime.now(UTC), lang=args.lang or "", public=public
    )
    ctx.write_output(data if args.format == "pdf" else data.decode("utf-8"), args.output)
    if args.output not in (None, "-"):
        ctx.say("cli.document_written", path=args.output)
    return 0


def export_minutes(args: argparse.Namespace, ctx: CliContext) -> int:
    return _export(args, ctx, "minutes")


def export_agenda(args: argparse.Namespace, ctx: CliContext) -> int:
    return _export(args, ctx, "notice")


def _minutes_mail(store: Store, args: argparse.Namespace) -> bytes:
    """The members' mail: the full minutes (the approved text when approved), with the PDF."""
    from quorum.exports.archive import minutes_for, minutes_pdf_info
    from quorum.exports.mail_minutes import minutes_mail
    from quorum.exports.render_pdf import render as render_pdf

    records = meeting_records(store, store.find_meeting(args.meeting))
    minutes = minutes_for(records, lang=args.lang or "")
    now = datetime.now(UTC)
    doc = minutes.context
    sender = minutes_sender(doc.network, doc.meeting, dict(doc.people))
    pdf = render_pdf(minutes.document, minutes_pdf_info(minutes, now))
    return minutes_mail(doc, sender, now, document=minutes.document, pdf=pdf)


def export_mail_minutes(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.open_store(readonly=True) as store:
        data = _minutes_mail(store, args)
    ctx.write_output(data, args.output)
    return 0


def send_mail(ctx: CliContext, network: Network, data: bytes) -> SendReport:
    """Send ``data`` through ``network``'s SMTP server; each recipient's fate on stdout."""
    from quorum.store.sending import password_from_env, send_message

    settings = network.smtp
    if settings is None:
        raise QuorumError("send.no_smtp", network=network.name)
    password = password_from_env(settings, os.environ)
    if settings.user and password is None and sys.stdin.isatty():
        password = getpass.getpass(f"{settings.user}@{settings.host}: ")
    report = send_message(settings, password, data, progress=lambda line: print(line, file=ctx.err))
    for address in report.accepted:
        ctx.out.write(f"ok  {address}\n")
    for address, answer in report.refused.items():
        ctx.out.write(f"--  {address}  {answer}\n")
    return report


def _send(ctx: CliContext, network: Network, data: bytes) -> int:
    return EXIT_ERROR if send_mail(ctx, network, data).refused else 0


def send_minutes(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.open_store(readonly=True) as store:
        meeting = store.find_meeting(args.meeting)
        network = store.network(meeting.network_id)
        data = _minutes_mail(store, args)
    return _send(ctx, network, data)


def send_invite(args: argparse.Namespace, ctx: CliContext) -> int:
    """Send the invite mail (the calendar exports' draft) and record it as sent."""
    from quorum.exports.ics import invite, mark_sent
    from quorum.exports.mail import invite_mail

    now = datetime.now(UTC)
    with ctx.open_store() as store:
        meeting = store.find_meeting(args.meeting)
        network = store.network(meeting.network_id)
        people = {p.id: p for p in store.people()}
        orgs = store.organisations()
        sent = mark_sent(meeting)
        ics = invite(sent, network, people, None, now, lang=args.lang, organisations=orgs)
        data = invite_mail(
            sent, network, people, None, ics, now, lang=args.lang, organisations=orgs
        )
        code = _send(ctx, network, data)
        store.save_meeting(sent)  # recorded only once the server has taken it
    return code
