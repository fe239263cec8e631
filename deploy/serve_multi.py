"""Several dashboard processes behind HAProxy, for more visitors at once than one process serves
(`make run-multi PROCESSES=2`; `python -m deploy.serve_multi --processes K --port P`).

One Streamlit process runs every session's script on one core at a time (Python's lock), so a
hall of phones waits in one queue; K processes are K queues on K cores. Each process reads the
same store (readers are never blocked, see cdht_data/storefile.py); HAProxy (Debian's package,
config `deploy/haproxy.cfg.in`) spreads new visitors and keeps each tab on its process with a
cookie. The processes listen on 127.0.0.1 only: visitors reach them through the proxy.
"""

from __future__ import annotations

import argparse
import os
import secrets
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from pathlib import Path
from string import Template

from deploy import child_servers, serve

ROOT = Path(__file__).resolve().parent.parent
TEMPLATE = Path(__file__).with_name("haproxy.cfg.in")
COOKIE = "cdht_server"  # the proxy's stickiness cookie: which process serves this tab
BACKEND_ADDRESS = "127.0.0.1"
START_TIMEOUT_S = 90.0


def haproxy_binary() -> str | None:
    return shutil.which("haproxy") or next(
        (p for p in ("/usr/sbin/haproxy",) if os.access(p, os.X_OK)), None)


def server_name(i: int) -> str:
    return f"st{i + 1}"


def haproxy_config(address: str, port: int, backend_ports: list[int]) -> str:
    servers = "\n".join(
        f"    server {server_name(i)} {BACKEND_ADDRESS}:{p} cookie {server_name(i)} "
        "check inter 5s fall 3 rise 1" for i, p in enumerate(backend_ports))
    return Template(TEMPLATE.read_text(encoding="utf-8")).substitute(
        address=address, port=port, cookie=COOKIE, servers=servers)


def streamlit_command(port: int, address: str = BACKEND_ADDRESS) -> list[str]:
    """The same server `make run` starts, on its own port."""
    return serve.headless(ROOT / "dashboard.py", port, address)


class Serving:
    """`processes` dashboard processes, behind HAProxy when `proxy` (else one process, as
    `make run` serves it); `with Serving(...) as s:` visitors use `s.url`. Everything started
    is stopped on leaving, also on error (each process in its own process group)."""

    def __init__(self, processes: int, port: int | None = None, address: str = BACKEND_ADDRESS,
                 db: str | Path | None = None, proxy: bool = True, log_dir: Path | None = None):
        if processes < 1 or (processes > 1 and not proxy):
            raise ValueError("several processes need the proxy")
        self.processes, self.proxy, self.address = processes, proxy, address
        self.port = port or child_servers.free_port(address)
        self.db = db
        self.log_dir = Path(log_dir or tempfile.mkdtemp(prefix="cdht-serve-"))
        self.backend_ports: list[int] = []
        self.children: list[subprocess.Popen] = []
        self.streamlit_pids: list[int] = []
        self.proxy_pid: int | None = None

    @property
    def url(self) -> str:
        return f"http://{self.address}:{self.port}"

    @property
    def backend_urls(self) -> list[str]:
        return [f"http://{BACKEND_ADDRESS}:{p}" for p in self.backend_ports]

    def _spawn(self, command: list[str], log_name: str, env: dict) -> subprocess.Popen:
        child = child_servers.spawn(command, ROOT, env, self.log_dir / log_name)
        self.children.append(child)
        return child

    def _wait(self, url: str, child: subprocess.Popen, log_name: str) -> None:
        child_servers.wait_healthy(url, child, self.log_dir / log_name, START_TIMEOUT_S)

    def start(self) -> Serving:
        env = {**os.environ,
               # One secret for every process: an XSRF cookie one process signed is valid at
               # the others (a tab sent elsewhere after its process stopped keeps working).
               "STREAMLIT_SERVER_COOKIE_SECRET": secrets.token_hex(32)}
        if self.db is not None:
            env["CDHT_DB"] = str(Path(self.db).resolve())
        ports = ([self.port] if not self.proxy else
                 [child_servers.free_port() for _ in range(self.processes)])
        address = self.address if not self.proxy else BACKEND_ADDRESS
        for i, port in enumerate(ports):
            child = self._spawn(streamlit_command(port, address), f"streamlit-{i + 1}.log", env)
            self.backend_ports.append(port)
            self.streamlit_pids.append(child.pid)
        for i, (url, child) in enumerate(zip([f"http://{address}:{p}" for p in ports],
                                             self.children)):
            self._wait(url, child, f"streamlit-{i + 1}.log")
        if self.proxy:
            self._start_proxy(env)
        return self

    def _start_proxy(self, env: dict) -> None:
        binary = haproxy_binary()
        if binary is None:
            raise RuntimeError("chưa cài HAProxy: `make haproxy` cài gói của Debian")
        config = self.log_dir / "haproxy.cfg"
        config.write_text(haproxy_config(self.address, self.port, self.backend_ports),
                          encoding="utf-8")
        child = self._spawn([binary, "-db", "-f", str(config)], "haproxy.log", env)
        self.proxy_pid = child.pid
        self._wait(self.url, child, "haproxy.log")

    def stop(self) -> None:
        for child in reversed(self.children):
            child_servers.stop(child)
        self.children.clear()

    def __enter__(self) -> Serving:
        try:
            return self.start()
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc) -> None:
        self.stop()


def main() -> int:
    parser = argparse.ArgumentParser(
        prog="python -m deploy.serve_multi",
        description="chạy nhiều tiến trình bảng số liệu sau HAProxy (cùng một CSDL)")
    parser.add_argument("--processes", type=int, default=2, help="số tiến trình Streamlit")
    parser.add_argument("--port", type=int, default=8501, help="cổng HAProxy nhận người xem")
    parser.add_argument("--address", default="127.0.0.1", help="địa chỉ HAProxy nghe")
    parser.add_argument("--db", help="CSDL (mặc định CDHT_DB hoặc data/cdht.duckdb)")
    args = parser.parse_args()
    stop = []
    # Ctrl-C, a kill or the terminal closing: everything started is stopped before leaving
    # (also when the shell that started us ignored Ctrl-C, as it does for a background job).
    for sig in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
        signal.signal(sig, lambda *_: stop.append(True))
    with Serving(args.processes, args.port, args.address, args.db,
                 log_dir=Path(tempfile.mkdtemp(prefix="cdht-serve-"))) as serving:
        print(f"Bảng số liệu: {serving.url} ({args.processes} tiến trình sau HAProxy; "
              f"nhật ký trong {serving.log_dir}). Ctrl-C để dừng.", flush=True)
        while not stop and all(c.poll() is None for c in serving.children):
            time.sleep(0.5)
        dead = [c.args[0] for c in serving.children if c.poll() is not None]
        if dead and not stop:
            print(f"Một tiến trình đã dừng ({dead}); dừng tất cả.", file=sys.stderr)
            return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
