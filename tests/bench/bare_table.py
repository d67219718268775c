"""The second yardstick: a bare Textual app whose one screen is a DataTable of a screenful
of rows (the widget quorum's overview ends up showing), painted once, then exit."""

from rich.text import Text
from textual.app import App, ComposeResult
from textual.widgets import DataTable


class BareTableApp(App[int]):
    def compose(self) -> ComposeResult:
        yield DataTable(cursor_type="row", zebra_stripes=True)

    def on_mount(self) -> None:
        table = self.query_one(DataTable)
        for label in ("Datum", "Tid", "Titel", "Status", "Värd"):
            table.add_column(label)
        for n in range(40):
            table.add_row(
                Text(f"2026-{n % 12 + 1:02}-14 fre"),
                Text("09:00–12:00"),
                Text("Nätverksträff"),
                Text("Genomförd"),
                Text("Ekdala kommun"),
            )
        self.call_after_refresh(self.exit, 0)


if __name__ == "__main__":
    BareTableApp().run()
