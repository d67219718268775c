"""The README's two commands are the ones that work; CI runs the test one exactly."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def test_ci_runs_exactly_the_readme_test_command():
    readme = ROOT.joinpath("README.md").read_text(encoding="utf-8")
    blocks = [b.split("```", 1)[0].strip() for b in readme.split("```sh\n")[1:3]]
    assert blocks[0].endswith("quorum --demo")
    assert "pytest" in blocks[1]
    ci = ROOT.joinpath(".ci", "run").read_text(encoding="utf-8")
    assert blocks[1] in ci.splitlines()
