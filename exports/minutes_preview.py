"""A plain Markdown rendering of the minutes for the review screen.

Pure: the meeting, the names of the people it mentions and the language in,
Markdown out. The full minutes export (HTML, mail, publication) lives in
``exports.minutes``; this is what the secretary reads through before
marking the minutes drafted.
"""

from __future__ import annotations

from collections.abc import Mapping

from quorum.store.i18n import t
from quorum.store.records import Formality, ItemState, Meeting, Presence

_PRESENCE_HEADINGS = (
    (Presence.PRESENT, "live.md.present"),
    (Presence.REMOTE, "live.md.remote"),
    (Presence.EXCUSED, "live.md.excused"),
    (Presence.ABSENT, "live.md.absent"),
)


def _escape(text: str) -> str:
    """Keep typed text from turning into Markdown structure."""
    out = []
    for line in text.splitlines():
        stripped = line.lstrip()
        if stripped[:1] in ("#", ">", "-", "*", "+", "|") or stripped[:2].rstrip(".").isdigit():
            line = "\\" + stripped
        out.append(line.replace("<", "&lt;"))
    return "  \n".join(out)


def minutes_markdown(meeting: Meeting, names: Mapping[str, str], lang: str) -> str:
    """The minutes as Markdown. ``names`` maps person ids to display names."""

    def name_of(person_id: str | None, fallback: str = "") -> str:
        return names.get(person_id or "", fallback) or fallback

    kind = "live.md.protocol" if meeting.formality == Formality.FORMAL else "live.md.minutes"
    lines = [f"# {t(kind, lang=lang)}: {_escape(meeting.title)} {meeting.day.isoformat()}", ""]
    start = meeting.actual_start or meeting.start
    end = meeting.actual_end or meeting.end
    start, end = start.astimezone(meeting.zone), end.astimezone(meeting.zone)
    lines.append(
        f"**{t('live.md.when', lang=lang)}:** {start.date().isoformat()} "
        f"{start:%H:%M}–{end:%H:%M}  "
    )
    if meeting.place:
        lines.append(f"**{t('live.md.place', lang=lang)}:** {_escape(meeting.place)}")
    lines.append("")
    for presence, key in _PRESENCE_HEADINGS:
        who = [
            name_of(a.person_id, a.guest_name) for a in meeting.attendance if a.presence == presence
        ]
        if who:
            lines.append(f"**{t(key, lang=lang)}:** {', '.join(_escape(w) for w in who)}  ")
    lines.append("")
    for number, item in enumerate(meeting.agenda, start=1):
        lines += [f"## {number}. {_escape(item.title)}", ""]
        if item.notes.strip():
            lines += [_escape(item.notes), ""]
        if item.state == ItemState.DEFERRED:
            lines += [f"*{t('live.md.deferred', lang=lang)}*", ""]
        for decision in item.decisions:
            lines.append(f"- **{t('live.md.decision', lang=lang)}:** {_escape(decision.text)}")
        for action in item.actions:
            owner = name_of(action.owner_id, action.owner_name) or t("live.no_owner", lang=lang)
            due = action.due.isoformat() if action.due else t("live.no_due", lang=lang)
            lines.append(
                f"- **{t('live.md.action', lang=lang)}:** {_escape(action.text)} "
                f"({t('live.owner_due', lang=lang, owner=_escape(owner), due=due)})"
            )
        if item.decisions or item.actions:
            lines.append("")
    if meeting.approvals:
        lines += [f"## {t('live.md.approvals', lang=lang)}", ""]
        for approval in meeting.approvals:
            key = "live.md.reopened" if approval.reopened else "live.md.approved"
            lines.append(
                "- "
                + t(
                    key,
                    lang=lang,
                    on=approval.on.isoformat(),
                    name=_escape(approval.name),
                    reason=_escape(approval.reason),
                )
            )
    return "\n".join(lines).rstrip() + "\n"


__all__ = ["minutes_markdown"]
