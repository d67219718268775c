"""No import cycles among quorum's modules (the layers: tests/test_layers.py).

The graph counts every import a module makes when it runs: at module level, inside
functions, and by name (a string that names a quorum module, as
``importlib.import_module`` takes it, or ``"module:function"``). An import moved into a
function still ties the two modules together; it only hides the cycle from Python.
Imports under ``if TYPE_CHECKING:`` never run and do not count: annotations may name
each other (a screen's typed ``app`` is the App that opens the screen).
"""

from __future__ import annotations

import ast
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
LAYERS = ("store", "exports", "tui")  # the folders behind quorum.store, quorum.exports, quorum.tui
_BY_NAME = re.compile(r"(quorum(?:\.\w+)+)(?::\w+)?")

# Cycles being removed, each named by the edge that closes it; the test fails when an entry
# no longer closes a cycle (then delete it). Empty: add to it only with the fix under way.
KNOWN_CYCLES: set[tuple[str, str]] = set()


def modules() -> dict[str, Path]:
    """quorum's modules by dotted name, from the real folders (quorum/ holds links to them)."""
    found: dict[str, Path] = {}
    for layer in LAYERS:
        for path in (ROOT / layer).rglob("*.py"):
            parts = path.relative_to(ROOT).with_suffix("").parts
            if parts[-1] == "__init__":
                parts = parts[:-1]
            found[".".join(("quorum", *parts))] = path
    return found


def _imported(name: str, node: ast.AST, known: dict[str, Path]) -> Iterator[str]:
    package = name if known[name].stem == "__init__" else name.rpartition(".")[0]
    if isinstance(node, ast.Import):
        yield from (a.name for a in node.names)
    elif isinstance(node, ast.ImportFrom):
        base = node.module or ""
        if node.level:  # relative: from the package, up level - 1
            up = package.split(".")[: len(package.split(".")) - (node.level - 1)]
            base = ".".join([*up, base] if base else up)
        for alias in node.names:  # "from quorum.store import holidays" imports a module
            full = f"{base}.{alias.name}"
            yield full if full in known else base
    elif isinstance(node, ast.Constant) and isinstance(node.value, str):
        match = _BY_NAME.fullmatch(node.value)
        if match:
            yield match.group(1)


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_nodes(tree: ast.AST) -> Iterator[ast.AST]:
    """Every node of ``tree`` except the bodies of ``if TYPE_CHECKING:`` (their ``else``
    runs, so it counts)."""
    for node in ast.iter_child_nodes(tree):
        if isinstance(node, ast.If) and _is_type_checking(node.test):
            for other in node.orelse:
                yield other
                yield from _runtime_nodes(other)
            continue
        yield node
        yield from _runtime_nodes(node)


def import_graph() -> dict[str, set[str]]:
    known = modules()
    graph: dict[str, set[str]] = {name: set() for name in known}
    for name, path in known.items():
        for node in _runtime_nodes(ast.parse(path.read_text(encoding="utf-8"))):
            for target in _imported(name, node, known):
                if target in known and target != name:
                    graph[name].add(target)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected components with more than one module (Tarjan), sorted."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in sorted(graph[v]):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component: list[str] = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for v in sorted(graph):
        if v not in index:
            visit(v)
    return sorted(found)


def _without(graph: dict[str, set[str]], edges: set[tuple[str, str]]) -> dict[str, set[str]]:
    return {a: {b for b in targets if (a, b) not in edges} for a, targets in graph.items()}


def test_no_import_cycles() -> None:
    graph = import_graph()
    assert cycles(_without(graph, KNOWN_CYCLES)) == []
    closing = {(a, b) for c in cycles(graph) for a in c for b in graph[a] if b in c}
    stale = sorted(KNOWN_CYCLES - closing)
    assert not stale, f"no longer a cycle, delete from KNOWN_CYCLES: {stale}"


def test_the_graph_sees_every_kind_of_import() -> None:
    graph = import_graph()
    # module level; "from package import module"; inside a function; by name
    assert "quorum.store.records" in graph["quorum.store.store"]
    assert "quorum.store.holidays" in graph["quorum.store.plan_dates"]
    assert "quorum.tui.screens.projector" in graph["quorum.tui.screens.live"]
    assert "quorum.exports.ics" in graph["quorum.tui.widgets.plan_exports"]
    # not what only type checkers read
    assert "quorum.store.store" not in graph["quorum.store.handover"]
    # a cycle is found
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]
