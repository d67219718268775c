"""The installed distribution is the ``quorum`` package and claims no generic top-level name."""

from __future__ import annotations

import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _pip(*args: str) -> None:
    subprocess.run(
        [sys.executable, "-m", "pip", *args, "-q", "--no-deps", "--no-build-isolation"],
        check=True,
        capture_output=True,
    )


def test_an_installed_quorum_provides_no_top_level_store_tui_or_exports(tmp_path: Path) -> None:
    # Build from a copy so the checkout gets no build/ or egg-info of ours.
    src = tmp_path / "src"
    for name in ("tui", "store", "exports", "quorum"):
        shutil.copytree(
            ROOT / name, src / name, symlinks=True, ignore=shutil.ignore_patterns("__pycache__")
        )
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, src / name)
    _pip("wheel", "-w", str(tmp_path), str(src))
    [wheel] = tmp_path.glob("quorum-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert {n.split("/")[0] for n in names if ".dist-info/" not in n} == {"quorum"}
    assert {"quorum/tui/app.tcss", "quorum/store/locale/core.py", "quorum/exports/ics.py"} <= set(
        names
    )
    # The PDF's page layout, its font and the font's licence travel with the package.
    assert {
        "quorum/exports/pdf_document.typ",
        "quorum/exports/fonts/DejaVuSans.ttf",
        "quorum/exports/fonts/DejaVuSans-BoldOblique.ttf",
        "quorum/exports/fonts/LICENSE-DejaVu.txt",
    } <= set(names)
    entry = next(n for n in names if n.endswith("entry_points.txt"))
    assert "quorum = quorum.tui.cli:run" in zipfile.ZipFile(wheel).read(entry).decode()

    target = tmp_path / "site"
    _pip("install", "--target", str(target), str(wheel))
    code = (
        "import importlib.util, sys\n"
        f"sys.path[:] = [{str(target)!r}] + [p for p in sys.path if p not in ('', {str(ROOT)!r})]\n"
        "import quorum.store.records\n"
        "print(quorum.store.records.__file__)\n"
        "print([m for m in ('store', 'tui', 'exports') if importlib.util.find_spec(m)])\n"
    )
    # Run outside the checkout, so its folders are not on the path.
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=tmp_path, capture_output=True, text=True, check=False
    )
    assert out.returncode == 0, out.stderr
    where, found = out.stdout.splitlines()
    assert where.startswith(str(target))
    assert found == "[]"
