"""CSV for a spreadsheet, shared by the date list and the decisions register.

Tables in documents are the document model's (``blocks.Table``); this is data.

CSV cells that a spreadsheet would run as a formula (leading ``=``, ``+``,
``-``, ``@``, tab or carriage return) get a leading apostrophe (OWASP's
advice against CSV injection). The CSV is semicolon-separated with a UTF-8
byte order mark, which is what Excel with Swedish settings opens correctly.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

__all__ = ["safe_cell", "to_csv"]

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> str:
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(_FORMULA_START) else text


def to_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ";",
    bom: bool = True,
) -> str:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()
