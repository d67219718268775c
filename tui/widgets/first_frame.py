"""The overview's first frame: its network list and meetings table, drawn cheaply.

Textual's OptionList and DataTable cost more to import, style and fill than a bare
Textual app costs to start (measured on the 2-core machine: +85 ms of CPU on a
300 ms start, and DataTable measures every row it is given). So the first frame
shows these two stand-ins instead, drawn line by line from the sidecar's rows and
styled by the same component classes and rules as the widgets they stand for; the
overview puts the real widgets in their place right after the first frame
(``OverviewScreen._become_real``), where they look the same and do everything else.
Only what fits on the screen is drawn; nothing here grows with the archive.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from rich.cells import set_cell_size
from rich.control import strip_control_codes
from rich.segment import Segment
from rich.style import Style
from textual.binding import Binding
from textual.strip import Strip
from textual.widget import Widget

Cells = Sequence[tuple[str, str]]  # (text, style) of each cell of a row


class FirstNetworks(Widget):
    """Stands for the overview's OptionList of networks: the names, the first
    highlighted (as OptionList draws it when it is not focused)."""

    COMPONENT_CLASSES = {"option-list--option-highlighted"}
    DEFAULT_CSS = """
    FirstNetworks {
        height: auto;
        max-height: 100%;
        color: $foreground;
        padding: 0 1;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
        }
    }
    """

    def __init__(self, names: Sequence[str], *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.names = list(names)

    def get_content_height(self, container: object, viewport: object, width: int) -> int:
        return len(self.names)

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        if y >= len(self.names):
            return Strip.blank(width, self.rich_style)
        style = self.rich_style
        if y == 0:
            style += self.get_component_rich_style("option-list--option-highlighted")
        name = strip_control_codes(self.names[y])  # as Text does for the real list
        return Strip([Segment(set_cell_size(name, width), style)])


class FirstRows(Widget, can_focus=True):
    """Stands for the overview's DataTable of meetings: header, zebra rows, the cursor
    row, with the columns as wide as the real table will make them. ``up``/``down``
    move the cursor, so a key pressed in the first moments is not lost."""

    COMPONENT_CLASSES = {
        "datatable--header",
        "datatable--even-row",
        "datatable--odd-row",
        "datatable--cursor",
    }
    # DataTable's own rules for these parts (textual/widgets/_data_table.py, 8.2.8).
    DEFAULT_CSS = """
    FirstRows {
        background: $surface;
        color: $foreground;
        &:focus {
            background-tint: $foreground 5%;
            & > .datatable--cursor {
                background: $block-cursor-background;
                color: $block-cursor-foreground;
                text-style: $block-cursor-text-style;
            }
            & > .datatable--header {
                background-tint: $foreground 5%;
            }
        }
        &:dark > .datatable--even-row {
            background: $surface-darken-1 40%;
        }
        & > .datatable--header {
            text-style: bold;
            background: $panel;
            color: $foreground;
        }
        &:ansi > .datatable--header {
            background: ansi_bright_blue;
            color: ansi_default;
        }
        & > .datatable--even-row {
            background: $surface-lighten-1 50%;
        }
        & > .datatable--cursor {
            background: $block-cursor-blurred-background;
            color: $block-cursor-blurred-foreground;
            text-style: $block-cursor-blurred-text-style;
        }
    }
    """
    BINDINGS = [
        Binding("up", "cursor(-1)", show=False),
        Binding("down", "cursor(1)", show=False),
    ]

    def __init__(
        self,
        labels: Sequence[str],
        widths: Sequence[int],
        count: int,
        cells: Callable[[int], Cells],
        *,
        id: str | None = None,
    ) -> None:
        super().__init__(id=id)
        self.labels = list(labels)
        self.widths = list(widths)
        self.count = count
        self.cells = cells  # row index -> its cells, made when the row is drawn
        self.cursor_row = 0

    def action_cursor(self, step: int) -> None:
        self.cursor_row = max(0, min(self.count - 1, self.cursor_row + step))
        self.refresh()

    def render_line(self, y: int) -> Strip:
        width = self.size.width
        base = self.rich_style
        if y == 0:
            row_style = base + self.get_component_rich_style("datatable--header")
            texts: Cells = [(label, "") for label in self.labels]
        elif y - 1 < self.count:
            index = y - 1
            part = "datatable--odd-row" if index % 2 else "datatable--even-row"
            row_style = base + self.get_component_rich_style(part)
            if index == self.cursor_row:
                row_style += self.get_component_rich_style("datatable--cursor")
            texts = self.cells(index)
        else:
            return Strip.blank(width, base)
        segments: list[Segment] = []
        for (text, style), column_width in zip(texts, self.widths, strict=False):
            # One style per cell (the row's status), as DataTable draws a one-style Text.
            cell_style = row_style + Style.parse(style) if style else row_style
            segments.append(Segment(" ", row_style))
            cell = set_cell_size(strip_control_codes(text), column_width)  # as Text does
            segments.append(Segment(cell, cell_style))
            segments.append(Segment(" ", row_style))
        return Strip(segments).crop(0, width).extend_cell_length(width, row_style)
