"""The roster of a network as CSV: the "förteckning" the organiser asks for.

Written for Swedish Excel: UTF-8 with a BOM (so å ä ö survive a double
click), ``;`` between cells and CRLF line ends. A cell that a spreadsheet
would run as a formula is neutralised with a leading apostrophe; the importer
in ``store.roster_import`` takes that apostrophe off again, so a roster
exported and imported back changes nothing.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable

from quorum.store.collate import sort_key
from quorum.store.i18n import t
from quorum.store.records import Network, Organisation, Person
from quorum.store.roster_import import FORMULA_STARTS, looks_like_formula

__all__ = ["COLUMNS", "FORMULA_STARTS", "neutralise", "roster_csv", "roster_rows"]

COLUMNS = ("name", "org", "title", "email", "phone", "role")


def neutralise(cell: str) -> str:
    """Prefix an apostrophe when a spreadsheet would run the cell as a formula."""
    return "'" + cell if looks_like_formula(cell) else cell


def roster_rows(
    network: Network,
    people: Iterable[Person],
    orgs: Iterable[Organisation],
    lang: str | None = None,
) -> list[tuple[str, ...]]:
    """The network's active members as rows (not neutralised), sorted by
    organisation then name; people without an organisation come last."""
    lang = lang or network.language
    org_names = {o.id: o.name for o in orgs}
    rows: list[tuple[str, ...]] = []
    for p in people:
        role = p.role_in(network.id)
        if role is None or not p.active:
            continue
        org = org_names.get(p.org_id or "", "")
        rows.append((p.name, org, p.title, p.email, p.phone, t(f"role.{role.value}", lang=lang)))
    rows.sort(key=lambda r: (r[1] == "", sort_key(r[1]), sort_key(r[0])))
    return rows


def roster_csv(
    network: Network,
    people: Iterable[Person],
    orgs: Iterable[Organisation],
    lang: str | None = None,
) -> str:
    """The roster as CSV text starting with a BOM; write it encoded as UTF-8
    without newline translation (``open(path, "w", encoding="utf-8", newline="")``)."""
    lang = lang or network.language
    out = io.StringIO(newline="")
    writer = csv.writer(out, delimiter=";", lineterminator="\r\n", quoting=csv.QUOTE_MINIMAL)
    writer.writerow([t(f"roster.col.{c}", lang=lang) for c in COLUMNS])
    for row in roster_rows(network, people, orgs, lang):
        writer.writerow([neutralise(cell) for cell in row])
    return "\ufeff" + out.getvalue()
