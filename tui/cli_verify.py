"""``quorum verify FILE.pdf``: does this PDF match an approved version of the minutes?

One sentence on stdout and exit 0 when it does; one sentence on stderr and exit 1
when it does not (no PDF, no quorum mark, no such version in this database, or
words changed). The check itself is ``exports.verify``.
"""

from __future__ import annotations

import argparse
from pathlib import Path

from quorum.store.errors import NotFound, QuorumError
from quorum.store.i18n import t
from quorum.tui.cli_context import EXIT_ERROR, CliContext


def verify(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.exports.context import DocContext
    from quorum.exports.documents import document_context
    from quorum.exports.verify import check, read_marks
    from quorum.store.gather import meeting_records

    path = Path(args.file).expanduser()
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QuorumError("cli.os_error", path=str(path), detail=err.strerror) from None
    marks = read_marks(data)
    with ctx.open_store(readonly=True) as store:
        version = store.version_by_hash(marks.sha256) if marks and marks.sha256 else None
        doc: DocContext | None = None
        if version is not None:
            try:
                meeting = store.meeting(version.meeting_id)
            except NotFound:
                meeting = None  # deleted since: the version is still the record
            if meeting is not None:
                doc = document_context(meeting_records(store, meeting), lang=version.lang)
        verdict = check(data, version, doc)
    where = ""
    if doc is not None:
        where = t("verify.meeting", date=doc.meeting.day.isoformat(), network=doc.network.name)
    sentence = t(verdict.key, file=str(path), where=where, **verdict.params)
    if verdict.ok:
        ctx.out.write(sentence + "\n")
        return 0
    print(sentence, file=ctx.err)
    return EXIT_ERROR
