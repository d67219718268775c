"""The calendar reply files a user names in the replies screen, read from disk.

What the user typed is UI input (a path per line, or several with quotes, or a
folder), so this stays in tui; applying the replies is
:func:`quorum.exports.replies.import_replies`, which takes the bytes read here.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from pathlib import Path

from quorum.exports.ics_reply import MAX_REPLY_BYTES
from quorum.exports.replies import ReplyFile
from quorum.store.errors import QuorumError
from quorum.store.files import read_limited


def reply_files(text: str) -> list[Path]:
    """The files named in ``text``: one per line or separated by spaces (quotes allowed for
    names with spaces); a folder stands for every .ics and .eml file in it."""
    names: list[str] = []
    for line in text.splitlines():
        line = line.strip()
        if not line:
            continue
        if Path(line).expanduser().exists():  # a whole line that is a path, spaces and all
            names.append(line)
            continue
        try:
            names += shlex.split(line)
        except ValueError:  # an unmatched quote: take the words as they are
            names += line.split()
    files: list[Path] = []
    for name in names:
        path = Path(name).expanduser()
        if path.is_dir():
            files += sorted(
                p for p in path.iterdir() if p.suffix.lower() in (".ics", ".eml") and p.is_file()
            )
        else:
            files.append(path)
    return files


def read_replies(paths: Iterable[Path]) -> list[ReplyFile]:
    """Each file's name with its bytes, or why it was not read: an OSError, or a sentence
    for a file too big to be a reply (never read into memory)."""
    read: list[ReplyFile] = []
    for path in paths:
        try:
            read.append((str(path), read_limited(path, MAX_REPLY_BYTES, "reply.too_big")))
        except OSError as err:
            read.append((str(path), err))
        except QuorumError as err:
            read.append((str(path), err))
    return read
