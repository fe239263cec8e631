"""The printable pack's parts on their own: text from data stays literal in the PDF, the map's
geometry and colours, and the content the pack is made from (bundled Lộc Ninh 30/9/2024)."""

import datetime as dt
import io

import duckdb
import pandas as pd
import pdfplumber
import pytest

from cdht_data.errors import InputError
from cdht_data.pack import pack_content, render
from cdht_data.pack.drawing import CIVIDIS, place_units, scale_colour

LOC_NINH, PERIOD, MADE_ON = "692", dt.date(2024, 9, 30), dt.date(2026, 12, 2)


@pytest.fixture(scope="module")
def content(bundled_db):
    with duckdb.connect(str(bundled_db), read_only=True) as con:
        return pack_content(con, PERIOD, LOC_NINH, None, MADE_ON)


def _text(pdf: bytes) -> str:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return "\n".join(page.extract_text() or "" for page in doc.pages)


# Typst markup, each of which would change the text if read as markup: heading, strong,
# emphasis, math, reference, label, escape, content block, raw, code.
HOSTILE = ["= Lộc #Hòa", "*đậm*", "_nghiêng_", "$x^2$", "@ref", "<nhan>", "a\\b", "[khối]",
           "`mã`", "#set text(red)"]


def test_text_from_data_is_printed_literally(content):
    hostile = dict(content)
    rows = [dict(content["ranking"]["rows"][0], name=name) for name in HOSTILE]
    hostile["ranking"] = dict(content["ranking"], rows=rows)
    hostile["paragraph"] = " ".join(HOSTILE)
    text = _text(render(hostile, MADE_ON))
    for name in HOSTILE:
        assert name in text, name


def test_the_same_day_makes_the_same_file(content):
    assert render(content, MADE_ON) == render(content, MADE_ON)


def test_cover_says_area_period_and_date_made(content):
    cover = content["cover"]
    assert (cover["title"], cover["area"], cover["period"], cover["made_on"]) == (
        "Bản in cho cuộc họp", "Huyện Lộc Ninh", "30/9/2024", "2/12/2026")


def test_headline_is_the_report_s_totals(content):
    rows = {r["label"]: r["value"] for r in content["headline"]["rows"]}
    # Printed: registered "TỔNG CỘNG" 5.140; assessed "Toàn huyện" 5.049; Đạt 2.133 + 256 +
    # 854 + 280 = 3.523; 3.523 / 5.049 = 69,776…%; 5.140 / 91.443 (the rows' sum; the total row
    # prints 91.441) = 5,621…%.
    assert rows["Số người đăng ký"] == "5.140"
    assert rows["Số người đã đánh giá"] == "5.049"
    assert rows["Số người Đạt"] == "3.523"
    assert rows["Tỉ lệ Đạt / đã đánh giá"] == "69,78%"
    assert rows["Tỉ lệ tham gia (đăng ký / dân số 8–60)"] == "5,62%"
    assert rows["Dân số 8–60 tuổi"] == "91.443"


def test_both_677_targets_with_people_still_to_recognise(content):
    t = content["targets"]
    # 3.523 / 91.443 = 3,852…%; 40% × 91.443 = 36.577,2 → 36.578 − 3.523 = 33.055;
    # 60% × 91.443 = 54.865,8 → 54.866 − 3.523 = 51.343.
    assert t["value_text"] == "3,85%"
    assert [(r["year"], r["pct_text"], r["gap"]) for r in t["rows"]] == [
        ("2025", "40%", "33.055"), ("2030", "60%", "51.343")]
    assert all(r["base"].startswith("dân số 8–60 tuổi") for r in t["rows"])


def test_ranking_holds_every_unit_with_its_printed_rate(content):
    rows = {r["name"]: r for r in content["ranking"]["rows"]}
    assert len(rows) == 16
    # column 7 as printed
    assert rows["Thị trấn Lộc Ninh"]["participation"] == "16,70%"
    assert rows["Lộc Hòa"]["participation"] == "0,12%"
    assert rows["Lộc Thịnh"]["participation"] == "29,74%"
    assert content["ranking"]["rows"][0]["name"] == "Lộc Thịnh"
    low = {n for n, r in rows.items() if r["low"]}
    assert low == {"Lộc Hòa", "Lộc Khánh", "Lộc Thiện", "Lộc An", "Lộc Hiệp", "Lộc Thuận",
                   "Lộc Hưng"}


def test_map_places_every_commune_with_a_centre(content):
    m = content["map"]
    assert m["drawn"] and len(m["bubbles"]) == 16 and not m["unplaced"]
    assert all(0 <= b["x"] <= m["width"] and 0 <= b["y"] <= m["height"] for b in m["bubbles"])


def test_groups_bands_quality_and_sources(content):
    groups = {r["name"]: r for r in content["groups"]["totals"]}
    assert groups["Nhóm II (Công nhân)"]["rate"] == "57,40%"  # 256 / (256 + 190)
    assert not content["bands"]["present"]
    assert content["quality"]["checks"] == "234" and len(content["quality"]["findings"]) == 17
    assert [s["file"] for s in content["sources"]] == [
        "loc-ninh_2024-09-30_cham-diem.csv", "loc-ninh_2024_dan-so-dang-ky.csv"]


def test_no_figures_is_refused_in_vietnamese(con):
    with pytest.raises(InputError, match="không có số liệu"):
        pack_content(con, PERIOD, LOC_NINH)


def test_bubbles_fit_their_box_north_up_and_sized_by_root():
    frame = pd.DataFrame({"lat": [11.0, 12.0, None], "lon": [106.0, 106.5, 106.2],
                          "pop": [100, 400, 50]})
    placed = place_units(frame, "pop", 100, 100)
    south, north = placed["bubbles"]
    assert placed["width"] <= 100 and placed["height"] <= 100
    assert north["y"] < south["y"] and north["x"] > south["x"]
    assert [b["row"] for b in placed["bubbles"]] == [0, 1]  # the unit without a centre is left out
    assert north["d"] == 13.0 and south["d"] == pytest.approx(4 + 9 * 0.5)  # √(100/400) = 0,5


def test_colour_scale_runs_from_its_first_to_its_last_colour():
    assert scale_colour(0, 30) == CIVIDIS[0]
    assert scale_colour(30, 30) == CIVIDIS[-1]
    assert scale_colour(None, 30) is None
