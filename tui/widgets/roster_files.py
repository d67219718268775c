"""The roster screen's file work and erasure, as a mixin of :class:`RosterScreen`.

- Import: ask for the path (checked: it exists and reads as a people CSV),
  show the report of :func:`plan_import` before anything is written, then
  :func:`apply_import` in one batch — or nothing on cancel.
- Export: the roster CSV and one person's data (JSON), to a suggested file
  name, asking before overwriting; written in a thread worker.
- Erase: a confirmation naming the person and saying what happens.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.message import Message

from quorum.store.errors import QuorumError
from quorum.store.i18n import t
from quorum.tui.dialogs import ConfirmDialog, PromptDialog
from quorum.tui.screens.base import QuorumScreen

if TYPE_CHECKING:
    from quorum.store.records import Person
    from quorum.store.roster_import import CsvTable, ImportReport


def slug(text: str) -> str:
    """A file-name friendly form of a name: ascii, lower case, dashes."""
    plain = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain.lower()).strip("-") or "quorum"


def existing_file(text: str, accepted: bool = False) -> Path:
    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise QuorumError("rui.path_missing")
    if not path.is_file():
        raise QuorumError("rui.path_not_found", path=str(path))
    return path


def writable_target(text: str, accepted: bool = False) -> Path:
    path = Path(text.strip()).expanduser()
    if not text.strip():
        raise QuorumError("rui.path_missing")
    if path.is_dir():
        raise QuorumError("rui.path_is_dir", path=str(path))
    if not path.parent.is_dir():
        raise QuorumError("rui.path_no_folder", path=str(path.parent))
    return path


def read_table(text: str, accepted: bool = False) -> CsvTable:
    from quorum.store.roster_import import read_people_csv

    path = existing_file(text)
    try:
        data = path.read_bytes()
    except OSError as err:
        raise QuorumError("import.error.read_failed", path=str(path), detail=err.strerror) from None
    return read_people_csv(data)


class FileWritten(Message):
    """A worker finished writing (``error`` is a sentence when it failed)."""

    def __init__(self, sentence: str, error: str = "") -> None:
        super().__init__()
        self.sentence = sentence
        self.error = error


class RosterFiles(QuorumScreen):
    """The roster screen's file work; the screen gives ``network_id``,
    ``selected_person`` and ``refresh_data``."""

    network_id: str | None

    def selected_person(self) -> Person | None:
        raise NotImplementedError

    def refresh_data(self) -> None:
        raise NotImplementedError

    # -- import -------------------------------------------------------------------

    def action_import_people(self) -> None:
        if self.network_id is None:
            return
        network = self.store.network(self.network_id)
        prompt = PromptDialog(
            "",
            "",
            read_table,
            title=t("rui.import_title"),
            label=t("rui.path"),
            hint=t("rui.import_hint", network=network.name),
        )
        self.app.push_screen(prompt, self._import_read)

    def _import_read(self, table: CsvTable | None) -> None:
        from quorum.store.roster_import import format_report, plan_import

        if table is None or self.network_id is None:
            return
        store = self.store
        report = plan_import(table, self.network_id, store.people(), store.organisations())

        def chosen(yes: bool | None) -> None:
            if not yes:
                self.app.notify(t("import.report.nothing_written"))
                return
            self._import_apply(report, skip=bool(report.refused))

        refused, accepted = len(report.refused), report.accepted
        dialog = ConfirmDialog(
            t("rui.import_has_refused", count=refused)
            if refused
            else t("rui.import_ready", count=accepted),
            # Importing everything is the default only when nothing is refused.
            t("rui.import_skip" if refused else "rui.import_do"),
            danger=bool(refused),
            no=t("dialog.cancel"),
            title=t("rui.import_title"),
            details=format_report(report),
            offer_yes=accepted > 0,
            width="wide",
            tall=True,
        )
        self.app.push_screen(dialog, chosen)

    def _import_apply(self, report: ImportReport, skip: bool) -> None:
        from quorum.store.roster_import import apply_import, done_sentence

        try:
            apply_import(self.store, report, skip_invalid=skip)
        except QuorumError as err:
            self.app.notify(err.sentence(), severity="error", timeout=10)
            return
        text = done_sentence(report)
        if skip and report.refused:
            text += " " + t("import.report.skipped", count=len(report.refused))
        self.app.notify(text)
        self.refresh_data()

    # -- export -------------------------------------------------------------------

    def action_export_roster(self) -> None:
        from quorum.exports.roster import roster_csv, roster_rows

        if self.network_id is None:
            return
        store = self.store
        network = store.network(self.network_id)
        people, orgs = store.people(network.id), store.organisations()
        data = roster_csv(network, people, orgs).encode("utf-8")
        count = len(roster_rows(network, people, orgs))
        name = f"{slug(t('rui.roster_file'))}-{slug(network.name)}.csv"
        self._ask_target(
            t("rui.export_title"),
            name,
            data,
            lambda p: t("roster.export_written", path=str(p), count=count),
        )

    def action_export_person(self) -> None:
        from quorum.store.personal_data import export_person_in_store

        person = self.selected_person()
        if person is None:
            return
        found = export_person_in_store(self.store, person.id)
        data = (json.dumps(found, ensure_ascii=False, indent=2) + "\n").encode("utf-8")
        self._ask_target(
            t("rui.export_person_title", name=person.name),
            f"{slug(t('rui.person_file'))}-{slug(person.name)}.json",
            data,
            lambda p: t("rui.person_exported", name=person.name, path=str(p)),
        )

    def _ask_target(self, title: str, name: str, data: bytes, said: Callable[[Path], str]) -> None:
        suggested = str(Path.cwd() / name)

        def target(path: Path | None) -> None:
            if path is None:
                return
            if not path.exists():
                self._write_file(path, data, False, said(path))
                return

            def confirmed(yes: bool | None) -> None:
                if yes:
                    self._write_file(path, data, True, said(path))

            question = t("rui.overwrite", path=str(path))
            self.app.push_screen(ConfirmDialog(question, t("rui.overwrite_yes")), confirmed)

        prompt = PromptDialog("", suggested, writable_target, title=title, label=t("rui.path"))
        self.app.push_screen(prompt, target)

    @work(thread=True, exit_on_error=False, group="roster-files")
    def _write_file(self, path: Path, data: bytes, replace: bool, sentence: str) -> None:
        """Readable by the owner only, never through a link (``store/files.py``)."""
        from quorum.store.files import write_export

        try:
            write_export(path, data, replace=replace)
        except QuorumError as err:
            self.post_message(FileWritten("", err.sentence()))
            return
        self.post_message(FileWritten(sentence))

    def on_file_written(self, message: FileWritten) -> None:
        if message.error:
            self.app.notify(message.error, severity="error", timeout=10)
        else:
            self.app.notify(message.sentence)

    # -- erase --------------------------------------------------------------------

    def action_erase_person(self) -> None:
        person = self.selected_person()
        if person is None:
            return

        def confirmed(yes: bool | None) -> None:
            if yes:
                self._erase(person)

        question = t("person.erase_confirm", name=f"{person.name} <{person.email}>")
        self.app.push_screen(ConfirmDialog(question, t("rui.erase_yes"), danger=True), confirmed)

    def _erase(self, person: Person) -> None:
        from quorum.store.personal_data import erase_person_in_store

        # Pending meeting saves hold copies made before the erase: let them land first.
        self.app.saver.flush()
        try:
            erasure = erase_person_in_store(self.store, person.id)
        except QuorumError as err:
            self.app.notify(err.sentence(), severity="error", timeout=10)
            return
        self.app.notify(t("person.erased", name=person.name, count=len(erasure.meetings)))
        if erasure.ambiguous_name:
            self.app.notify(t("rui.erase_ambiguous", name=person.name), severity="warning")
        if erasure.kept_versions:
            self.app.notify(
                t("archive.erase_kept", name=person.name, count=erasure.kept_versions),
                severity="warning",
                timeout=15,
            )
        self.refresh_data()
