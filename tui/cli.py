"""The ``quorum`` command: the CLI contract of README.md ("Using it"; layers in ARCHITECTURE.md).

Every command's handler lives in a small module (``cli_*.py``) and is
imported in :func:`run_command` only when used, so ``quorum list`` never
imports Textual and start-up stays quick. A handler is
``def handler(args, ctx: CliContext) -> int`` (:mod:`quorum.tui.cli_context`).

Bad input never shows a traceback: a :class:`QuorumError` becomes its
sentence on stderr and a non-zero exit.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from quorum.store.errors import DatabaseLocked, DatabaseUnreadable, QuorumError
from quorum.store.i18n import language_from_environment, set_language, t
from quorum.tui.cli_context import EXIT_ERROR, EXIT_LOCKED, EXIT_USAGE, CliContext

if TYPE_CHECKING:
    from quorum.store.store import Store


class UsageError(Exception):
    pass


class Parser(argparse.ArgumentParser):
    """argparse that raises instead of exiting, so main() words the error."""

    def error(self, message: str) -> NoReturn:
        raise UsageError(f"{self.prog}: {message}")


def _db_option(parser: argparse.ArgumentParser, top: bool) -> None:
    # --db is accepted before or after the subcommand; the subparser's copy
    # must not reset a value given before it.
    parser.add_argument(
        "--db",
        metavar="PATH",
        default=None if top else argparse.SUPPRESS,
        help="database file (default: QUORUM_DB or the user data folder)",
    )
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=None if top else argparse.SUPPRESS,
        help="language of the interface",
    )


def build_parser() -> Parser:
    parser = Parser(prog="quorum", description=t("cli.description"))
    _db_option(parser, top=True)
    parser.add_argument("--demo", action="store_true", help="open the app on a fresh demo database")
    sub = parser.add_subparsers(dest="command", parser_class=Parser)

    def add(subs: Any, name: str, help_text: str) -> Parser:
        p: Parser = subs.add_parser(name, help=help_text)
        _db_option(p, top=False)
        return p

    add(sub, "demo", "write the demo database and exit")
    lst = add(sub, "list", "list networks, meetings or people")
    lst.add_argument("what", choices=("networks", "meetings", "people"))
    lst.add_argument("--json", action="store_true", help="machine-readable output")
    lst.add_argument("--network", help="only this network (id or name)")
    add(sub, "restore", "replace a broken database with its newest backup")

    export = sub.add_parser("export", help="write invites, minutes, rosters ...")
    esub = export.add_subparsers(dest="what", parser_class=Parser, required=True)
    for name in ("invite", "cancel"):
        p = add(esub, name, f"calendar {name} (.ics) for a meeting")
        p.add_argument("meeting")
        p.add_argument("-o", "--output")
    p = add(esub, "plan", "year plan of a network (.ics)")
    p.add_argument("network")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("-o", "--output")
    for name in ("minutes", "agenda"):
        p = add(esub, name, f"{name} of a meeting")
        p.add_argument("meeting")
        p.add_argument("--format", choices=("md", "html", "txt"), default="md")
        p.add_argument("--publish", action="store_true", help="leave out e-mail and phone")
        p.add_argument("-o", "--output")
    mail = esub.add_parser("mail", help="an .eml draft ready to send")
    msub = mail.add_subparsers(dest="mail_what", parser_class=Parser, required=True)
    for name in ("invite", "minutes", "publication"):
        p = add(msub, name, f"{name} mail draft")
        p.add_argument("meeting")
        p.add_argument("-o", "--output")
    p = add(msub, "members", "the roster and the year's dates, to the organising body")
    _members_options(p)
    p.add_argument("-o", "--output")
    p = add(esub, "roster", "the network's roster as CSV")
    p.add_argument("network")
    p.add_argument("-o", "--output")
    p = add(esub, "dates", "the year's dates with hosts and secretaries")
    p.add_argument("network")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--format", choices=("txt", "csv"), default="txt")
    p.add_argument("-o", "--output")
    p = add(esub, "decisions", "the network's decisions register")
    p.add_argument("network")
    p.add_argument("--format", choices=("md", "csv"), default="md")
    p.add_argument("--search", default="")
    p.add_argument("-o", "--output")

    imp = sub.add_parser("import", help="read people or calendar replies")
    isub = imp.add_subparsers(dest="what", parser_class=Parser, required=True)
    p = add(isub, "people", "people from a CSV file")
    p.add_argument("file")
    p.add_argument("--network", required=True)
    p.add_argument("--skip-invalid", action="store_true")
    p = add(isub, "reply", "calendar replies (iTIP REPLY .ics)")
    p.add_argument("files", nargs="+")

    send = sub.add_parser("send", help="send minutes or the invite by e-mail (SMTP)")
    ssub = send.add_subparsers(dest="what", parser_class=Parser, required=True)
    for name in ("minutes", "invite", "publication"):
        p = add(ssub, name, f"send the {name}")
        p.add_argument("meeting")
    p = add(ssub, "members", "send the roster and the year's dates to the organising body")
    _members_options(p)

    signup = sub.add_parser("signup", help="open sign-up for a meeting: open, close, add, list")
    gsub = signup.add_subparsers(dest="what", parser_class=Parser, required=True)
    p = add(gsub, "open", "open the meeting for registration until a day")
    p.add_argument("meeting")
    p.add_argument("--until", required=True, help="the last day to register (YYYY-MM-DD)")
    p = add(gsub, "close", "close the meeting's registration")
    p.add_argument("meeting")
    p = add(gsub, "add", "register a person from the roster, or a guest")
    p.add_argument("meeting")
    p.add_argument("--person", help="id, e-mail or name of a person on the roster")
    p.add_argument("--name", help="a guest's name")
    p.add_argument("--email", help="a guest's e-mail", default="")
    p.add_argument("--org", help="a guest's organisation", default="")
    p.add_argument("--late", action="store_true", help="register after the deadline")
    p = add(gsub, "list", "the people registered")
    p.add_argument("meeting")
    p.add_argument("--json", action="store_true", help="machine-readable output")
    return parser


def _members_options(p: argparse.ArgumentParser) -> None:
    p.add_argument("network")
    p.add_argument("--year", type=int, required=True)
    p.add_argument("--to", help="the organising body's address (default: the network's)")


def _command_key(args: argparse.Namespace) -> tuple[str, ...]:
    key: tuple[str, ...] = (args.command,)
    if getattr(args, "what", None) and args.command in ("export", "import", "send", "signup"):
        key += (args.what,)
        if args.what == "mail":
            key += (args.mail_what,)
    return key


def run_command(key: tuple[str, ...], args: argparse.Namespace, ctx: CliContext) -> int:
    """Run the handler of the command ``key`` (the parser admits no other key)."""
    match key:
        case ("demo",):
            from quorum.tui.cli_basic import demo

            return demo(args, ctx)
        case ("list",):
            from quorum.tui.cli_basic import list_records

            return list_records(args, ctx)
        case ("restore",):
            from quorum.tui.cli_basic import restore

            return restore(args, ctx)
        case ("export", "invite"):
            from quorum.tui.cli_calendar import export_invite

            return export_invite(args, ctx)
        case ("export", "cancel"):
            from quorum.tui.cli_calendar import export_cancel

            return export_cancel(args, ctx)
        case ("export", "plan"):
            from quorum.tui.cli_calendar import export_plan

            return export_plan(args, ctx)
        case ("export", "mail", "invite"):
            from quorum.tui.cli_calendar import export_mail_invite

            return export_mail_invite(args, ctx)
        case ("import", "reply"):
            from quorum.tui.cli_calendar import import_reply

            return import_reply(args, ctx)
        case ("export", "minutes"):
            from quorum.tui.cli_docs import export_minutes

            return export_minutes(args, ctx)
        case ("export", "agenda"):
            from quorum.tui.cli_docs import export_agenda

            return export_agenda(args, ctx)
        case ("export", "mail", "minutes"):
            from quorum.tui.cli_docs import export_mail_minutes

            return export_mail_minutes(args, ctx)
        case ("send", "minutes"):
            from quorum.tui.cli_docs import send_minutes

            return send_minutes(args, ctx)
        case ("send", "invite"):
            from quorum.tui.cli_docs import send_invite

            return send_invite(args, ctx)
        case ("export", "mail", "publication"):
            from quorum.tui.cli_flows import export_mail_publication

            return export_mail_publication(args, ctx)
        case ("send", "publication"):
            from quorum.tui.cli_flows import send_publication

            return send_publication(args, ctx)
        case ("export", "mail", "members"):
            from quorum.tui.cli_flows import export_mail_members

            return export_mail_members(args, ctx)
        case ("send", "members"):
            from quorum.tui.cli_flows import send_members

            return send_members(args, ctx)
        case ("signup", _):
            from quorum.tui.cli_signup import signup

            return signup(args, ctx)
        case ("import", "people"):
            from quorum.tui.cli_roster import import_people

            return import_people(args, ctx)
        case ("export", "roster"):
            from quorum.tui.cli_roster import export_roster

            return export_roster(args, ctx)
        case ("export", "dates"):
            from quorum.tui.cli_plan import export_dates

            return export_dates(args, ctx)
        case ("export", "decisions"):
            from quorum.tui.cli_plan import export_decisions

            return export_decisions(args, ctx)
    raise AssertionError(f"no handler for {key}")  # a parser command without one is a bug


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = err or sys.stderr
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_lang(argv))
    try:
        args = build_parser().parse_args(argv)
    except UsageError as exc:
        print(str(exc), file=err)
        return EXIT_USAGE
    if args.lang:
        set_language(args.lang)
    ctx = CliContext(args, out, err)
    try:
        if args.command is None:
            return _open_app(ctx)
        return run_command(_command_key(args), args, ctx)
    except DatabaseLocked as exc:
        print(exc.sentence(), file=err)
        return EXIT_LOCKED
    except DatabaseUnreadable as exc:
        print(exc.sentence(), file=err)
        if exc.params.get("backup"):
            print(
                t(
                    "error.db_restore_hint",
                    backup=exc.params["backup"],
                    path=exc.params.get("path", ""),
                ),
                file=err,
            )
        return EXIT_ERROR
    except QuorumError as exc:
        print(exc.sentence(), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=err)
        return 130


def _early_lang(argv: list[str]) -> str:
    """The language for argument errors, before argparse has run."""
    for i, arg in enumerate(argv):
        if arg == "--lang" and i + 1 < len(argv) and argv[i + 1] in ("sv", "en"):
            return argv[i + 1]
        if arg.startswith("--lang=") and arg[7:] in ("sv", "en"):
            return arg[7:]
    return language_from_environment()


def _open_app(ctx: CliContext) -> int:
    import tempfile

    if ctx.args.demo:
        # A fresh demo database in a temp folder: never the user's real one.
        path = Path(tempfile.mkdtemp(prefix="quorum-demo-")) / "demo.json"
    else:
        path = ctx.db_path
    opened: list[Store] = []

    def opener() -> Store:
        store = _open_for_app(path)
        opened.append(store)
        if ctx.args.demo:
            from quorum.store.demo import build_demo

            build_demo(store)
        return store

    from quorum.tui.app import QuorumApp

    app = QuorumApp(opener=opener, db_path=path)
    try:
        app.run()
    finally:
        app.saver.close()  # every save submitted lands before the store closes
        for store in opened:
            store.close()
        if ctx.args.demo:
            import shutil

            shutil.rmtree(path.parent, ignore_errors=True)
    return int(app.return_code or 0)


def _open_for_app(path: Path) -> Store:
    """Open for writing; if another quorum holds the lock, open read-only."""
    from quorum.store.store import Store

    try:
        return Store.open(path)
    except DatabaseLocked:
        return Store.open(path, readonly=True)


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
