"""Archives for the soak tests: generated once per size and session, copied per test."""

from __future__ import annotations

import shutil
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.bench.generate import generate


@pytest.fixture(scope="session")
def _archives(tmp_path_factory: pytest.TempPathFactory) -> Callable[[int], Path]:
    made: dict[int, Path] = {}

    def archive(meetings: int) -> Path:
        if meetings not in made:
            made[meetings] = generate(
                tmp_path_factory.mktemp(f"archive{meetings}") / "quorum.json", meetings, seed=7
            )
        return made[meetings]

    return archive


@pytest.fixture
def archive(_archives: Callable[[int], Path], tmp_path: Path) -> Callable[[int], Path]:
    """``archive(n)``: a fresh copy of an n-meeting archive in this test's folder."""

    def copy(meetings: int) -> Path:
        target = tmp_path / f"archive-{meetings}.json"
        shutil.copyfile(_archives(meetings), target)
        return target

    return copy
