"""deploy/child_servers: how make run-multi, the benchmarks and the browser tests start, await
and stop their servers."""

from __future__ import annotations

import os
import socket
import sys
import time

import pytest

from deploy import child_servers

# A server of a few lines: answers /_stcore/health once it has slept `delay` seconds.
HEALTH_SERVER = """
import http.server, sys, time
time.sleep(float(sys.argv[2]))
class H(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        self.send_response(200 if self.path == "/_stcore/health" else 404)
        self.end_headers()
    def log_message(self, *a):
        pass
print("listening", flush=True)
http.server.HTTPServer(("127.0.0.1", int(sys.argv[1])), H).serve_forever()
"""


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    # a child that has ended but not been waited for is a zombie: not alive
    with open(f"/proc/{pid}/stat") as f:
        return f.read().rsplit(")", 1)[1].split()[0] != "Z"


def test_a_free_port_can_be_bound():
    port = child_servers.free_port()
    with socket.socket() as s:
        s.bind(("127.0.0.1", port))


def test_a_server_is_awaited_until_it_answers_then_stopped(tmp_path):
    port = child_servers.free_port()
    log = tmp_path / "server.log"
    child = child_servers.spawn([sys.executable, "-c", HEALTH_SERVER, str(port), "0.5"],
                                tmp_path, dict(os.environ), log)
    url = f"http://127.0.0.1:{port}"
    assert not child_servers.healthy(url)  # still asleep
    child_servers.wait_healthy(url, child, log, timeout_s=30)
    assert child_servers.healthy(url)
    child_servers.stop(child)
    assert child.returncode is not None and not child_servers.healthy(url)
    assert "listening" in log.read_text()  # the output went to the log, not a pipe


def test_a_server_that_ends_is_reported_with_its_log(tmp_path):
    log = tmp_path / "broken.log"
    child = child_servers.spawn([sys.executable, "-c", "print('cổng đã bận'); raise SystemExit(3)"],
                                tmp_path, dict(os.environ), log)
    port = child_servers.free_port()
    with pytest.raises(RuntimeError) as raised:
        child_servers.wait_healthy(f"http://127.0.0.1:{port}", child, log, timeout_s=30)
    assert "broken.log: không khởi động được" in str(raised.value)
    assert "cổng đã bận" in str(raised.value)
    assert child.returncode == 3


def test_a_server_that_never_answers_is_stopped_at_the_deadline(tmp_path):
    log = tmp_path / "silent.log"
    child = child_servers.spawn([sys.executable, "-c", "import time; time.sleep(600)"],
                                tmp_path, dict(os.environ), log)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="không khởi động được"):
        child_servers.wait_healthy(f"http://127.0.0.1:{child_servers.free_port()}", child, log,
                                   timeout_s=1)
    assert time.monotonic() - started < 30
    assert child.returncode is not None  # stopped, not left running


def test_stop_ends_what_the_server_started(tmp_path):
    """A server's own children are in its process group and end with it."""
    log = tmp_path / "parent.log"
    child = child_servers.spawn(
        ["sh", "-c", "sleep 600 & echo $! ; wait"], tmp_path, dict(os.environ), log)
    deadline = time.monotonic() + 30
    while not log.read_text().strip() and time.monotonic() < deadline:
        time.sleep(0.05)  # waiting for the shell to say its child's pid
    grandchild = int(log.read_text().split()[0])
    assert _alive(grandchild)
    child_servers.stop(child)
    deadline = time.monotonic() + 10
    while _alive(grandchild) and time.monotonic() < deadline:
        time.sleep(0.05)  # the group's signal reaching the grandchild
    assert not _alive(grandchild)


def test_stop_of_a_server_that_already_ended_is_quiet(tmp_path):
    child = child_servers.spawn([sys.executable, "-c", "pass"], tmp_path, dict(os.environ),
                                tmp_path / "done.log")
    child.wait(timeout=30)
    child_servers.stop(child)
    assert child.returncode == 0
