"""The summary paragraph: the bundled district's figures in Vietnamese formats, sentences left out
when their figures are missing, and the change since the previous period."""

import pytest

from cdht_data import store, views
from cdht_data.definitions import LowUptake
from cdht_data.metrics import area_figures, for_group
from cdht_data.views.narrative import summary_paragraph
from cdht_data.ingest import import_file
from tests.tables import report


@pytest.fixture(scope="module")
def bundled(bundled_db):
    connection = store.open_read(bundled_db)
    yield connection
    connection.close()


def test_bundled_district_paragraph(bundled):
    text = summary_paragraph(area_figures(bundled, "692"), LowUptake(), 40.0)
    assert text.startswith("Tính đến ngày 30/9/2024, huyện Lộc Ninh có 5.140 người đăng ký")
    # printed: 5,62% in column 7, 5.049 assessed; column 3's rows add up to 91.443; Đạt 2.133 +
    # 256 + 854 + 280 = 3.523, and 3.523 ÷ 5.049 = 69,78%
    for figure in ("5,62% dân số từ 8 đến 60 tuổi (91.443 người)", "5.049 người được đánh giá",
                   "3.523 người đạt", "(69,78% số người đã đánh giá)"):
        assert figure in text
    # 3.523 ÷ 91.443 = 3,85%; ⌈0,4 × 91.443⌉ − 3.523 = 33.055
    assert "bằng 3,85% dân số 8–60 tuổi so với chỉ tiêu 40%, còn thiếu 33.055 người." in text
    assert ("Có 7 đơn vị tham gia thấp (tỉ lệ tham gia dưới 1% dân số 8–60 tuổi hoặc thuộc 1/4 "
            "số đơn vị có tỉ lệ thấp nhất): Lộc Hòa (0,12%), Lộc Khánh (0,20%), "
            "Lộc Thiện (0,20%), Lộc An (0,53%), Lộc Hiệp (0,62%), Lộc Thuận (0,64%), "
            "Lộc Hưng (0,77%).") in text
    # Nhóm II: 256 / 446 = 57,40%, the lowest of the four groups
    assert "thấp nhất là Nhóm II (Công nhân) (57,40%, 256/446 người)." in text
    assert "So với kỳ" not in text  # one period only
    assert "—" not in text and "None" not in text


def test_settings_change_the_paragraph(bundled):
    fig = area_figures(bundled, "692")
    text = summary_paragraph(fig, LowUptake(0.3, False), 3.0)
    # ⌈0,03 × 91.443⌉ = 2.744 < 3.523
    assert "so với chỉ tiêu 3%, đã đạt chỉ tiêu." in text
    assert "Có 3 đơn vị tham gia thấp (tỉ lệ tham gia dưới 0,3% dân số 8–60 tuổi): " in text
    assert "Lộc An" not in text


def test_one_group(bundled):
    fig = for_group(area_figures(bundled, "692"), 2)
    text = summary_paragraph(fig, LowUptake(), 40.0, group_name="Nhóm II (Công nhân)")
    assert "Đã có 446 người thuộc Nhóm II (Công nhân) được đánh giá, trong đó 256 người đạt" in text
    assert "(57,40% số người đã đánh giá)" in text
    assert "Nhóm có tỉ lệ đạt thấp nhất" not in text


def test_pilot_without_population_leaves_those_sentences_out(bundled):
    text = summary_paragraph(area_figures(bundled, "L-QP"), LowUptake(), 40.0)
    assert text.startswith("Tính đến ngày 31/7/2021, xã Quảng Phú có 55 người đăng ký tham gia "
                           "mô hình Công dân học tập.")
    assert "Đã có 55 người được đánh giá, trong đó 52 người đạt" in text
    assert "dân số" not in text  # no participation, no target progress
    assert "chỉ tiêu" not in text
    assert "tham gia thấp" not in text
    # Nông dân: 15/18 = 83,33%, the lowest of the three groups
    assert "thấp nhất là Nông dân và lao động nông thôn (83,33%, 15/18 người)." in text
    assert "—" not in text


def test_no_registered_figure(con, write_csv):
    import_file(con, write_csv("s.csv", report([
        ["1", "Lộc Hòa", "10", "5", "2", "", "", "", "", "", "17"]])), "scoring", recheck=False)
    text = summary_paragraph(area_figures(con, "692"), LowUptake(), 40.0)
    assert text.startswith("Tính đến ngày 31/3/2025, huyện Lộc Ninh có 17 người được đánh giá, "
                           "trong đó 12 người đạt")
    assert "đăng ký" not in text and "dân số" not in text


def test_change_since_the_previous_period(two_periods):
    now = area_figures(two_periods, "692")
    before = views.previous_figures(two_periods, now)
    text = summary_paragraph(now, LowUptake(), 40.0, before)
    # registered 28 -> 48, recognised 17 -> 37
    assert "So với kỳ 31/3/2025, số người đăng ký tăng 20, số người đạt tăng 20." in text
    back = summary_paragraph(before, LowUptake(), 40.0, now)
    assert "So với kỳ 30/6/2025, số người đăng ký giảm 20, số người đạt giảm 20." in back
    same = summary_paragraph(now, LowUptake(), 40.0, now)
    assert "số người đăng ký không đổi, số người đạt không đổi." in same
