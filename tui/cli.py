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
import contextlib
import os
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any, NoReturn, TextIO

from quorum.store.errors import (
    DatabaseLocked,
    DatabaseUnreadable,
    FoldFailed,
    QuorumError,
    WriteFailed,
    as_quorum_error,
)
from quorum.store.i18n import language_from_environment, set_language, t
from quorum.tui.cli_context import EXIT_ERROR, EXIT_LOCKED, EXIT_USAGE, CliContext
from quorum.tui.cli_terminal import stream_of
from quorum.tui.cli_words import install as install_argparse_words

EXIT_BROKEN_PIPE = 141  # 128 + SIGPIPE, what a shell reports for a tool cut off by `head`

if TYPE_CHECKING:
    from quorum.store.sidecar import FirstFrame
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
        metavar=t("cli.metavar.path"),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.db"),
    )
    parser.add_argument(
        "--lang",
        choices=("sv", "en"),
        default=None if top else argparse.SUPPRESS,
        help=t("cli.help.lang"),
    )


def _year(text: str) -> int:
    try:
        year = int(text)
    except ValueError:
        year = 0
    if not 1900 <= year <= 9999:
        raise argparse.ArgumentTypeError(t("cli.year_invalid", value=text))
    return year


def build_parser() -> Parser:
    """The parser, worded in the current language (help, metavars, argparse's own words)."""
    install_argparse_words()
    meeting, network = t("cli.metavar.meeting"), t("cli.metavar.network")
    file, year = t("cli.metavar.file"), t("cli.metavar.year")
    parser = Parser(prog="quorum", description=t("cli.description"))
    _db_option(parser, top=True)
    parser.add_argument("--demo", action="store_true", help=t("cli.help.demo_flag"))
    command = t("cli.metavar.command")
    sub = parser.add_subparsers(dest="command", parser_class=Parser, metavar=command)

    def add(subs: Any, name: str, help_key: str) -> Parser:
        p: Parser = subs.add_parser(name, help=t(help_key), description=t(help_key))
        _db_option(p, top=False)
        return p

    def group(subs: Any, name: str, help_key: str, dest: str) -> Any:
        p = subs.add_parser(name, help=t(help_key), description=t(help_key))
        return p.add_subparsers(dest=dest, parser_class=Parser, required=True, metavar=command)

    def output(p: Parser) -> None:
        p.add_argument("-o", "--output", metavar=file, help=t("cli.help.output"))
        p.add_argument("--force", action="store_true", help=t("cli.help.force"))

    add(sub, "demo", "cli.help.demo")
    lst = add(sub, "list", "cli.help.list")
    lst.add_argument("what", choices=("networks", "meetings", "people"), help=t("cli.help.what"))
    lst.add_argument("--json", action="store_true", help=t("cli.help.json"))
    lst.add_argument("--network", metavar=network, help=t("cli.help.network_filter"))
    p = add(sub, "restore", "cli.help.restore")
    p.add_argument("--force", action="store_true", help=t("cli.help.restore_force"))
    p = add(sub, "verify", "cli.help.verify")
    p.add_argument("file", metavar=file, help=t("cli.help.pdf_file"))

    esub = group(sub, "export", "cli.help.export", "what")
    for name in ("invite", "cancel"):
        p = add(esub, name, f"cli.help.export_{name}")
        p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
        output(p)
    p = add(esub, "plan", "cli.help.export_plan")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--year", type=_year, required=True, metavar=year, help=t("cli.help.year"))
    output(p)
    for name in ("minutes", "agenda"):
        p = add(esub, name, f"cli.help.export_{name}")
        p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
        p.add_argument(
            "--format",
            choices=("md", "html", "txt", "pdf"),
            default="md",
            help=t("cli.help.format"),
        )
        p.add_argument("--public", action="store_true", help=t("cli.help.publish"))
        p.add_argument("--publish", action="store_true", help=argparse.SUPPRESS)  # the old name
        output(p)
    p = add(esub, "summary", "cli.help.export_summary")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--year", type=_year, required=True, metavar=year, help=t("cli.help.year"))
    p.add_argument(
        "--format", choices=("md", "html", "pdf"), default="md", help=t("cli.help.format")
    )
    output(p)
    msub = group(esub, "mail", "cli.help.mail", "mail_what")
    for name in ("invite", "minutes", "publication"):
        p = add(msub, name, f"cli.help.mail_{name}")
        p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
        output(p)
    p = add(msub, "members", "cli.help.mail_members")
    _members_options(p)
    output(p)
    p = add(esub, "roster", "cli.help.export_roster")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    output(p)
    p = add(esub, "dates", "cli.help.export_dates")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--year", type=_year, required=True, metavar=year, help=t("cli.help.year"))
    p.add_argument("--format", choices=("txt", "csv"), default="txt", help=t("cli.help.format"))
    output(p)
    p = add(esub, "decisions", "cli.help.export_decisions")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--format", choices=("md", "csv"), default="md", help=t("cli.help.format"))
    p.add_argument("--search", default="", metavar=t("cli.metavar.text"), help=t("cli.help.search"))
    output(p)

    isub = group(sub, "import", "cli.help.import", "what")
    p = add(isub, "people", "cli.help.import_people")
    p.add_argument("file", metavar=file, help=t("cli.help.csv_file"))
    p.add_argument("--network", required=True, metavar=network, help=t("cli.help.network"))
    p.add_argument("--skip-invalid", action="store_true", help=t("cli.help.skip_invalid"))
    p = add(isub, "reply", "cli.help.import_reply")
    p.add_argument("files", nargs="+", metavar=file, help=t("cli.help.reply_files"))
    p.add_argument("--accept-unverified", action="store_true", help=t("cli.help.accept_unverified"))

    _sync_parsers(sub, esub, isub, add)

    ssub = group(sub, "send", "cli.help.send", "what")
    for name in ("minutes", "invite", "publication"):
        p = add(ssub, name, f"cli.help.send_{name}")
        p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p = add(ssub, "members", "cli.help.send_members")
    _members_options(p)
    _signup_commands(sub, add, group)
    _building_commands(sub, add, group)
    return parser


def _members_options(p: argparse.ArgumentParser) -> None:
    """The roster and the year's dates to the organising body (tui/cli_flows.py)."""
    p.add_argument("network", metavar=t("cli.metavar.network"), help=t("cli.help.network"))
    p.add_argument(
        "--year", type=_year, required=True, metavar=t("cli.metavar.year"), help=t("cli.help.year")
    )
    p.add_argument("--to", metavar=t("cli.metavar.email"), help=t("cli.help.members_to"))


def _signup_commands(sub: Any, add: Any, group: Any) -> None:
    """``signup open|close|add|list``: open registration for a meeting (tui/cli_signup.py)."""
    meeting = t("cli.metavar.meeting")
    gsub = group(sub, "signup", "cli.help.signup", "what")
    p = add(gsub, "open", "cli.help.signup_open")
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p.add_argument(
        "--until", required=True, metavar=t("cli.metavar.date"), help=t("cli.help.signup_until")
    )
    p = add(gsub, "close", "cli.help.signup_close")
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p = add(gsub, "add", "cli.help.signup_add")
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p.add_argument("--person", metavar=t("cli.metavar.person"), help=t("cli.help.signup_person"))
    p.add_argument("--name", metavar=t("cli.metavar.name"), help=t("cli.help.signup_name"))
    p.add_argument(
        "--email", default="", metavar=t("cli.metavar.email"), help=t("cli.help.signup_email")
    )
    p.add_argument("--org", default="", metavar=t("cli.metavar.org"), help=t("cli.help.signup_org"))
    p.add_argument("--late", action="store_true", help=t("cli.help.signup_late"))
    p = add(gsub, "list", "cli.help.signup_list")
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))


def _building_commands(sub: Any, add: Any, group: Any) -> None:
    """``network``, ``org``, ``person``, ``plan``, ``meeting`` and ``cancel``: a network
    built and its year planned from a script (tui/cli_network.py, tui/cli_meeting.py)."""
    from quorum.store.meeting_fields import MEETING_FIELDS
    from quorum.store.network_fields import NETWORK_FIELDS
    from quorum.tui.cli_network import fields_help

    meeting, network = t("cli.metavar.meeting"), t("cli.metavar.network")
    assignment = t("cli.metavar.assignment")

    def fields_parser(subs: Any, name: str, help_key: str, fields: Any) -> Parser:
        p: Parser = subs.add_parser(
            name,
            help=t(help_key),
            description=t(help_key),
            formatter_class=argparse.RawDescriptionHelpFormatter,
            epilog=t("cli.fields_heading") + "\n" + fields_help(fields),
        )
        _db_option(p, top=False)
        return p

    nsub = group(sub, "network", "cli.help.network_group", "what")
    p = add(nsub, "new", "cli.help.network_new")
    p.add_argument("name", metavar=t("cli.metavar.name"), help=t("cli.help.network_name"))
    p.add_argument("--organiser", metavar=t("cli.metavar.text"), help=t("cli.help.organiser"))
    p.add_argument("--weekday", metavar=t("cli.metavar.day"), help=t("cli.help.weekday"))
    p.add_argument("--time", metavar="HH:MM-HH:MM", help=t("cli.help.time"))
    p.add_argument("--min-meetings", type=int, metavar="N", help=t("cli.help.min_meetings"))
    p.add_argument("--parent", metavar=network, help=t("cli.help.parent"))
    p = fields_parser(nsub, "set", "cli.help.network_set", NETWORK_FIELDS)
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("assignments", nargs="+", metavar=assignment)
    p = fields_parser(nsub, "show", "cli.help.network_show", NETWORK_FIELDS)
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--json", action="store_true", help=t("cli.help.json"))

    osub = group(sub, "org", "cli.help.org", "what")
    p = add(osub, "add", "cli.help.org_add")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("name", metavar=t("cli.metavar.name"), help=t("cli.help.org_name"))
    p.add_argument("--industry", action="store_true", help=t("cli.help.industry"))
    p.add_argument("--contact", metavar=t("cli.metavar.email"), help=t("cli.help.contact"))

    psub = group(sub, "person", "cli.help.person", "what")
    p = add(psub, "add", "cli.help.person_add")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--name", required=True, metavar=t("cli.metavar.name"))
    p.add_argument("--email", required=True, metavar=t("cli.metavar.email"))
    p.add_argument("--org", metavar=t("cli.metavar.org"), help=t("cli.help.org_option"))
    p.add_argument("--role", metavar=t("cli.metavar.role"), help=t("cli.help.role"))

    p = add(sub, "plan", "cli.help.plan")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument(
        "--year", type=_year, required=True, metavar=t("cli.metavar.year"), help=t("cli.help.year")
    )
    p.add_argument("--create", action="store_true", help=t("cli.help.create"))

    msub = group(sub, "meeting", "cli.help.meeting_group", "what")
    p = add(msub, "new", "cli.help.meeting_new")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("--date", required=True, metavar=t("cli.metavar.date"))
    p.add_argument("--host", metavar=t("cli.metavar.org"), help=t("cli.help.host"))
    p = fields_parser(msub, "set", "cli.help.meeting_set", MEETING_FIELDS)
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))
    p.add_argument("assignments", nargs="+", metavar=assignment)

    p = add(sub, "cancel", "cli.help.cancel")
    p.add_argument("meeting", metavar=meeting, help=t("cli.help.meeting"))


def _sync_parsers(sub: Any, esub: Any, isub: Any, add: Any) -> None:
    """quorum sync ..., export network, import network (tui/cli_sync.py)."""
    network, file = t("cli.metavar.network"), t("cli.metavar.file")
    p = add(sub, "sync", "cli.help.sync")
    p.add_argument("words", nargs="+", metavar=t("cli.metavar.sync_words"))
    p.add_argument("--url", metavar="URL", help=t("cli.help.sync_url"))
    p.add_argument("--user", metavar=t("cli.metavar.user"), help=t("cli.help.sync_user"))
    p.add_argument("--network", metavar=network, help=t("cli.help.sync_network"))
    p.add_argument("--links", action="store_true", help=t("cli.help.sync_links"))
    p.add_argument("--keep", choices=("mine", "theirs"), help=t("cli.help.sync_keep"))
    yes_no = t("cli.metavar.yes_no")
    p.add_argument("--email", metavar=yes_no, help=t("cli.help.sync_share_email"))
    p.add_argument("--phone", metavar=yes_no, help=t("cli.help.sync_share_phone"))
    p = add(esub, "network", "cli.help.export_network")
    p.add_argument("network", metavar=network, help=t("cli.help.network"))
    p.add_argument("-o", "--output", required=True, metavar=file, help=t("cli.help.output"))
    p.add_argument("--force", action="store_true", help=t("cli.help.force"))
    p = add(isub, "network", "cli.help.import_network")
    p.add_argument("file", metavar=file, help=t("cli.help.network_file"))


def _command_key(args: argparse.Namespace) -> tuple[str, ...]:
    key: tuple[str, ...] = (args.command,)
    if getattr(args, "what", None) and args.command in (
        "export",
        "import",
        "send",
        "network",
        "org",
        "person",
        "meeting",
        "signup",
    ):
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
        case ("export", "summary"):
            from quorum.tui.cli_plan import export_summary

            return export_summary(args, ctx)
        case ("verify",):
            from quorum.tui.cli_verify import verify

            return verify(args, ctx)
        case ("network", "new"):
            from quorum.tui.cli_network import network_new

            return network_new(args, ctx)
        case ("network", "set"):
            from quorum.tui.cli_network import network_set

            return network_set(args, ctx)
        case ("network", "show"):
            from quorum.tui.cli_network import network_show

            return network_show(args, ctx)
        case ("org", "add"):
            from quorum.tui.cli_network import org_add

            return org_add(args, ctx)
        case ("person", "add"):
            from quorum.tui.cli_network import person_add

            return person_add(args, ctx)
        case ("plan",):
            from quorum.tui.cli_meeting import plan

            return plan(args, ctx)
        case ("meeting", "new"):
            from quorum.tui.cli_meeting import meeting_new

            return meeting_new(args, ctx)
        case ("meeting", "set"):
            from quorum.tui.cli_meeting import meeting_set

            return meeting_set(args, ctx)
        case ("cancel",):
            from quorum.tui.cli_meeting import cancel

            return cancel(args, ctx)
        case ("sync",):
            from quorum.tui.cli_sync import sync

            return sync(args, ctx)
        case ("export", "network"):
            from quorum.tui.cli_sync import export_network

            return export_network(args, ctx)
        case ("import", "network"):
            from quorum.tui.cli_sync import import_network

            return import_network(args, ctx)
    raise AssertionError(f"no handler for {key}")  # a parser command without one is a bug


def main(
    argv: Sequence[str] | None = None, out: TextIO | None = None, err: TextIO | None = None
) -> int:
    out = out or sys.stdout
    err = stream_of(err or sys.stderr)  # a sentence may quote stored text: shown safely
    argv = list(sys.argv[1:] if argv is None else argv)
    set_language(_early_lang(argv))
    try:
        args = _app_args(argv) or build_parser().parse_args(argv)
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
        hint = restore_hint(exc)
        if hint:
            print(hint, file=err)
        return EXIT_ERROR
    except FoldFailed as exc:
        # The command's changes are safe in the journal: a warning, not a failure
        # (a script that ran it again could send a mail twice).
        print(exc.sentence(), file=err)
        return 0
    except QuorumError as exc:
        print(exc.sentence(), file=err)
        return EXIT_ERROR
    except KeyboardInterrupt:
        print(t("cli.interrupted"), file=err)
        return 130
    except BrokenPipeError:
        # The reader went away (`quorum list meetings | head -2`): stop quietly, as
        # other command-line tools do, and keep Python from complaining at exit.
        _silence(out)
        return EXIT_BROKEN_PIPE
    except Exception as exc:  # every path ends in a sentence, never a traceback
        print(as_quorum_error(exc).sentence(), file=err)
        return EXIT_ERROR


def restore_hint(exc: DatabaseUnreadable) -> str:
    """What ``quorum restore`` would do for ``exc``, as a command to run ("" if nothing)."""
    from quorum.store.recovery import remedy

    path = exc.params.get("path", "")
    kind, backup = remedy(exc)
    if kind == "journal":
        return t("error.journal_restore_hint", path=path)
    if kind == "backup":
        return t("error.db_restore_hint", backup=str(backup), path=path)
    return ""


def _silence(out: TextIO) -> None:
    """Point a closed pipe at /dev/null so the interpreter's last flush stays quiet."""
    try:
        fileno = out.fileno()
    except (OSError, ValueError, AttributeError):
        return
    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, fileno)
    os.close(devnull)


def run() -> NoReturn:
    """The ``quorum`` command (and ``python -m quorum.tui``): :func:`main`, then leave.

    Once ``main`` returns the store is closed and every save is on disk; what is left
    is the interpreter's teardown, freeing every object one by one (150 ms to over a
    second after a large archive, the prompt waiting). ``os._exit`` skips it, after
    flushing what was printed.
    """
    code = main()
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):  # a closed pipe (| head)
            stream.flush()
    _report_peak_memory()
    os._exit(code)


def _report_peak_memory() -> None:
    """For the benchmark (tests/bench/run.py): this process's peak memory (VmHWM, Linux)
    into the file ``QUORUM_PEAK_FILE`` names. Its maxrss as a parent sees it is no
    measure: Linux carries the parent's peak over into a child started by fork."""
    target = os.environ.get("QUORUM_PEAK_FILE")
    if not target:
        return
    with contextlib.suppress(OSError):
        with open("/proc/self/status", encoding="ascii") as status:
            peak = next((line.split()[1] for line in status if line.startswith("VmHWM:")), "")
        Path(target).write_text(peak, encoding="ascii")


def _app_args(argv: list[str]) -> argparse.Namespace | None:
    """The arguments of a plain start of the app (``--db PATH``, ``--lang sv|en``,
    ``--demo``), without building the parser of every command: argparse and the
    parser cost about a tenth of a bare Textual app's start. Anything else (a command,
    ``--help``, a mistake) is left to the parser (None)."""
    found: dict[str, Any] = {"command": None, "db": None, "lang": None, "demo": False}
    rest = list(argv)
    while rest:
        arg = rest.pop(0)
        name, eq, value = arg.partition("=")
        if arg == "--demo":
            found["demo"] = True
        elif name in ("--db", "--lang") and (eq or rest):
            value = value if eq else rest.pop(0)
            bad_lang = name == "--lang" and value not in ("sv", "en")
            if not value or value.startswith("-") or bad_lang:
                return None
            found[name[2:]] = value
        else:
            return None
    return argparse.Namespace(**found)


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

    preview: FirstFrame | None = None
    if ctx.args.demo:
        # A fresh demo database in a temp folder: never the user's real one.
        path = Path(tempfile.mkdtemp(prefix="quorum-demo-")) / "demo.json"
    else:
        path = ctx.db_path
        from quorum.store import sidecar

        # The overview's rows as the last checkpoint left them: the first frame.
        preview = sidecar.read(path)
    opened: list[Store] = []

    def opener() -> Store:
        store = _open_for_app(path)
        opened.append(store)
        if ctx.args.demo:
            from quorum.store.demo import build_demo

            build_demo(store)
        return store

    from quorum.tui.app import QuorumApp

    app = QuorumApp(opener=opener, db_path=path, preview=preview)
    code = 0
    try:
        app.run()
        code = int(app.return_code or 0)
    finally:
        app.saver.close()  # every save submitted lands before the store closes
        lost = app.saver.failure
        if lost is not None:
            print(t("save.lost_at_exit", detail=as_quorum_error(lost).sentence()), file=ctx.err)
            code = code or EXIT_ERROR
        for store in opened:
            try:
                store.close()
            except FoldFailed as exc:  # the journal holds the changes: a warning
                print(exc.sentence(), file=ctx.err)
        if ctx.args.demo:
            import shutil

            shutil.rmtree(path.parent, ignore_errors=True)
    return code


def _open_for_app(path: Path) -> Store:
    """Open for writing; if another quorum holds the lock, or the folder or disk takes
    no writes, open read-only (the app says why) rather than not at all."""
    from quorum.store.store import Store

    try:
        # The app verifies the archive and makes the day's backup in the background.
        return Store.open(path, maintain_later=True)
    except DatabaseLocked:
        return Store.open(path, readonly=True)
    except WriteFailed as reason:
        if not path.exists():
            raise  # nothing to read either: the sentence is all there is
        store = Store.open(path, readonly=True)
        store.db.readonly_reason = reason
        return store


if __name__ == "__main__":  # pragma: no cover
    run()
