"""Layers point one way (tui -> store, exports; exports -> store): store and exports never load
Textual, only store/db.py imports TinyDB, store imports neither tui nor exports. Import cycles:
tests/test_import_cycles.py."""

import ast
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_store_and_exports_load_no_textual():
    modules = [
        f"quorum.store.{p.stem}" for p in (ROOT / "store").glob("*.py") if p.stem != "__init__"
    ]
    modules += [
        f"quorum.exports.{p.stem}" for p in (ROOT / "exports").glob("*.py") if p.stem != "__init__"
    ]
    code = (
        "import importlib, sys\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "bad = [m for m in sys.modules if m == 'textual' or m.startswith('textual.')]\n"
        "print(','.join(bad))\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True
    )
    assert out.stdout.strip() == ""


def _layer(module: str) -> str:
    """The layer an import reaches: ``quorum.store.x`` -> ``store``, ``tinydb.x`` -> ``tinydb``."""
    parts = module.split(".")
    return parts[1] if parts[0] == "quorum" and len(parts) > 1 else parts[0]


def _imports(path: Path) -> set[str]:
    names: set[str] = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            names |= {_layer(a.name) for a in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(_layer(node.module))
    return names


def test_only_store_db_imports_tinydb_store_imports_neither_and_exports_never_the_store():
    for path in ROOT.glob("*/**/*.py"):
        if path.parts[len(ROOT.parts)] == "quorum":
            continue  # the links to tui/, store/, exports/; walked once by their real names
        rel = path.relative_to(ROOT).as_posix()
        if rel.startswith(("tests/", ".")):
            continue
        imports = _imports(path)
        if "tinydb" in imports:
            assert rel == "store/db.py", rel
        if rel.startswith("store/"):
            assert not imports & {"tui", "exports"}, rel
        if rel.startswith("exports/"):
            assert "tui" not in imports, rel
            src = path.read_text(encoding="utf-8")
            assert "store.store" not in src and "store.db" not in src, rel


def test_the_app_and_its_demo_run_without_the_holidays_package(tmp_path: Path) -> None:
    """``holidays`` is a test extra (it checks store/holidays.py): nothing shipped imports it."""
    modules = [
        "quorum." + ".".join(p.relative_to(ROOT).with_suffix("").parts)
        for folder in ("store", "exports", "tui")
        for p in (ROOT / folder).rglob("*.py")
        if p.stem not in ("__init__", "__main__")  # __main__ would start the app
    ]
    code = (
        "import importlib, sys\n"
        "sys.modules['holidays'] = None  # any import of it now fails\n"
        f"for m in {modules!r}: importlib.import_module(m)\n"
        "from quorum.tui.cli import main\n"
        f"sys.exit(main(['demo', '--db', {str(tmp_path / 'demo.json')!r}]))\n"
    )
    out = subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True)
    assert out.returncode == 0, out.stderr
    assert (tmp_path / "demo.json").exists()
