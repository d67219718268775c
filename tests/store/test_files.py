"""Export files (store/files.py): private whatever the umask, never over a file unasked,
never through a link; reply files read only up to a limit."""

from __future__ import annotations

import os
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from quorum.store.errors import QuorumError
from quorum.store.files import read_limited, write_export


@pytest.fixture
def umask_0() -> Iterator[None]:
    old = os.umask(0)  # the most permissive: a plain open() would make the file 0666
    try:
        yield
    finally:
        os.umask(old)


def _mode(path: Path) -> int:
    return stat.S_IMODE(path.stat().st_mode)


def test_a_new_export_is_readable_by_its_owner_only(tmp_path: Path, umask_0: None) -> None:
    target = tmp_path / "protokoll.html"
    write_export(target, b"<p>minutes</p>")
    assert target.read_bytes() == b"<p>minutes</p>"
    assert _mode(target) == 0o600


def test_a_replaced_export_is_private_too(tmp_path: Path, umask_0: None) -> None:
    target = tmp_path / "roster.csv"
    target.write_bytes(b"old")
    os.chmod(target, 0o666)
    write_export(target, b"new", replace=True)
    assert target.read_bytes() == b"new" and _mode(target) == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["roster.csv"]  # no temp file left


def test_a_public_version_gets_the_usual_rights(tmp_path: Path) -> None:
    old = os.umask(0o022)
    try:
        write_export(tmp_path / "public.html", b"x", public=True)
    finally:
        os.umask(old)
    assert _mode(tmp_path / "public.html") == 0o644


def test_an_existing_file_is_refused_unless_replacing_is_asked(tmp_path: Path) -> None:
    target = tmp_path / "invite.ics"
    target.write_bytes(b"old")
    with pytest.raises(QuorumError) as err:
        write_export(target, b"new")
    assert err.value.key == "file.exists_force"
    assert "--force" in err.value.sentence("sv")
    assert target.read_bytes() == b"old"


@pytest.mark.parametrize("replace", [False, True])
def test_a_link_is_never_written_through(tmp_path: Path, replace: bool) -> None:
    victim = tmp_path / "victim.txt"
    victim.write_bytes(b"do not touch")
    link = tmp_path / "minutes.md"
    link.symlink_to(victim)
    dangling = tmp_path / "dangling.md"
    dangling.symlink_to(tmp_path / "nowhere.md")
    for path in (link, dangling):
        with pytest.raises(QuorumError) as err:
            write_export(path, b"secret minutes", replace=replace)
        assert err.value.key == "file.is_link"
        assert path.is_symlink()
    assert victim.read_bytes() == b"do not touch"
    assert not (tmp_path / "nowhere.md").exists()


def test_a_folder_or_a_missing_folder_is_a_sentence(tmp_path: Path) -> None:
    with pytest.raises(QuorumError) as err:
        write_export(tmp_path, b"x", replace=True)
    assert err.value.key == "file.is_folder"
    with pytest.raises(QuorumError) as err:
        write_export(tmp_path / "missing" / "x.ics", b"x")
    assert err.value.key == "file.write_failed"
    assert "No such file" in err.value.sentence("en")


def test_a_reply_file_over_the_limit_is_refused_without_reading_it(tmp_path: Path) -> None:
    big = tmp_path / "reply.ics"
    with big.open("wb") as fh:
        fh.truncate(50 * 1024 * 1024)  # 50 MB, sparse: its size alone refuses it
    with pytest.raises(QuorumError) as err:
        read_limited(big, 1024 * 1024, "reply.too_big")
    assert "51200 kB" in err.value.sentence("en") and "1024 kB" in err.value.sentence("en")
    small = tmp_path / "ok.ics"
    small.write_bytes(b"BEGIN:VCALENDAR")
    assert read_limited(small, 1024 * 1024, "reply.too_big") == b"BEGIN:VCALENDAR"


def test_a_file_without_a_size_is_read_one_byte_past_the_limit_at_most() -> None:
    # /dev/zero has no size and no end: reading it whole would never finish.
    with pytest.raises(QuorumError) as err:
        read_limited(Path("/dev/zero"), 1024 * 1024, "reply.too_big")
    assert err.value.key == "reply.too_big"
