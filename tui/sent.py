"""What sending an invite or a cancellation changes on a meeting, saved on its own.

The export screen (writing the .ics) and the send screen (SMTP) both record a sending;
the meeting screen copies the same fields into the meeting it holds. Only these fields
are saved, because the meeting screen below may hold edits of its own.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from quorum.store.records import Meeting

if TYPE_CHECKING:
    from quorum.tui.app import QuorumApp

SENT_FIELDS = ("status", "sequence", "sent_sequence", "sent_fingerprint")


def save_sent(app: QuorumApp, sent: Meeting) -> None:
    """Save what sending changed on ``sent``, and only that."""
    app.patch_meeting(sent.id, "sent", **{f: getattr(sent, f) for f in SENT_FIELDS})
