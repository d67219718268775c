"""One meeting's document context and sender, from the records the store gathered.

The exports half of exporting (the store half is :mod:`quorum.store.gather`): it takes
:class:`~quorum.store.gather.MeetingRecords`, never the Store, so it sits in exports
beside the renderers it feeds. Shared by the CLI (``tui/cli_calendar.py``,
``tui/cli_docs.py``) and the app's export and send screens.
"""

from __future__ import annotations

from email.headerregistry import Address

from quorum.exports.context import DocContext, build_context
from quorum.exports.mail_headers import mail_address
from quorum.store.errors import QuorumError
from quorum.store.gather import MeetingRecords
from quorum.store.records import Meeting, Network, Person


def document_context(
    records: MeetingRecords, lang: str = "", redact_contacts: bool = False
) -> DocContext:
    """What the minutes, the notice or the minutes mail of ``records.meeting`` print."""
    return build_context(
        records.meeting,
        records.network,
        records.people,
        records.organisations,
        records.meetings,
        lang=lang,
        redact_contacts=redact_contacts,
        # The minutes name who was absent as well (guests too), as the review does.
        show_absent=True,
    )


def minutes_sender(network: Network, meeting: Meeting, people: dict[str, Person]) -> Address:
    """Who the minutes come from: the SMTP sender, else the secretary, chair or coordinator."""
    if network.smtp and network.smtp.sender:
        return mail_address("", network.smtp.sender)
    for pid in (meeting.secretary_id, meeting.chair_id, network.coordinator_id):
        if pid and pid in people:
            return mail_address(people[pid].name, people[pid].email)
    raise QuorumError("send.error_no_sender")
