"""Open sign-up in the attendees pane: open or close the registration with its last day,
and register someone from the network family's roster or a guest (``store.signup``).

| Key | Action |
|---|---|
| S | open registration until a day (empty: close it) |
| r | register a person (type to search) or a guest |
"""

from __future__ import annotations

from datetime import date, timedelta
from typing import TYPE_CHECKING, Any

from quorum.store import signup as rules
from quorum.store.collate import sort_key
from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.store.parse import parse_date
from quorum.store.records import Meeting, Person
from quorum.tui.dialogs import ChoiceDialog, ConfirmDialog, PromptDialog
from quorum.tui.widgets.roster_forms import GuestForm

if TYPE_CHECKING:
    from quorum.tui.widgets.attendees import AttendeesPane

_GUEST = "\x00guest"


def signup_line(meeting: Meeting, today: date) -> str:
    """ "Registration open until … · 3 registered", or "" for a meeting without one."""
    if meeting.signup_until is None:
        return ""
    key = (
        "flows.signup.status_open"
        if rules.is_open(meeting, today)
        else "flows.signup.status_closed"
    )
    count = len(rules.registered(meeting))
    return t(key, until=meeting.signup_until.isoformat(), count=count)


def ask_window(pane: AttendeesPane) -> None:
    """Open the registration until a day the user types; an empty answer closes it."""
    meeting = pane.meeting
    if meeting is None:
        return
    today = pane.app.clock().date()

    def check(text: str, accepted: bool) -> Meeting:
        if not text.strip():
            return rules.close_signup(meeting)
        return rules.open_signup(meeting, parse_date(text, today=today, field="until"))

    current = meeting.signup_until or max(today, meeting.day - timedelta(days=7))
    prompt = PromptDialog(t("flows.signup.prompt"), current.isoformat(), check)

    def done(changed: Meeting | None) -> None:
        if changed is None:
            return
        pane.apply_meeting(changed)
        until = changed.signup_until
        said = t("flows.signup.opened", until=until.isoformat()) if until else None
        pane.app.notify(said or t("flows.signup.closed"))

    pane.app.push_screen(prompt, done)


def ask_who(pane: AttendeesPane) -> None:
    """Register someone: a person of the network family's roster, or a guest."""
    meeting = pane.meeting
    if meeting is None:
        return
    store = pane.store
    family = rules.family_ids(store.networks(), meeting.network_id)
    orgs = {o.id: o.name for o in store.organisations()}
    people = {p.id: p for p in store.people() if p.active and rules.in_family(p, family)}
    choices = [
        (p.id, " · ".join(x for x in (p.name, orgs.get(p.org_id or "", ""), p.email) if x))
        for p in people.values()
    ]
    choices.sort(key=lambda c: sort_key(c[1]))
    choices.insert(0, (_GUEST, t("flows.signup.guest")))

    today = pane.app.clock().date()

    def chosen(value: str | None) -> None:
        if value is None:
            return

        def proceed(yes: bool | None = True) -> None:
            if not yes:
                return
            if value == _GUEST:
                _ask_guest(pane, today)
            else:
                _register(pane, people[value], today)

        until = meeting.signup_until
        if until is not None and today > until:  # late: only when the user says so
            question = t("flows.signup.late", until=until.isoformat())
            pane.app.push_screen(ConfirmDialog(question, t("flows.signup.key_register")), proceed)
        else:
            proceed()

    picker = ChoiceDialog(t("flows.signup.choose"), choices, filter=True)
    pane.app.push_screen(picker, chosen)


def _ask_guest(pane: AttendeesPane, today: date) -> None:
    named: list[str] = []

    def save(values: dict[str, Any]) -> Meeting:
        assert pane.meeting is not None
        named[:] = [values["name"].strip()]
        return rules.register(
            pane.meeting,
            today,
            guest_name=values["name"],
            guest_email=values["email"],
            guest_org=values["org"],
            late=True,  # asked before the form opened
        )

    def done(changed: Meeting | None) -> None:
        if changed is not None:
            pane.apply_meeting(changed)
            pane.app.notify(t("flows.signup.registered", name=named[0]))

    pane.app.push_screen(GuestForm(save), done)


def _register(pane: AttendeesPane, person: Person, today: date) -> None:
    assert pane.meeting is not None
    try:
        changed = rules.register(pane.meeting, today, person=person, late=True)
    except QuorumError as err:
        pane.app.notify(err.sentence(), severity="error")
        return
    pane.apply_meeting(changed)
    pane.app.notify(t("flows.signup.registered", name=person.name))
