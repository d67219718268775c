"""The shape of tui/, read from the source (AST), never by importing it.

- No two classes share a name. Textual scopes a class's ``DEFAULT_CSS`` and its CSS
  type selector by the class *name*: two ``PromptDialog`` classes styled each other.
  (A class nested in another — a widget's ``Changed`` message — is named by both.)
- No import cycle between tui's modules, counting imports inside functions (a cycle
  "broken" by importing late is still two modules that need each other); imports
  under ``if TYPE_CHECKING:`` never run and do not count.
"""

from __future__ import annotations

import ast
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TUI = ROOT / "tui"


def _modules() -> dict[str, Path]:
    found = {}
    for path in TUI.rglob("*.py"):
        parts = path.relative_to(TUI).with_suffix("").parts
        if parts[-1] == "__init__":
            parts = parts[:-1]
        found[".".join(("quorum", "tui", *parts))] = path
    return found


def _top_level_classes(tree: ast.Module) -> list[str]:
    """Classes not nested in another class (functions may hold classes too)."""
    names: list[str] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.ClassDef):
                names.append(child.name)
            else:
                visit(child)

    visit(tree)
    return names


def test_no_two_classes_in_tui_share_a_name():
    seen: dict[str, list[str]] = defaultdict(list)
    for module, path in _modules().items():
        for name in _top_level_classes(ast.parse(path.read_text(encoding="utf-8"))):
            seen[name].append(module)
    shared = {name: where for name, where in seen.items() if len(where) > 1}
    assert shared == {}


def _is_type_checking(test: ast.expr) -> bool:
    return (isinstance(test, ast.Name) and test.id == "TYPE_CHECKING") or (
        isinstance(test, ast.Attribute) and test.attr == "TYPE_CHECKING"
    )


def _runtime_imports(tree: ast.Module) -> list[tuple[str, list[str]]]:
    """(module, names) of every import that can run, at any depth."""
    found: list[tuple[str, list[str]]] = []

    def visit(node: ast.AST) -> None:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.If) and _is_type_checking(child.test):
                for other in child.orelse:
                    visit(other)
                continue
            if isinstance(child, ast.Import):
                found.extend((alias.name, []) for alias in child.names)
            elif isinstance(child, ast.ImportFrom) and child.module and not child.level:
                found.append((child.module, [alias.name for alias in child.names]))
            visit(child)

    visit(tree)
    return found


def import_graph() -> dict[str, set[str]]:
    modules = _modules()
    graph: dict[str, set[str]] = {m: set() for m in modules}
    for module, path in modules.items():
        for target, names in _runtime_imports(ast.parse(path.read_text(encoding="utf-8"))):
            for name in names or [""]:
                candidate = f"{target}.{name}"
                if candidate in modules:  # from quorum.tui.screens import live
                    graph[module].add(candidate)
                elif target in modules:
                    graph[module].add(target)
    for module in graph:
        graph[module].discard(module)
    return graph


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """The strongly connected groups of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    groups: list[list[str]] = []

    def connect(node: str) -> None:
        index[node] = low[node] = len(index)
        stack.append(node)
        on_stack.add(node)
        for nxt in sorted(graph[node]):
            if nxt not in index:
                connect(nxt)
                low[node] = min(low[node], low[nxt])
            elif nxt in on_stack:
                low[node] = min(low[node], index[nxt])
        if low[node] == index[node]:
            group = []
            while True:
                member = stack.pop()
                on_stack.discard(member)
                group.append(member)
                if member == node:
                    break
            if len(group) > 1:
                groups.append(sorted(group))

    for node in sorted(graph):
        if node not in index:
            connect(node)
    return groups


def test_the_cycle_finder_finds_a_cycle():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c"]]


def test_no_import_cycle_in_tui():
    assert cycles(import_graph()) == []
