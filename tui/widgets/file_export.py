"""Export to a file from a screen: ask where (a path the user can edit,
warned before overwriting), then render and write in a thread worker so the
screen stays responsive; a notification says where the file went."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from quorum.store.errors import QuorumError, ValidationError
from quorum.store.files import write_export
from quorum.store.i18n import t
from quorum.tui.dialogs import PromptDialog

if TYPE_CHECKING:
    from quorum.tui.app import QuorumApp
    from quorum.tui.screens.base import QuorumScreen

Render = Callable[[], str | bytes]


class FileExists(ValidationError):
    """Not an error: the user may overwrite after a second Enter."""

    level = "warning"


def slug(text: str) -> str:
    """A file-name part: lower case, letters (å ä ö too) and digits, dashes between."""
    return re.sub(r"[^\w]+", "-", text.casefold()).strip("-_") or "quorum"


def check_path(text: str, confirm: bool) -> Path:
    if not text.strip():
        raise ValidationError("file.empty", field="path")
    path = Path(text.strip()).expanduser()
    if path.exists() and not confirm:
        raise FileExists("file.exists", field="path")
    return path


def export_to_file(screen: QuorumScreen, default_name: str, render: Render) -> None:
    """Ask for a path (``default_name`` in the working directory), then write."""

    def chosen(path: Path | None) -> None:
        if path is not None:
            screen.run_worker(
                lambda: _write(screen.app, path, render),
                thread=True,
                group="export",
                exit_on_error=False,
            )

    default = str(Path.cwd() / default_name)
    screen.app.push_screen(PromptDialog(t("file.prompt"), default, check_path), chosen)


def _write(app: QuorumApp, path: Path, render: Render) -> None:
    """Write readable by the owner only, never through a link (``store/files.py``); the
    prompt asked before an existing file is replaced."""
    try:
        data = render()
        path.parent.mkdir(parents=True, exist_ok=True)
        write_export(path, data if isinstance(data, bytes) else data.encode("utf-8"), replace=True)
    except OSError as err:
        app.call_from_thread(
            app.notify, t("file.failed", path=path, error=err.strerror or err), severity="error"
        )
        return
    except QuorumError as err:
        app.call_from_thread(app.notify, err.sentence(), severity="error")
        return
    app.call_from_thread(app.notify, t("file.saved", path=path))
