"""The Streamlit servers the browser benchmark drives: the dashboard on the bundled data and a
bare app of the same Streamlit (one st.title), each on a free loopback port, in its own process
group so that stopping it stops everything it started, also when the benchmark fails."""

from __future__ import annotations

import os
import shutil
import socket
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from deploy import child_servers, serve

from . import bare_app as bare_app_script

ROOT = Path(__file__).resolve().parent.parent
# The bare app's references, each loaded before every page: its name in the report, its query.
# With one small Vega-Lite chart it is the least a page with a chart costs the browser (the
# chart library loaded, compiled and run).
BARE_REFERENCES = {"bare": "", "bare_chart": bare_app_script.query([bare_app_script.CHART])}
BARE_TITLE = bare_app_script.TITLE
START_TIMEOUT_S = 60


@contextmanager
def nowhere() -> Iterator[int]:
    """A port on 127.0.0.1 held bound and never listening: a connection to it is refused at
    once, and no other process can take it while the block runs."""
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        yield s.getsockname()[1]


def bundled_store(work: Path) -> Path:
    """The bundled data/ built into a fresh store under `work` (as `make run` would build it)."""
    from cdht_data import ingest
    path = work / "cdht.duckdb"
    for old in work.glob("cdht.duckdb*"):
        old.unlink()
    ingest.build(path)
    return path


def bare_app(work: Path) -> Path:
    """bench/bare_app.py copied into `work`, so that it is served from a folder without the
    dashboard's .streamlit/config.toml."""
    path = work / "bare_app.py"
    shutil.copyfile(bare_app_script.__file__, path)
    return path


@dataclass(frozen=True)
class Server:
    url: str
    pid: int

    def cpu_seconds(self) -> float:
        """CPU time the server process has used so far (user + system, all its threads):
        what an action cost the server, even when the machine is busy with other work."""
        with open(f"/proc/{self.pid}/stat") as f:
            fields = f.read().rsplit(")", 1)[1].split()
        return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


@contextmanager
def streamlit(script: Path, cwd: Path, logs: Path, env: dict | None = None) -> Iterator[Server]:
    """`script` served as `make run` serves the dashboard (deploy/serve.py: Streamlit's command
    line, Nagle off), headless on 127.0.0.1 and a free port, its output in `logs`; yields it
    once /_stcore/health answers, and stops its process group on the way out."""
    port = child_servers.free_port()
    log = logs / f"{script.stem}-{port}.log"
    child = child_servers.spawn(
        serve.headless(script, port), cwd, {**os.environ, **(env or {})}, log)
    base = f"http://127.0.0.1:{port}"
    try:
        child_servers.wait_healthy(base, child, log, START_TIMEOUT_S)
        yield Server(base, child.pid)
    finally:
        child_servers.stop(child)
