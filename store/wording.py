"""Words that follow the network's formality: minnesanteckningar or protokoll.

A sentence that names the document ("Protokollet är justerat och låst" /
"Minnesanteckningarna är justerade och låsta") is two catalog keys, ``<key>.informal``
and ``<key>.formal``: Swedish agreement differs (protokollet är justerat,
minnesanteckningarna är justerade), so a word put into one sentence will not do.
:func:`by_formality` picks the key for a meeting, so titles, statuses, buttons and
mail subjects all say what the network keeps.
"""

from __future__ import annotations

from quorum.store.i18n import Notice, knows, t
from quorum.store.records import Formality, Meeting, MeetingStatus

__all__ = [
    "by_formality",
    "formal_text",
    "meeting_status",
    "short_status",
    "status_label",
    "status_notice",
]


def by_formality(key: str, formality: Formality) -> str:
    """``key.formal`` or ``key.informal``."""
    return f"{key}.{formality.value}"


def formal_text(key: str, formality: Formality, lang: str | None = None, **params: object) -> str:
    """The sentence of ``key`` for a network that keeps ``formality``."""
    return t(by_formality(key, formality), lang=lang, **params)


def status_label(status: MeetingStatus, formality: Formality, lang: str | None = None) -> str:
    """A meeting's status in words: "kallelse skickad", "protokoll justerat" …"""
    key = f"status.{status.value}"
    return t(key, lang=lang) if knows(key) else formal_text(key, formality, lang)


def meeting_status(meeting: Meeting, lang: str | None = None) -> str:
    return status_notice(meeting).text(lang)


def status_notice(meeting: Meeting) -> Notice:
    """:func:`meeting_status` kept as a :class:`Notice`, for an error worded later in
    whichever language it is shown in."""
    key = f"status.{meeting.status.value}"
    return Notice.of(key if knows(key) else by_formality(key, meeting.formality))


def short_status(status: MeetingStatus, lang: str | None = None) -> str:
    """The status for a narrow table column ("utkast", "justerat"): it names no
    document, so it is true whatever the network keeps; screens that have the room
    say it in full (:func:`meeting_status`)."""
    return t(f"status.short.{status.value}", lang=lang)
