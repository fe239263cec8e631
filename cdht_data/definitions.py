"""Every metric's definition in one place: numerator, denominator, population, formula, source.

The functions in formulas.py compute them; the dashboard's definitions page reads this table.
"""

from __future__ import annotations

from dataclasses import dataclass

from .formatting import fmt_number


@dataclass(frozen=True)
class Metric:
    key: str
    name: str
    numerator: str
    denominator: str | None
    population: str
    formula: str
    source: str


METRICS: dict[str, Metric] = {m.key: m for m in (
    Metric("registered", "Số người đăng ký", "Số người đăng ký tham gia mô hình", None,
           "Người đăng ký trên phần mềm hoặc trong biểu của đơn vị",
           "Cột «Số người tham gia đăng ký» (biểu dân số) hoặc «Số công dân đăng ký» (biểu thí điểm)",
           "Biểu dân số và đăng ký; biểu thí điểm"),
    Metric("assessed", "Số người đã đánh giá", "Đạt + Chưa đạt, cộng mọi nhóm", None,
           "Người đã tự chấm điểm và được xét",
           "Đã đánh giá = Σ (Đạt + Chưa đạt) của các nhóm; ô trống được cộng như 0 (như dòng tổng của báo cáo)",
           "Biểu chấm điểm"),
    Metric("recognized", "Số người được công nhận (Đạt)", "Số người Đạt, cộng mọi nhóm", None,
           "Người được công nhận danh hiệu Công dân học tập",
           "Đạt = Σ Đạt của các nhóm", "Biểu chấm điểm; biểu thí điểm"),
    Metric("not_recognized", "Số người chưa đạt", "Số người Chưa đạt, cộng mọi nhóm", None,
           "Người đã đánh giá nhưng chưa được công nhận",
           "Chưa đạt = Σ Chưa đạt của các nhóm (biểu thí điểm: đăng ký − công nhận, vì mọi người "
           "đăng ký đều được đánh giá)", "Biểu chấm điểm; biểu thí điểm"),
    Metric("recognition_pct", "Tỉ lệ công nhận trên số đã đánh giá", "Số người Đạt",
           "Số người đã đánh giá (Đạt + Chưa đạt)", "Người đã đánh giá",
           "Tỉ lệ công nhận (đánh giá) = Đạt ÷ (Đạt + Chưa đạt) × 100", "Biểu chấm điểm"),
    Metric("recognition_of_registered_pct", "Tỉ lệ công nhận trên số đăng ký", "Số người Đạt",
           "Số người đăng ký", "Người đăng ký",
           "Tỉ lệ công nhận (đăng ký) = Đạt ÷ Đăng ký × 100 (cách tính của báo cáo thí điểm Quảng Phú)",
           "Biểu thí điểm; biểu chấm điểm với biểu đăng ký cùng kỳ"),
    Metric("participation_pct", "Tỉ lệ tham gia", "Số người đăng ký",
           "Số người từ 8 đến 60 tuổi", "Dân số 8–60 tuổi của địa bàn",
           "Tỉ lệ tham gia = Đăng ký ÷ Dân số 8–60 tuổi × 100 (cột 7 = 6/3 × 100 của báo cáo Lộc Ninh). "
           "Lưu ý: nhóm tuổi «dưới 7» và «8–60» bỏ sót người 7 tuổi.",
           "Biểu dân số và đăng ký"),
    Metric("band_share_pct", "Tỉ lệ theo mức điểm", "Số người trong mức điểm",
           "Số người được công nhận (cộng các mức)", "Người được công nhận",
           "Tỉ lệ mức = Số người của mức ÷ Σ các mức × 100; mức 70–79, 80–89, 90–100; "
           "dưới điểm đạt là «Chưa đạt»", "Biểu thí điểm; bản ghi cá nhân"),
    Metric("gap_to_target", "Số người còn thiếu so với chỉ tiêu", "Chỉ tiêu % × cơ sở tính",
           None, "Dân số 8–60 tuổi; với chỉ tiêu của một nhóm: số người của nhóm đó",
           "Còn thiếu = max(0, ⌈Chỉ tiêu % ÷ 100 × Dân số 8–60⌉ − Số người đã đạt); chỉ tiêu của "
           "một nhóm: ⌈Chỉ tiêu % ÷ 100 × Số người của nhóm⌉ − Số người Đạt của nhóm",
           "Biểu dân số và đăng ký; biểu chấm điểm; bảng số người theo nhóm"),
)}


METRICS["recognized_of_population_pct"] = Metric(
    "recognized_of_population_pct", "Tỉ lệ đạt so với dân số 8–60 tuổi", "Số người Đạt",
    "Số người từ 8 đến 60 tuổi", "Dân số 8–60 tuổi của địa bàn",
    "Tỉ lệ đạt/dân số = Đạt ÷ Dân số 8–60 tuổi × 100; so với các chỉ tiêu của tệp "
    "data/reference/targets.toml (40% năm 2025 và 60% năm 2030 theo Quyết định 677/QĐ-TTg, tính "
    "trên dân số 8–60 tuổi, tức «số người có khả năng tham gia» của báo cáo) để biết tiến độ. "
    "Chỉ tiêu của một nhóm chỉ so với số người của chính nhóm đó, không so với toàn bộ dân số",
    "Biểu chấm điểm; biểu dân số và đăng ký")

# The outreach plan's figures (plan.py, target_distance.py; formulas.py computes them).
for _metric in (
    Metric("assessment_pct", "Tỉ lệ đánh giá", "Số người đã đánh giá", "Số người đăng ký",
           "Người đăng ký",
           "Tỉ lệ đánh giá = Đã đánh giá ÷ Đăng ký × 100 (quá 100% thì coi là 100%: không ai được "
           "đánh giá mà chưa đăng ký)", "Biểu chấm điểm; biểu dân số và đăng ký"),
    Metric("people_to_assess", "Số người cần đánh giá", "Số người còn thiếu so với chỉ tiêu",
           "Tỉ lệ Đạt (Đạt ÷ đã đánh giá) của đơn vị", "Người đã đánh giá",
           "Cần đánh giá = ⌈Còn thiếu × Đã đánh giá ÷ Đạt⌉; không tính được khi đơn vị chưa có "
           "ai Đạt", "Biểu chấm điểm"),
    Metric("people_to_register", "Số người cần đăng ký", "Số người cần đánh giá",
           "Tỉ lệ đánh giá (đã đánh giá ÷ đăng ký) của đơn vị", "Người đăng ký",
           "Cần đăng ký = ⌈Cần đánh giá × Đăng ký ÷ Đã đánh giá⌉; không tính được khi đơn vị "
           "chưa có ai được đánh giá", "Biểu chấm điểm; biểu dân số và đăng ký"),
    Metric("months_left", "Số tháng còn lại", "Từ ngày của kỳ đến 31/12 năm của chỉ tiêu", None,
           "—",
           "Số tháng = số tháng trọn giữa hai ngày, mỗi ngày tính bằng phần tháng đã qua "
           "(30/9/2024 → 31/12/2025 là 15 tháng)", "Ngày của kỳ; tệp chỉ tiêu"),
    Metric("needed_per_month", "Số người cần công nhận mỗi tháng", "Số người còn thiếu",
           "Số tháng còn lại", "—",
           "Cần mỗi tháng = Còn thiếu ÷ Số tháng còn lại; không tính khi đã đến hạn",
           "Biểu chấm điểm; biểu dân số và đăng ký; tệp chỉ tiêu"),
    Metric("seen_per_month", "Tốc độ đã đạt (người/tháng)",
           "Số người Đạt kỳ này − Số người Đạt kỳ trước", "Số tháng giữa hai kỳ",
           "Người được công nhận",
           "Tốc độ = (Đạt kỳ này − Đạt kỳ trước) ÷ số tháng giữa hai ngày của hai biểu chấm "
           "điểm, cùng cách chia đơn vị hành chính (xã mới so với tổng các xã cũ hợp thành)",
           "Hai biểu chấm điểm liền nhau"),
):
    METRICS[_metric.key] = _metric

# A rate worked out from fewer people than this is shown with a mark (FEW_MARK): with 5
# assessed, one person moves the rate by 20 points, so "100%" in Nông dân of a small unit says
# little. Ten is where one person moves it by at most 10 points.
FEW_ASSESSED = 10
FEW_MARK = "*"


@dataclass(frozen=True)
class LowUptake:
    """When a unit's participation counts as low: below a threshold, or in the bottom quartile.

    A setting, not a constant: leaders choose where outreach should start.
    """
    threshold_pct: float = 1.0
    bottom_quartile: bool = True

    def describe(self) -> str:
        text = f"tỉ lệ tham gia dưới {fmt_number(self.threshold_pct)}% dân số 8–60 tuổi"
        if self.bottom_quartile:
            text += " hoặc thuộc 1/4 số đơn vị có tỉ lệ thấp nhất"
        return text


LOW_UPTAKE_MARK = "▼"
