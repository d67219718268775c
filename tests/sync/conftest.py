"""Fixtures of the sync tests: a real server per test, two installations."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.sync.servers import SERVERS, Server, running


@pytest.fixture(params=SERVERS)
def server(request: pytest.FixtureRequest, tmp_path: Path) -> Iterator[Server]:
    with running(request.param, tmp_path / request.param) as found:
        yield found


@pytest.fixture
def radicale(tmp_path: Path) -> Iterator[Server]:
    with running("radicale", tmp_path / "radicale") as found:
        yield found


@pytest.fixture(autouse=True)
def _password(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("QUORUM_SYNC_PASSWORD", "hemligt")
