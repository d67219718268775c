"""Does a PDF match an approved version of the minutes? (``quorum verify``)

A PDF quorum made from approved minutes names its version in its metadata
(``quorum-sha256:`` and ``quorum-version:`` keywords, ``exports.archive``). The
check: that version exists in the database, its stored text still has that
hash, and the file is what quorum makes from that text — the same bytes, or,
for a file a different quorum (another typst) laid out, the same text page by
page. A file whose words were changed fails, whatever its metadata says.

Records in, a :class:`Verdict` out: the CLI finds the version and the
meeting's records in the store and passes them here.
"""

from __future__ import annotations

import io
import re
from dataclasses import dataclass, field
from typing import Any

from quorum.exports.archive import KEY_PUBLIC, KEY_SHA, public_foot, version_pdf_info
from quorum.exports.context import DocContext
from quorum.exports.document_json import from_json
from quorum.exports.public import public_document
from quorum.exports.render_pdf import render as render_pdf
from quorum.store.records import MinutesVersion

__all__ = ["Marks", "Verdict", "check", "read_marks"]

_SHA = re.compile(r"[0-9a-f]{64}")


@dataclass(frozen=True)
class Marks:
    """What a PDF says about itself."""

    sha256: str = ""
    public: bool = False


@dataclass(frozen=True)
class Verdict:
    ok: bool
    key: str  # the sentence (catalog key) that says so
    params: dict[str, Any] = field(default_factory=dict)


def _reader(data: bytes) -> Any:
    from pypdf import PdfReader
    from pypdf.errors import PdfReadError

    try:
        return PdfReader(io.BytesIO(data))
    except (PdfReadError, ValueError, OSError):
        return None


def read_marks(data: bytes) -> Marks | None:
    """The marks in a PDF's metadata; None if the bytes are no PDF at all."""
    if not data.startswith(b"%PDF-"):
        return None
    reader = _reader(data)
    if reader is None:
        return None
    try:
        info = reader.metadata or {}
        keywords = str(info.get("/Keywords", "") or "")
    except Exception:
        keywords = ""
    words = [w.strip() for w in keywords.split(",")]
    sha = next((w[len(KEY_SHA) :] for w in words if w.startswith(KEY_SHA)), "")
    return Marks(sha256=sha if _SHA.fullmatch(sha) else "", public=KEY_PUBLIC in words)


def _text(data: bytes) -> str | None:
    reader = _reader(data)
    if reader is None:
        return None
    try:
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception:
        return None
    return " ".join(" ".join(pages).replace("\u200b", "").split())


def expected_pdf(version: MinutesVersion, public: bool, ctx: DocContext | None) -> bytes | None:
    """The PDF quorum makes of ``version`` (its public version needs the meeting's
    records, ``ctx``: None when the meeting is gone)."""
    doc = from_json(version.document)
    if not public:
        return render_pdf(doc, version_pdf_info(version))
    if ctx is None:
        return None
    line = public_foot(ctx.network.public_omits_guests, version.lang)
    return render_pdf(public_document(doc, ctx), version_pdf_info(version, line))


def check(data: bytes, version: MinutesVersion | None, ctx: DocContext | None) -> Verdict:
    """Whether ``data`` is approved ``version`` (found by the hash its marks name)."""
    marks = read_marks(data)
    if marks is None:
        return Verdict(False, "verify.not_pdf")
    if not marks.sha256:
        return Verdict(False, "verify.no_mark")
    if version is None or version.sha256 != marks.sha256:
        return Verdict(False, "verify.unknown", {"sha": marks.sha256[:12]})
    params = {"version": version.version, "date": version.approved_on.isoformat()}
    params["sha"] = version.sha256
    if not version.intact:
        return Verdict(False, "verify.db_damaged", params)
    expected = expected_pdf(version, marks.public, ctx)
    if expected is None:
        return Verdict(False, "verify.public_no_meeting", params)
    ok_key = "verify.ok_public" if marks.public else "verify.ok"
    if expected == data:
        return Verdict(True, ok_key, params)
    found, wanted = _text(data), _text(expected)
    if found is not None and found == wanted:
        return Verdict(True, ok_key, {**params, "note": "same_text"})
    return Verdict(False, "verify.changed", params)
