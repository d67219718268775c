"""Calendar replies applied several at once, each on its own.

A reply we cannot trust (unreadable, another meeting, an address not invited, an
older SEQUENCE) is reported with the reason and changes nothing; the others still
count. Two replies to the same meeting both land. The caller reads the files (see
``tui/reply_files.py``) and saves the changed meetings; this takes bytes and records
and returns records, so it lives in exports beside :mod:`quorum.exports.ics_reply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date

from quorum.exports.ics_reply import apply_reply, find_meeting, parse_reply
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Meeting, Person

ReplyFile = tuple[str, bytes | OSError]  # a file's name, and its bytes or why it was unreadable


@dataclass(frozen=True)
class ReplyOutcome:
    file: str
    applied: bool
    sentence: str  # "Anna Berg accepted ..." or why nothing changed


def import_replies(
    files: Iterable[ReplyFile],
    meetings: Iterable[Meeting],
    people: dict[str, Person],
    lang: str,
    today: date | None = None,
) -> tuple[list[ReplyOutcome], dict[str, Meeting]]:
    """Each file's outcome, and the meetings changed (by id) ready to be saved."""
    current = {m.id: m for m in meetings}
    changed: dict[str, Meeting] = {}
    outcomes: list[ReplyOutcome] = []
    for name, data in files:
        try:
            if isinstance(data, OSError):
                raise QuorumError(
                    "exportui.reply_unreadable_file",
                    path=name,
                    detail=data.strerror or str(data),
                )
            reply = parse_reply(data)
            meeting = find_meeting(current.values(), reply)
            updated, sentence = apply_reply(meeting, people, reply, lang=lang, today=today)
        except QuorumError as err:
            outcomes.append(ReplyOutcome(name, False, err.sentence(lang)))
            continue
        current[updated.id] = changed[updated.id] = updated
        outcomes.append(ReplyOutcome(name, True, sentence))
    if not outcomes:
        outcomes.append(ReplyOutcome("", False, t("exportui.reply_no_files", lang=lang)))
    return outcomes, changed
