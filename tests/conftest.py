"""Shared fixtures: a real database in tmp_path, the demo on a fixed day."""

from __future__ import annotations

import os
from collections.abc import Iterator
from datetime import date, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from quorum.store.i18n import set_language, set_strict

# Translation faults raise in tests (store/i18n.py), here and in every CLI subprocess.
os.environ["QUORUM_STRICT_I18N"] = "1"
set_strict(True)


@pytest.hookimpl(tryfirst=True)
def pytest_cmdline_main(config: pytest.Config) -> None:
    """The whole suite runs in two workers per core by default (pytest-xdist): much of a
    pilot flow, a kill -9 trial or a server round trip is waiting, not computing, so on
    two cores four workers take 2 min 46 s where two took 3 min 44 s. A run of chosen tests
    (paths or ``-k`` given) stays in one process, where a worker's start would cost
    more than it saves; ``-n N`` chooses, and ``-p no:xdist`` (or ``-n 0``) turns it off.
    """
    if (
        config.pluginmanager.hasplugin("xdist")
        and not hasattr(config, "workerinput")  # a worker: the controller decided
        and config.getoption("numprocesses", None) is None
        and not config.getoption("keyword", "")
        and not [arg for arg in config.invocation_params.args if not arg.startswith("-")]
    ):
        config.option.numprocesses = 2 * (os.cpu_count() or 1)


DEMO_TODAY = date(2026, 11, 25)
DEMO_NOW = datetime(2026, 11, 25, 10, 0, tzinfo=ZoneInfo("Europe/Stockholm"))


@pytest.fixture(autouse=True)
def _isolated(monkeypatch: pytest.MonkeyPatch, tmp_path: Path) -> None:
    # Never touch a real user's database; a known language per test.
    monkeypatch.setenv("QUORUM_DB", str(tmp_path / "default-quorum.json"))
    set_language("en")


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "quorum.json"


@pytest.fixture
def demo_store(db_path: Path):
    from quorum.store.demo import build_demo
    from quorum.store.store import Store

    store = Store.open(db_path)
    build_demo(store, DEMO_TODAY)
    yield store
    store.close()


@pytest.fixture
def demo_db(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> Path:
    """The demo written by ``quorum demo`` (today's dates), for CLI tests."""
    from quorum.tui.cli import main

    db = tmp_path / "demo.json"
    assert main(["demo", "--db", str(db)]) == 0
    capsys.readouterr()
    return db


class Inbox:
    """What a test SMTP server received."""

    def __init__(self) -> None:
        self.envelopes: list[Any] = []

    async def handle_DATA(self, server: Any, session: Any, envelope: Any) -> str:
        self.envelopes.append(envelope)
        return "250 OK"


@pytest.fixture
def demo_smtp(demo_db: Path) -> Iterator[Inbox]:
    """A real SMTP server on 127.0.0.1 (aiosmtpd), set as the demo network's."""
    import socket

    from aiosmtpd.controller import Controller

    from quorum.store.records import SmtpSettings, replace
    from quorum.store.store import Store

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    with Store.open(demo_db) as store:
        network = store.networks()[0]
        store.save_network(replace(network, smtp=SmtpSettings("127.0.0.1", port, security="none")))
    inbox = Inbox()
    controller = Controller(inbox, hostname="127.0.0.1", port=port)
    controller.start()
    try:
        yield inbox
    finally:
        controller.stop()
