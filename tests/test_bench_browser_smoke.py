"""The browser benchmark end to end at its smallest: one measured run of two pages. Timings are
not asserted (they depend on the machine); that every figure the report promises is there,
that the page's script ran for each action, and that nothing left this machine."""

import json

import pytest

from bench.browser_report import render
from bench.browser_run import ACTIONS, run
from tests.own_thread import in_own_thread

pytestmark = pytest.mark.slow  # two Streamlit servers and Chromium


def test_browser_bench_one_run_has_every_figure(tmp_path):
    report = in_own_thread(run, runs=1, only=["ban_do"], work=tmp_path)
    assert [p["title"] for p in report["pages"]] == ["Tổng quan", "Bản đồ"]
    assert report["bare"]["p50_s"] > 0
    assert report["bare_chart"]["p50_s"] > 0 and report["bare_chart"]["ratio"]["p95"] > 0
    assert "element:vega_lite_chart" in report["bare_chart"]["wire"]["by_kind"]  # it drew one
    for page in report["pages"]:
        assert page["load_ratio"]["p50"] > 0 and page["load_ratio_chart"]["p50"] > 0
        # the floor drew every kind of element the page drew, and nothing of the dashboard
        floor = page["floor"]
        assert floor["kinds_not_drawn"] == [], page["title"]
        assert {"navigation", "element:selectbox", "element:vega_lite_chart"} <= set(
            floor["kinds"]), page["title"]
        assert set(floor["kinds"]) - {"block:vertical"} <= set(floor["wire"]["by_kind"])
        assert floor["ratio"]["p50"] > 0 and page["load_ratio_floor"]["p50"] > 0
        for action in ACTIONS:
            figures = page[action]
            assert figures["p95_s"] >= figures["p50_s"] > 0, (page["title"], action)
            assert figures["first_s"] > 0
            assert figures["script_runs"] >= 1, (page["title"], action)
            assert figures["wire"]["by_kind"]["script_finished"]["messages"] >= 1
            assert figures["cpu"]["server_s"] is not None
            assert set(figures["phases"]) == {"before_rerun_s", "server_s", "drawing_s"}
    assert len(report["goals"]) == 2 * 4
    loads = [g for g in report["goals"] if g["goal"].startswith("tải đầy đủ")]
    assert [g["floor"] for g in loads] == [p["floor"]["ratio"]["p50"] for p in report["pages"]]
    assert report["blocked"] == []
    text = render(report)
    assert "trống + 1 biểu đồ" in text
    assert "sàn: Bản đồ" in text
    assert f"(sàn {report['pages'][1]['floor']['ratio']['p50']:.2f}×)" in text
    for heading in ("== tỉ lệ so với ứng dụng trống", "== mục tiêu (issue 18) ==",
                    "== số đo tuyệt đối", "== thời gian đi đâu"):
        assert heading in text
    assert text.index("tỉ lệ so với") < text.index("số đo tuyệt đối")
    json.dumps(report, ensure_ascii=False)
