"""The validation rules, each with its formula written DHIS2-style: left side, operator, right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import (bounds, coverage, cross_table, group_sizes, plausibility,
               printed_arithmetic as printed, recorded_results, structures, text_figures)
from .findings import CellRef, Finding, Hit, metric_of, with_rates
from .sheet import Sheet


@dataclass(frozen=True)
class Check:
    """One comparison a rule made, passed or not: what the quality score counts."""
    dataset_id: int
    rule: str
    unit_key: str | None  # None: the totals row or the whole table
    severity: str
    passed: bool


@dataclass(frozen=True)
class Rule:
    name: str
    description: str
    formula: str
    severity: str
    why: str
    reads: tuple[str, ...]
    kinds: tuple[str, ...]
    check: Callable[..., list[Hit]]

    def evaluate(self, con, sheet: Sheet) -> tuple[list[Finding], list[Check]]:
        """The findings of one table, and every check made on it (passed ones too)."""
        if sheet.kind not in self.kinds:
            return [], []
        hits = self.check(con, sheet)
        checks = [Check(sheet.dataset_id, self.name, _row(hit).get("unit_key"),
                        hit.severity or self.severity, hit.passed) for hit in hits]
        return [self._finding(sheet, hit) for hit in hits if not hit.passed], checks

    def _finding(self, sheet: Sheet, hit: Hit) -> Finding:
        row = _row(hit)
        refs = [c for c in hit.cells if isinstance(c, CellRef)]
        metrics = hit.metrics if hit.metrics is not None else [
            metric_of(r.column_key) for r in refs if r.kind != "text"]
        return Finding(self.name, hit.severity or self.severity, row.get("unit_name"),
                       row.get("unit_code"), hit.expected, hit.actual, hit.message,
                       sheet.dataset_id, sheet.as_of, sheet.area_key,
                       [c.text if isinstance(c, CellRef) else c for c in hit.cells],
                       row.get("unit_key"), hit.expected_label, with_rates(metrics), None, refs)


def _row(hit: Hit) -> dict:
    return hit.row if isinstance(hit.row, dict) else vars(hit.row) if hit.row else {}


ALL = ("scoring", "population", "pilot", "group-sizes")
RULES: tuple[Rule, ...] = (
    Rule("total_row_vs_unit_sum", "Dòng tổng in sẵn bằng tổng các dòng đơn vị",
         "Σ các dòng đơn vị (từng cột) = dòng tổng in sẵn (cùng cột)", "error",
         "Dòng tổng in sai làm sai mọi con số cấp huyện chép từ nó.",
         ("printed_values", "group_counts", "population_counts", "unit_counts", "band_counts"),
         ALL, printed.total_row_vs_unit_sum),
    Rule("row_total_vs_group_cells", "Cột «Tổng» của mỗi dòng bằng tổng các ô nhóm của dòng đó",
         "Σ (Đạt + Chưa đạt) các nhóm của dòng = cột «Tổng» in sẵn của dòng", "error",
         "Cột «Tổng» là số người đã đánh giá mà báo cáo trích dẫn.",
         ("printed_values", "group_counts"), ("scoring",), printed.row_total_vs_group_cells),
    Rule("column_number_identity", "Phép cộng ghi ở số cột (ví dụ 1=2+3+4+5) đúng trên mọi dòng",
         "cột 1 = cột 2 + cột 3 + cột 4 + cột 5 (theo số cột in sẵn)", "error",
         "Bảng tự ghi phép cộng này; dòng nào cộng không đúng thì có một ô chép sai.",
         ("dataset_columns", "population_counts", "printed_values"), ALL,
         printed.column_number_identity),
    Rule("printed_pct_vs_recomputed", "Tỉ lệ in sẵn bằng tỉ lệ tính lại từ tử số và mẫu số của nó",
         "tỉ lệ in sẵn = làm tròn(tử số ÷ mẫu số × 100, đến số chữ số thập phân đã in)", "warning",
         "Tỉ lệ in sai thường do tính trên số cũ hoặc làm tròn sai.",
         ("dataset_columns", "printed_values", "population_counts", "unit_counts", "group_counts"),
         ALL, printed.printed_pct_vs_recomputed),
    Rule("assessed_vs_registered", "Số đã đánh giá (bảng chấm điểm) bằng số đăng ký (bảng dân số) "
         "cùng kỳ, cùng địa bàn", "Σ (Đạt + Chưa đạt) của xã = số người đăng ký của xã "
         "(và không được lớn hơn)", "information",
         "Người được đánh giá phải là người đã đăng ký: nhiều hơn là sai (cảnh báo); ít hơn là "
         "hai nguồn chưa khớp hoặc còn người chưa đánh giá (thông tin).",
         ("group_counts", "population_counts"), ("scoring",), cross_table.assessed_vs_registered),
    Rule("recognized_within_registered", "Số được công nhận không lớn hơn số đăng ký",
         "số được công nhận ≤ số đăng ký (của đơn vị và của từng nhóm)", "error",
         "Không ai được công nhận mà không đăng ký.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.recognized_within_registered),
    Rule("registered_within_population_8_60", "Số đăng ký không lớn hơn dân số 8–60 tuổi",
         "số người đăng ký ≤ số người từ 8 đến 60 tuổi", "error",
         "Tỉ lệ tham gia trên 100% cho thấy số đăng ký hoặc dân số 8–60 tuổi bị sai.",
         ("population_counts", "printed_values"), ("population",),
         bounds.registered_within_population_8_60),
    Rule("group_registered_sum_vs_unit", "Cộng số đăng ký của các nhóm bằng số đăng ký của đơn vị",
         "Σ số đăng ký các nhóm = số đăng ký của đơn vị", "error",
         "Mỗi người đăng ký thuộc đúng một nhóm.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.group_registered_sum_vs_unit),
    Rule("group_recognized_sum_vs_unit", "Cộng số được công nhận của các nhóm bằng số được công "
         "nhận của đơn vị", "Σ số được công nhận các nhóm = số được công nhận của đơn vị", "error",
         "Mỗi người được công nhận thuộc đúng một nhóm.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.group_recognized_sum_vs_unit),
    Rule("bands_sum_vs_recognized", "Cộng các mức điểm đạt bằng số được công nhận",
         "Σ người ở các mức 70–79, 80–89, 90–100 = số được công nhận", "error",
         "Mỗi người được công nhận có đúng một mức điểm.",
         ("band_counts", "unit_counts", "printed_values"), ("pilot",),
         bounds.bands_sum_vs_recognized),
    Rule("party_members_within_registered", "Số Đảng viên không lớn hơn số đăng ký",
         "số Đảng viên ≤ số đăng ký", "warning",
         "Bảng đếm Đảng viên trong số người tham gia, nên không thể nhiều hơn số đăng ký.",
         ("unit_counts", "printed_values"), ("pilot",), bounds.party_members_within_registered),
    Rule("missing_child_units", "Bảng có dòng cho mọi đơn vị trực thuộc địa bàn",
         "tập đơn vị trong bảng ⊇ tập đơn vị trực thuộc địa bàn", "warning",
         "Tổng của địa bàn thiếu đơn vị sẽ thấp hơn thực tế.",
         ("units", "unit_ancestry", "datasets"), ALL, coverage.missing_child_units),
    Rule("blank_unit_rows", "Mỗi dòng đơn vị có ít nhất một ô số",
         "số ô có số của dòng > 0", "warning",
         "Dòng trống không cho biết là 0 hay chưa báo cáo.",
         ("group_counts", "population_counts", "unit_counts", "band_counts"), ALL,
         coverage.blank_unit_rows),
    Rule("estimated_age_bands", "Số theo nhóm tuổi là số đếm, không phải ước tính theo một tỉ lệ "
         "chung", "hệ số biến thiên của (nhóm tuổi ÷ tổng nhân khẩu) giữa các xã ≥ 1%", "warning",
         "Mẫu số ước tính theo một tỉ lệ chung làm tỉ lệ tham gia của từng xã kém tin cậy.",
         ("population_counts",), ("population",), plausibility.estimated_age_bands),
    Rule("share_outlier", "Tỉ lệ mỗi nhóm tuổi trong tổng nhân khẩu của một xã không khác xa "
         "các xã khác", "|nhóm tuổi ÷ tổng nhân khẩu của xã − trung vị của các xã khác| ≤ "
         "4 × độ lệch tuyệt đối trung vị của các xã khác, hoặc ≤ 5 điểm phần trăm", "warning",
         "Cơ cấu tuổi của các xã trong một huyện chỉ chênh nhau vài điểm phần trăm; một xã lệch "
         "xa thường là số chép nhầm cột hoặc sai chữ số, làm sai mẫu số của tỉ lệ tham gia. "
         "Không so tỉ lệ tham gia hay công nhận: đó là kết quả của phong trào, không phải lỗi "
         "số liệu.", ("population_counts",), ("population",), plausibility.share_outlier),
    Rule("change_from_previous_period", "Số cộng dồn của một đơn vị không giảm so với kỳ trước "
         "cùng năm, và không tăng đột biến so với năm trước",
         "cùng năm: số kỳ này ≥ số kỳ trước (số đăng ký; Đạt; Đạt + Chưa đạt); khác năm: số kỳ "
         "này ≤ 10 × số kỳ trước, hoặc tăng dưới 100 người", "warning",
         "Trong một năm đánh giá (1/1–31/12) số liệu báo cáo là số cộng dồn nên không thể giảm "
         "(cảnh báo); sang năm mới số có thể làm lại từ đầu, nhưng tăng hơn 10 lần thường là "
         "chép nhầm hoặc đổi cách đếm (thông tin).",
         ("datasets", "population_counts", "group_counts", "unit_counts"),
         ("population", "scoring", "pilot"), plausibility.change_from_previous_period),
    Rule("age_band_gap", "Các nhóm tuổi của bảng không bỏ sót độ tuổi nào",
         "tuổi cuối của nhóm trước + 1 = tuổi đầu của nhóm sau («dưới 7», «từ 8»)", "information",
         "Người 7 tuổi không được tính vào mẫu số 8–60 tuổi cũng không vào nhóm nào khác.",
         ("dataset_columns",), ("population",), plausibility.age_band_gap),
    Rule("group_sizes_vs_row_total", "Cột «Tổng» của biểu số người theo nhóm bằng tổng các "
         "nhóm của dòng đó", "Σ số người các nhóm của dòng = cột «Tổng» in sẵn của dòng", "error",
         "Mỗi người thuộc đúng một nhóm đối tượng; «Tổng» khác tổng các nhóm nghĩa là một ô "
         "chép sai, và số người của nhóm là mẫu số của chỉ tiêu riêng của nhóm đó.",
         ("group_sizes", "printed_values"), ("group-sizes",), group_sizes.sizes_vs_row_total),
    Rule("group_size_within_population_8_60", "Số người của một nhóm không lớn hơn dân số 8–60 "
         "tuổi của đơn vị", "số người của nhóm ≤ số người từ 8 đến 60 tuổi của đơn vị (bảng dân "
         "số gần nhất đến ngày của biểu)", "warning",
         "Một nhóm là một phần người dân của đơn vị: lớn hơn cả dân số 8–60 tuổi thường là số "
         "chép nhầm đơn vị hay nhầm cột. Chỉ là cảnh báo: học sinh dưới 8 tuổi và cán bộ, công "
         "nhân sống ở xã khác cũng có thể được đếm vào nhóm.",
         ("group_sizes", "population_counts", "datasets"), ("group-sizes",),
         group_sizes.size_within_population_8_60),
    Rule("text_figure_vs_table", "Số nêu trong lời văn báo cáo bằng số của bảng trong cùng báo cáo",
         "số trong lời văn (cộng các phần nếu lời văn chia nhỏ) = số của bảng cùng kỳ, cùng đơn vị, "
         "cùng chỉ tiêu và nhóm (tỉ lệ: so ở số chữ số thập phân ít hơn)", "warning",
         "Người đọc thường trích lời văn; lời văn lệch bảng nghĩa là một trong hai chỗ chép sai "
         "và không biết chỗ nào đúng.",
         ("text_figures", "printed_values", "group_counts", "unit_counts", "population_counts"),
         ("text",), text_figures.text_figure_vs_table),
    Rule("recorded_result_vs_ruleset", "Kết quả «Đạt» ghi trong bảng từng người đúng với bộ tiêu "
         "chí của kỳ và địa bàn",
         "Kết quả «Đạt» ⇒ tổng điểm ≥ điểm đạt và mọi chỉ số ≥ điểm sàn (bộ tiêu chí của kỳ, "
         "điểm đạt riêng của địa bàn nếu có); «Chưa đạt» dù đủ điểm: thông tin", "error",
         "Số và tỉ lệ Đạt đếm kết quả như đã ghi; một «Đạt» mà điểm không đủ làm các số này cao "
         "hơn bộ tiêu chí cho phép. «Chưa đạt» dù đủ điểm có thể là quyết định của hội đồng, nên "
         "chỉ là thông tin.",
         ("assessment_records", "dataset_columns", "rulesets", "ruleset_overrides", "units"),
         ("records",), recorded_results.recorded_result_vs_ruleset),
    Rule("same_ground_two_structures", "Một kỳ không có hai bảng cho cùng một địa bàn, một bảng "
         "theo đơn vị hành chính trước 1/7/2025 và một bảng theo đơn vị từ 1/7/2025",
         "cùng kỳ: không đơn vị cũ nào của bảng theo đơn vị cũ đã sáp nhập vào một đơn vị của "
         "bảng theo đơn vị mới (danh mục sáp nhập 2025)", "warning",
         "Hai bảng như vậy đếm cùng người dân hai lần: số của chúng không cộng chung hay so "
         "với nhau được, và người đọc không biết bảng nào là số liệu của kỳ. Bảng theo đơn vị "
         "cũ của một kỳ từ 1/7/2025 chỉ nhập được khi người nhập chọn --structure pre2025.",
         ("datasets", "units", "unit_merges", "unit_ancestry", "group_counts",
          "population_counts", "unit_counts", "band_counts"),
         ("scoring", "population", "pilot", "records"),
         structures.same_ground_two_structures),
)
