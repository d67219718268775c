"""The reply files a user names in the replies screen: folders, quoted names, unreadable."""

from __future__ import annotations

from pathlib import Path

from quorum.tui.reply_files import read_replies, reply_files


def test_reply_files_reads_folders_and_quoted_names(tmp_path: Path) -> None:
    folder = tmp_path / "svar"
    folder.mkdir()
    (folder / "a.ics").write_bytes(b"A")
    (folder / "notes.txt").write_bytes(b"-")
    spaced = tmp_path / "med mellanslag.ics"
    spaced.write_bytes(b"B")
    missing = tmp_path / "borta.ics"
    paths = reply_files(f'{folder}\n"{spaced}" {missing}')
    assert paths == [folder / "a.ics", spaced, missing]
    read = read_replies(paths)
    assert read[:2] == [(str(folder / "a.ics"), b"A"), (str(spaced), b"B")]
    assert read[2][0] == str(missing) and isinstance(read[2][1], OSError)
