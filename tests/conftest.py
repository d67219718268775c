"""Shared fixtures: a real database in tmp_path, the demo on a fixed day."""

from __future__ import annotations

import os
from datetime import date, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest

from quorum.store.i18n import set_language, set_strict

# Translation faults raise in tests (store/i18n.py), here and in every CLI subprocess.
os.environ["QUORUM_STRICT_I18N"] = "1"
set_strict(True)

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
