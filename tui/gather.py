"""The records an export needs, gathered from the store once.

Shared by the CLI (``tui/cli_calendar.py``, ``tui/cli_docs.py``) and the
app's export and send screens so both build documents from the same facts.
"""

from __future__ import annotations

from typing import Any

from quorum.exports.context import DocContext, build_context
from quorum.store.errors import QuorumError
from quorum.store.records import Meeting, Network, Person


def calendar_records(store: Any, meeting: Meeting) -> tuple[Network, dict[str, Person]]:
    """The meeting's network and everyone on the roster by id (invites, mail drafts)."""
    return store.network(meeting.network_id), {p.id: p for p in store.people()}


def document_context(
    store: Any, meeting: Meeting, lang: str = "", redact_contacts: bool = False
) -> DocContext:
    """What the minutes, the notice or the minutes mail of ``meeting`` print."""
    network = store.network(meeting.network_id)
    return build_context(
        meeting,
        network,
        store.people(),
        store.organisations(),
        store.meetings(network.id),
        lang=lang,
        redact_contacts=redact_contacts,
    )


def minutes_sender(network: Network, meeting: Meeting, people: dict[str, Person]) -> str:
    """Who the minutes come from: the SMTP sender, else the secretary, chair or coordinator."""
    from email.utils import formataddr

    if network.smtp and network.smtp.sender:
        return network.smtp.sender
    for pid in (meeting.secretary_id, meeting.chair_id, network.coordinator_id):
        if pid and pid in people:
            return formataddr((people[pid].name, people[pid].email))
    raise QuorumError("send.error_no_sender")
