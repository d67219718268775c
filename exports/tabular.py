"""CSV for a spreadsheet: the roster, the date list and the decisions register.

Tables in documents are the document model's (``blocks.Table``); this is data, and
:func:`safe_cell` is CSV's one escaper (the ``csv`` module quotes separators, quotes
and line breaks):

* a cell that a spreadsheet would run as a formula (leading ``=``, ``+``, ``-``, ``@``,
  tab, carriage return or newline, also after spaces) gets a leading apostrophe, as
  OWASP advises against CSV injection; the roster importer
  (``store.roster_import``) takes it off again, so a roster exported and imported back
  changes nothing;
* characters no field may hold (``store/text_rules.py``: control characters other than
  tab and line breaks, noncharacters, lone surrogates) are left out: an archive older
  than that rule may hold them, and a spreadsheet shows them as garbage.

The CSV is semicolon-separated with CRLF line ends and a UTF-8 byte order mark, which
is what Excel with Swedish settings opens correctly with å, ä and ö.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

from quorum.store.roster_import import looks_like_formula
from quorum.store.text_rules import without_refused

__all__ = ["safe_cell", "to_csv"]


def safe_cell(value: object) -> str:
    """A cell's text as a spreadsheet may read it (see the module docstring)."""
    text = without_refused("" if value is None else str(value))
    return "'" + text if looks_like_formula(text) else text


def to_csv(
    header: Sequence[str],
    rows: Iterable[Sequence[object]],
    delimiter: str = ";",
    bom: bool = True,
) -> str:
    """The CSV text; write it encoded as UTF-8 without newline translation."""
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=delimiter, lineterminator="\r\n")
    writer.writerow([safe_cell(h) for h in header])
    for row in rows:
        writer.writerow([safe_cell(v) for v in row])
    return ("\ufeff" if bom else "") + out.getvalue()
