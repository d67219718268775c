"""The files the planning screens export, as (key, label key, file suffix,
render) so a menu, a file name and the writing share one list. Renderers are
the pure ones in ``exports/``, imported when a file is written (not when the
planning screens open)."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING

from quorum.store.records import Meeting, Network, Organisation, Person

if TYPE_CHECKING:
    from quorum.tui.screens.base import QuorumScreen


@dataclass(frozen=True)
class PlanData:
    """Everything a year's export needs, taken from the store on the UI thread."""

    network: Network
    year: int
    meetings: Sequence[Meeting]  # the network's meetings (and the plan's previews)
    organisations: Sequence[Organisation]
    people: Sequence[Person]
    now: datetime


@dataclass(frozen=True)
class PlanExport:
    key: str  # also the i18n key of its label: export.<key>
    suffix: str
    render: Callable[[PlanData], str | bytes]

    @property
    def label_key(self) -> str:
        return f"export.{self.key}"


def _dates_txt(d: PlanData) -> str:
    from quorum.exports.datelist import date_list_text

    return date_list_text(d.network, d.meetings, d.organisations, d.people, d.year)


def _dates_csv(d: PlanData) -> str:
    from quorum.exports.datelist import date_list_csv

    return date_list_csv(d.network, d.meetings, d.organisations, d.people, d.year)


def _plan_ics(d: PlanData) -> bytes:
    from quorum.exports.ics import year_plan

    people = {p.id: p for p in d.people}
    organiser = people.get(d.network.coordinator_id or "")
    hosts = {o.id: o.name for o in d.organisations}
    return year_plan(d.network, d.meetings, people, organiser, d.year, d.now, hosts=hosts)


def _summary_md(d: PlanData) -> str:
    from quorum.exports.year_summary import year_summary_markdown

    return year_summary_markdown(d.network, d.meetings, d.organisations, d.people, d.year)


def _summary_html(d: PlanData) -> str:
    from quorum.exports.year_summary import year_summary_html

    return year_summary_html(d.network, d.meetings, d.organisations, d.people, d.year)


def _summary_pdf(d: PlanData) -> bytes:
    from quorum.exports.year_summary import year_summary_pdf

    return year_summary_pdf(d.network, d.meetings, d.organisations, d.people, d.year, d.now)


DATES_TXT = PlanExport("dates_txt", "datum.txt", _dates_txt)
DATES_CSV = PlanExport("dates_csv", "datum.csv", _dates_csv)
PLAN_ICS = PlanExport("plan_ics", "arsplan.ics", _plan_ics)
SUMMARY_MD = PlanExport("summary_md", "arssammanstallning.md", _summary_md)
SUMMARY_HTML = PlanExport("summary_html", "arssammanstallning.html", _summary_html)
SUMMARY_PDF = PlanExport("summary_pdf", "arssammanstallning.pdf", _summary_pdf)

YEAR_EXPORTS = (DATES_TXT, DATES_CSV, PLAN_ICS, SUMMARY_MD, SUMMARY_HTML, SUMMARY_PDF)
SUMMARY_EXPORTS = (SUMMARY_MD, SUMMARY_HTML, SUMMARY_PDF)


def offer_exports(
    screen: QuorumScreen, kinds: Sequence[PlanExport], data: Callable[[], PlanData]
) -> None:
    """Ask which file to export, then where; render and write in a worker."""
    from quorum.store.i18n import t
    from quorum.tui.dialogs import ChoiceDialog
    from quorum.tui.widgets.file_export import export_to_file, slug

    by_key = {k.key: k for k in kinds}

    def chosen(key: str | None) -> None:
        if key is None:
            return
        kind, snapshot = by_key[key], data()
        name = f"{slug(snapshot.network.name)}-{snapshot.year}-{kind.suffix}"
        export_to_file(screen, name, lambda: kind.render(snapshot))

    choices = [(k.key, t(k.label_key)) for k in kinds]
    screen.app.push_screen(ChoiceDialog(t("export.choose"), choices), chosen)
