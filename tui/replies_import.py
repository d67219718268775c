"""Importing several calendar replies at once, each on its own (no Textual here).

A reply we cannot trust (unreadable, another meeting, an address not
invited, an older SEQUENCE) is reported with the reason and changes nothing;
the others still count. Two replies to the same meeting both land.
"""

from __future__ import annotations

import shlex
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from quorum.exports.ics_reply import apply_reply, find_meeting, parse_reply
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Meeting, Person


@dataclass(frozen=True)
class ReplyOutcome:
    file: str
    applied: bool
    sentence: str  # "Anna Berg accepted ..." or why nothing changed


def reply_files(text: str) -> list[Path]:
    """The files named in ``text``: one per line or separated by spaces (quotes allowed for
    names with spaces); a folder stands for every .ics file in it."""
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
            files += sorted(p for p in path.iterdir() if p.suffix.lower() == ".ics" and p.is_file())
        else:
            files.append(path)
    return files


def import_replies(
    files: Iterable[Path], meetings: Iterable[Meeting], people: dict[str, Person], lang: str
) -> tuple[list[ReplyOutcome], dict[str, Meeting]]:
    """Each file's outcome, and the meetings changed (by id) ready to be saved."""
    current = {m.id: m for m in meetings}
    changed: dict[str, Meeting] = {}
    outcomes: list[ReplyOutcome] = []
    for path in files:
        try:
            try:
                data = path.read_bytes()
            except OSError as err:
                raise QuorumError(
                    "exportui.reply_unreadable_file",
                    path=str(path),
                    detail=err.strerror or str(err),
                ) from None
            reply = parse_reply(data)
            meeting = find_meeting(current.values(), reply)
            updated, sentence = apply_reply(meeting, people, reply, lang=lang)
        except QuorumError as err:
            outcomes.append(ReplyOutcome(str(path), False, err.sentence(lang)))
            continue
        current[updated.id] = changed[updated.id] = updated
        outcomes.append(ReplyOutcome(str(path), True, sentence))
    if not outcomes:
        outcomes.append(ReplyOutcome("", False, t("exportui.reply_no_files", lang=lang)))
    return outcomes, changed
