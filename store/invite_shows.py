"""What a meeting's invite shows, declared once.

Three things must agree on it, and all three read :data:`MEETING` and
:data:`AGENDA_ITEM`:

* the fingerprint (:func:`fingerprint`): a sent invite is out of date, and the
  next one goes out with a higher SEQUENCE, exactly when something declared
  here changed — so a change the invite shows is never left unsent, and a
  change it does not show (RSVPs, minutes, presence) never sends an update;
* the invite text (``exports.invite_text``: the calendar DESCRIPTION and the
  invite mail): a field with a ``line`` gets a line of its own, the rest have
  their place in its layout;
* the privacy check (``exports.privacy``): every declared text is searched
  for e-mail addresses, phone numbers and names, every declared person named.

Adding a field here therefore reaches all three (``tests/exports/
test_invite_shows.py`` proves it with a field that does not exist yet). It
lives in ``store`` because the fingerprint belongs to the meeting record, and
``store`` imports nothing from ``exports``.
"""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from datetime import datetime
from enum import Enum
from typing import Any

__all__ = ["AGENDA_ITEM", "MEETING", "How", "Shown", "fingerprint", "invite_is_current"]


class How(Enum):
    """How the invite shows a field's value."""

    TEXT = "text"  # typed by a user, shown as typed
    PERSON = "person"  # a person's id, shown as the person's name
    LINK = "link"  # a web address typed by a user, shown only when it is one (http/https)
    MOMENT = "moment"  # an aware datetime, shown as a date and a clock time
    MINUTES = "minutes"  # an item's planned minutes: the clock times of the items after it
    CANCELLED = "cancelled"  # the status, of which the invite shows only "cancelled"


@dataclass(frozen=True)
class Shown:
    """One field of a Meeting (or of its AgendaItems) that the invite shows."""

    field: str
    how: How
    line: str = ""  # catalog key of its own line in the invite text ({value}); "" = in the layout

    @property
    def personal(self) -> bool:
        """Whether the privacy check reads it: typed text and people may be personal data."""
        return self.how in (How.TEXT, How.LINK, How.PERSON)


MEETING: tuple[Shown, ...] = (
    Shown("title", How.TEXT),
    Shown("start", How.MOMENT),
    Shown("end", How.MOMENT),
    Shown("status", How.CANCELLED),
    Shown("place", How.TEXT, "ics.place"),
    Shown("online_link", How.LINK, "ics.online"),
    Shown("chair_id", How.PERSON, "ics.chair"),
    Shown("secretary_id", How.PERSON, "ics.secretary"),
    Shown("documents", How.TEXT),
)

AGENDA_ITEM: tuple[Shown, ...] = (
    Shown("title", How.TEXT),
    Shown("minutes", How.MINUTES),
    Shown("presenter_id", How.PERSON),
    Shown("presenter_text", How.TEXT),
    Shown("description", How.TEXT),
)

_VERSION = "2:"  # fingerprints before this prefix were taken over other fields (see below)


def _canonical(shown: Shown, value: Any) -> str:
    if shown.how is How.MOMENT:
        return value.isoformat() if isinstance(value, datetime) else str(value)
    if shown.how is How.CANCELLED:
        return "cancelled" if str(value) == "cancelled" else "on"
    return str(value)


def _digest(parts: list[str]) -> str:
    return hashlib.sha256("\n".join(parts).encode()).hexdigest()[:16]


def fingerprint(meeting: Any) -> str:
    """A short hash of everything the invite of ``meeting`` (a Meeting) shows."""
    parts = [f"{s.field}={_canonical(s, getattr(meeting, s.field))}" for s in MEETING]
    parts += [
        "|".join(f"{s.field}={_canonical(s, getattr(item, s.field))}" for s in AGENDA_ITEM)
        for item in meeting.agenda
    ]
    return _VERSION + _digest(parts)


def _legacy_fingerprint(meeting: Any) -> str:
    """The fingerprint as quorum took it before this declaration existed.

    Invites sent then carry it; comparing them with it keeps an unchanged
    invite from being reported out of date (and sent again) after an upgrade.
    The next invite sent stores the current fingerprint.
    """
    parts = [
        meeting.start.isoformat(),
        meeting.end.isoformat(),
        meeting.place,
        meeting.online_link,
        "cancelled" if str(meeting.status) == "cancelled" else "on",
        meeting.title,
        meeting.documents,
    ]
    parts += [
        "|".join(
            (
                i.title,
                str(i.kind),
                str(i.minutes),
                str(i.presenter_id),
                i.presenter_text,
                i.description,
            )
        )
        for i in meeting.agenda
    ]
    return _digest(parts)


def invite_is_current(sent: str, meeting: Any) -> bool:
    """Whether the invite sent with fingerprint ``sent`` still shows ``meeting`` as it is."""
    if sent.startswith(_VERSION):
        return sent == fingerprint(meeting)
    return sent == _legacy_fingerprint(meeting)
