"""ARCHITECTURE.md stays true: every module, function and test it names exists."""

from __future__ import annotations

import importlib
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TEXT = (ROOT / "ARCHITECTURE.md").read_text(encoding="utf-8")
NAMES = re.findall(r"`([^`\s]+)`", TEXT)


def test_every_file_it_names_exists() -> None:
    files = [n for n in NAMES if re.fullmatch(r"[\w/]+\.(py|md|tcss)", n) and "/" in n]
    assert len(files) > 20
    missing = [f for f in files if not (ROOT / f).is_file()]
    assert not missing


def test_every_function_and_record_it_names_exists() -> None:
    dotted = [n for n in NAMES if re.fullmatch(r"(store|exports|tui)(\.\w+){2}", n)]
    dotted += [f"store.records.{n}" for n in NAMES if re.fullmatch(r"Meeting\.\w+", n)]
    assert len(dotted) > 10
    for name in dotted:
        module, _, attr = name.rpartition(".")
        if module.endswith(".Meeting"):
            module, _, cls = module.rpartition(".")
            target = getattr(importlib.import_module(f"quorum.{module}"), cls)
        else:
            target = importlib.import_module(f"quorum.{module}")
        assert hasattr(target, attr), name


def test_the_readme_and_the_cli_point_to_it() -> None:
    assert "(ARCHITECTURE.md)" in (ROOT / "README.md").read_text(encoding="utf-8")
    assert "ARCHITECTURE.md" in (ROOT / "tui" / "cli.py").read_text(encoding="utf-8")
    assert "](README.md#how-data-is-kept-safe)" in TEXT
    assert "### How data is kept safe" in (ROOT / "README.md").read_text(encoding="utf-8")
