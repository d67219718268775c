"""``quorum export dates`` and ``quorum export decisions``."""

from __future__ import annotations

import argparse

from quorum.store.i18n import current_language
from quorum.tui.cli_context import CliContext


def export_dates(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.exports.datelist import date_list_csv, date_list_text

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        render = date_list_csv if args.format == "csv" else date_list_text
        data = render(
            network,
            store.meetings(network.id),
            store.organisations(),
            store.people(),
            args.year,
            lang=current_language(),
        )
    ctx.write_output(data, args.output)
    return 0


def export_decisions(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.exports.decisions import decisions_csv, decisions_markdown

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        render = decisions_csv if args.format == "csv" else decisions_markdown
        data = render(network, store.meetings(network.id), args.search, lang=current_language())
    ctx.write_output(data, args.output)
    return 0
