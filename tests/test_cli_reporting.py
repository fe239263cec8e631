"""The template, reporting and deadline commands as a user runs them."""

from __future__ import annotations

import json

import openpyxl
import pytest

from tests.cli import run


def test_template_then_import_through_the_command_line(store_copy, tmp_path):
    out = tmp_path / "mau.xlsx"
    made = run("template", "--kind", "scoring", "--area", "692", "--as-of", "2025-03-31",
               "--out", str(out), "--db", str(store_copy))
    assert made.returncode == 0, made.stderr
    assert "16 đơn vị" in made.stdout
    wb = openpyxl.load_workbook(out)
    wb.active["C7"] = 5  # Lộc Hòa (the second commune), Nhóm I Đạt
    wb.save(out)
    imported = run("import", str(out), "--kind", "scoring", "--db", str(store_copy))
    assert imported.returncode == 0, imported.stderr
    assert "2025-03-31" in imported.stdout and "16 dòng" in imported.stdout


@pytest.mark.slow  # four commands in fresh processes: about 8 s
def test_deadline_then_reporting_json(store_copy):
    bad = run("deadline", "set", "--as-of", "2025-03-31", "--due", "2025-03-01",
              "--db", str(store_copy))
    assert bad.returncode == 2 and "trước ngày của kỳ" in bad.stderr
    done = run("deadline", "set", "--as-of", "2025-03-31", "--due", "2025-04-15",
               "--area", "692", "--db", str(store_copy))
    assert done.returncode == 0, done.stderr
    shown = run("reporting", "--json", "--db", str(store_copy))  # the period of the deadline
    rows = json.loads(shown.stdout)
    assert len(rows) == 32 and not any(r["reported"] for r in rows)
    assert all(r["late"] for r in rows)  # 15/4/2025 has passed
    assert set(rows[0]) >= {"unit_code", "unit_name", "kind", "reported", "since", "late"}
    text = run("reporting", "--as-of", "2024-09-30", "--area", "692", "--db", str(store_copy))
    assert text.returncode == 0 and text.stdout.count("đã gửi") == 32


def test_template_of_an_unknown_area_is_refused(bundled_db, tmp_path):
    refused = run("template", "--kind", "population", "--area", "Không Có", "--out",
                  str(tmp_path / "x.xlsx"), "--db", str(bundled_db))
    assert refused.returncode == 2 and "Không Có" in refused.stderr
    assert not (tmp_path / "x.xlsx").exists()
