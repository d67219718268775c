"""The banner a failed save leaves on every screen until a save succeeds again.

A toast times out or is clicked away while the disk is still full; this stays.
The app keeps the text (:attr:`QuorumApp.save_problem`); each screen shows it
first, under its header, as it comes into view
(:meth:`QuorumScreen.sync_save_banner`), so the banner follows the user from
screen to screen. Not docked: a docked banner would cover the docked header.
Never read as markup: the sentence holds file names.
"""

from __future__ import annotations

from textual.widgets import Static


class SaveBanner(Static):
    DEFAULT_CSS = """
    SaveBanner {
        width: 100%;
        height: auto;
        padding: 0 1;
        background: $error;
        color: $text;
        text-style: bold;
    }
    SaveBanner.-warning { background: $warning; color: $text; }
    """

    def __init__(self, text: str, warning: bool = False) -> None:
        super().__init__(text, markup=False, classes="-warning" if warning else "")

    def show(self, text: str, warning: bool) -> None:
        self.update(text)
        self.set_class(warning, "-warning")
