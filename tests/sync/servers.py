"""Real CalDAV/CardDAV servers on 127.0.0.1 for the sync tests: Radicale and Xandikos.

Each runs as a subprocess on a free port with its storage in the test's tmp_path
and no authentication (Radicale: any user and password; Xandikos: one user).
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

SERVERS = ("radicale", "xandikos")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@dataclass
class Server:
    name: str
    url: str
    process: subprocess.Popen[bytes]
    log: Path

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(5)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(5)


def _command(name: str, port: int, folder: Path, htpasswd: Path | None = None) -> list[str]:
    if name == "radicale":
        auth = ["--auth-type", "none"]
        if htpasswd is not None:
            auth = [
                "--auth-type", "htpasswd",
                "--auth-htpasswd-filename", str(htpasswd),
                "--auth-htpasswd-encryption", "plain",
            ]  # fmt: skip
        return [
            sys.executable, "-m", "radicale",
            "--server-hosts", f"127.0.0.1:{port}",
            "--storage-filesystem-folder", str(folder),
            *auth,
            "--logging-level", "warning",
        ]  # fmt: skip
    xandikos = Path(sys.executable).with_name("xandikos")
    return [str(xandikos), "-d", str(folder), "-p", str(port), "-l", "127.0.0.1", "--defaults"]


def start(name: str, folder: Path, users: dict[str, str] | None = None, port: int = 0) -> Server:
    """Start ``name`` on a free port (or ``port``); ``users``: Radicale with these passwords."""
    folder.mkdir(parents=True, exist_ok=True)
    port = port or free_port()
    log = folder.parent / f"{name}-{port}.log"
    htpasswd = None
    if users is not None:
        htpasswd = folder / "htpasswd"
        htpasswd.write_text("".join(f"{u}:{p}\n" for u, p in users.items()))
    process = subprocess.Popen(
        _command(name, port, folder / "data", htpasswd),
        stdout=open(log, "wb"),  # noqa: SIM115 - the server writes it until it stops
        stderr=subprocess.STDOUT,
        env={**os.environ, "PYTHONWARNINGS": "ignore"},
    )
    deadline = time.monotonic() + 20
    while time.monotonic() < deadline:
        with contextlib.suppress(OSError), socket.create_connection(("127.0.0.1", port), 0.2):
            return Server(name, f"http://127.0.0.1:{port}/", process, log)
        if process.poll() is not None:
            break
        time.sleep(0.05)
    process.kill()
    raise RuntimeError(f"{name} did not start: {log.read_text(errors='replace')[-2000:]}")


@contextlib.contextmanager
def running(name: str, folder: Path, users: dict[str, str] | None = None) -> Iterator[Server]:
    server = start(name, folder, users)
    try:
        yield server
    finally:
        server.stop()
