"""No English in Swedish mode: the app's screens, help and command palette through the
pilot, and the CLI's help, usage, errors and listings, scanned for English words.

The scan reads what a user sees: the screen as Textual renders it (its SVG export, as
text) and the CLI's stdout and stderr. Names in the demo are Swedish; the CLI's own
vocabulary (command names such as ``list``, ``export``, ``networks``) is the scripting
contract, and so are the FIELD names of ``network set`` and ``meeting set``: both are
taken out before the scan.
"""

from __future__ import annotations

import argparse
import contextlib
import html
import io
import re
from collections.abc import Iterable
from pathlib import Path

import pytest
from textual.command import CommandInput, CommandList, CommandPalette

from quorum.store.demo import build_demo
from quorum.store.i18n import set_language
from quorum.store.meeting_fields import MEETING_FIELDS
from quorum.store.network_fields import NETWORK_FIELDS
from quorum.store.store import Store
from quorum.tui.app import QuorumApp
from quorum.tui.cli import build_parser, main
from tests.conftest import DEMO_NOW, DEMO_TODAY

# English words that must never reach a Swedish user (whole words, any case).
ENGLISH = {
    # argparse and the CLI
    "usage", "options", "positional", "arguments", "required", "invalid",
    "choose", "error", "show", "message", "exit", "expected", "unrecognized", "following",
    # Textual's own words
    "search", "cursor", "copy", "paste", "cut", "focus", "quit", "theme", "keys",
    "screenshot", "maximize", "minimize", "palette", "commands", "command", "select",
    "submit", "toggle", "scroll", "page", "matches", "found", "previous", "next",
    # quorum's words, had they stayed English
    "meeting", "meetings", "network", "networks", "invite", "invited", "minutes", "agenda",
    "chair", "member", "members", "secretary", "adjuster", "adjusters", "checker", "planned",
    "held", "cancelled", "published", "drafted", "approved", "notes", "decision", "decisions",
    "action", "actions", "item", "items", "attendance", "remote", "excused", "absent",
    "accepted", "declined", "tentative", "answer", "people", "roster", "year",
    "plan", "summary", "help", "back", "open", "close", "save", "new", "edit",
    "delete", "undo", "move", "up", "down", "file", "name", "date", "time", "place", "host",
    "the", "and", "of", "to", "with", "no", "yes", "not", "this", "that", "from",
    # setting values, had network show printed the codes
    "monday", "friday", "informal", "formal", "before", "after", "avoid", "allow", "none",
    "coordinator",
}  # fmt: skip
# A word, not part of an address or a file name (anna.gron@example.se, ulf.no…).
WORD = re.compile(r"(?<![\w.@/])[A-Za-zÅÄÖåäöÉé]+(?:-[A-Za-zÅÄÖåäöÉé]+)*(?![\w@]|\.\w)")
# The CLI's vocabulary: command names and choices, the same in both languages.
CLI_WORDS = {
    "demo", "list", "restore", "export", "import", "send", "invite", "cancel", "plan",
    "minutes", "agenda", "mail", "roster", "dates", "decisions", "people", "reply",
    "networks", "meetings", "help", "json", "network", "year", "format", "publish",
    "output", "search", "skip-invalid", "db", "lang",
    # and those of the second wave (README, DESIGN.md's CLI contract)
    "summary", "verify", "pdf", "public", "force", "new", "set", "show", "org", "add",
    "person", "meeting", "create", "sync", "setup", "join", "links", "organiser", "weekday",
    "time", "min-meetings", "industry", "contact", "name", "email", "role", "date", "host",
    "url", "user", "file", "signup", "open", "close", "publication", "members", "to",
    # the FIELD names of network set and meeting set, typed as they are in both languages
    *(f.name for f in (*NETWORK_FIELDS, *MEETING_FIELDS)),
}  # fmt: skip


def english_words(text: str, allowed: Iterable[str] = ()) -> list[str]:
    ok = set(allowed)
    return sorted({w for w in WORD.findall(text) if w.lower() in ENGLISH and w.lower() not in ok})


def screen_text(app: QuorumApp) -> str:
    """What the terminal shows: the text of the screen's SVG export."""
    svg = app.export_screenshot()
    parts = re.findall(r"<text[^>]*>(.*?)</text>", svg, re.S)
    return "\n".join(html.unescape(re.sub(r"<[^>]+>", "", p)).replace("\xa0", " ") for p in parts)


@pytest.fixture
def swedish():
    set_language("sv")
    yield
    set_language("en")


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    path = tmp_path / "demo.json"
    with Store.open(path) as store:
        build_demo(store, DEMO_TODAY)
    return path


# --- the app ---------------------------------------------------------------------------


async def test_the_app_speaks_only_swedish(swedish, demo_store):
    seen: dict[str, str] = {}
    app = demo_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:

        async def look(name: str) -> None:
            await pilot.pause()
            await pilot.pause()
            seen[name] = screen_text(app)

        await look("overview")
        await pilot.press("f1")
        await look("help on the overview")
        await pilot.press("escape")
        await pilot.press("ctrl+p")
        await until(pilot, lambda: isinstance(app.screen, CommandPalette))
        commands = app.screen.query_one(CommandList)
        await until(pilot, lambda: commands.option_count > 0)
        await look("palette")
        seen["palette input"] = app.screen.query_one(CommandInput).placeholder
        seen["palette entries"] = "\n".join(
            str(commands.get_option_at_index(i).prompt) for i in range(commands.option_count)
        )
        await pilot.press(*"xyzzy")
        # Textual waits half a second before it says nothing matches.
        await until(
            pilot, lambda: commands.option_count == 1 and commands.get_option_at_index(0).disabled
        )
        await look("palette without matches")
        nothing = commands.get_option_at_index(0).prompt  # Align(Text(...))
        seen["palette no matches"] = nothing.renderable.plain
        await pilot.press("escape")
        await pilot.pause()
        await pilot.press("enter")  # the highlighted meeting
        await look("meeting: agenda")
        await pilot.press("f1")
        await look("help on the agenda")
        await pilot.press("escape")
        await pilot.press("f3")
        await look("meeting: details")
        await pilot.press("f4")
        await look("meeting: attendees")
        await pilot.press("escape")
        await pilot.pause()
        for action, name in (
            ("open_roster", "roster"),
            ("open_year_plan", "year plan"),
            ("open_actions", "action items"),
            ("open_decisions", "decisions register"),
            ("open_search", "search"),
        ):
            await app.run_action(action)
            await look(name)
            await pilot.press("f1")
            await look(f"help on the {name}")
            await pilot.press("escape")
            await pilot.pause()
            app.pop_screen()
            await pilot.pause()
        app.open_live(demo_store.meetings("1")[1].id)
        await look("live minutes")
        await pilot.press("escape", "f1")
        await look("help in live minutes")
    found = {name: words for name, text in seen.items() if (words := english_words(text))}
    assert not found, found
    assert "Sök bland kommandona" in seen["palette input"]
    assert "Färgtema" in seen["palette entries"] and "Beslutsregister" in seen["palette entries"]
    assert "Inga kommandon passar" in seen["palette no matches"]


async def until(pilot, condition, tries: int = 100) -> None:
    """Pause until ``condition`` holds (a loaded machine is slow); fail after ``tries``."""
    for _ in range(tries):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError("the app never got there")


def demo_app(store: Store) -> QuorumApp:
    app = QuorumApp(store, clock=lambda: DEMO_NOW)
    app.resume_offered = True  # no offer to resume a meeting in the way
    return app


async def test_the_palette_has_one_entry_per_name(swedish, demo_store):
    app = demo_app(demo_store)
    seen: dict[str, list[str]] = {}
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.pause()
        seen["overview"] = [str(c.title) for c in app.get_system_commands(app.screen)]
        for action in ("open_roster", "network_settings", "open_year_plan"):
            await app.run_action(action)
            await pilot.pause()
            seen[action] = [str(c.title) for c in app.get_system_commands(app.screen)]
            app.pop_screen()
            await pilot.pause()
    for screen, names in seen.items():
        assert len(names) == len(set(names)), (screen, names)


async def test_help_lists_each_key_once(swedish, demo_store):
    from quorum.tui.screens.help import HelpScreen

    app = demo_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:
        await pilot.press("enter")
        await pilot.pause()
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        rows = [line for line in app.screen._text().splitlines() if line.startswith("- `")]
    assert len(rows) == len(set(rows)), rows
    assert rows.count("- `⇧↑` Flytta upp") == 1 and rows.count("- `⇧↓` Flytta ner") == 1


# --- the CLI ---------------------------------------------------------------------------


def run(argv: list[str]) -> tuple[int, str]:
    """Exit code and everything printed (argparse prints help itself and exits)."""
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            code = main(argv, out=out, err=err)
        except SystemExit as exc:
            code = int(exc.code or 0)
    return code, out.getvalue() + err.getvalue()


def commands(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()):
    """Every command and subcommand the parser knows, so a new one is scanned too."""
    yield path
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                yield from commands(sub, (*path, name))


HELP_CASES = [[*path, "--help"] for path in commands(build_parser())]
CLI_CASES = [
    *HELP_CASES,
    ["lista"],
    ["export", "minutes"],
    ["export", "plan", "1", "--year", "nästa"],
    ["export", "minutes", "1", "--format", "doc"],
    ["list", "meetings", "--bogus"],
    ["import", "reply"],
]


@pytest.mark.parametrize("argv", CLI_CASES, ids=" ".join)
def test_cli_help_and_errors_are_swedish(swedish, argv):
    _code, text = run(["--lang", "sv", *argv])
    assert text.strip()
    assert english_words(text, CLI_WORDS) == [], text


def test_the_locale_alone_makes_the_cli_swedish(monkeypatch):
    monkeypatch.setenv("LC_ALL", "sv_SE.UTF-8")
    code, text = run(["export", "minutes"])
    assert code == 2 and "saknas" in text
    assert english_words(text, CLI_WORDS) == [], text


LISTINGS = [
    ["list", "networks"],
    ["list", "meetings"],
    ["list", "people"],
    ["network", "show", "1"],
    ["plan", "1", "--year", "2027"],
    ["sync", "1"],  # not linked: the sentence says how
]


@pytest.mark.parametrize("argv", LISTINGS, ids=" ".join)
def test_cli_listings_are_swedish_without_iso_timestamps(swedish, demo_db, argv):
    code, text = run(["--lang", "sv", *argv, "--db", str(demo_db)])
    assert code == (1 if argv[0] == "sync" else 0), text
    assert english_words(text, CLI_WORDS) == [], text
    assert not re.search(r"\d{4}-\d\d-\d\dT\d\d:\d\d", text), text  # no raw ISO timestamp
    assert not re.search(r"\b\d\d:\d\d\b", text), text  # Swedish times say 09.00


def test_json_keeps_iso_and_codes(swedish, demo_db):
    import json

    _code, text = run(["--lang", "sv", "list", "networks", "--json", "--db", str(demo_db)])
    network = json.loads(text)[0]
    assert re.fullmatch(r"\d{4}-\d\d-\d\dT09:00:00\+0[12]:00", network["next_meeting"])
    _code, text = run(["--lang", "sv", "list", "people", "--json", "--db", str(demo_db)])
    assert {p["role"] for p in json.loads(text)} <= {"member", "chair", "coordinator", "guest"}


def test_the_scan_finds_english():
    """The scan itself can fail: it sees Textual's and argparse's own words."""
    assert english_words("användning: quorum [-h]\nusage: quorum") == ["usage"]
    assert english_words("Cursor down · Sök bland kommandona") == ["Cursor", "down"]
    assert english_words("export minutes", CLI_WORDS) == []
    assert english_words("ulf.no anna.gron@example.se") == []


async def test_settings_and_sync_speak_only_swedish(swedish, demo_store):
    """The screens other issues brought: the network's settings and each of its forms,
    the sync dialog (f6), and their help."""
    from quorum.tui.screens.network import NetworkSettingsScreen
    from quorum.tui.screens.sync import SyncScreen

    seen: dict[str, str] = {}
    app = demo_app(demo_store)
    async with app.run_test(size=(100, 32)) as pilot:

        async def look(name: str) -> None:
            await pilot.pause()
            await pilot.pause()
            seen[name] = screen_text(app)

        await app.run_action("network_settings")
        await until(pilot, lambda: isinstance(app.screen, NetworkSettingsScreen))
        settings = app.screen
        await look("network settings")
        await pilot.press("f1")
        await look("help on the network settings")
        await pilot.press("escape")
        for section in "123456":
            await pilot.press(section)
            await until(pilot, lambda: app.screen is not settings)
            await look(f"settings form {section}")
            await pilot.press("escape")
            await until(pilot, lambda: app.screen is settings)
        await pilot.press("f6")
        await until(pilot, lambda: isinstance(app.screen, SyncScreen))
        await look("sync dialog")
        await pilot.press("ctrl+s")  # no address yet: the dialog says what is missing
        await look("sync dialog without an address")
        await pilot.press("f1")
        await look("help on the sync dialog")
    found = {name: words for name, text in seen.items() if (words := english_words(text))}
    assert not found, found
    assert "Serveradress" in seen["sync dialog"]


async def test_a_first_run_speaks_only_swedish(swedish, tmp_path):
    """A blank database: the first-run guide and the new-network form."""
    seen: dict[str, str] = {}
    with Store.open(tmp_path / "blank.json") as store:
        app = QuorumApp(store, clock=lambda: DEMO_NOW)
        async with app.run_test(size=(80, 24)) as pilot:
            await pilot.pause()
            await pilot.pause()
            seen["first run"] = screen_text(app)
            await pilot.press("N")
            await pilot.pause()
            await pilot.pause()
            seen["new network"] = screen_text(app)
            await pilot.press("ctrl+s")  # no name: a sentence beside the field
            await pilot.pause()
            seen["new network without a name"] = screen_text(app)
    # The guide ends on a command to type (quorum network new --help): CLI vocabulary.
    found = {n: words for n, text in seen.items() if (words := english_words(text, CLI_WORDS))}
    assert not found, found
    assert "Välkommen till quorum" in seen["first run"]
