"""`export`: the meeting's outputs from the command line, the same files as the page's
download buttons (both through outputs.produce), refusals in Vietnamese with exit status 2."""

from __future__ import annotations

import datetime as dt
import io
import json

import openpyxl
import pytest

from cdht_data import store
from cdht_data.errors import InputError
from cdht_data.outputs import FORMATS, OUTPUTS, output_for, produce
from tests.cli import run, run_here


def cells(source) -> dict[str, list[tuple]]:
    """Every sheet's values: what two files of the same output must share (a file's own
    timestamps differ from one making to the next)."""
    wb = openpyxl.load_workbook(source)
    return {ws.title: list(ws.iter_rows(values_only=True)) for ws in wb}


def test_the_registry_names_the_two_tables():
    formats = {n: o.format for n, o in OUTPUTS.items()}
    assert formats.items() >= {"scoring-table": "xlsx", "population-table": "xlsx",
                               "plan": "xlsx"}.items()
    assert all(o.format in FORMATS for o in OUTPUTS.values())
    assert OUTPUTS["scoring-table"].file_name("Lộc Ninh", dt.date(2024, 9, 30)) \
        == "bieu-cham-diem_loc-ninh_2024-09-30.xlsx"
    with pytest.raises(InputError, match="chỉ xuất được dạng xlsx"):
        output_for("population-table", "pdf")


@pytest.mark.parametrize("name, file", [
    ("scoring-table", "bieu-cham-diem_loc-ninh_2024-09-30.xlsx"),
    ("population-table", "bieu-dan-so-dang-ky_loc-ninh_2024-09-30.xlsx"),
    ("plan", "ke-hoach-van-dong_loc-ninh_2024-09-30.xlsx")])
def test_export_json_and_the_same_file_as_the_page(bundled_db, tmp_path, name, file):
    out = tmp_path / file
    done = run_here("export", name, "--format", "xlsx", "--area", "692", "--out", out,
                    "--json", "--db", bundled_db)
    assert done.returncode == 0, done.stderr
    said = json.loads(done.stdout)
    assert said == {"output": name, "format": "xlsx", "file": str(out),
                    "bytes": out.stat().st_size, "as_of": "2024-09-30", "area_code": "692"}
    con = store.open_read(bundled_db)
    try:
        made = produce(con, name, "xlsx", None, "692")
    finally:
        con.close()
    assert made.file_name == file
    assert cells(out) == cells(io.BytesIO(made.data))
    assert not [p for p in tmp_path.iterdir() if p.name.endswith(".tmp")]  # no temp file left


@pytest.mark.parametrize("args, words", [
    (("scoring-table", "--format", "docx"), "đầu ra «scoring-table» chỉ xuất được dạng xlsx"),
    (("bieu-la", "--format", "xlsx"), "không có đầu ra «bieu-la»"),
    (("scoring-table", "--format", "xls"), "không có lựa chọn 'xls'"),
    (("scoring-table", "--format", "xlsx", "--area", "Không Có"),
     "không có địa bàn «Không Có»"),
    (("scoring-table", "--format", "xlsx", "--area", "25305"), "không có đơn vị cấp dưới"),
    (("scoring-table", "--format", "xlsx", "--as-of", "2019-01-01", "--area", "692"),
     "không có số liệu"),
])
def test_refusals_in_vietnamese(bundled_db, tmp_path, args, words):
    out = tmp_path / "x.xlsx"
    done = run_here("export", *args, "--out", out, "--db", bundled_db)
    assert done.returncode == 2 and words in done.stderr and "Traceback" not in done.stderr
    assert not out.exists() and list(tmp_path.iterdir()) == []


def test_a_refused_export_leaves_the_old_file(bundled_db, tmp_path):
    out = tmp_path / "bieu.xlsx"
    out.write_bytes(b"old")
    done = run_here("export", "scoring-table", "--format", "pdf", "--out", out, "--db",
                    bundled_db)
    assert done.returncode == 2 and out.read_bytes() == b"old"


def test_export_in_a_fresh_process(bundled_db, tmp_path):
    out = tmp_path / "quang-phu.xlsx"
    done = run("export", "scoring-table", "--format", "xlsx", "--area", "Quảng Phú", "--out",
               str(out), "--db", str(bundled_db))
    assert done.returncode == 0, done.stderr
    assert "Đã ghi biểu chấm điểm (Excel) của Quảng Phú, kỳ 31/7/2021" in done.stdout
    assert cells(out)["Chấm điểm"][5][:3] == (1, "Cơ quan xã Quảng Phú", 1)


def test_export_the_plan_of_the_pilot(bundled_db, tmp_path):
    """The plan's hand-outs of a commune whose units sit below it (three groups, three units):
    the summary, the priority order, a sheet per partner and per unit; Lộc Hòa's 1.665 is
    read back in tests/unit/test_plan_handouts.py."""
    out = tmp_path / "ke-hoach.xlsx"
    done = run_here("export", "plan", "--format", "xlsx", "--area", "Quảng Phú", "--out", out,
                    "--db", bundled_db)
    assert done.returncode == 0, done.stderr
    assert "Đã ghi kế hoạch vận động (Excel) của Quảng Phú, kỳ 31/7/2021" in done.stdout
    sheets = list(cells(out))
    assert sheets[:2] == ["Tổng hợp", "Thứ tự ưu tiên"] and len(sheets) == 2 + 3 + 3
    assert sheets[-1] == "3. Ban Khuyến học họ Hoàng…"


def test_the_plan_is_not_made_as_word(bundled_db, tmp_path):
    done = run_here("export", "plan", "--format", "docx", "--out", tmp_path / "x.docx", "--db",
                    bundled_db)
    assert done.returncode == 2 and "đầu ra «plan» chỉ xuất được dạng xlsx" in done.stderr


def test_export_the_plan_in_the_old_units_of_2025(store_2025, tmp_path):
    """SYNTHETIC 2025 figures shown in the 16 former communes: their long names ("Lộc Hòa (nay
    thuộc xã Lộc Thạnh)") cut to sheet names a spreadsheet accepts, each its own."""
    out = tmp_path / "ke-hoach.xlsx"
    done = run_here("export", "plan", "--format", "xlsx", "--area", "692", "--as-of",
                    "2025-12-31", "--structure", "pre2025", "--out", out, "--db", store_2025)
    assert done.returncode == 0, done.stderr
    book = openpyxl.load_workbook(out)
    units = book.sheetnames[-16:]
    assert all(len(n) <= 31 for n in units) and len({n.casefold() for n in units}) == 16
    assert units[1] == "2. Lộc Hòa (nay thuộc xã Lộc…"  # none measurable: registry order
    assert book["Tổng hợp"]["A3"].value.startswith("SỐ LIỆU MÔ PHỎNG")
