"""Who is here: the meeting's invitees with their presence, one key each.

| Key | Presence |
|-----|----------|
| p | present |
| r | remote |
| e | excused |
| a | absent |
| u | unknown |
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from rich.text import Text
from textual.binding import Binding
from textual.message import Message
from textual.widgets import OptionList
from textual.widgets.option_list import Option

from quorum.store.i18n import t
from quorum.store.records import Attendance, Meeting, Presence, Rsvp
from quorum.tui.cells import clip
from quorum.tui.readonly import refuses_edit
from quorum.tui.translate import translate_bindings

PRESENCE_STYLE = {
    Presence.UNKNOWN: "dim",
    Presence.PRESENT: "green",
    Presence.REMOTE: "cyan",
    Presence.EXCUSED: "yellow",
    Presence.ABSENT: "red",
}
EXPECT_STYLE = {Rsvp.ACCEPTED: "dim green", Rsvp.TENTATIVE: "dim", Rsvp.DECLINED: "dim yellow"}


def presence_label(a: Attendance) -> tuple[str, str]:
    """(label, style) of an invitee's presence; before it is noted, what their reply
    leads the secretary to expect, dimmed ("förhinder" for one who declined)."""
    if a.presence is Presence.UNKNOWN and a.rsvp is not Rsvp.NEEDS_ACTION:
        return t(f"flows.expect.{a.rsvp.value}"), f"italic {EXPECT_STYLE[a.rsvp]}"
    return t(f"live.presence.{a.presence.value}"), PRESENCE_STYLE[a.presence]


def attendee_line(a: Attendance, names: Mapping[str, str], width: int) -> Text:
    """Presence first (fixed width) so the column lines up; the name is cut to fit."""
    label, style = presence_label(a)
    label = label[:9].ljust(10)
    name = names.get(a.person_id or "", "") or a.guest_name
    room = max(4, width - len(label))
    name = clip(name, room)
    line = Text(label, style=style)
    line.append(name)
    return line


class AttendanceList(OptionList):
    EDIT_ACTIONS = frozenset({"presence"})
    BINDINGS = [
        Binding("p", "presence('present')", "live.key.present"),
        Binding("r", "presence('remote')", "live.key.remote"),
        Binding("e", "presence('excused')", "live.key.excused"),
        Binding("a", "presence('absent')", "live.key.absent"),
        Binding("u", "presence('unknown')", "live.key.unknown", show=False),
    ]
    DEFAULT_CSS = """
    AttendanceList { width: 28; border: round $primary-darken-2; height: 1fr; }
    AttendanceList:focus { border: round $accent; }
    """

    @dataclass
    class PresenceChosen(Message):
        key: str
        presence: Presence

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        translate_bindings(self)
        self._keys: list[str] = []

    _shown: tuple[Meeting, Mapping[str, str]] | None = None

    def on_resize(self) -> None:
        if self._shown is not None:
            self.show(*self._shown)

    def show(self, meeting: Meeting, names: Mapping[str, str]) -> None:
        self._shown = (meeting, names)
        highlighted = self.highlighted
        width = self.scrollable_content_region.width - 1
        if width < 12:
            width = 24
        self.clear_options()
        self._keys = [a.key for a in meeting.attendance]
        self.add_options(
            Option(attendee_line(a, names, width), id=a.key) for a in meeting.attendance
        )
        here = sum(a.presence in (Presence.PRESENT, Presence.REMOTE) for a in meeting.attendance)
        self.border_subtitle = t("live.present_count", present=here, total=len(self._keys))
        if self._keys:
            self.highlighted = min(highlighted or 0, len(self._keys) - 1)

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        return None if refuses_edit(self, action) else True

    def action_presence(self, value: str) -> None:
        if self.highlighted is None or not self._keys:
            return
        self.post_message(self.PresenceChosen(self._keys[self.highlighted], Presence(value)))
        # Roll-call speed: move on to the next person.
        if self.highlighted < len(self._keys) - 1:
            self.highlighted += 1
