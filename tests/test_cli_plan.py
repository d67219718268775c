"""``quorum export dates`` and ``quorum export decisions`` on the demo database."""

from __future__ import annotations

import csv
import io

from quorum.store.demo import build_demo
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.conftest import DEMO_TODAY


def demo_db(tmp_path):  # type: ignore[no-untyped-def]
    db = tmp_path / "q.json"
    with Store.open(db) as store:
        build_demo(store, DEMO_TODAY)
        network = store.networks()[0]
    return db, network


def test_export_dates_text_and_csv(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, network = demo_db(tmp_path)
    year = DEMO_TODAY.year
    assert (
        main(["--lang", "sv", "export", "dates", network.id, "--year", str(year), "--db", str(db)])
        == 0
    )
    out = capsys.readouterr().out
    assert f"mötesdatum {year}" in out and "Värd" in out
    target = tmp_path / "dates.csv"
    assert (
        main(
            [
                "export",
                "dates",
                network.name,
                "--year",
                str(year),
                "--format",
                "csv",
                "-o",
                str(target),
                "--db",
                str(db),
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(target.read_text("utf-8-sig")), delimiter=";"))
    assert len(rows) >= 2 and len(rows[0]) == 7


def test_export_decisions(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, network = demo_db(tmp_path)
    assert main(["--lang", "en", "export", "decisions", network.id, "--db", str(db)]) == 0
    out = capsys.readouterr().out
    assert out.startswith(f"# {network.name}: register of decisions")
    assert (
        main(
            [
                "export",
                "decisions",
                network.id,
                "--format",
                "csv",
                "--search",
                "zzzz",
                "--db",
                str(db),
            ]
        )
        == 0
    )
    rows = list(csv.reader(io.StringIO(capsys.readouterr().out.lstrip("\ufeff")), delimiter=";"))
    assert len(rows) == 1  # the header only


def test_unknown_network_is_a_sentence(tmp_path, capsys):  # type: ignore[no-untyped-def]
    db, _ = demo_db(tmp_path)
    assert main(["export", "dates", "nope", "--year", "2026", "--db", str(db)]) != 0
    err = capsys.readouterr().err
    assert "Traceback" not in err and "nope" in err
