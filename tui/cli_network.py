"""``quorum network new|set|show``, ``quorum org add`` and ``quorum person add``:
a network built from the command line, as the settings screen and the roster do.

What a script reads goes to stdout (a new record's id, the settings); what a person
reads goes to stderr (what was done, the next step).
"""

from __future__ import annotations

import argparse
import json
from typing import TYPE_CHECKING, Any

from quorum.store.errors import QuorumError, ValidationError
from quorum.store.field_values import (
    org_kind_from_name,
    parse_org,
    parse_time_range,
    parse_weekday,
)
from quorum.store.i18n import t
from quorum.store.network_fields import apply_settings, shown
from quorum.store.records import (
    Membership,
    Network,
    Organisation,
    OrgKind,
    Person,
    Role,
    replace,
)
from quorum.tui.cli_context import CliContext

if TYPE_CHECKING:
    from quorum.store.store import Store

ROLE_WORDS = {
    "medlem": Role.MEMBER,
    "ordförande": Role.CHAIR,
    "samordnare": Role.COORDINATOR,
    "processledare": Role.COORDINATOR,
    "gäst": Role.GUEST,
}


def fields_help(fields: Any, lang: str | None = None) -> str:
    """The FIELD list of ``--help``: each name and what it takes."""
    width = max(len(f.name) for f in fields)
    return "\n".join(f"  {f.name.ljust(width)}  {f.help(lang)}" for f in fields)


def network_new(args: argparse.Namespace, ctx: CliContext) -> int:
    fields: dict[str, Any] = {"name": args.name}
    if args.organiser is not None:
        fields["organiser"] = args.organiser
    if args.weekday is not None:
        fields["weekday"] = parse_weekday(args.weekday)
    if args.time is not None:
        fields["start_time"], fields["length_minutes"] = parse_time_range(args.time)
    if args.min_meetings is not None:
        fields["min_meetings"] = args.min_meetings
    with ctx.open_store() as store:
        draft = Network(id="new", **fields)  # its own rules first: not a half-made network
        if args.parent is not None:  # a sub-network (a campus) of a coordinating network
            draft = apply_settings(draft, [f"parent={args.parent}"], [], store.networks())
            fields["parent_id"] = draft.parent_id
        wanted = " ".join(args.name.split()).casefold()
        same = next((n for n in store.networks() if n.name.casefold() == wanted), None)
        if same is not None:
            raise QuorumError("netcli.exists", name=same.name, id=same.id)
        network = store.add_network(**fields)
    ctx.out.write(network.id + "\n")
    ctx.say("netcli.created", name=network.name, id=network.id)
    return 0


def network_set(args: argparse.Namespace, ctx: CliContext) -> int:
    with ctx.open_store() as store:
        network = store.find_network(args.network)
        changed = apply_settings(network, args.assignments, store.people(), store.networks())
        if changed != network:
            store.save_network(changed)
    names = ", ".join(a.partition("=")[0].strip() for a in args.assignments)
    ctx.say(
        "netcli.saved" if changed != network else "netcli.unchanged",
        name=changed.name,
        fields=names,
    )
    return 0


def network_show(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.store.codec import to_doc

    with ctx.open_store(readonly=True) as store:
        network = store.find_network(args.network)
        people = store.people()
        networks = store.networks()
        orgs = {o.id: o for o in store.organisations()}
        by_id = {p.id: p for p in people}
        members = [_member(orgs[o], network, by_id) for o in network.member_org_ids if o in orgs]
    if args.json:
        doc = to_doc(network)
        coordinator = next((p for p in people if p.id == network.coordinator_id), None)
        doc["coordinator"] = _person_doc(coordinator)
        doc["members"] = members
        ctx.out.write(json.dumps(doc, ensure_ascii=False, indent=2) + "\n")
        return 0
    rows = shown(network, people, networks)
    width = max(len(name) for name, _ in rows)
    for name, value in rows:
        ctx.out.write(f"{name.ljust(width)}  {value}".rstrip() + "\n")
    ctx.out.write("\n" + t("netcli.members_heading") + "\n")
    if not members:
        ctx.out.write("  " + t("netcli.no_members", id=network.id) + "\n")
    for m in members:
        contact = m["contact"]
        who = f"{contact['name']} <{contact['email']}>" if contact else t("netcli.no_contact")
        ctx.out.write(f"  {m['id']}  {m['name']} ({t('orgkind.' + m['kind'])}) – {who}\n")
    return 0


def _person_doc(person: Person | None) -> dict[str, str] | None:
    if person is None:
        return None
    return {"id": person.id, "name": person.name, "email": person.email}


def _member(org: Organisation, network: Network, people: dict[str, Person]) -> dict[str, Any]:
    from quorum.store.organiser import host_contact

    contact = host_contact(org.id, network.id, people, [org])
    return {
        "id": org.id,
        "name": org.name,
        "kind": org.kind.value,
        "hosts": org.id not in network.rotation_opt_out,
        "contact": _person_doc(contact),
        "contact_named": org.contact_id is not None,
    }


def org_add(args: argparse.Namespace, ctx: CliContext) -> int:
    name = " ".join(args.name.split())
    with ctx.open_store() as store, store.batch():
        network = store.find_network(args.network)
        existing = next(
            (o for o in store.organisations() if o.name.casefold() == name.casefold()), None
        )
        org = existing or store.add_organisation(
            name=name, kind=org_kind_from_name(name, args.industry)
        )
        if args.industry and org.kind is not OrgKind.COMPANY:
            org = replace(org, kind=OrgKind.COMPANY)
            store.save_organisation(org)
        if args.contact:
            org = _with_contact(store, org, args.contact)
        already = org.id in network.member_org_ids
        if not already:
            store.save_network(replace(network, member_org_ids=(*network.member_org_ids, org.id)))
    ctx.out.write(org.id + "\n")
    key = (
        "netcli.org_already"
        if already
        else ("netcli.org_joined" if existing else "netcli.org_added")
    )
    ctx.say(
        key, name=org.name, id=org.id, network=network.name, kind=t(f"orgkind.{org.kind.value}")
    )
    return 0


def _with_contact(store: Store, org: Organisation, email: str) -> Organisation:
    person = store.person_by_email(email)
    if person is None:
        raise ValidationError("netcli.contact_unknown", field="contact", email=email.strip())
    if person.org_id not in (None, org.id):
        other = store.organisation(person.org_id) if person.org_id else None
        raise ValidationError(
            "netcli.contact_other_org",
            field="contact",
            name=person.name,
            other=other.name if other else "",
            org=org.name,
        )
    if person.org_id is None:
        store.save_person(replace(person, org_id=org.id))
    org = replace(org, contact_id=person.id)
    store.save_organisation(org)
    return org


def _role(text: str | None) -> Role:
    from quorum.store.field_values import parse_choice

    return parse_choice(Role, text or "member", "role", ROLE_WORDS)


def person_add(args: argparse.Namespace, ctx: CliContext) -> int:
    role = _role(args.role)
    with ctx.open_store() as store, store.batch():
        network = store.find_network(args.network)
        org = parse_org(args.org, store.organisations(), "org") if args.org else None
        if args.org and org is None:
            raise ValidationError("field.error_org", field="org", value=args.org)
        existing = store.person_by_email(args.email)
        if existing is None:
            person = store.add_person(
                name=args.name,
                email=args.email,
                org_id=org.id if org else None,
                memberships=(Membership(network.id, role),),
            )
            key = "netcli.person_added"
        else:
            kept = tuple(m for m in existing.memberships if m.network_id != network.id)
            person = replace(
                existing,
                memberships=(*kept, Membership(network.id, role)),
                org_id=existing.org_id or (org.id if org else None),
                active=True,
            )
            store.save_person(person)
            key = "netcli.person_updated"
        if role is Role.COORDINATOR and network.coordinator_id is None:
            store.save_network(replace(network, coordinator_id=person.id))
            ctx.say("netcli.coordinator_set", name=person.name, network=network.name)
    ctx.out.write(person.id + "\n")
    ctx.say(key, name=person.name, id=person.id, network=network.name, role=t(f"role.{role.value}"))
    return 0
