"""`python -m bench hall --sessions N [--duration S] [--think S] [--processes 1,2] [--url URL]
[--db PATH] [--query Q] [--json]` (`make bench-hall`): the meeting hall (bench/hall.py).

Without --db the hall reads the bundled data (real figures of Lộc Ninh), built once into
bench-results/work/hall.duckdb; a store from `python -m cdht_data synth` is labelled synthetic
in the report.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from pathlib import Path

import duckdb

from cdht_data import ingest

from . import hall_report
from .hall import measure, measure_started
from .measure import machine, machine_at_end
from .report import Report

ROOT = Path(__file__).resolve().parent.parent
RESULTS = ROOT / "bench-results"
BUNDLED_STORE = RESULTS / "work" / "hall.duckdb"


def parser() -> argparse.ArgumentParser:
    p = argparse.ArgumentParser(
        prog="python -m bench hall",
        description="hội trường: N phiên cùng mở bảng số liệu rồi chuyển qua mọi trang; so "
                    "một tiến trình với nhiều tiến trình sau HAProxy")
    p.add_argument("--sessions", type=int, default=30, help="số phiên (thẻ trình duyệt) cùng lúc")
    p.add_argument("--duration", type=float, default=60.0,
                   help="số giây các phiên chuyển trang; mỗi phiên qua mọi trang ít nhất một "
                        "lượt, lần chuyển đã bắt đầu được đo trọn")
    p.add_argument("--think", type=float, default=2.0,
                   help="số giây trung bình một người xem trang trước khi chuyển (±50%%)")
    p.add_argument("--processes", default="1,2",
                   help="các cách chạy so sánh, lần lượt: 1 = một tiến trình, K = K tiến trình "
                        "sau HAProxy (mặc định 1,2)")
    p.add_argument("--url", help="đo một máy chủ đang chạy (chỉ 127.0.0.1) thay vì tự khởi động")
    p.add_argument("--db", help="CSDL cho máy chủ tự khởi động (mặc định: số liệu kèm theo)")
    p.add_argument("--query", default="", help="tham số địa chỉ của đường link, vd. dia_ban=692")
    p.add_argument("--seed", type=int, default=1)
    p.add_argument("--json", action="store_true")
    return p


def _store(db: str | None) -> Path:
    if db:
        return Path(db)
    if not BUNDLED_STORE.exists():
        BUNDLED_STORE.parent.mkdir(parents=True, exist_ok=True)
        ingest.build(BUNDLED_STORE)
    return BUNDLED_STORE


def _is_synthetic(db: Path) -> bool:
    con = duckdb.connect(str(db), read_only=True)
    try:
        return bool(con.execute("SELECT count(*) FROM datasets WHERE is_synthetic").fetchone()[0])
    finally:
        con.close()


def _loopback(url: str) -> str:
    if not url.startswith(("http://127.0.0.1:", "http://localhost:")):
        raise SystemExit("--url phải là một máy chủ trên máy này (http://127.0.0.1:CỔNG)")
    return url


def run(args: argparse.Namespace) -> Report:
    setups = [int(p) for p in args.processes.split(",")] if not args.url else []
    if any(p < 1 for p in setups):
        raise SystemExit("--processes: mỗi giá trị là số tiến trình, từ 1")
    params = {"sessions": args.sessions, "duration_s": args.duration, "think_s": args.think,
              "query": args.query or "(none: the default area)", "seed": args.seed}
    report = Report(params, machine())
    if args.url:
        report.params["url"] = _loopback(args.url)
        report.rows.append(measure("the server at --url", args.url, {}, args.sessions,
                                   args.duration, args.think, args.query, args.seed))
        report.notes.append("--url: the server's CPU and memory are not measured (its "
                            "processes are not known); its caches were not warmed here")
    else:
        db = _store(args.db)
        report.params["db"] = str(db)
        if _is_synthetic(db):
            report.notes.append("DỮ LIỆU MÔ PHỎNG (synthetic data) in the store")
        for processes in setups:
            with tempfile.TemporaryDirectory(prefix="cdht-hall-") as logs:
                report.rows.append(measure_started(processes, db, Path(logs), args.sessions,
                                                   args.duration, args.think, args.query,
                                                   args.seed))
        report.notes.append("each set-up started fresh and warmed by one tab per process "
                            "through every page (not measured); set-ups run one after the "
                            "other on the same machine, so the machine's load may differ")
    report.notes.append("per switch: from the rerun request (the sidebar's page link) to the "
                        "script's finished message; first load: every tab at once, from "
                        "its first HTTP request (the page, the health check, the websocket) "
                        "to its first run's finished message (static files not fetched)")
    machine_at_end(report)
    hall_report.ratios(report)
    hall_report.goals(report)
    return report


def main(argv: list[str]) -> int:
    args = parser().parse_args(argv)
    report = run(args)
    hall_report.save(report, RESULTS, args.sessions)
    print(json.dumps(report.as_json(), ensure_ascii=False, indent=2) if args.json
          else hall_report.render(report))
    return 0
