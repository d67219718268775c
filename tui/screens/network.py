"""A network's settings: every field of the network, read at a glance and changed
section by section, each in a form of the dialog family.

| key | action |
|---|---|
| enter | change the highlighted section |
| 1 … 6 | change that section |
| p | the network's year plan |
| r | the roster |
| escape | back |

The overview opens it with ``e`` (and after ``N`` has made a new network); the palette
has it as "Nätverkets inställningar". A section saves only its own fields onto the
stored network, on the save thread, so a template saved meanwhile is kept.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import fields
from datetime import date
from typing import Any

from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.widgets import Footer, Header, OptionList, Static
from textual.widgets.option_list import Option

from quorum.store.field_values import org_kind_from_name, time_range_text
from quorum.store.i18n import t
from quorum.store.network_fields import blackouts_text
from quorum.store.organiser import host_contact
from quorum.store.records import Network, replace
from quorum.store.school_breaks import break_periods
from quorum.tui.dialogs import FormDialog
from quorum.tui.readonly import read_only
from quorum.tui.screens.base import QuorumScreen
from quorum.tui.widgets.network_forms import (
    BreaksForm,
    GeneralForm,
    InviteForm,
    MeetingsForm,
    MembersChange,
    MembersForm,
    SmtpForm,
)

SECTIONS = ("general", "meetings", "members", "invite", "breaks", "smtp")


def changed_fields(before: Network, after: Network) -> dict[str, Any]:
    """The fields ``after`` has otherwise than ``before``: what a section saves."""
    return {
        f.name: getattr(after, f.name)
        for f in fields(Network)
        if getattr(after, f.name) != getattr(before, f.name)
    }


class NetworkSettingsScreen(QuorumScreen):
    EDIT_ACTIONS = frozenset({"edit", "edit_section", "server"})
    BINDINGS = [
        Binding("enter", "edit", "netui.key_edit"),
        Binding("p", "year_plan", "cmd.year_plan"),
        Binding("r", "roster", "cmd.roster"),
        Binding("escape", "back", "key.back"),
        Binding("f6", "server", "syncui.key_server", show=False),
        *(
            Binding(str(n), f"edit_section('{name}')", f"netui.section.{name}", show=False)
            for n, name in enumerate(SECTIONS, 1)
        ),
    ]
    DEFAULT_CSS = """
    NetworkSettingsScreen #sections { height: 1fr; border: round $primary-darken-2; }
    NetworkSettingsScreen #sections:focus { border: round $accent; }
    NetworkSettingsScreen #settings-hint { height: auto; padding: 0 1; color: $text-muted; }
    """

    def __init__(self, network_id: str, section: str = "general") -> None:
        super().__init__()
        self.network_id = network_id
        self.first_section = section

    @property
    def network(self) -> Network:
        return self.store.network(self.network_id)

    def compose(self) -> ComposeResult:
        yield Header()
        yield OptionList(id="sections")
        # Read-only: the sections can be read, not changed, so the hint offers no change.
        hint = "netui.screen_hint_readonly" if read_only(self) else "netui.screen_hint"
        yield Static(t(hint), id="settings-hint")
        yield Footer()

    def on_mount(self) -> None:
        self.sub_title = t("netui.title", name=self.network.name)
        self._show(self.first_section)
        self.query_one("#sections", OptionList).focus()

    def selected_network_id(self) -> str | None:
        return self.network_id

    # -- showing ------------------------------------------------------------------

    def _show(self, section: str | None = None) -> None:
        options = self.query_one("#sections", OptionList)
        keep = section or self.highlighted_section()
        options.clear_options()
        for n, name in enumerate(SECTIONS, 1):
            title = Text(f"{n} {t(f'netui.section.{name}')}", style="bold")
            lines = [Text("   " + line) for line in self._lines(name)]
            options.add_option(Option(Text("\n").join([title, *lines]), id=name))
        options.highlighted = SECTIONS.index(keep) if keep in SECTIONS else 0
        self.sub_title = t("netui.title", name=self.network.name)

    def highlighted_section(self) -> str:
        options = self.query_one("#sections", OptionList)
        return SECTIONS[options.highlighted or 0]

    def _lines(self, section: str) -> list[str]:
        return {
            "general": self._general,
            "meetings": self._meetings,
            "members": self._members,
            "invite": self._invite,
            "breaks": self._breaks,
            "smtp": self._smtp,
        }[section]()

    def _general(self) -> list[str]:
        n = self.network
        coordinator = next((p for p in self.store.people() if p.id == n.coordinator_id), None)
        organiser = " ".join(part for part in (n.organiser, _angled(n.organiser_email)) if part)
        parent = next((x.name for x in self.store.networks() if x.id == n.parent_id), None)
        return [
            f"{t('network.name')}: {n.name}",
            f"{t('netui.organiser')}: {organiser or t('netui.not_set')}",
            f"{t('flows.subnet.parent')}: {parent or t('flows.subnet.none')}",
            f"{t('netui.coordinator')}: "
            + (
                f"{coordinator.name} {_angled(coordinator.email)}"
                if coordinator
                else t("netui.nobody")
            ),
            f"{t('network.publication_email')}: {n.publication_email or t('netui.not_set')}",
            f"{t('network.language')}: {t(f'lang.{n.language}')} · {t('network.tz')}: {n.tz}",
        ]

    def _meetings(self) -> list[str]:
        n = self.network
        when = t(
            "netui.when",
            weekday=t(f"weekday.{n.weekday}"),
            time=time_range_text(n.start_time, n.length_minutes),
            minimum=n.min_meetings,
        )
        place = n.default_place or t("netui.not_set")
        public = (
            "network.public_omits_guests"
            if n.public_omits_guests
            else "network.public_keeps_guests"
        )
        return [
            when,
            f"{t('network.default_place')}: {place}"
            + (f" · {t('network.default_link')}: {n.default_link}" if n.default_link else ""),
            f"{t('netui.formality')}: {t(f'formality.{n.formality.value}')}"
            f" · {t('network.year_start_month')}: {t(f'network.month.{n.year_start_month}')}",
            f"{t('network.public_names')}: {t(public)}",
        ]

    def _members(self) -> list[str]:
        n = self.network
        orgs = {o.id: o for o in self.store.organisations()}
        people = {p.id: p for p in self.store.people()}
        lines = []
        for org_id in n.member_org_ids:
            org = orgs.get(org_id)
            if org is None:
                continue
            contact = host_contact(org.id, n.id, people, orgs.values())
            who = contact.name if contact else t("netui.no_contact")
            hosts = "" if org.id not in n.rotation_opt_out else " · " + t("netui.not_hosting")
            lines.append(f"{org.name} – {t('netui.contact')}: {who}{hosts}")
        return lines or [t("netui.no_members")]

    def _invite(self) -> list[str]:
        n = self.network
        rule = "netui.industry_required" if n.require_industry else "netui.industry_free"
        return [
            f"{t('netui.invite_sender')}: {t(f'netui.sender.{n.invite_sender.value}')}",
            t(rule),
        ]

    def _breaks(self) -> list[str]:
        n = self.network
        year = self.app.clock().year + (1 if self.app.clock().month > 10 else 0)
        periods = ", ".join(
            f"{t(b.key)} {_day(b.start)}–{_day(b.end)}" for b in break_periods(n.breaks, year)
        )
        afton = "netui.afton_allowed" if n.allow_afton_days else "netui.afton_avoided"
        lines = [
            t("netui.breaks_year", year=year, periods=periods or t("netui.none")),
            t(afton),
        ]
        if n.blackouts:
            lines.append(f"{t('netui.own_periods')}: {blackouts_text(n.blackouts)}")
        return lines

    def _smtp(self) -> list[str]:
        s = self.network.smtp
        if s is None:
            return [t("netui.no_smtp")]
        security = t(f"netui.security.{s.security}")
        line = f"{s.host}:{s.port} · {security}"
        if s.user:
            line += " · " + t("netui.smtp_login", user=s.user)
        found = "netui.password_found" if os.environ.get(s.password_env) else "netui.password_asked"
        return [line, t(found, env=s.password_env)]

    # -- editing ------------------------------------------------------------------

    def on_option_list_option_selected(self, event: OptionList.OptionSelected) -> None:
        event.stop()
        self.action_edit_section(str(event.option.id))

    def action_edit(self) -> None:
        self.action_edit_section(self.highlighted_section())

    def action_edit_section(self, section: str) -> None:
        self.query_one("#sections", OptionList).highlighted = SECTIONS.index(section)
        if read_only(self):  # Enter on a section comes here without the binding's check
            self.notify(t("flows.readonly.refused"), severity="warning")
            return
        network = self.network
        store = self.store
        forms: dict[str, Callable[[], FormDialog[Any]]] = {
            "general": lambda: GeneralForm(network, store.people(network.id), store.networks()),
            "meetings": lambda: MeetingsForm(network),
            "members": lambda: MembersForm(network, store.organisations()),
            "invite": lambda: InviteForm(network),
            "breaks": lambda: BreaksForm(network),
            "smtp": lambda: SmtpForm(network),
        }
        self.app.push_screen(forms[section](), lambda result: self._saved(network, result))

    def _saved(self, before: Network, result: Network | MembersChange | None) -> None:
        if result is None:
            return
        if isinstance(result, MembersChange):
            after = self._with_new_organisations(result)
        else:
            after = result
        self.save_fields(changed_fields(before, after))

    def _with_new_organisations(self, change: MembersChange) -> Network:
        """Create the organisations typed by name (their ids are needed at once)."""
        if not change.new_names:
            return change.network
        store = self.store
        self.app.saver.flush()
        known = {o.name.casefold(): o.id for o in store.organisations()}
        added = []
        with store.batch():
            for name in change.new_names:
                org_id = known.get(name.casefold())
                if org_id is None:
                    org_id = store.add_organisation(name=name, kind=org_kind_from_name(name)).id
                added.append(org_id)
        members = tuple(dict.fromkeys([*change.network.member_org_ids, *added]))
        return replace(change.network, member_org_ids=members)

    def save_fields(self, changed: dict[str, Any]) -> None:
        """Save ``changed`` onto the stored network and show it."""
        if not changed:
            return
        store, network_id = self.store, self.network_id

        def write() -> None:
            store.save_network(replace(store.network(network_id), **changed))

        self.app.save(f"network:{network_id}:settings", write)
        self.app.saver.flush()
        self._show()
        self.app.notify(t("network.saved", name=self.network.name))

    # -- elsewhere ----------------------------------------------------------------

    def action_year_plan(self) -> None:
        from quorum.tui.screens.year_plan import YearPlanScreen

        self.app.push_screen(YearPlanScreen(self.network_id))

    def action_roster(self) -> None:
        self.app.action_open_roster()

    def action_server(self) -> None:
        """The network's CalDAV/CardDAV server: connect, sync, links (tui/screens/sync.py)."""
        from quorum.tui.screens.sync import SyncScreen

        self.app.push_screen(SyncScreen(self.network_id))

    def action_back(self) -> None:
        self.dismiss(self.network_id)

    def on_screen_resume(self) -> None:
        self._show()


def _day(d: date) -> str:
    return f"{d.day}/{d.month}"


def _angled(email: str) -> str:
    return f"<{email}>" if email else ""
