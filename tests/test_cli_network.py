"""A network built from an empty database by the command line alone (issue 12):
``network new|set|show``, ``org add``, ``person add``, ``plan``, ``meeting new|set``,
``cancel`` — up to an invite that passes the iCalendar checks, with the host's contact
as ORGANIZER. No demo and no store calls: only what a script can do."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

from quorum.tui.cli import main
from tests.exports.ics_checks import check_structure, only_event, read_with_vobject

YEAR = date.today().year + 1


class Cli:
    """``quorum --db DB …`` as a script runs it: stdout, stderr and the exit code."""

    def __init__(self, db: Path, capsys: pytest.CaptureFixture[str]) -> None:
        self.db = db
        self.capsys = capsys

    def __call__(self, *args: str, code: int = 0) -> tuple[str, str]:
        self.capsys.readouterr()
        got = main([*args, "--db", str(self.db)])
        out, err = self.capsys.readouterr()
        assert got == code, f"quorum {' '.join(args)} → {got}\n{out}\n{err}"
        assert "Traceback" not in err
        return out, err

    def id(self, *args: str) -> str:
        out, _ = self(*args)
        assert out.strip().isdigit(), out
        return out.strip()


@pytest.fixture
def cli(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Cli:
    return Cli(tmp_path / "natverk.json", capsys)


def build(cli: Cli) -> str:
    net = cli.id(
        "network",
        "new",
        "Gymnasienätverket Skaraborg",
        "--organiser",
        "Skaraborgs Kommunalförbund",
        "--weekday",
        "fredag",
        "--time",
        "09:00-12:00",
        "--min-meetings",
        "4",
    )
    cli.id(
        "person",
        "add",
        net,
        "--name",
        "Åsa Öberg",
        "--email",
        "asa@skaraborg.example.se",
        "--role",
        "samordnare",
    )
    cli.id("org", "add", net, "Skövde kommun")
    cli.id("org", "add", net, "Lidköpings kommun")
    cli.id("org", "add", net, "Volvo Cars Skövde", "--industry")
    cli.id(
        "person",
        "add",
        net,
        "--name",
        "Anna Berg",
        "--email",
        "anna@skovde.example.se",
        "--org",
        "Skövde kommun",
    )
    cli.id("person", "add", net, "--name", "Märta Ängström", "--email", "marta@skovde.example.se")
    cli("org", "add", net, "Skövde kommun", "--contact", "marta@skovde.example.se")
    cli.id(
        "person",
        "add",
        net,
        "--name",
        "Björn Lind",
        "--email",
        "bjorn@lidkoping.example.se",
        "--org",
        "Lidköpings kommun",
    )
    cli.id(
        "person",
        "add",
        net,
        "--name",
        "Petra Sjö",
        "--email",
        "petra@volvo.example.com",
        "--org",
        "Volvo",
    )
    cli(
        "network",
        "set",
        net,
        "place=Stadshuset, Skövde",
        "publication_email=utbildning@skaraborg.example.se",
    )
    return net


def test_a_network_from_an_empty_database_up_to_an_invite(cli: Cli, tmp_path: Path) -> None:
    net = build(cli)
    out, _ = cli("network", "show", net, "--json")
    shown = json.loads(out)
    assert shown["coordinator"]["email"] == "asa@skaraborg.example.se"
    assert [m["name"] for m in shown["members"]] == [
        "Skövde kommun",
        "Lidköpings kommun",
        "Volvo Cars Skövde",
    ]
    assert shown["members"][0]["contact"]["email"] == "marta@skovde.example.se"
    assert shown["members"][2]["kind"] == "company"

    meeting = cli.id("meeting", "new", net, "--date", f"{YEAR}-03-12", "--host", "Skövde kommun")
    cli("meeting", "set", meeting, "place=Stadshuset, sal 3", "chair=asa@skaraborg.example.se")
    target = tmp_path / "kallelse.ics"
    cli("export", "invite", meeting, "-o", str(target))
    data = target.read_bytes()
    check_structure(data)
    read_with_vobject(data)
    event = only_event(data)
    # The host's contact organises, as "värd för kommande möte … skickar kalenderinbjudan".
    assert str(event["ORGANIZER"]) == "mailto:marta@skovde.example.se"
    attendees = {str(a): a.params for a in event["ATTENDEE"]}
    assert len(attendees) == 5
    assert attendees["mailto:marta@skovde.example.se"]["RSVP"] == "FALSE"
    assert attendees["mailto:bjorn@lidkoping.example.se"]["RSVP"] == "TRUE"
    # The network's name once in the description (the title does not repeat it).
    assert str(event["DESCRIPTION"]).count("Gymnasienätverket Skaraborg") == 1


def test_plan_keeps_the_breaks_free_and_says_why_dates_moved(cli: Cli) -> None:
    net = build(cli)
    cli("network", "set", net, "sportlov=8", "min_meetings=8")
    out, err = cli("--lang", "sv", "plan", net, "--year", str(YEAR))
    rows = [line for line in out.splitlines()[1:] if line.strip()]
    assert len(rows) == 8
    weeks = {int(line.split("v. ")[1].split()[0]) for line in rows}
    assert not weeks & {8, 44}, out
    assert "--create" in err
    # Nothing was created by looking.
    listed, _ = cli("list", "meetings", "--json")
    assert json.loads(listed) == []

    out, err = cli("--lang", "sv", "plan", net, "--year", str(YEAR), "--create")
    created = [line.split()[0] for line in out.splitlines()[1:]]
    assert len(created) == 8 and all(c.isdigit() for c in created)
    listed, _ = cli("list", "meetings", "--json")
    meetings = json.loads(listed)
    assert {m["id"] for m in meetings} == set(created)
    assert all(m["host"] for m in meetings) and all(m["invitees"] == 5 for m in meetings)
    # The year is planned: asking again proposes nothing more, and says so.
    out, err = cli("--lang", "sv", "plan", net, "--year", str(YEAR))
    assert "Inga nya datum" in err and "finns redan" in out


def test_a_date_in_a_break_is_made_as_asked_with_the_reason(cli: Cli) -> None:
    net = build(cli)
    monday = date.fromisocalendar(YEAR, 44, 5)
    _, err = cli("--lang", "sv", "meeting", "new", net, "--date", monday.isoformat())
    assert "Höstlov" in err


def test_cancel_and_the_cancellation_file(cli: Cli, tmp_path: Path) -> None:
    net = build(cli)
    meeting = cli.id("meeting", "new", net, "--date", f"{YEAR}-09-17")
    cli("export", "invite", meeting, "-o", str(tmp_path / "kallelse.ics"))
    _, err = cli("--lang", "sv", "export", "cancel", meeting, code=1)
    assert f"quorum cancel {meeting}" in err
    _, err = cli("--lang", "sv", "cancel", meeting)
    assert "inställt" in err and "export cancel" in err
    _, err = cli("--lang", "sv", "cancel", meeting)
    assert "redan inställt" in err
    out, _ = cli("export", "cancel", meeting)
    assert "METHOD:CANCEL" in out
    listed, _ = cli("list", "meetings", "--json")
    assert json.loads(listed)[0]["status"] == "cancelled"


def test_show_prints_every_field_and_never_a_password(
    cli: Cli, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("QUORUM_SMTP_PASSWORD", "hemligt-lösen-123")
    net = build(cli)
    cli("network", "set", net, "smtp.host=smtp.skaraborg.example.se", "smtp.user=asa")
    text, _ = cli("network", "show", net)
    as_json, _ = cli("network", "show", net, "--json")
    for out in (text, as_json):
        assert "hemligt" not in out and "smtp.skaraborg.example.se" in out
    doc = json.loads(as_json)
    for field in ("organiser_email", "invite_sender", "breaks", "allow_afton_days", "formality"):
        assert field in doc
    assert doc["smtp"]["password_env"] == "QUORUM_SMTP_PASSWORD"
    # The text form is what ``network set`` takes back.
    assignments = [
        f"{name}={value}"
        for name, _, value in (ln.partition("  ") for ln in text.splitlines())
        if name and not name.startswith(" ") and ":" not in name
    ]
    cli("network", "set", net, *[a.replace("= ", "=").strip() for a in assignments])
    again, _ = cli("network", "show", net)
    assert again == text


@pytest.mark.parametrize(
    ("args", "words"),
    [
        (("network", "new", "  "), "namn"),
        (("network", "new", "X", "--weekday", "fredagsmys"), "veckodag"),
        (("network", "new", "X", "--time", "12-9"), "sluttiden"),
        (("network", "set", "99", "name=X"), "99"),
        (("network", "set", "1", "weekday=blå"), "weekday"),
        (
            (
                "network",
                "set",
                "1",
                "smtp.host=mail.example.se",
                "smtp.user=u",
                "smtp.security=none",
            ),
            "STARTTLS",
        ),
        (("org", "add", "1", "Skara kommun", "--contact", "ingen@example.se"), "quorum person add"),
        (("person", "add", "1", "--name", "X", "--email", "inte-en-adress"), "e-post"),
        (
            ("person", "add", "1", "--name", "X", "--email", "x@example.se", "--org", "Okänd"),
            "quorum org add",
        ),
        (
            ("person", "add", "1", "--name", "X", "--email", "x@example.se", "--role", "kung"),
            "kung",
        ),
        (("meeting", "new", "1", "--date", "31/2"), "31/2"),
        (("meeting", "set", "77", "place=X"), "77"),
        (("cancel", "77"), "77"),
    ],
)
def test_errors_are_one_sentence_and_a_non_zero_exit(
    cli: Cli, args: tuple[str, ...], words: str
) -> None:
    cli("network", "new", "Nätverket")
    _, err = cli("--lang", "sv", *args, code=1)
    assert words.casefold() in err.casefold()
    assert len(err.strip().splitlines()) == 1, err


def test_the_same_network_twice_is_refused(cli: Cli) -> None:
    cli("network", "new", "Nätverket")
    _, err = cli("--lang", "sv", "network", "new", " nätverket ", code=1)
    assert "finns redan" in err


def test_field_names_are_documented_in_help(capsys: pytest.CaptureFixture[str]) -> None:
    for command in (["network", "set"], ["meeting", "set"]):
        with pytest.raises(SystemExit):
            main(["--lang", "sv", *command, "--help"])
        out = capsys.readouterr().out
        assert "FÄLT=VÄRDE" in out
        assert ("sportlov" in out) == (command[0] == "network")
        assert ("checkers" in out) == (command[0] == "meeting")


def test_a_reader_that_leaves_early_gets_no_traceback(tmp_path: Path) -> None:
    # ``quorum list networks | head -1`` on a long list: the pipe closes under the writer.
    import subprocess
    import sys

    from quorum.store.store import Store

    db = tmp_path / "many.json"
    with Store.open(db) as store, store.batch():
        for n in range(800):
            store.add_network(name=f"Nätverk {n:03d} " + "x" * 150)
    command = [sys.executable, "-m", "quorum.tui.cli", "list", "networks", "--db", str(db)]
    reader = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    assert reader.stdout is not None and reader.stderr is not None
    assert reader.stdout.readline()
    reader.stdout.close()  # as head does after its line
    err = reader.stderr.read().decode()
    reader.wait(timeout=60)
    assert "Traceback" not in err and "Exception" not in err, err
    assert reader.returncode in (0, 141)


def test_a_read_of_a_path_where_no_database_is_says_so(cli: Cli) -> None:
    # A typo in a script's --db: a sentence and exit 1, never "no meetings yet".
    for command in (["list", "meetings"], ["list", "networks"], ["network", "show", "1"]):
        _, err = cli("--lang", "en", *command, code=1)
        assert "There is no database at" in err and str(cli.db) in err
        assert not cli.db.exists()
    cli.id("network", "new", "Nätverket")  # the path a command creates from
    out, _ = cli("list", "networks")
    assert "Nätverket" in out
