"""Form rows: a label, a field and its message beside it.

Forms in quorum validate as the user types; a :class:`ValidationError`
names its ``field`` and the form shows the sentence on that field's row.
"""

from __future__ import annotations

from rich.text import Text
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.widget import Widget
from textual.widgets import Label, Static


class FieldRow(Vertical):
    """``label  [widget]`` with a message line under it, hidden while empty."""

    DEFAULT_CSS = """
    FieldRow { height: auto; }
    FieldRow > Horizontal { height: auto; }
    FieldRow Input { background: $boost; }
    FieldRow Input:focus { background: $primary 30%; }
    FieldRow .field-label { width: 14; padding-right: 1; color: $text-muted; }
    FieldRow .field-msg { display: none; padding-left: 14; color: $error; height: auto; }
    FieldRow .field-msg.-shown { display: block; }
    FieldRow .field-msg.-warning { color: $warning; }
    FieldRow .field-msg.-hint { color: $text-muted; }
    """

    def __init__(self, label: str, field: Widget, name: str) -> None:
        super().__init__(id=f"row-{name}")
        self._label = label
        self._field = field
        self.field_name = name

    def compose(self) -> ComposeResult:
        with Horizontal():
            # A label may be a name (a network's): text, not markup.
            yield Label(self._label, classes="field-label", markup=False)
            yield self._field
        yield Static("", classes="field-msg", id=f"msg-{self.field_name}")

    @property
    def field(self) -> Widget:
        return self._field

    def show(self, message: str = "", warning: bool = False, hint: bool = False) -> None:
        """``message`` under the field: an error, a ``warning`` or a muted ``hint``."""
        msg = self.query_one(".field-msg", Static)
        msg.update(Text(message))
        msg.set_class(bool(message), "-shown")
        msg.set_class(warning, "-warning")
        msg.set_class(hint, "-hint")

    @property
    def message(self) -> str:
        return str(self.query_one(".field-msg", Static).content)
