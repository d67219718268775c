"""The roster's two tables: people and organisations, filtered and sorted.

Search folds case the Swedish way (NFC, casefold; å, ä and ö stay letters
of their own) and every typed word must occur in the name, e-mail,
organisation or title. People are sorted by organisation, then name,
with :func:`store.collate.sort_key`; people without one come last.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Sequence

from rich.text import Text
from textual.widgets import DataTable
from textual.widgets.data_table import CellDoesNotExist

from quorum.store.collate import sort_key
from quorum.store.i18n import t
from quorum.store.records import Organisation, Person


def fold(text: str) -> str:
    return unicodedata.normalize("NFC", text).casefold()


def person_matches(person: Person, org_name: str, query: str) -> bool:
    haystack = fold(" ".join((person.name, person.email, org_name, person.title)))
    return all(word in haystack for word in fold(query).split())


def sorted_people(
    people: Sequence[Person], org_names: dict[str, str], by_org: bool = True
) -> list[Person]:
    def key(p: Person) -> tuple[bool, str, str]:
        org = org_names.get(p.org_id or "", "")
        if not by_org:
            return (False, sort_key(p.name), "")
        return (org == "", sort_key(org), sort_key(p.name))

    return sorted(people, key=key)


def selected_key(table: DataTable[Text]) -> str | None:
    """The key of the row under the cursor (people and organisations are keyed by id)."""
    if not table.row_count:
        return None
    try:
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)
    except CellDoesNotExist:  # the cursor is outside the rows
        return None


class PeopleTable(DataTable[Text]):
    """People with their role in the network; inactive people dimmed."""

    COLUMNS = ("col.name", "col.org", "col.role", "col.title", "col.email", "col.phone")

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        labels = ("name", "org", "role", "title", "email", "phone")
        for key, label in zip(self.COLUMNS, labels, strict=True):
            self.add_column(t(f"roster.col.{label}"), key=key)

    def show(
        self,
        people: Sequence[Person],
        org_names: dict[str, str],
        network_id: str | None,
    ) -> None:
        selected = self.selected_id()
        self.clear()
        for p in people:
            style = "" if p.active else "dim italic"
            role = p.role_in(network_id) if network_id else None
            role_text = t(f"role.{role.value}") if role else "–"
            if not p.active:
                role_text += f" ({t('rui.inactive')})"
            org = org_names.get(p.org_id or "", "")
            cells = (p.name, org, role_text, p.title, p.email, p.phone)
            self.add_row(*(Text(c, style=style) for c in cells), key=p.id)
        if selected is not None and selected in {p.id for p in people}:
            self.move_cursor(row=self.get_row_index(selected))

    def selected_id(self) -> str | None:
        return selected_key(self)


class OrgsTable(DataTable[Text]):
    """Organisations with their kind and how many people they have."""

    def on_mount(self) -> None:
        self.cursor_type = "row"
        self.zebra_stripes = True
        self.add_column(t("roster.col.name"), key="name")
        self.add_column(t("rui.col_kind"), key="kind")
        self.add_column(t("rui.col_people"), key="people")
        self.add_column(t("rui.col_member_org"), key="member")

    def show(
        self, orgs: Sequence[Organisation], counts: dict[str, int], member_ids: set[str]
    ) -> None:
        selected = self.selected_id()
        self.clear()
        for o in orgs:
            self.add_row(
                Text(o.name),
                Text(t(f"orgkind.{o.kind.value}")),
                Text(str(counts.get(o.id, 0)), justify="right"),
                Text(t("rui.yes") if o.id in member_ids else ""),
                key=o.id,
            )
        if selected is not None and selected in {o.id for o in orgs}:
            self.move_cursor(row=self.get_row_index(selected))

    def selected_id(self) -> str | None:
        return selected_key(self)
