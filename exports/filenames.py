"""File names suggested for documents: date, network and kind, safe on every system."""

from __future__ import annotations

import re
import unicodedata

from quorum.exports.context import DocContext

_KINDS = {"minutes", "notice"}


def slug(text: str) -> str:
    """``Teknikcollege Skåne`` -> ``teknikcollege-skane``."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-") or "quorum"


def document_filename(ctx: DocContext, kind: str, ext: str) -> str:
    """``2027-03-12-teknikcollege-skane-protokoll.html`` for ``kind`` minutes|notice."""
    if kind not in _KINDS:
        raise ValueError(kind)
    key = (
        "doc.file_notice"
        if kind == "notice"
        else ("doc.file_formal_minutes" if ctx.formal else "doc.file_minutes")
    )
    day = ctx.meeting.day if kind == "notice" else ctx.held_day
    return f"{day.isoformat()}-{slug(ctx.network.name)}-{ctx.t(key)}.{ext}"
