"""The roster of a network as CSV: the "förteckning" the organiser asks for.

Written for Swedish Excel by :func:`quorum.exports.tabular.to_csv`, CSV's one escaper:
UTF-8 with a BOM, ``;`` between cells, CRLF line ends, and a cell a spreadsheet would
run as a formula neutralised with a leading apostrophe (which the importer in
``store.roster_import`` takes off again).
"""

from __future__ import annotations

from collections.abc import Iterable

from quorum.exports.tabular import to_csv
from quorum.store.collate import sort_key
from quorum.store.i18n import t
from quorum.store.records import Network, Organisation, Person

__all__ = ["COLUMNS", "roster_csv", "roster_rows"]

COLUMNS = ("name", "org", "title", "email", "phone", "role")


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
    header = [t(f"roster.col.{c}", lang=lang) for c in COLUMNS]
    return to_csv(header, roster_rows(network, people, orgs, lang))
