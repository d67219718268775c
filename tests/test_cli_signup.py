"""``quorum signup``: open sign-up as the university networks run it (seed 004), two
campuses under one coordinating network, registration by hand and by calendar reply."""

from __future__ import annotations

import json
from datetime import date, datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from icalendar import Calendar, Event, vCalAddress

from quorum.store.records import Rsvp
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.store.signup_fixtures import build_campuses

ZONE = ZoneInfo("Europe/Stockholm")
SOON = date.today() + timedelta(days=30)


@pytest.fixture
def campuses(tmp_path: Path) -> Path:
    db = tmp_path / "run.json"
    with Store.open(db) as store:
        build_campuses(store, SOON)
    return db


def run(db: Path, *args: str) -> int:
    return main(["--lang", "en", *args, "--db", str(db)])


def test_open_register_from_both_campuses_and_a_guest_and_list(
    campuses: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    until = (SOON - timedelta(days=7)).isoformat()
    assert run(campuses, "signup", "open", "1", "--until", until) == 0
    assert "open up to and including" in capsys.readouterr().err
    assert run(campuses, "signup", "add", "1", "--person", "gertrud@miun.example.se") == 0
    assert run(campuses, "signup", "add", "1", "--person", "Catarina") == 0  # the other campus
    assert run(campuses, "signup", "add", "1", "--name", "Ola Gäst", "--email", "ola@x.se") == 0
    capsys.readouterr()
    assert run(campuses, "signup", "add", "1", "--person", "Utan Koppling") == 1
    assert "not on the roster" in capsys.readouterr().err
    assert run(campuses, "signup", "list", "1", "--json") == 0
    rows = json.loads(capsys.readouterr().out)
    assert [r["name"] for r in rows] == ["Gertrud Alirani", "Catarina Karlsson", "Ola Gäst"]
    assert rows[2]["guest"] == "guest"
    assert run(campuses, "signup", "list", "1") == 0
    assert capsys.readouterr().out.splitlines()[0] == "Gertrud Alirani\tgertrud@miun.example.se\t"


def test_after_the_deadline_only_when_asked(
    campuses: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    yesterday = (date.today() - timedelta(days=1)).isoformat()
    assert run(campuses, "signup", "open", "1", "--until", yesterday) == 0
    assert run(campuses, "signup", "add", "1", "--name", "Sen Gäst", "--email", "sen@x.se") == 1
    err = capsys.readouterr().err
    assert "Registration closed on" in err and "Traceback" not in err
    late = ["signup", "add", "1", "--name", "Sen Gäst", "--email", "sen@x.se", "--late"]
    assert run(campuses, *late) == 0
    after = (SOON + timedelta(days=1)).isoformat()
    assert run(campuses, "signup", "open", "1", "--until", after) == 1
    assert "after the meeting" in capsys.readouterr().err


def test_a_meeting_not_open_refuses_and_close_closes(
    campuses: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert run(campuses, "signup", "add", "1", "--person", "Gertrud") == 1
    assert "not open for registration" in capsys.readouterr().err
    assert run(campuses, "signup", "open", "1", "--until", SOON.isoformat()) == 0
    assert run(campuses, "signup", "close", "1") == 0
    with Store.open(campuses, readonly=True) as store:
        assert store.meeting("1").signup_until is None


def _reply(uid: str, email: str, name: str) -> bytes:
    cal = Calendar()
    cal.add("prodid", "-//test//EN")
    cal.add("version", "2.0")
    cal.add("method", "REPLY")
    event = Event()
    event.add("uid", uid)
    event.add("sequence", 0)
    event.add("dtstamp", datetime.now(ZONE))
    attendee = vCalAddress(f"mailto:{email}")
    attendee.params["PARTSTAT"] = "ACCEPTED"
    attendee.params["CN"] = name
    event.add("attendee", attendee)
    cal.add_component(event)
    return cal.to_ical()


def test_a_calendar_yes_registers_anyone_while_open(campuses: Path, tmp_path: Path) -> None:
    with Store.open(campuses) as store:
        uid = store.meeting("1").uid
    files = [tmp_path / "ja-catarina.ics", tmp_path / "ja-gast.ics"]
    files[0].write_bytes(_reply(uid, "catarina@miun.example.se", "Catarina K"))
    files[1].write_bytes(_reply(uid, "stina@skolan.example.se", "Stina Skola"))
    # Not open: an address not invited is refused.
    assert run(campuses, "import", "reply", str(files[0])) == 1
    assert run(campuses, "signup", "open", "1", "--until", SOON.isoformat()) == 0
    assert run(campuses, "import", "reply", *map(str, files)) == 0
    with Store.open(campuses, readonly=True) as store:
        meeting = store.meeting("1")
        catarina = store.person_by_email("catarina@miun.example.se")
    assert catarina is not None
    assert meeting.attendee(catarina.id).rsvp is Rsvp.ACCEPTED
    guest = next(a for a in meeting.attendance if a.person_id is None)
    assert (guest.guest_name, guest.guest_email) == ("Stina Skola", "stina@skolan.example.se")


def test_sub_networks_from_the_command_line(
    campuses: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """``network new --parent`` and ``network set parent=``: one field, the settings
    screen's, with the same rule (one level deep)."""
    assert run(campuses, "network", "new", "Nätverk Norra", "--parent", "RUN") == 0
    north = capsys.readouterr().out.strip()
    with Store.open(campuses, readonly=True) as store:
        run_id = store.find_network("RUN").id
        assert store.network(north).parent_id == run_id
    assert run(campuses, "network", "show", north) == 0
    lines = capsys.readouterr().out.splitlines()
    assert any(line.split() == ["parent", "RUN", "gymnasiesamverkan"] for line in lines)
    # A network of its own again, and back; a sub-network cannot coordinate another.
    assert run(campuses, "network", "set", north, "parent=none") == 0
    assert run(campuses, "network", "set", north, "parent=RUN gymnasiesamverkan") == 0
    assert run(campuses, "network", "set", "Helt annat", "parent=Nätverk Västra") == 1
    err = capsys.readouterr().err
    assert "not itself a sub-network" in err and "Traceback" not in err
    assert run(campuses, "network", "set", "RUN", "parent=RUN") == 1  # not part of itself
    assert "sub-network" in capsys.readouterr().err
    assert run(campuses, "network", "set", north, "parent=Finns inte") == 1
    assert "Traceback" not in capsys.readouterr().err
    with Store.open(campuses, readonly=True) as store:
        assert store.network(north).parent_id == run_id
        assert store.find_network("Helt annat").parent_id is None


def test_a_calendar_yes_by_mail_from_someone_else_registers_only_when_accepted(
    campuses: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A registration is a reply like any other: a mail whose sender is not the one it
    answers for changes nothing until the user accepts it (--accept-unverified)."""
    from email.headerregistry import Address
    from email.message import EmailMessage
    from email.policy import SMTP

    with Store.open(campuses) as store:
        uid = store.meeting("1").uid
    msg = EmailMessage(policy=SMTP)
    msg["From"] = Address("Någon annan", addr_spec="annan@example.se")
    msg["To"] = Address("Gertrud", addr_spec="gertrud@miun.example.se")
    msg["Subject"] = "Accepterat: Nätverksträff"
    msg.set_content("Jag anmäler Stina.")
    msg.add_attachment(
        _reply(uid, "stina@skolan.example.se", "Stina Skola"),
        maintype="text",
        subtype="calendar",
        params={"method": "REPLY"},
        filename="invite.ics",
    )
    mail = tmp_path / "svar.eml"
    mail.write_bytes(msg.as_bytes())
    assert run(campuses, "signup", "open", "1", "--until", SOON.isoformat()) == 0
    capsys.readouterr()
    assert run(campuses, "import", "reply", str(mail)) == 1
    assert "Traceback" not in capsys.readouterr().err
    with Store.open(campuses, readonly=True) as store:
        assert all(
            a.guest_email != "stina@skolan.example.se" for a in store.meeting("1").attendance
        )
    assert run(campuses, "import", "reply", str(mail), "--accept-unverified") == 0
    with Store.open(campuses, readonly=True) as store:
        emails = [a.guest_email for a in store.meeting("1").attendance]
    assert "stina@skolan.example.se" in emails
