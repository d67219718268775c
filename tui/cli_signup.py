"""``quorum signup open|close|add|list MEETING``: open sign-up (``store.signup``).

``add`` registers a person on the roster of the meeting's network family (the
coordinating network and its sub-networks) by id, e-mail or name, or a guest by name
and e-mail; after the deadline only with ``--late``. ``list`` prints the people
registered, one a line (tab-separated: name, e-mail, organisation), or ``--json``.
"""

from __future__ import annotations

import argparse
from datetime import datetime
from typing import TYPE_CHECKING

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.parse import parse_date
from quorum.store.records import Meeting, Person
from quorum.tui.cli_context import CliContext
from quorum.tui.cli_terminal import CELL_LIMIT, json_text, printable

if TYPE_CHECKING:
    from quorum.store.store import Store


def _person(store: Store, text: str, meeting: Meeting) -> Person:
    """A person of the meeting's network family, by id, e-mail or (part of the) name."""
    from quorum.store.signup import family_ids, in_family

    family = family_ids(store.networks(), meeting.network_id)
    people = [p for p in store.people() if in_family(p, family)]
    wanted = text.strip().casefold()
    exact = [p for p in people if wanted in (p.id, p.email.casefold(), p.name.casefold())]
    found = exact or [p for p in people if wanted and wanted in p.name.casefold()]
    if len(found) == 1:
        return found[0]
    if len(found) > 1:
        choices = ", ".join(f"{p.id} {p.name}" for p in found)
        raise QuorumError("error.ambiguous", value=text, choices=choices)
    raise QuorumError("flows.signup.not_in_family", name=text)


def _rows(store: Store, meeting: Meeting) -> list[dict[str, str]]:
    from quorum.store.signup import registered

    orgs = {o.id: o.name for o in store.organisations()}
    rows = []
    for a in registered(meeting):
        person = store.person(a.person_id) if a.person_id else None
        rows.append(
            {
                "name": person.name if person else a.guest_name,
                "email": person.email if person else a.guest_email,
                "organisation": orgs.get(person.org_id or "", "") if person else a.guest_org,
                "guest": "" if person else "guest",
            }
        )
    return rows


def signup(args: argparse.Namespace, ctx: CliContext) -> int:
    from quorum.store import signup as rules

    today = datetime.now().date()
    readonly = args.what == "list"
    with ctx.open_store(readonly=readonly) as store:
        meeting = store.find_meeting(args.meeting)
        if args.what == "list":
            rows = _rows(store, meeting)
            if args.json:
                ctx.raw_out.write(json_text(rows) + "\n")  # escaped where it must be
            else:
                for row in rows:  # tab-separated; each cell's controls shown, never run
                    cells = (
                        printable(row[k], CELL_LIMIT) for k in ("name", "email", "organisation")
                    )
                    ctx.raw_out.write("\t".join(cells) + "\n")
            return 0
        if args.what == "open":
            until = parse_date(args.until, today=today, field="until")
            changed = rules.open_signup(meeting, until)
            said = t("flows.signup.opened", until=until.isoformat())
        elif args.what == "close":
            changed, said = rules.close_signup(meeting), t("flows.signup.closed")
        else:
            if args.person:
                person = _person(store, args.person, meeting)
                changed = rules.register(meeting, today, person=person, late=args.late)
                name = person.name
            elif args.name:
                changed = rules.register(
                    meeting,
                    today,
                    guest_name=args.name,
                    guest_email=args.email,
                    guest_org=args.org,
                    late=args.late,
                )
                name = args.name.strip()
            else:
                raise QuorumError("flows.signup.need_who")
            said = t("flows.signup.registered", name=name)
        store.update_meeting(
            meeting.id, signup_until=changed.signup_until, attendance=changed.attendance
        )
    print(said, file=ctx.err)
    return 0
