"""The live screen's top line: the clock, time on this item against its plan,
and how far the meeting runs behind or ahead."""

from __future__ import annotations

from datetime import datetime

from rich.text import Text
from textual.widgets import Static

from quorum.store import live
from quorum.store.i18n import t
from quorum.store.records import Meeting
from quorum.store.when import clock, clock_seconds


def mmss(seconds: int) -> str:
    sign = "-" if seconds < 0 else ""
    seconds = abs(seconds)
    return f"{sign}{seconds // 60}:{seconds % 60:02d}"


def schedule_text(meeting: Meeting, now: datetime) -> Text:
    """ "3 min behind" in the warning colour, "2 min ahead" in green."""
    behind = live.behind_seconds(meeting, now)
    minutes = round(abs(behind) / 60)
    if minutes == 0:
        return Text(t("live.on_plan"), style="green")
    if behind > 0:
        return Text(t("live.behind", minutes=minutes), style="bold yellow")
    return Text(t("live.ahead", minutes=minutes), style="green")


def item_timer_text(meeting: Meeting, now: datetime) -> Text:
    index = meeting.current_item
    item = meeting.agenda[index]
    spent = live.item_seconds(meeting, index, now)
    over = spent > item.minutes * 60
    return Text(
        t("live.on_item", number=index + 1, spent=mmss(spent), planned=item.minutes),
        style="bold reverse yellow" if over else "bold",
    )


class LiveHeader(Static):
    """One line: title · clock · item timer · behind/ahead (or not started / break)."""

    DEFAULT_CSS = """
    LiveHeader { height: 1; background: $panel; padding: 0 1; }
    """

    def show(self, meeting: Meeting, now: datetime) -> None:
        local = now.astimezone(meeting.zone)
        line = Text.assemble((clock_seconds(local), "bold"), "  ")
        if not meeting.agenda:
            self.update(line)
            return
        if meeting.actual_start is None:
            line.append(t("live.not_started"), style="italic")
        elif meeting.actual_end is not None:
            end = meeting.actual_end.astimezone(meeting.zone)
            line.append(t("live.ended", time=clock(end)))
        else:
            if live.is_paused(meeting):
                line.append(f" {t('live.paused')} ", style="bold reverse magenta")
                line.append("  ")
            line.append_text(item_timer_text(meeting, now))
            line.append("  ·  ")
            line.append_text(schedule_text(meeting, now))
        line.append("  ·  ")
        line.append(meeting.title, style="dim")
        self.update(line)
