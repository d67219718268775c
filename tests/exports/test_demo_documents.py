"""Golden files of the demo network: its held meeting's minutes and its next meeting's notice."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from quorum.exports.agenda import notice_html, notice_markdown, notice_text
from quorum.exports.context import DocContext, build_context
from quorum.exports.minutes import minutes_html, minutes_markdown, minutes_text
from quorum.store.demo import build_demo
from quorum.store.records import MeetingStatus
from quorum.store.store import Store
from tests.exports.html_checks import assert_self_contained
from tests.exports.test_minutes import check_golden

TODAY = date(2027, 3, 1)  # the demo lays its meetings out around "today"
MINUTES = {"md": minutes_markdown, "html": minutes_html, "txt": minutes_text}
NOTICE = {"md": notice_markdown, "html": notice_html, "txt": notice_text}


@pytest.fixture(scope="module")
def demo(tmp_path_factory: pytest.TempPathFactory) -> dict[str, dict[str, DocContext]]:
    path: Path = tmp_path_factory.mktemp("demo") / "demo.json"
    with Store.open(path) as store:
        build_demo(store, today=TODAY)
        network = store.networks()[0]
        meetings = store.meetings(network.id)
        held = next(m for m in meetings if m.status is MeetingStatus.DRAFTED)
        upcoming = next(m for m in meetings if m.status is MeetingStatus.INVITED)
        people, orgs = store.people(), store.organisations()
        return {
            lang: {
                "minutes": build_context(held, network, people, orgs, meetings, lang=lang),
                "notice": build_context(upcoming, network, people, orgs, meetings, lang=lang),
            }
            for lang in ("sv", "en")
        }


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_demo_minutes_golden(demo: dict[str, dict[str, DocContext]], lang: str, fmt: str) -> None:
    check_golden(f"demo_minutes_{lang}.{fmt}", MINUTES[fmt](demo[lang]["minutes"]))


@pytest.mark.parametrize("lang", ["sv", "en"])
@pytest.mark.parametrize("fmt", ["md", "html", "txt"])
def test_demo_notice_golden(demo: dict[str, dict[str, DocContext]], lang: str, fmt: str) -> None:
    check_golden(f"demo_notice_{lang}.{fmt}", NOTICE[fmt](demo[lang]["notice"]))


def test_demo_html_is_valid(demo: dict[str, dict[str, DocContext]]) -> None:
    for lang in ("sv", "en"):
        assert_self_contained(minutes_html(demo[lang]["minutes"]))
        assert_self_contained(notice_html(demo[lang]["notice"]))
