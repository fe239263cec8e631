"""Servers started as child processes, for `make run-multi`, the benchmarks and the browser
tests: one way to pick a port, start a server with its output in a log file, wait until it
answers and stop it with everything it started."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
import urllib.request
from pathlib import Path

STOP_TIMEOUT_S = 10.0
LOG_TAIL_CHARS = 2000  # how much of a server's log a failure to start quotes


def free_port(address: str = "127.0.0.1") -> int:
    """A port free on `address` now, chosen by the system."""
    with socket.socket() as s:
        s.bind((address, 0))
        return s.getsockname()[1]


def spawn(command: list[str], cwd: Path, env: dict, log: Path) -> subprocess.Popen:
    """`command` started in a process group of its own (so that stop() ends whatever it
    starts), its output written to `log` rather than a pipe nobody reads, which would stall
    the server once full."""
    with open(log, "wb") as out:
        return subprocess.Popen(command, cwd=cwd, env=env, stdout=out,
                                stderr=subprocess.STDOUT, start_new_session=True)


def healthy(url: str) -> bool:
    try:
        with urllib.request.urlopen(f"{url}/_stcore/health", timeout=2) as answer:
            return answer.status == 200
    except OSError:
        return False


def wait_healthy(url: str, child: subprocess.Popen, log: Path, timeout_s: float) -> None:
    """Return once `url`'s health check answers; if `child` ends or `timeout_s` passes first,
    stop it and raise, quoting the end of its log."""
    deadline = time.monotonic() + timeout_s
    while not healthy(url):
        if child.poll() is not None or time.monotonic() > deadline:
            stop(child)
            said = log.read_text(errors="replace")[-LOG_TAIL_CHARS:]
            raise RuntimeError(f"{log.name}: không khởi động được ({url})\n{said}")
        time.sleep(0.2)  # polling a starting process


def stop(child: subprocess.Popen) -> None:
    """End `child`'s process group: asked first, killed after STOP_TIMEOUT_S."""
    if child.poll() is None:
        try:
            os.killpg(child.pid, signal.SIGTERM)
        except ProcessLookupError:
            pass
    try:
        child.wait(timeout=STOP_TIMEOUT_S)
    except subprocess.TimeoutExpired:
        os.killpg(child.pid, signal.SIGKILL)
        child.wait()
