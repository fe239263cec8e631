"""How a step is measured: wall time, the process's peak RSS, and the machine's speed of the
moment (a shared virtual machine's speed drifts, so absolute times need a reference)."""

from __future__ import annotations

import datetime as dt
import gc
import math
import os
import platform
import statistics
import threading
import time
from contextlib import contextmanager

import duckdb

from .report import Report


def rss_mb() -> float:
    with open("/proc/self/statm") as f:
        return int(f.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20


class PeakRss:
    """Highest RSS seen while a step runs, sampled every 5 ms in a thread."""

    def __init__(self):
        self.peak = rss_mb()
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _sample(self):
        while not self._stop.wait(0.005):
            self.peak = max(self.peak, rss_mb())

    def __enter__(self):
        self._thread.start()
        return self

    def __exit__(self, *exc):
        self._stop.set()
        self._thread.join()
        self.peak = max(self.peak, rss_mb())


@contextmanager
def measured(report: Report, section: str, step: str, rows: int | None = None, **extra):
    """Time one step and its peak RSS; adds rows/s when `rows` is given."""
    gc.collect()
    out: dict = {}
    with PeakRss() as peak:
        start = time.perf_counter()
        yield out
        seconds = time.perf_counter() - start
    values = {"seconds": round(seconds, 4), "peak_rss_mb": round(peak.peak, 1), **extra, **out}
    if rows:
        values["rows"] = rows
        values["rows_per_s"] = round(rows / seconds) if seconds else None
    report.add(section, step, **values)


def percentiles(samples: list[float]) -> dict:
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, max(0, round(0.95 * len(ordered)) - 1))]
    return {"p50_ms": round(statistics.median(ordered) * 1000, 2), "p95_ms": round(p95 * 1000, 2),
            "calls": len(ordered)}


def timed(fn, repeat: int) -> dict:
    """p50 / p95 of `repeat` calls after one warm-up call, with the highest RSS after a call.

    RSS is read between calls, not by PeakRss's sampling thread: for calls of a few tens of
    milliseconds, that thread's wake-ups every 5 ms took the GIL from the call being timed.
    """
    fn()  # first call: registry and file cache
    samples, peak = [], rss_mb()
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append(time.perf_counter() - start)
        peak = max(peak, rss_mb())
    return {"peak_rss_mb": round(peak, 1), **percentiles(samples)}


def cpu_reference_ms() -> float:
    """A fixed pure-Python loop, best of three: how fast this machine is right now. Absolute
    times are only comparable between runs at a similar reference."""
    best = math.inf
    for _ in range(3):
        start = time.perf_counter()
        total = 0
        for i in range(3_000_000):
            total += i
        best = min(best, time.perf_counter() - start)
    return round(best * 1000, 1)


def machine() -> dict:
    mem = next((int(line.split()[1]) // 1024 for line in open("/proc/meminfo")
                if line.startswith("MemTotal")), None)
    model = next((line.split(":", 1)[1].strip() for line in open("/proc/cpuinfo")
                  if line.startswith("model name")), platform.processor())
    load = os.getloadavg()
    return {"cpus": os.cpu_count(), "cpu": model, "memory_mb": mem,
            "python": platform.python_version(), "duckdb": duckdb.__version__,
            "load_average_at_start": [round(x, 2) for x in load],
            "cpu_reference_ms_at_start": cpu_reference_ms(),
            "date": dt.datetime.now().isoformat(timespec="seconds")}


def reference_before(report: Report, section: str) -> None:
    """The machine's speed reference just before a section's steps: a shared machine's speed
    drifts within a run, and each goal is read against the reference of its own moment."""
    report.machine.setdefault("cpu_reference_ms_before", {})[section] = cpu_reference_ms()


def machine_at_end(report: Report) -> None:
    report.machine["load_average_at_end"] = [round(x, 2) for x in os.getloadavg()]
    report.machine["cpu_reference_ms_at_end"] = cpu_reference_ms()
