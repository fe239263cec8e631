"""`import --dry-run [--json]`: every problem of the file, the findings it would raise, nothing
written (the store's bytes, time and data version unchanged); exit 2 when there are problems."""

from __future__ import annotations

import csv
import json

import pytest

from cdht_data import store
from tests.cli import run
from tests.tables import SCORING, report

# Two mistakes: C5 a letter in a count, B6 no such commune (title and date rows 1–2, header
# rows 3–4).
TWO_MISTAKES = report([["1", "Lộc Hòa", "1x", "5", "2", "", "", "", "", "", "17"],
                       ["2", "Lộc Xyz", "4", "", "", "", "1", "", "", "", "5"]])


def _csv(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        csv.writer(f).writerows(rows)
    return path


def _state(path):
    """What must not change: the bytes, the modification time, the data version, and the
    files beside the store (no scratch copy left there)."""
    return (path.read_bytes(), path.stat().st_mtime_ns, store.data_version(path),
            sorted(p.name for p in path.parent.iterdir()))


@pytest.fixture
def sources(store_copy, tmp_path):
    return {"bad": _csv(tmp_path / "hai-loi.csv", TWO_MISTAKES),
            "good": _csv(tmp_path / "tot.csv", report(SCORING))}


def test_problems_as_json_exit_2_nothing_written(store_copy, sources):
    before = _state(store_copy)
    done = run("import", str(sources["bad"]), "--kind", "scoring", "--dry-run", "--json",
               "--db", str(store_copy))
    assert done.returncode == 2, done.stderr
    out = json.loads(done.stdout)
    assert set(out) == {"ok", "problems", "findings"}
    assert out["ok"] is False and out["findings"] == []
    assert [(p["row"], p["column"], p["cell"]) for p in out["problems"]] == [
        (5, "Nhóm I (Nông dân) / Đạt (C)", "1x"), (6, "Xã/ thị trấn (B)", "Lộc Xyz")]
    assert all(set(p) == {"row", "column", "cell", "message"} for p in out["problems"])
    assert _state(store_copy) == before


def test_a_good_file_exit_0_findings_as_check_prints_them(store_copy, sources):
    before = _state(store_copy)
    done = run("import", str(sources["good"]), "--kind", "scoring", "--dry-run", "--json",
               "--db", str(store_copy))
    assert done.returncode == 0, done.stderr
    out = json.loads(done.stdout)
    assert out["ok"] is True and out["problems"] == [] and out["findings"]
    checked = run("check", "--json", "--db", str(store_copy))
    assert set(out["findings"][0]) == set(json.loads(checked.stdout)[0])
    assert _state(store_copy) == before
    assert "2025-03-31" not in checked.stdout  # the period was never stored


def test_vietnamese_lines_without_json(store_copy, sources):
    before = _state(store_copy)
    done = run("import", str(sources["bad"]), "--kind", "scoring", "--dry-run",
               "--db", str(store_copy))
    assert done.returncode == 2
    assert "Tệp có 2 lỗi" in done.stdout
    assert "dòng 5, cột «Nhóm I (Nông dân) / Đạt (C)», ô «1x»" in done.stdout
    assert "dòng 6, cột «Xã/ thị trấn (B)», ô «Lộc Xyz»" in done.stdout
    assert _state(store_copy) == before


def test_json_without_dry_run_is_refused(store_copy, sources):
    done = run("import", str(sources["good"]), "--kind", "scoring", "--json",
               "--db", str(store_copy))
    assert done.returncode == 2 and "--dry-run" in done.stderr and not done.stdout
