"""The yardstick for quorum's cold start: a bare Textual app that paints one widget and exits."""

from textual.app import App, ComposeResult
from textual.widgets import Static


class BareApp(App[int]):
    def compose(self) -> ComposeResult:
        yield Static("quorum")

    def on_mount(self) -> None:
        self.call_after_refresh(self.exit, 0)


if __name__ == "__main__":
    BareApp().run()
