"""The roster: organisations and people of the networks.

People are listed with their role in the current network (the one
highlighted on the overview; ``w`` switches when there are several),
sorted by organisation, filtered as you type. Forms save through the store
at once, so a refused e-mail address is shown beside the field. Importing
and exporting files and erasing a person live in
:mod:`tui.widgets.roster_files`.

=========  ==========================================
Key        Action
=========  ==========================================
n          new person (or organisation on that tab)
enter      edit the highlighted row
d          deactivate / reactivate the person
/          search
s          sort by organisation / by name
i          import people from a CSV file
x          export the roster (CSV)
v          representation across the year
p          export one person's data (JSON)
delete     erase the person (after a confirmation)
w          next network
escape     back
=========  ==========================================
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING, Any

from textual.app import ComposeResult, SystemCommand
from textual.binding import Binding
from textual.widgets import DataTable, Footer, Header, Input, Static, TabbedContent, TabPane

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.records import Membership, Organisation, Person, replace
from quorum.tui.context import current_network
from quorum.tui.readonly import read_only
from quorum.tui.widgets.roster_files import RosterFiles
from quorum.tui.widgets.roster_forms import OrgForm, PersonForm
from quorum.tui.widgets.roster_tables import OrgsTable, PeopleTable, person_matches, sorted_people

if TYPE_CHECKING:
    from quorum.store.store import Store

# Actions that act on a highlighted row or open a dialog: not while typing a search.
_ROW_ACTIONS = {
    "new",
    "toggle_active",
    "sort",
    "import_people",
    "export_roster",
    "representation",
    "export_person",
    "erase_person",
    "next_network",
}
_PEOPLE_ONLY = {"toggle_active", "export_person", "erase_person"}


class RosterScreen(RosterFiles):
    EDIT_ACTIONS = frozenset({"new", "toggle_active", "import_people", "erase_person"})
    BINDINGS = [
        Binding("n", "new", "rui.key_new"),
        Binding("d", "toggle_active", "rui.key_active", show=False),
        Binding("slash", "search", "rui.key_search"),
        Binding("i", "import_people", "rui.key_import"),
        Binding("x", "export_roster", "rui.key_export"),
        Binding("v", "representation", "rui.key_representation", show=False),
        Binding("s", "sort", "rui.key_sort", show=False),
        Binding("p", "export_person", "rui.key_export_person", show=False),
        Binding("delete", "erase_person", "rui.key_erase", show=False),
        Binding("w", "next_network", "rui.key_network", show=False),
        Binding("escape", "back", "key.back"),
    ]

    DEFAULT_CSS = """
    RosterScreen #search { margin: 1 1 0 1; }
    RosterScreen TabbedContent { height: 1fr; }
    RosterScreen TabPane { padding: 0; }
    RosterScreen #roster-status { height: auto; color: $text-muted; padding: 0 1; }
    """

    def __init__(self) -> None:
        super().__init__()
        self.network_id: str | None = None
        self.by_org = True

    def compose(self) -> ComposeResult:
        yield Header()
        yield Input(placeholder=t("rui.search_placeholder"), id="search", compact=True)
        with TabbedContent(id="tabs"):
            with TabPane(t("rui.tab_people"), id="tab-people"):
                yield PeopleTable(id="people")
            with TabPane(t("rui.tab_orgs"), id="tab-orgs"):
                yield OrgsTable(id="orgs")
        yield Static(id="roster-status")
        yield Footer()

    def on_mount(self) -> None:
        self.title = "quorum"
        self.network_id = self._initial_network()
        self.refresh_data()
        self.query_one("#people", PeopleTable).focus()

    def _initial_network(self) -> str | None:
        network = current_network(self.app)
        return network.id if network is not None else None

    # -- data ---------------------------------------------------------------------

    @property
    def on_people_tab(self) -> bool:
        return self.query_one("#tabs", TabbedContent).active != "tab-orgs"

    def refresh_data(self) -> None:
        store = self.store
        orgs = store.organisations()
        org_names = {o.id: o.name for o in orgs}
        query = self.query_one("#search", Input).value
        everyone = store.people()
        people = [
            p for p in everyone if person_matches(p, org_names.get(p.org_id or "", ""), query)
        ]
        people = sorted_people(people, org_names, self.by_org)
        self.query_one("#people", PeopleTable).show(people, org_names, self.network_id)
        words = query.casefold().split()
        shown_orgs = [o for o in orgs if all(w in o.name.casefold() for w in words)]
        counts: dict[str, int] = {}
        for p in everyone:
            if p.org_id:
                counts[p.org_id] = counts.get(p.org_id, 0) + 1
        network = store.network(self.network_id) if self.network_id else None
        members = set(network.member_org_ids) if network else set()
        self.query_one("#orgs", OrgsTable).show(shown_orgs, counts, members)
        self.sub_title = f"{t('cmd.roster')} · {network.name}" if network else t("cmd.roster")
        active = sum(1 for p in everyone if p.active and network and p.role_in(network.id))
        status = t(
            "rui.status",
            shown=len(people),
            people=t("n.people", count=len(everyone)),
            members=t("rui.active_members", count=active),
            sort=t("rui.sorted_org" if self.by_org else "rui.sorted_name"),
        )
        if not everyone:
            status = t("rui.empty_hint")  # a new roster: say how to begin
        self.query_one("#roster-status", Static).update(status)

    def selected_person(self) -> Person | None:
        pid = self.query_one("#people", PeopleTable).selected_id()
        return self.store.person(pid) if pid else None

    def selected_org(self) -> Organisation | None:
        oid = self.query_one("#orgs", OrgsTable).selected_id()
        return self.store.organisation(oid) if oid else None

    # -- keys ---------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if self.refuses_edit(action):
            return None
        if action not in _ROW_ACTIONS:
            return True
        if isinstance(self.focused, Input):
            return None
        if action in _PEOPLE_ONLY and (not self.on_people_tab or self.selected_person() is None):
            return None
        if action == "next_network" and len(self.store.networks()) < 2:
            return None
        if action in ("export_roster", "representation") and self.network_id is None:
            return None
        return True

    def on_descendant_focus(self) -> None:
        self.refresh_bindings()

    def on_tabbed_content_tab_activated(self) -> None:
        self.refresh_bindings()

    def on_input_changed(self, event: Input.Changed) -> None:
        if event.input.id == "search":
            self.refresh_data()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        if event.input.id == "search":
            table = "#people" if self.on_people_tab else "#orgs"
            self.query_one(table).focus()

    def action_search(self) -> None:
        self.query_one("#search", Input).focus()

    def action_back(self) -> None:
        if isinstance(self.focused, Input) and self.focused.value:
            self.focused.value = ""
            return
        self.app.pop_screen()

    def action_sort(self) -> None:
        self.by_org = not self.by_org
        self.refresh_data()

    def action_next_network(self) -> None:
        ids = [n.id for n in self.store.networks()]
        if ids:
            at = ids.index(self.network_id) if self.network_id in ids else -1
            self.network_id = ids[(at + 1) % len(ids)]
            self.refresh_data()

    def on_data_table_row_selected(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if read_only(self):
            self.notify(t("flows.readonly.refused"), severity="warning")
            return
        if event.data_table.id == "people":
            self._edit_person(self.selected_person())
        else:
            self._edit_org(self.selected_org())

    def action_new(self) -> None:
        if self.on_people_tab:
            self._edit_person(None)
        else:
            self._edit_org(None)

    def action_toggle_active(self) -> None:
        person = self.selected_person()
        if person is None:
            return
        try:
            self.store.save_person(replace(person, active=not person.active))
        except QuorumError as err:  # read-only, a full disk: said, nothing changed
            self.notify(err.sentence(), severity="error", markup=False)
            return
        key = "rui.reactivated" if not person.active else "rui.deactivated"
        self.app.notify(t(key, name=person.name))
        self.refresh_data()

    def action_representation(self) -> None:
        from quorum.tui.screens.representation import RepresentationScreen

        if self.network_id is not None:
            year = self.app.clock().year
            self.app.push_screen(RepresentationScreen(self.network_id, year))

    def palette_commands(self) -> Iterable[SystemCommand]:
        if self.network_id is not None:
            title, help_text = t("rui.key_representation"), t("rui.representation_help")
            yield SystemCommand(title, help_text, self.action_representation)

    # -- forms --------------------------------------------------------------------

    def _edit_person(self, person: Person | None) -> None:
        store = self.store

        def save(values: dict[str, Any]) -> Person:
            # The form shows a role for every network, so its roles replace them all.
            roles = values.pop("roles")
            values["memberships"] = tuple(Membership(nid, role) for nid, role in roles.items())
            if person is None:
                return store.add_person(**values)
            updated = replace(person, **values)
            store.save_person(updated)
            return updated

        def done(saved: Person | None) -> None:
            if saved is not None:
                self.notify(t("rui.person_saved", name=saved.name))
                self.refresh_data()
                table = self.query_one("#people", PeopleTable)
                if saved.id in table.rows:
                    table.move_cursor(row=table.get_row_index(saved.id))

        form = PersonForm(person, store.organisations(), store.networks(), save, self.network_id)
        self.app.push_screen(form, done)

    def _edit_org(self, org: Organisation | None) -> None:
        store = self.store
        network = store.network(self.network_id) if self.network_id else None

        def save(values: dict[str, Any]) -> Organisation:
            member = values.pop("member", None)
            with store.batch():
                if org is None:
                    saved = store.add_organisation(**values)
                else:
                    saved = replace(org, **values)
                    store.save_organisation(saved)
                if network is not None and member is not None:
                    _set_member(store, network.id, saved.id, member)
            return saved

        def done(saved: Organisation | None) -> None:
            if saved is not None:
                self.notify(t("rui.org_saved", name=saved.name))
                self.refresh_data()

        self.app.push_screen(OrgForm(org, save, store.people(), network), done)


def _set_member(store: Store, network_id: str, org_id: str, member: bool) -> None:
    """Make ``org_id`` a member of the network or not (the others kept in order)."""
    network = store.network(network_id)
    ids = network.member_org_ids
    if member and org_id not in ids:
        ids = (*ids, org_id)
    elif not member:
        ids = tuple(o for o in ids if o != org_id)
    if ids != network.member_org_ids:
        store.save_network(replace(network, member_org_ids=ids))
