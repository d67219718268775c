"""The benchmark command runs end to end (tiny sizes; run with -m benchmark)."""

import pytest

from tests.bench.run import main


@pytest.mark.benchmark
def test_benchmark_prints_a_table(capsys, tmp_path):
    args = ["--sizes", "30,40", "--runs", "1", "--saves", "20", "--autosaves", "10"]
    assert main([*args, "--dir", str(tmp_path)]) == 0
    out = capsys.readouterr().out
    assert "### 30 meetings" in out and "amortised save" in out and "search `zzqxjw`" in out
    assert "overview rows painted (ready) vs bare app" in out
    assert "minutes PDF/A, 20 items" in out
