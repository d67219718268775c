"""The benchmark command runs end to end (tiny sizes; run with -m benchmark)."""

import pytest

from tests.bench.run import main


@pytest.mark.benchmark
def test_benchmark_prints_a_table(capsys, tmp_path):
    assert main(["--sizes", "30", "--runs", "1", "--saves", "20", "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "### 30 meetings" in out and "autosave" in out and "search all minutes" in out
    assert "minutes PDF/A, 20 items" in out and "n/a" not in out.split("PDF/A, 20 items")[1][:40]
