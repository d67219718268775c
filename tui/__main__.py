from quorum.tui.cli import run

run()
