"""The meeting-hall benchmark at a tiny size against a real dashboard server: two tabs for a
few seconds over Streamlit's websocket, every page shown and timed, no error, and the server's
CPU and memory measured. Timings are not asserted (they depend on the machine)."""

import json

import pytest

from bench import hall_report, hall_run
from bench.hall import TITLES
from tests.own_thread import in_own_thread

FIGURES = ("switch_p50_s", "switch_p95_s", "open_p50_s", "open_alone_s", "streamlit_cpu_s",
           "streamlit_cpu_ms_per_rerun", "server_peak_rss_mb", "client_cpu_pct")


@pytest.mark.slow
def test_a_tiny_hall_measures_every_page_without_error(bundled_db):
    args = hall_run.parser().parse_args(["--sessions", "2", "--duration", "6", "--think", "0.3",
                                         "--processes", "1", "--db", str(bundled_db)])
    report = in_own_thread(hall_run.run, args)
    [row] = report.rows
    assert row["errors"] == 0, row["error_examples"]
    assert row["open_count"] == 2
    assert row["switch_count"] >= 2 * len(TITLES)  # each tab went round the pages at least once
    for key in FIGURES:
        assert row[key] > 0, key
    assert row["switch_p95_s"] >= row["switch_p50_s"]
    pages = {p["page"]: p for p in row["pages"]}
    assert set(pages) == set(TITLES)
    for title, page in pages.items():
        assert page["alone_s"] > 0 and page["switch_count"] > 0, title
        assert page["payload_kb"] > 0, title
    text = hall_report.render(report)
    for section in ("== ratios ==", "== goals ==", "== absolute figures ==", "== pages"):
        assert section in text
    assert "cpu_reference_ms_at_end" in report.machine
    json.dumps(report.as_json())
