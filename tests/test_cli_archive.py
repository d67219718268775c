"""``export minutes|agenda|summary --format pdf [--public]`` and ``quorum verify``, as a
script uses them: real files, a real database, the real command in a subprocess."""

from __future__ import annotations

import subprocess
import sys
from datetime import date
from pathlib import Path

import pytest

from quorum.exports.archive import version_pdf_info
from quorum.exports.document_json import from_json
from quorum.exports.render_pdf import render as render_pdf
from quorum.store.store import Store
from quorum.tui.cli import main
from tests.exports.archive_world import approve_all, archive_store
from tests.exports.conftest_docs import PEOPLE
from tests.exports.pdf_checks import assert_archival, pdf_text


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "q.json"
    store = archive_store(path)
    approve_all(store, store.meeting("2"), date(2027, 3, 19))
    store.close()
    return path


def run(*args: str, db: Path) -> tuple[int, str, str]:
    from io import StringIO

    out, err = StringIO(), StringIO()
    code = main([*args, "--db", str(db)], out=out, err=err)
    return code, out.getvalue(), err.getvalue()


def test_export_minutes_pdf_then_verify_it(db: Path, tmp_path: Path) -> None:
    pdf = tmp_path / "protokoll.pdf"
    code, _, err = run("export", "minutes", "2", "--format", "pdf", "-o", str(pdf), db=db)
    assert code == 0, err
    assert_archival(pdf.read_bytes(), "sv")
    code, out, err = run("verify", str(pdf), db=db)
    assert code == 0 and err == ""
    assert out.startswith(f"Matches: {pdf} is approved version 1 of the meeting on 2027-03-12")
    assert out.count("\n") == 1


def test_verify_says_no_to_changed_words_no_mark_no_pdf_and_no_file(
    db: Path, tmp_path: Path
) -> None:
    with Store.open(db, readonly=True) as store:
        v1 = store.versions("2")[0]
    # The same marks, other words: a forged copy.
    forged = from_json(v1.document.replace("Budget", "Bidrag"))
    fake = tmp_path / "forged.pdf"
    fake.write_bytes(render_pdf(forged, version_pdf_info(v1)))
    code, out, err = run("verify", str(fake), db=db)
    assert code == 1 and out == "" and err.startswith("Does not match: the text of")
    # A draft's PDF carries no version.
    draft = tmp_path / "kallelse.pdf"
    assert run("export", "agenda", "3", "--format", "pdf", "-o", str(draft), db=db)[0] == 0
    code, _, err = run("verify", str(draft), db=db)
    assert code == 1 and "carries no mark of an approved version" in err
    text = tmp_path / "notes.pdf"
    text.write_text("not a pdf")
    code, _, err = run("verify", str(text), db=db)
    assert code == 1 and "is not a PDF file that can be read" in err
    code, _, err = run("verify", str(tmp_path / "missing.pdf"), db=db)
    assert code == 1 and "Traceback" not in err and "missing.pdf" in err
    # Another database has never heard of this version.
    other = tmp_path / "other.json"
    archive_store(other).close()
    good = tmp_path / "good.pdf"
    run("export", "minutes", "2", "--format", "pdf", "-o", str(good), db=db)
    code, _, err = run("verify", str(good), db=other)
    assert code == 1 and "this database has no such version" in err


def test_verify_accepts_the_same_text_in_other_bytes(db: Path, tmp_path: Path) -> None:
    """A file a later quorum laid out differently still matches if its words do."""
    pdf = tmp_path / "p.pdf"
    run("export", "minutes", "2", "--format", "pdf", "-o", str(pdf), db=db)
    pdf.write_bytes(pdf.read_bytes() + b"\n% saved again by a viewer\n")
    code, out, _ = run("verify", str(pdf), db=db)
    assert code == 0 and out.startswith("Matches:")


def test_public_pdf_and_html_from_the_cli(db: Path, tmp_path: Path) -> None:
    pdf, html = tmp_path / "offentlig.pdf", tmp_path / "offentlig.html"
    for fmt, path in (("pdf", pdf), ("html", html)):
        code, _, err = run(
            "export", "minutes", "2", "--format", fmt, "--public", "-o", str(path), db=db
        )
        assert code == 0, err
    texts = [pdf_text(pdf.read_bytes()), html.read_text()]
    for text in texts:
        assert "OFFENTLIG VERSION" in text
        for person in PEOPLE:
            assert person.email not in text and (not person.phone or person.phone not in text)
    code, out, _ = run("verify", str(pdf), db=db)
    assert code == 0 and "public version of approved version 1" in out


def test_agenda_and_year_summary_as_pdf(db: Path, tmp_path: Path) -> None:
    summary = tmp_path / "arssammanstallning.pdf"
    code, _, err = run(
        "export", "summary", "1", "--year", "2027", "--format", "pdf", "-o", str(summary), db=db
    )
    assert code == 0, err
    assert_archival(summary.read_bytes(), "sv")
    assert "Teknikcollege Nordvästra Skåne" in pdf_text(summary.read_bytes())
    code, out, _ = run("export", "summary", "1", "--year", "2027", db=db)
    assert code == 0 and out.startswith("# ")


def test_a_pdf_goes_to_a_pipe_but_never_to_a_terminal(db: Path) -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "quorum.tui.cli",
            "export",
            "minutes",
            "2",
            "--format",
            "pdf",
            "--db",
            str(db),
        ],
        capture_output=True,
        check=False,
    )
    assert done.returncode == 0 and done.stdout.startswith(b"%PDF-")

    class Terminal:
        def isatty(self) -> bool:
            return True

        def write(self, text: str) -> int:
            raise AssertionError("nothing may be written to the terminal")

        def flush(self) -> None: ...

    from io import StringIO

    err = StringIO()
    code = main(
        ["export", "minutes", "2", "--format", "pdf", "--db", str(db)], out=Terminal(), err=err
    )  # type: ignore[arg-type]
    assert code == 1 and "-o FILE.pdf" in err.getvalue()
