"""``quorum export mail publication|members`` and ``quorum send publication|members``:
the public version of approved minutes to the publication address (the meeting is then
published), and the roster with the year's dates to the organising body (issue 12)."""

from __future__ import annotations

from email import message_from_bytes
from email.policy import default
from pathlib import Path
from typing import Any

import pytest

from quorum.exports.contacts import emails_in
from quorum.store.records import MeetingStatus, replace
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.conftest import Inbox
from tests.test_cli_docs import meeting_id


def _received(inbox: Inbox) -> Any:
    assert len(inbox.envelopes) == 1
    return message_from_bytes(inbox.envelopes[0].content, policy=default)


def _approve(db: Path, meeting: str) -> None:
    with Store.open(db) as store:
        store.update_meeting(meeting, status=MeetingStatus.APPROVED)


# -- publication -----------------------------------------------------------------------


def test_publication_needs_approved_minutes(
    demo_db: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    drafted = meeting_id(demo_db, "drafted", capsys)
    code = main(["--lang", "en", "export", "mail", "publication", drafted, "--db", str(demo_db)])
    err = capsys.readouterr().err
    assert code == 1 and "not approved" in err and "Traceback" not in err


def test_the_publication_draft_is_the_public_version_and_changes_nothing(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    drafted = meeting_id(demo_db, "drafted", capsys)
    _approve(demo_db, drafted)
    target = tmp_path / "publicering.eml"
    args = ["export", "mail", "publication", drafted, "-o", str(target), "--db", str(demo_db)]
    assert main(args) == 0
    msg = message_from_bytes(target.read_bytes(), policy=default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["utbildning@example.se"]
    body = msg.get_body(("plain",)).get_content()
    assert "Gymnasienätverket Skogsbygden" in body
    # What the personal-data check finds in the text is left out of the public version.
    assert emails_in(body) == []
    html, pdf = list(msg.iter_attachments())  # the public version, for the web and archive
    assert html.get_filename().endswith("-offentlig.html")
    assert emails_in(html.get_content()) == [] and "OFFENTLIG VERSION" in html.get_content()
    assert pdf.get_content_type() == "application/pdf"
    assert pdf.get_content().startswith(b"%PDF") and pdf.get_filename().endswith("-offentlig.pdf")
    with Store.open(demo_db, readonly=True) as store:
        assert store.meeting(drafted).status is MeetingStatus.APPROVED


def test_sending_the_publication_marks_the_meeting_published(
    demo_db: Path,
    demo_smtp: Inbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    drafted = meeting_id(demo_db, "drafted", capsys)
    _approve(demo_db, drafted)
    assert main(["--lang", "en", "send", "publication", drafted, "--db", str(demo_db)]) == 0
    received = _received(demo_smtp)
    assert demo_smtp.envelopes[0].rcpt_tos == ["utbildning@example.se"]
    assert received["X-Unsent"] is None
    assert "published" in capsys.readouterr().err
    with Store.open(demo_db, readonly=True) as store:
        assert store.meeting(drafted).status is MeetingStatus.PUBLISHED
    assert main(["list", "meetings", "--db", str(demo_db)]) == 0


# -- the roster and the dates to the organising body -------------------------------------


def test_members_and_dates_without_an_address_is_a_sentence(
    demo_db: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    code = main(
        ["--lang", "en", "export", "mail", "members", "1", "--year", "2027", "--db", str(demo_db)]
    )
    err = capsys.readouterr().err
    assert code == 1 and "no address for its organising body" in err and "Traceback" not in err


def test_members_and_dates_draft_has_both_lists_attached(
    demo_db: Path,
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    with Store.open(demo_db) as store:
        network = store.networks()[0]
        store.save_network(replace(network, organiser_email="kansli@example.se"))
    target = tmp_path / "medlemmar.eml"
    args = ["export", "mail", "members", "Skogsbygden", "--year", "2027", "-o", str(target)]
    assert main([*args, "--db", str(demo_db)]) == 0
    msg = message_from_bytes(target.read_bytes(), policy=default)
    assert [a.addr_spec for a in msg["To"].addresses] == ["kansli@example.se"]
    assert msg["X-Unsent"] == "1"
    assert "2027" in msg["Subject"] and "Gymnasienätverket Skogsbygden" in msg["Subject"]
    files = {p.get_filename(): p.get_content() for p in msg.iter_attachments()}
    roster = next(text for name, text in files.items() if name.startswith("medlemmar-"))
    dates = next(text for name, text in files.items() if name.startswith("datum-"))
    with Store.open(demo_db, readonly=True) as store:
        members = [p.name for p in store.people(network.id) if p.active]
        days = [
            m.day.isoformat()
            for m in store.meetings(network.id)
            if m.day.year == 2027 and m.status is not MeetingStatus.CANCELLED
        ]
    assert members and all(name in roster for name in members)
    body = msg.get_body(("plain",)).get_content()
    assert days and all(day in dates and day in body for day in days)


def test_sending_members_and_dates_to_another_address(
    demo_db: Path,
    demo_smtp: Inbox,
    capsys: pytest.CaptureFixture[str],
) -> None:
    args = ["send", "members", "1", "--year", "2027", "--to", "utbildning@example.se"]
    assert main([*args, "--db", str(demo_db)]) == 0
    received = _received(demo_smtp)
    assert demo_smtp.envelopes[0].rcpt_tos == ["utbildning@example.se"]
    assert len(list(received.iter_attachments())) == 2
    bad = ["--lang", "en", "send", "members", "1", "--year", "2027", "--to", "=cmd"]
    assert main([*bad, "--db", str(demo_db)]) == 1
    assert "does not look like an e-mail address" in capsys.readouterr().err
