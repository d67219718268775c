"""``quorum import people`` and ``quorum export roster``."""

from __future__ import annotations

import argparse
from pathlib import Path

from quorum.store.errors import QuorumError
from quorum.tui.cli_context import EXIT_ERROR, CliContext


def import_people(args: argparse.Namespace, ctx: CliContext) -> int:
    """Print what the file would do; write it only when every row is accepted
    (or ``--skip-invalid``), all rows in one batch."""
    from quorum.store.roster_import import (
        apply_import,
        done_sentence,
        format_report,
        plan_import,
        read_people_csv,
    )

    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QuorumError("import.error.read_failed", path=str(path), detail=err.strerror) from None
    table = read_people_csv(data)
    with ctx.open_store() as store:
        network = store.find_network(args.network)
        report = plan_import(table, network.id, store.people(), store.organisations())
        for line in format_report(report):
            ctx.out.write(line + "\n")
        if report.refused and not args.skip_invalid:
            ctx.say("import.error.refused_rows", count=len(report.refused))
            ctx.say("import.report.nothing_written")
            return EXIT_ERROR
        apply_import(store, report, skip_invalid=args.skip_invalid)
    if report.refused:
        ctx.say("import.report.skipped", count=len(report.refused))
    ctx.out.write(done_sentence(report) + "\n")
    return 0


def export_roster(args: argparse.Namespace, ctx: CliContext) -> int:
    """The network's förteckning as CSV for Excel, in the network's language
    unless ``--lang`` says otherwise."""
    from quorum.exports.roster import roster_csv, roster_rows

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        people = store.people(network.id)
        orgs = store.organisations()
    lang = args.lang or network.language
    ctx.write_output(roster_csv(network, people, orgs, lang), args.output)
    if args.output not in (None, "-"):
        ctx.say(
            "roster.export_written", path=args.output, count=len(roster_rows(network, people, orgs))
        )
    return 0
