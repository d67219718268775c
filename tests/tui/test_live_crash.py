"""A real quorum process in tmux, killed with SIGKILL mid-meeting: the text typed
more than 2 s before the kill is in the file, the file opens, and the next
start offers to resume the meeting on the same item with the text there."""

from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from quorum.store import live
from quorum.store.demo import build_demo
from quorum.store.store import Store
from tests.conftest import DEMO_NOW, DEMO_TODAY

pytestmark = pytest.mark.skipif(shutil.which("tmux") is None, reason="tmux is not installed")

ROOT = Path(__file__).resolve().parents[2]


class Tmux:
    """One tmux server of our own (its own socket), one window running quorum."""

    def __init__(self) -> None:
        self.servers = 0
        self.socket = f"quorum-crash-{os.getpid()}-0"
        self.session = "crash"

    def run(self, *args: str) -> str:
        out = subprocess.run(
            ["tmux", "-L", self.socket, *args], capture_output=True, text=True, check=True
        )
        return out.stdout

    def start(self, db: Path) -> None:
        env = f"LANG=C.UTF-8 LC_ALL=C.UTF-8 QUORUM_DB={db}"
        cmd = f"cd {ROOT} && exec env {env} {sys.executable} -m quorum.tui --lang en --db {db}"
        self.run("-u", "new-session", "-d", "-s", self.session, "-x", "100", "-y", "32", cmd)

    def pid(self) -> int:
        return int(self.run("display", "-p", "-t", self.session, "#{pane_pid}").strip())

    def screen(self) -> str:
        return self.run("capture-pane", "-p", "-t", self.session)

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.run("send-keys", "-t", self.session, *(["-l"] if literal else []), *keys)

    def wait_for(self, text: str, timeout: float = 30.0) -> str:
        # Polling the pane is how a person reads it; the timeout only stops a hung run.
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            screen = self.screen()
            if text in screen:
                return screen
            time.sleep(0.2)
        raise AssertionError(f"{text!r} never appeared:\n{self.screen()}")

    def kill_server(self) -> None:
        subprocess.run(["tmux", "-L", self.socket, "kill-server"], capture_output=True)
        # A dying server may still hold its socket: the next start gets a new one.
        self.servers += 1
        self.socket = f"quorum-crash-{os.getpid()}-{self.servers}"


@pytest.fixture
def tmux():
    t = Tmux()
    yield t
    subprocess.run(["tmux", "-L", t.socket, "kill-server"], capture_output=True)


def test_kill_9_mid_meeting_keeps_the_text_and_offers_resume(tmux, db_path):
    with Store.open(db_path) as store:
        build_demo(store, DEMO_TODAY)
        meeting = live.go_to(live.start(store.meeting("3"), DEMO_NOW), 6, DEMO_NOW)
        store.save_meeting(meeting)
    item_title = meeting.agenda[6].title

    tmux.start(db_path)
    tmux.wait_for("Meeting in progress")
    tmux.keys("Enter")  # resume: the live screen on item 7, the notes editor focused
    tmux.wait_for(f"7. {item_title}")
    tmux.keys("Synpunkter på utkastet: åäö ÅÄÖ.", literal=True)
    tmux.wait_for("åäö ÅÄÖ.")
    time.sleep(2.5)  # more than 2 s: this text must survive the kill
    tmux.keys(" Sent tillagt", literal=True)
    tmux.wait_for("Sent tillagt")
    os.kill(tmux.pid(), signal.SIGKILL)

    with Store.open(db_path, readonly=True) as store:
        after = store.meeting("3")
    assert live.is_live(after) and after.current_item == 6
    assert after.agenda[6].notes.startswith("Synpunkter på utkastet: åäö ÅÄÖ.")

    tmux.kill_server()
    tmux.start(db_path)
    offer = tmux.wait_for("Meeting in progress")
    assert item_title in offer
    tmux.keys("Enter")
    screen = tmux.wait_for("åäö ÅÄÖ.")
    assert f"7. {item_title}" in screen
    tmux.keys("C-q")
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        try:
            os.kill(tmux.pid(), 0)
        except (OSError, subprocess.CalledProcessError, ValueError):
            break
        time.sleep(0.2)
    with Store.open(db_path) as store:  # the lock was released on a clean quit
        assert store.meeting("3").agenda[6].notes.startswith("Synpunkter på utkastet")
