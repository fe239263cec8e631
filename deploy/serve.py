"""`python deploy/serve.py run dashboard.py …`: Streamlit's own command line (the same arguments
as `python -m streamlit`), with Nagle's algorithm off on every connection the server accepts.

Streamlit 1.67 binds its listening socket itself, without naming the protocol, and asyncio only
turns Nagle off on an accepted socket that names TCP (uvicorn issue #3149 describes the same
with a socket uvicorn binds). With Nagle on, a small message written while the previous one is
not yet acknowledged waits for the browser's delayed acknowledgement, 40 ms on Linux:
- a script's run, drawn in small websocket messages, reached a client 44 ms after the request,
  whatever the page (6 ms with Nagle off);
- every static file's body waited behind its headers. A first visit loaded 0,15–0,30 s sooner
  with Nagle off (docs/performance.md, sixteenth round).

Every server of the dashboard starts through here: `make run`, `make run-multi`'s processes,
the benchmarks and the browser tests."""

from __future__ import annotations

import asyncio.base_events
import socket
import sys
from pathlib import Path

from streamlit.web import cli

HERE = Path(__file__).resolve()


def _set_nodelay(sock: socket.socket) -> None:
    """asyncio's own rule, for a TCP socket whether or not it names its protocol."""
    if sock.family in {socket.AF_INET, socket.AF_INET6} and sock.type == socket.SOCK_STREAM:
        sock.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)


def no_delay_on_accept() -> None:
    """Every TCP connection asyncio wraps from now on in this process has Nagle off."""
    asyncio.base_events._set_nodelay = _set_nodelay


def command(script: Path, *options: str) -> list[str]:
    """The command that serves `script` through here. By the file's path, not `-m`, so that it
    runs from any folder (the benchmark's bare app runs from its own)."""
    return [sys.executable, str(HERE), "run", str(script), *options]


def headless(script: Path, port: int, address: str = "127.0.0.1") -> list[str]:
    """`script` served through here as `make run` serves the dashboard, on `address`:`port`,
    with no browser opened and no usage statistics sent."""
    return command(script, "--server.headless", "true", "--server.address", address,
                   "--server.port", str(port), "--browser.gatherUsageStats", "false")


def main() -> None:
    no_delay_on_accept()
    sys.exit(cli.main(prog_name="streamlit"))


if __name__ == "__main__":
    main()
