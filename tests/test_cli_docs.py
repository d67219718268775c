"""``quorum export minutes|agenda``, ``export mail minutes`` and ``send minutes`` on the demo."""

from __future__ import annotations

import json
from email import message_from_bytes
from email.policy import default
from pathlib import Path

import pytest

from quorum.exports.contacts import emails_in, phones_in
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.conftest import Inbox
from tests.exports.html_checks import assert_self_contained


def meeting_id(db: Path, status: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["list", "meetings", "--db", str(db), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    return str(next(r["id"] for r in rows if r["status"] == status))


@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_export_minutes_to_stdout(
    demo_db: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    held = meeting_id(demo_db, "drafted", capsys)
    assert main(["export", "minutes", held, "--format", fmt, "--db", str(demo_db)]) == 0
    out = capsys.readouterr().out
    assert "Gymnasienätverket Skogsbygden" in out
    if fmt == "html":
        assert_self_contained(out)


def test_export_minutes_to_a_file_lists_personal_data(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = meeting_id(demo_db, "drafted", capsys)
    target = tmp_path / "minnen.html"
    code = main(
        [
            "--lang",
            "sv",
            "export",
            "minutes",
            held,
            "--format",
            "html",
            "-o",
            str(target),
            "--db",
            str(demo_db),
        ]
    )
    assert code == 0
    err = capsys.readouterr().err
    assert "personuppgifter" in err and "namn: Anders Bergfalk" in err
    assert f"Skrev {target}." in err
    assert_self_contained(target.read_text(encoding="utf-8"))


def test_publish_leaves_out_contacts(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    upcoming = meeting_id(demo_db, "invited", capsys)
    assert main(["export", "agenda", upcoming, "--format", "txt", "--db", str(demo_db)]) == 0
    assert emails_in(capsys.readouterr().out)  # the contact line has an address
    assert (
        main(["export", "agenda", upcoming, "--format", "txt", "--publish", "--db", str(demo_db)])
        == 0
    )
    out = capsys.readouterr().out
    assert emails_in(out) == [] and phones_in(out) == []


def test_export_mail_minutes(
    demo_db: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    held = meeting_id(demo_db, "drafted", capsys)
    target = tmp_path / "minutes.eml"
    assert main(["export", "mail", "minutes", held, "-o", str(target), "--db", str(demo_db)]) == 0
    msg = message_from_bytes(target.read_bytes(), policy=default)
    assert msg["Subject"].endswith("Gymnasienätverket Skogsbygden – minnesanteckningar")
    # The publication address gets the public version on its own (send publication).
    assert "utbildning@example.se" not in [a.addr_spec for a in msg["To"].addresses]
    assert [p.get_filename() for p in msg.iter_attachments()][1].endswith(".md")


def test_unknown_meeting_is_a_sentence(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["--lang", "en", "export", "minutes", "999", "--db", str(demo_db)]) == 1
    assert "No meeting" in capsys.readouterr().err


def test_send_without_smtp_is_a_sentence(demo_db: Path, capsys: pytest.CaptureFixture[str]) -> None:
    held = meeting_id(demo_db, "drafted", capsys)
    assert main(["--lang", "en", "send", "minutes", held, "--db", str(demo_db)]) == 1
    assert "has no settings for sending e-mail" in capsys.readouterr().err


def test_send_minutes(demo_db: Path, demo_smtp: Inbox, capsys: pytest.CaptureFixture[str]) -> None:
    held = meeting_id(demo_db, "drafted", capsys)
    assert main(["--lang", "en", "send", "minutes", held, "--db", str(demo_db)]) == 0
    captured = capsys.readouterr()
    assert "Done: 24 of 24 recipients accepted the message." in captured.err
    assert "ok  " in captured.out and "utbildning@example.se" not in captured.out
    assert len(demo_smtp.envelopes) == 1
    received = message_from_bytes(demo_smtp.envelopes[0].content, policy=default)
    assert received["X-Unsent"] is None
    assert received["Subject"].endswith("– minutes")  # --lang en: the document follows


def test_send_invite_records_it_as_sent(
    demo_db: Path, demo_smtp: Inbox, capsys: pytest.CaptureFixture[str]
) -> None:
    upcoming = meeting_id(demo_db, "invited", capsys)
    with Store.open(demo_db) as store:
        before = store.meeting(upcoming)
    assert main(["send", "invite", upcoming, "--db", str(demo_db)]) == 0
    inbox = demo_smtp
    received = message_from_bytes(inbox.envelopes[0].content, policy=default)
    assert "text/calendar" in [p.get_content_type() for p in received.walk()]
    assert len(inbox.envelopes[0].rcpt_tos) == len(received["To"].addresses)
    with Store.open(demo_db, readonly=True) as store:
        after = store.meeting(upcoming)
    assert after.sent_sequence == after.sequence >= before.sequence
    assert not after.invite_outdated
