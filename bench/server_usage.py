"""CPU time and memory of the server's processes (Streamlit, the proxy) while the hall runs,
read from /proc (psutil is not a dependency): CPU seconds over the measured span, the highest
sum of their RSS (sampled), and each process's own peak (VmHWM, since it started)."""

from __future__ import annotations

import os
import threading

TICKS = os.sysconf("SC_CLK_TCK")
PAGE = os.sysconf("SC_PAGE_SIZE")
SAMPLE_S = 0.2


def cpu_seconds(pid: int) -> float:
    """User + system CPU of a process (its threads included) so far."""
    with open(f"/proc/{pid}/stat") as f:
        fields = f.read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / TICKS  # utime, stime


def rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/statm") as f:
        return int(f.read().split()[1]) * PAGE / 2**20


def peak_rss_mb(pid: int) -> float:
    with open(f"/proc/{pid}/status") as f:
        kb = next(int(line.split()[1]) for line in f if line.startswith("VmHWM:"))
    return kb / 1024


class ServerUsage:
    """`with ServerUsage({"streamlit": [pids], "haproxy": [pid]}) as usage:` around the
    measured span; then `usage.figures()`."""

    def __init__(self, pids: dict[str, list[int]]):
        self.pids = {role: list(ids) for role, ids in pids.items() if ids}
        self.peak_sum_mb = 0.0
        self._cpu_start: dict[int, float] = {}
        self._cpu_end: dict[int, float] = {}
        self._peaks: dict[int, float] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._sample, daemon=True)

    def _all(self) -> list[int]:
        return [pid for ids in self.pids.values() for pid in ids]

    def _sample(self) -> None:
        while not self._stop.wait(SAMPLE_S):
            self._take_rss()

    def _take_rss(self) -> None:
        try:
            self.peak_sum_mb = max(self.peak_sum_mb, sum(rss_mb(p) for p in self._all()))
        except OSError:  # a process ended: the run reports it as errors
            pass

    def __enter__(self) -> ServerUsage:
        self._cpu_start = {p: cpu_seconds(p) for p in self._all()}
        self._take_rss()
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()
        self._thread.join()
        self._take_rss()
        for p in self._all():
            try:
                self._cpu_end[p] = cpu_seconds(p)
                self._peaks[p] = peak_rss_mb(p)
            except OSError:
                pass

    def figures(self, wall_s: float) -> dict:
        out: dict = {"server_peak_rss_mb": round(self.peak_sum_mb, 1)}
        for role, ids in self.pids.items():
            cpu = sum(self._cpu_end.get(p, 0.0) - self._cpu_start.get(p, 0.0) for p in ids)
            out[f"{role}_cpu_s"] = round(cpu, 2)
            out[f"{role}_cpu_pct"] = round(100 * cpu / wall_s, 1) if wall_s else None
            out[f"{role}_peak_rss_mb"] = [round(self._peaks.get(p, 0.0), 1) for p in ids]
        return out
