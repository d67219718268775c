"""Calendar replies applied several at once, each on its own.

A reply we cannot trust (unreadable, another meeting, an address not invited, an
older SEQUENCE) is reported with the reason and changes nothing; the others still
count. Two replies to the same meeting both land. A reply by mail from someone else
than the invitee is reported as unverified (``ReplyOutcome.unverified``) and applied
only when the caller passes ``accept_unverified`` — after the user confirmed it. The
caller reads the files (``store.files.read_limited``, see ``tui/reply_files.py``) and
saves the changed meetings; this takes bytes and records and returns records, so it
lives in exports beside :mod:`quorum.exports.ics_reply`.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import PurePath

from quorum.exports.ics_reply import UnverifiedReply, apply_reply, find_meeting, parse_reply
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Meeting, Person

# A file's name, and its bytes or why it could not be read (an OSError, or a sentence:
# too big).
ReplyFile = tuple[str, bytes | OSError | QuorumError]


@dataclass(frozen=True)
class ReplyOutcome:
    file: str
    applied: bool
    sentence: str  # "Anna Berg accepted ..." or why nothing changed
    unverified: bool = False  # from someone else than the invitee: applied only if confirmed


def import_replies(
    files: Iterable[ReplyFile],
    meetings: Iterable[Meeting],
    people: dict[str, Person],
    lang: str,
    accept_unverified: bool = False,
    today: date | None = None,
) -> tuple[list[ReplyOutcome], dict[str, Meeting]]:
    """Each file's outcome, and the meetings changed (by id) ready to be saved."""
    current = {m.id: m for m in meetings}
    changed: dict[str, Meeting] = {}
    outcomes: list[ReplyOutcome] = []
    for name, data in files:
        try:
            if isinstance(data, QuorumError):
                raise data
            if isinstance(data, OSError):
                raise QuorumError(
                    "exportui.reply_unreadable_file",
                    path=name,
                    detail=data.strerror or str(data),
                )
            reply = parse_reply(data)
            meeting = find_meeting(current.values(), reply)
            updated, sentence = apply_reply(
                meeting,
                people,
                reply,
                lang=lang,
                source=PurePath(name).name,
                accept_unverified=accept_unverified,
                today=today,
            )
        except UnverifiedReply as err:
            outcomes.append(ReplyOutcome(name, False, err.sentence(lang), unverified=True))
            continue
        except QuorumError as err:
            outcomes.append(ReplyOutcome(name, False, err.sentence(lang)))
            continue
        current[updated.id] = changed[updated.id] = updated
        outcomes.append(ReplyOutcome(name, True, sentence))
    if not outcomes:
        outcomes.append(ReplyOutcome("", False, t("exportui.reply_no_files", lang=lang)))
    return outcomes, changed
