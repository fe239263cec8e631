"""The summary paragraph: the bundled district's figures in Vietnamese formats, sentences left out
when their figures are missing, and the change since the previous period."""

import pytest

from cdht_data import targets, views
from cdht_data.definitions import LowUptake
from cdht_data.metrics import area_figures, for_group
from cdht_data.target_distance import totals_distances
from cdht_data.views.narrative import summary_paragraph
from cdht_data.ingest import import_file
from tests.tables import report


def _goals(fig, found=None):
    """The figures' distances to the targets of targets.toml (or `found`)."""
    return totals_distances(fig.totals, list(targets.load() if found is None else found),
                            fig.as_of)


def test_bundled_district_paragraph(bundled):
    fig = area_figures(bundled, "692")
    text = summary_paragraph(fig, LowUptake(), _goals(fig))
    assert text.startswith("Tính đến ngày 30/9/2024, huyện Lộc Ninh có 5.140 người đăng ký")
    # printed: 5,62% in column 7, 5.049 assessed; column 3's rows add up to 91.443; Đạt 2.133 +
    # 256 + 854 + 280 = 3.523, and 3.523 ÷ 5.049 = 69,78%
    for figure in ("5,62% dân số từ 8 đến 60 tuổi (91.443 người)", "5.049 người được đánh giá",
                   "3.523 người đạt", "(69,78% số người đã đánh giá)"):
        assert figure in text
    # 3.523 ÷ 91.443 = 3,85%; ⌈0,4 × 91.443⌉ − 3.523 = 33.055; ⌈0,6 × 91.443⌉ − 3.523 = 51.343
    assert ("Số người đạt bằng 3,85% dân số 8–60 tuổi (số người có khả năng tham gia): "
            "3.523/91.443 người; so với chỉ tiêu 40% năm 2025 còn thiếu 33.055 người, chỉ tiêu "
            "60% năm 2030 còn thiếu 51.343 người.") in text
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
    local = targets.Target("thu", "Kế hoạch thử", "Người từ 8 đến 60 tuổi", 2025, 3.0,
                           targets.POPULATION_8_60)
    text = summary_paragraph(fig, LowUptake(0.3, False), _goals(fig, [local]))
    # ⌈0,03 × 91.443⌉ = 2.744 < 3.523
    assert "so với chỉ tiêu 3% năm 2025 đã đạt." in text
    assert "Có 3 đơn vị tham gia thấp (tỉ lệ tham gia dưới 0,3% dân số 8–60 tuổi): " in text
    assert "Lộc An" not in text


def test_one_group(bundled):
    fig = for_group(area_figures(bundled, "692"), 2)
    text = summary_paragraph(fig, LowUptake(), _goals(fig), group_name="Nhóm II (Công nhân)")
    assert "Đã có 446 người thuộc Nhóm II (Công nhân) được đánh giá, trong đó 256 người đạt" in text
    assert "chỉ tiêu" not in text  # one group is never set against the whole population
    assert "(57,40% số người đã đánh giá)" in text
    assert "Nhóm có tỉ lệ đạt thấp nhất" not in text


def test_pilot_without_population_leaves_those_sentences_out(bundled):
    pilot = area_figures(bundled, "L-QP")
    text = summary_paragraph(pilot, LowUptake(), _goals(pilot))
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
    fig = area_figures(con, "692")
    text = summary_paragraph(fig, LowUptake(), _goals(fig))
    assert text.startswith("Tính đến ngày 31/3/2025, huyện Lộc Ninh có 17 người được đánh giá, "
                           "trong đó 12 người đạt")
    assert "đăng ký" not in text and "dân số" not in text


def test_change_since_the_previous_period(two_periods):
    now = area_figures(two_periods, "692")
    before = views.previous_figures(two_periods, now)
    text = summary_paragraph(now, LowUptake(), _goals(now), before)
    # registered 28 -> 48, recognised 17 -> 37
    assert "So với kỳ 31/3/2025, số người đăng ký tăng 20, số người đạt tăng 20." in text
    back = summary_paragraph(before, LowUptake(), _goals(before), now)
    assert "So với kỳ 30/6/2025, số người đăng ký giảm 20, số người đạt giảm 20." in back
    same = summary_paragraph(now, LowUptake(), _goals(now), now)
    assert "số người đăng ký không đổi, số người đạt không đổi." in same
