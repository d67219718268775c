"""exports/ has no import cycle — not even one hidden in a function or under TYPE_CHECKING."""

from __future__ import annotations

import ast
from graphlib import CycleError, TopologicalSorter
from pathlib import Path

EXPORTS = Path(__file__).resolve().parents[2] / "exports"
MODULES = {p.stem for p in EXPORTS.glob("*.py") if p.stem != "__init__"}


def _imports(path: Path) -> set[str]:
    """The exports modules ``path`` imports, wherever in the file the import stands."""
    found: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names = [a.name for a in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module:
            # ``from quorum.exports import render_md`` names modules too.
            names = [node.module] + [f"{node.module}.{a.name}" for a in node.names]
        else:
            continue
        for name in names:
            parts = name.split(".")
            if parts[:2] == ["quorum", "exports"] and len(parts) > 2 and parts[2] in MODULES:
                found.add(parts[2])
    return found


def test_exports_import_graph_has_no_cycle() -> None:
    graph = {m: _imports(EXPORTS / f"{m}.py") for m in MODULES}
    try:
        list(TopologicalSorter(graph).static_order())
    except CycleError as err:
        raise AssertionError(f"import cycle in exports/: {' -> '.join(err.args[1])}") from None


def test_the_check_sees_imports_in_functions_and_under_type_checking(tmp_path: Path) -> None:
    (tmp_path / "a.py").write_text("def f():\n    from quorum.exports.ics import invite\n")
    assert _imports(tmp_path / "a.py") == {"ics"}
    hidden = "if TYPE_CHECKING:\n    from quorum.exports.context import DocContext\n"
    (tmp_path / "b.py").write_text(f"from typing import TYPE_CHECKING\n{hidden}")
    assert _imports(tmp_path / "b.py") == {"context"}
