"""``-o`` as a script uses it: private files, never over a file without --force, never
through a link; and a mail draft to an address with å, ä or ö."""

from __future__ import annotations

import os
import stat
from email import message_from_string
from email.policy import default
from pathlib import Path

import pytest

from quorum.store.demo import build_demo
from quorum.store.records import Attendance, replace
from quorum.store.store import Store
from quorum.tui.cli import main


@pytest.fixture
def demo_db(tmp_path: Path) -> Path:
    db = tmp_path / "demo.json"
    with Store.open(db) as store:
        build_demo(store)
    return db


@pytest.fixture
def umask_0():
    old = os.umask(0)
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


@pytest.mark.parametrize(
    "command",
    [
        ["export", "roster", "1"],
        ["export", "minutes", "2", "--format", "html"],
        ["export", "mail", "minutes", "2"],
        ["export", "invite", "3"],
        ["export", "decisions", "1"],
    ],
)
def test_every_o_file_is_private_whatever_the_umask(
    demo_db: Path, tmp_path: Path, umask_0: None, command: list[str]
) -> None:
    target = tmp_path / "out.file"
    assert main([*command, "-o", str(target), "--db", str(demo_db)]) == 0
    assert _mode(target) == 0o600


def test_a_published_version_gets_the_usual_rights(demo_db: Path, tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        target = tmp_path / "public.html"
        args = ["export", "minutes", "2", "--format", "html", "--publish", "-o", str(target)]
        assert main([*args, "--db", str(demo_db)]) == 0
    finally:
        os.umask(old)
    assert _mode(target) == 0o644


def test_o_refuses_an_existing_file_unless_force(demo_db: Path, tmp_path: Path, capsys) -> None:
    target = tmp_path / "roster.csv"
    target.write_text("keep me", encoding="utf-8")
    args = ["--lang", "sv", "export", "roster", "1", "-o", str(target), "--db", str(demo_db)]
    assert main(args) == 1
    assert "--force" in capsys.readouterr().err
    assert target.read_text(encoding="utf-8") == "keep me"
    assert main([*args, "--force"]) == 0
    assert target.read_text(encoding="utf-8-sig").startswith("Namn;")
    assert _mode(target) == 0o600


def test_o_never_writes_through_a_symlink(demo_db: Path, tmp_path: Path, capsys) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_text("do not touch", encoding="utf-8")
    link = tmp_path / "minutes.md"
    link.symlink_to(victim)
    for extra in ([], ["--force"]):
        args = ["export", "minutes", "2", "-o", str(link), *extra, "--db", str(demo_db)]
        assert main(args) == 1
        assert "symbolic link" in capsys.readouterr().err
    assert victim.read_text(encoding="utf-8") == "do not touch" and link.is_symlink()


def test_a_mail_draft_to_an_address_with_swedish_letters(demo_db: Path, tmp_path: Path) -> None:
    with Store.open(demo_db) as store:
        meeting = store.meeting("3")
        guest = Attendance(guest_name="Åsa Öberg", guest_email="åsa.öberg@skövde.example.se")
        store.save_meeting(replace(meeting, attendance=(*meeting.attendance, guest)))
    target = tmp_path / "kallelse.eml"
    assert main(["export", "mail", "invite", "3", "-o", str(target), "--db", str(demo_db)]) == 0
    msg = message_from_string(target.read_bytes().decode("utf-8"), policy=default)
    assert "åsa.öberg@skövde.example.se" in [a.addr_spec for a in msg["To"].addresses]
    assert msg["Message-ID"]
