"""Modal forms for a person, an organisation and a meeting guest.

A form collects the values and hands them to a ``save`` function given by
the screen, which builds the record and writes it (or only builds it). A
:class:`ValidationError` from there is shown beside the field it names —
the duplicate e-mail sentence, naming the person who has the address, lands
under the e-mail field — and the form stays open.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any, TypeVar

from rich.text import Text
from textual.widgets import Checkbox, Input, Select

from quorum.store.i18n import t
from quorum.store.records import Meeting, Network, Organisation, OrgKind, Person, Role
from quorum.tui.dialogs import FormDialog, Row

T = TypeVar("T")

Save = Callable[[dict[str, Any]], T]


def _input(value: str, widget_id: str) -> Input:
    # Compact (borderless) fields: a whole person form fits in 80x24.
    return Input(value, id=widget_id, compact=True)


class PersonForm(FormDialog[Person]):
    """Name, e-mail, phone, organisation, title, a role per network, active."""

    def __init__(
        self,
        person: Person | None,
        orgs: Sequence[Organisation],
        networks: Sequence[Network],
        save: Save[Person],
        default_network_id: str | None = None,
    ) -> None:
        super().__init__(t("rui.person_edit" if person else "rui.person_new"), save)
        self.person = person
        self._orgs = orgs
        self._networks = networks
        self._default_network_id = default_network_id

    def rows(self) -> list[Row]:
        p = self.person
        rows: list[Row] = [
            ("name", t("roster.col.name"), _input(p.name if p else "", "f-name")),
            ("email", t("roster.col.email"), _input(p.email if p else "", "f-email")),
            ("phone", t("roster.col.phone"), _input(p.phone if p else "", "f-phone")),
            (
                "org_id",
                t("roster.col.org"),
                Select(
                    [(Text(o.name), o.id) for o in self._orgs],  # names: no markup
                    value=p.org_id if p and p.org_id else Select.NULL,
                    prompt=t("rui.no_org"),
                    id="f-org",
                    compact=True,
                ),
            ),
            ("title", t("roster.col.title"), _input(p.title if p else "", "f-title")),
        ]
        roles = [(t(f"role.{r.value}"), r.value) for r in Role]
        for n in self._networks:
            if p is not None:
                current = p.role_in(n.id)
            else:
                current = Role.MEMBER if n.id == self._default_network_id else None
            rows.append(
                (
                    f"role-{n.id}",
                    t("roster.col.role") if len(self._networks) == 1 else n.name,
                    Select(
                        roles,
                        value=current.value if current else Select.NULL,
                        prompt=t("rui.not_member"),
                        id=f"f-role-{n.id}",
                        compact=True,
                    ),
                )
            )
        rows.append(
            ("active", "", Checkbox(t("rui.active"), p.active if p else True, id="f-active"))
        )
        return rows

    def values(self) -> dict[str, Any]:
        org = self.query_one("#f-org", Select).value
        roles = {}
        for n in self._networks:
            value = self.query_one(f"#f-role-{n.id}", Select).value
            if isinstance(value, str):
                roles[n.id] = Role(value)
        return {
            "name": self.query_one("#f-name", Input).value,
            "email": self.query_one("#f-email", Input).value,
            "phone": self.query_one("#f-phone", Input).value.strip(),
            "org_id": org if isinstance(org, str) else None,
            "title": self.query_one("#f-title", Input).value.strip(),
            "roles": roles,
            "active": self.query_one("#f-active", Checkbox).value,
        }


class OrgForm(FormDialog[Organisation]):
    """An organisation: name, kind, its contact person (who sends the invite when it
    hosts) and, with a ``network``, whether it is a member of it."""

    def __init__(
        self,
        org: Organisation | None,
        save: Save[Organisation],
        people: Sequence[Person] = (),
        network: Network | None = None,
    ) -> None:
        super().__init__(t("rui.org_edit" if org else "rui.org_new"), save)
        self.org = org
        self.people = [p for p in people if org is not None and p.org_id == org.id]
        self.network = network

    def rows(self) -> list[Row]:
        kind = self.org.kind if self.org else OrgKind.SCHOOL
        rows: list[Row] = [
            ("name", t("roster.col.name"), _input(self.org.name if self.org else "", "f-name")),
            (
                "kind",
                t("rui.col_kind"),
                Select(
                    [(t(f"orgkind.{k.value}"), k.value) for k in OrgKind],
                    value=kind.value,
                    allow_blank=False,
                    id="f-kind",
                    compact=True,
                ),
            ),
        ]
        if self.people:
            contact = self.org.contact_id if self.org else None
            rows.append(
                (
                    "contact_id",
                    t("rui.contact"),
                    Select(
                        [(p.name, p.id) for p in self.people],
                        value=contact if contact in {p.id for p in self.people} else Select.NULL,
                        prompt=t("rui.contact_automatic"),
                        id="f-contact",
                        compact=True,
                    ),
                )
            )
        if self.network is not None:
            member = self.org is None or self.org.id in self.network.member_org_ids
            label = t("rui.member_of", network=self.network.name)
            rows.append(("member", "", Checkbox(label, member, id="f-member")))
        return rows

    def values(self) -> dict[str, Any]:
        values: dict[str, Any] = {
            "name": self.query_one("#f-name", Input).value,
            "kind": OrgKind(str(self.query_one("#f-kind", Select).value)),
        }
        if self.people:
            contact = self.query_one("#f-contact", Select).value
            values["contact_id"] = contact if isinstance(contact, str) else None
        if self.network is not None:
            values["member"] = self.query_one("#f-member", Checkbox).value
        return values


class GuestForm(FormDialog[Meeting]):
    """A guest of one meeting, not on the roster: name, e-mail, organisation."""

    def __init__(self, save: Save[Meeting]) -> None:
        super().__init__(t("rui.guest_new"), save)

    def rows(self) -> list[Row]:
        return [
            ("guest_name", t("roster.col.name"), _input("", "f-name")),
            ("guest_email", t("roster.col.email"), _input("", "f-email")),
            ("guest_org", t("roster.col.org"), _input("", "f-org")),
        ]

    def values(self) -> dict[str, Any]:
        return {
            "name": self.query_one("#f-name", Input).value,
            "email": self.query_one("#f-email", Input).value,
            "org": self.query_one("#f-org", Input).value,
        }
