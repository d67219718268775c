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


def export_summary(args: argparse.Namespace, ctx: CliContext) -> int:
    """The year summary (årssammanställning) as Markdown, HTML or PDF/A."""
    from datetime import UTC, datetime

    from quorum.exports.year_summary import (
        year_summary_html,
        year_summary_markdown,
        year_summary_pdf,
    )
    from quorum.tui.cli_docs import refuse_binary_on_terminal

    refuse_binary_on_terminal(ctx, args.format, args.output)
    lang = args.lang or None
    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        records = (network, store.meetings(network.id), store.organisations(), store.people())
    data: str | bytes
    if args.format == "pdf":
        data = year_summary_pdf(*records, args.year, datetime.now(UTC), lang=lang)
    elif args.format == "html":
        data = year_summary_html(*records, args.year, lang=lang)
    else:
        data = year_summary_markdown(*records, args.year, lang=lang)
    ctx.write_output(data, args.output)
    return 0
