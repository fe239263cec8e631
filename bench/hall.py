"""The meeting hall: N tabs open the dashboard at the same moment, then each switches through
every page of the sidebar (ui.navigation.PAGES) with a person's pause between switches, once
and then until --duration seconds have passed; per switch, the time from the rerun request to
the script's finished message (bench/st_session.py speaks Streamlit's own websocket protocol
to a real server).

Without --url, the hall is run against servers it starts on the same store, one set-up after
the other in one run (by default one process as `make run` serves it, then two processes
behind HAProxy as `make run-multi` does), each warmed first by one tab per process through
every page; with the server's CPU time and memory (bench/server_usage.py) and the
benchmark's own CPU (it shares the machine).
"""

from __future__ import annotations

import asyncio
import random
import resource
import statistics
import time
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from pathlib import Path

from websockets.exceptions import WebSocketException

from deploy.serve_multi import Serving
from ui.navigation import PAGES

from .measure import percentiles
from .server_usage import ServerUsage, cpu_seconds
from .st_session import ProtocolError, Run, Session

TITLES = [title for _, title, _ in PAGES]
OVERVIEW_TITLE = TITLES[0]
# Issue 18: sessions at once -> the slowest p95 per switch allowed (s); no error at either.
GOALS = {30: 1.5, 100: 5.0}
WARM_UP_TIMEOUT_S = 300.0
# How long a hall may run past --duration (the first round of every tab, the switches begun
# before the deadline) before it is stopped and reported as not ended: a bound, not a figure.
OVERRUN_S = 600.0
ALONE_PASSES = 3
MAX_ERRORS_KEPT = 20


@dataclass
class Collected:
    """What the tabs of one hall saw."""
    opens: list[Run] = field(default_factory=list)
    switches: list[Run] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_count: int = 0

    def error(self, text: str) -> None:
        self.error_count += 1
        if len(self.errors) < MAX_ERRORS_KEPT:
            self.errors.append(text[:300])


def _check(run: Run, collected: Collected, expected_title: str) -> None:
    if run.exceptions:
        collected.error(f"{expected_title}: exception drawn: {run.exceptions[0]}")
    elif expected_title not in run.titles:
        collected.error(f"{expected_title}: the page's title was not drawn (drew {run.titles})")


async def visitor(number: int, url: str, query: str, deadline: float, think_s: float,
                  rng: random.Random, collected: Collected) -> None:
    """One tab: open the link (the overview), then every other page and back to the overview,
    once whatever the time, then again and again until the deadline; a switch begun before it
    is finished."""
    loop = asyncio.get_running_loop()
    session = Session(url, query)
    doing = "opening the link"
    try:
        run = await session.open()
        collected.opens.append(run)
        _check(run, collected, OVERVIEW_TITLE)
        order = TITLES[1:] + TITLES[:1]
        rounds = 0
        while rounds == 0 or loop.time() < deadline:
            rounds += 1
            for title in order:
                await asyncio.sleep(think_s * rng.uniform(0.5, 1.5))
                if rounds > 1 and loop.time() >= deadline:
                    return
                doing = f"switching to {title}"
                run = await session.switch(title)
                collected.switches.append(run)
                _check(run, collected, title)
    except (ProtocolError, TimeoutError, OSError, WebSocketException) as exc:
        collected.error(f"tab {number}, {doing}: {type(exc).__name__}: {exc}")
    finally:
        try:
            await session.close()
        except (OSError, WebSocketException):
            pass


async def _hall(url: str, sessions: int, duration_s: float, think_s: float, query: str,
                seed: int) -> Collected:
    loop = asyncio.get_running_loop()
    # The tabs' first HTTP loads run in threads: one per tab, so they start together.
    loop.set_default_executor(ThreadPoolExecutor(max_workers=min(sessions, 128)))
    collected = Collected()
    deadline = loop.time() + duration_s
    tabs = [visitor(i, url, query, deadline, think_s, random.Random(seed + i), collected)
            for i in range(sessions)]
    try:
        async with asyncio.timeout(duration_s + OVERRUN_S):
            await asyncio.gather(*tabs)
    except TimeoutError:
        collected.error("the hall did not end in time")
    return collected


async def _warm(url: str) -> None:
    """One tab through every page: what a server that has been up a while holds (imports
    done, the data caches of the default view filled)."""
    session = Session(url)
    try:
        async with asyncio.timeout(WARM_UP_TIMEOUT_S):
            await session.open()
            for title in TITLES:
                await session.switch(title)
    finally:
        await session.close()


async def _alone(url: str, pids: list[int]) -> dict[str, dict]:
    """Where a switch's time goes without a queue: one tab alone through every page
    (ALONE_PASSES times, medians), each switch's wall time and the server's CPU time for it."""
    walls: dict[str, list[float]] = {t: [] for t in TITLES}
    cpus: dict[str, list[float]] = {t: [] for t in TITLES}
    session = Session(url)
    try:
        async with asyncio.timeout(WARM_UP_TIMEOUT_S):
            await session.open()
            for _ in range(ALONE_PASSES):
                for title in TITLES:
                    before = sum(cpu_seconds(p) for p in pids)
                    run = await session.switch(title)
                    walls[title].append(run.seconds)
                    cpus[title].append(sum(cpu_seconds(p) for p in pids) - before)
    finally:
        await session.close()
    return {t: {"alone_s": round(statistics.median(walls[t]), 3),
                "alone_cpu_ms": round(1000 * statistics.median(cpus[t]), 1)} for t in TITLES}


async def _first_load_alone(url: str, pids: list[int]) -> dict:
    """A new tab's first load with no one else on the server (ALONE_PASSES tabs one after
    another, medians): what each of a hall's tabs asks when they all open at once."""
    walls, cpus = [], []
    async with asyncio.timeout(WARM_UP_TIMEOUT_S):
        for _ in range(ALONE_PASSES):
            session = Session(url)
            before = sum(cpu_seconds(p) for p in pids)
            try:
                walls.append((await session.open()).seconds)
            finally:
                await session.close()
            cpus.append(sum(cpu_seconds(p) for p in pids) - before)
    return {"open_alone_s": round(statistics.median(walls), 3),
            "open_alone_cpu_ms": round(1000 * statistics.median(cpus), 1)}


def _client_cpu_s() -> float:
    usage = resource.getrusage(resource.RUSAGE_SELF)
    return usage.ru_utime + usage.ru_stime


def _seconds_figures(runs: list[Run], prefix: str) -> dict:
    if not runs:
        return {f"{prefix}_count": 0}
    figures = percentiles([r.seconds for r in runs])
    return {f"{prefix}_p50_s": round(figures["p50_ms"] / 1000, 3),
            f"{prefix}_p95_s": round(figures["p95_ms"] / 1000, 3),
            f"{prefix}_max_s": round(max(r.seconds for r in runs), 3),
            f"{prefix}_count": len(runs)}


def per_page(switches: list[Run], alone: dict[str, dict]) -> list[dict]:
    """Each page's switches: p50 / p95, and what travelled to the tab per switch; with the
    page's figures alone when measured."""
    rows = []
    for title in TITLES:
        runs = [r for r in switches if r.page_name == title]
        row = {"page": title, **alone.get(title, {}), **_seconds_figures(runs, "switch")}
        if runs:
            row["payload_kb"] = round(statistics.mean(r.payload_bytes for r in runs) / 1024, 1)
            row["messages"] = round(statistics.mean(r.messages for r in runs), 1)
        if runs or title in alone:
            rows.append(row)
    return rows


def measure(label: str, url: str, pids: dict[str, list[int]], sessions: int, duration_s: float,
            think_s: float, query: str, seed: int, alone: dict | None = None) -> dict:
    """One hall against `url`; `pids` are the server's processes (none for --url), `alone`
    each page's figures with one tab alone (_alone)."""
    with ServerUsage(pids) as usage:
        client_start, start = _client_cpu_s(), time.perf_counter()
        collected = asyncio.run(_hall(url, sessions, duration_s, think_s, query, seed))
        wall = time.perf_counter() - start
        client_cpu = _client_cpu_s() - client_start
    reruns = len(collected.opens) + len(collected.switches)
    row = {"setup": label, "sessions": sessions, "wall_s": round(wall, 1),
           **_seconds_figures(collected.switches, "switch"),
           **_seconds_figures(collected.opens, "open"),
           "errors": collected.error_count, "error_examples": collected.errors,
           "client_cpu_pct": round(100 * client_cpu / wall, 1),
           "pages": per_page(collected.switches, alone or {})}
    if pids:
        row.update(usage.figures(wall))
        if reruns:
            row["streamlit_cpu_ms_per_rerun"] = round(1000 * row["streamlit_cpu_s"] / reruns, 1)
    return row


def setup_label(processes: int) -> str:
    return "1 process" if processes == 1 else f"{processes} processes + HAProxy"


def measure_started(processes: int, db: Path, log_dir: Path, sessions: int, duration_s: float,
                    think_s: float, query: str, seed: int) -> dict:
    """Start the set-up (one process as `make run` serves it, or `processes` behind HAProxy
    as `make run-multi` does), warm each process, time each page and a first load with one
    tab alone on the first process, run the hall, stop everything."""
    with Serving(processes, db=db, proxy=processes > 1, log_dir=log_dir) as serving:
        for backend in serving.backend_urls:
            asyncio.run(_warm(backend))
        first = serving.backend_urls[0], serving.streamlit_pids[:1]
        alone = asyncio.run(_alone(*first))
        first_load = asyncio.run(_first_load_alone(*first))
        pids = {"streamlit": serving.streamlit_pids,
                "haproxy": [serving.proxy_pid] if serving.proxy_pid else []}
        row = measure(setup_label(processes), serving.url, pids, sessions, duration_s,
                      think_s, query, seed, alone)
    return {**row, **first_load}
