"""The validation rules, each with its formula written DHIS2-style: left side, operator, right."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Callable

from . import bounds, coverage, cross_table, plausibility, printed_arithmetic as printed
from .findings import Finding, Hit
from .sheet import Sheet


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

    def run(self, con, sheet: Sheet) -> list[Finding]:
        if sheet.kind not in self.kinds:
            return []
        return [self._finding(sheet, hit) for hit in self.check(con, sheet)]

    def _finding(self, sheet: Sheet, hit: Hit) -> Finding:
        row = hit.row if isinstance(hit.row, dict) else vars(hit.row) if hit.row else {}
        return Finding(self.name, hit.severity or self.severity, row.get("unit_name"),
                       row.get("unit_code"), hit.expected, hit.actual, hit.message,
                       sheet.dataset_id, sheet.as_of, sheet.area_key, hit.cells)


ALL = ("scoring", "population", "pilot")
RULES: tuple[Rule, ...] = (
    Rule("total_row_vs_unit_sum", "Dòng tổng in sẵn khớp với tổng các dòng đơn vị",
         "Σ dòng đơn vị (mỗi cột) = dòng tổng in sẵn (cùng cột)", "error",
         "Dòng tổng in sai làm sai mọi con số cấp huyện lấy từ nó.",
         ("printed_values", "group_counts", "population_counts", "unit_counts", "band_counts"),
         ALL, printed.total_row_vs_unit_sum),
    Rule("row_total_vs_group_cells", "Cột «Tổng» của mỗi dòng khớp với các ô nhóm của dòng đó",
         "Σ (Đạt + Chưa đạt) các nhóm của dòng = cột Tổng in sẵn của dòng", "error",
         "Cột Tổng là số người đã đánh giá mà báo cáo trích dẫn.",
         ("printed_values", "group_counts"), ("scoring",), printed.row_total_vs_group_cells),
    Rule("column_number_identity", "Đẳng thức ghi ở số cột (ví dụ 1=2+3+4+5) đúng trên mọi dòng",
         "cột 1 = cột 2 + cột 3 + cột 4 + cột 5 (theo số cột in sẵn)", "error",
         "Bảng tự khai phép cộng này; dòng nào không cộng đúng thì có một ô chép sai.",
         ("dataset_columns", "population_counts", "printed_values"), ALL,
         printed.column_number_identity),
    Rule("printed_pct_vs_recomputed", "Tỉ lệ in sẵn khớp với tử số và mẫu số của chính nó",
         "tỉ lệ in sẵn = làm tròn(tử ÷ mẫu × 100, số chữ số thập phân in)", "warning",
         "Tỉ lệ in sai thường do tính trên số cũ hoặc làm tròn sai.",
         ("dataset_columns", "printed_values", "population_counts", "unit_counts", "group_counts"),
         ALL, printed.printed_pct_vs_recomputed),
    Rule("assessed_vs_registered", "Số đã đánh giá (bảng chấm điểm) so với số đăng ký (bảng dân số) "
         "cùng kỳ, cùng địa bàn", "Σ (Đạt + Chưa đạt) của xã ≤ và = số người đăng ký của xã",
         "information", "Người được đánh giá phải là người đã đăng ký: nhiều hơn là sai "
         "(cảnh báo), khác đi là hai nguồn chưa khớp (thông tin).",
         ("group_counts", "population_counts"), ("scoring",), cross_table.assessed_vs_registered),
    Rule("recognized_within_registered", "Số được công nhận không vượt số đăng ký",
         "số được công nhận ≤ số đăng ký (đơn vị và từng nhóm)", "error",
         "Không ai được công nhận mà không đăng ký.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.recognized_within_registered),
    Rule("registered_within_population_8_60", "Số đăng ký không vượt dân số 8–60 tuổi",
         "số người đăng ký ≤ số người 8–60 tuổi", "error",
         "Tỉ lệ tham gia trên 100% là vô nghĩa.",
         ("population_counts", "printed_values"), ("population",),
         bounds.registered_within_population_8_60),
    Rule("group_registered_sum_vs_unit", "Cộng số đăng ký các nhóm bằng số đăng ký của đơn vị",
         "Σ số đăng ký các nhóm = số đăng ký của đơn vị", "error",
         "Mỗi người đăng ký thuộc đúng một nhóm.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.group_registered_sum_vs_unit),
    Rule("group_recognized_sum_vs_unit", "Cộng số được công nhận các nhóm bằng số được công nhận "
         "của đơn vị", "Σ số được công nhận các nhóm = số được công nhận của đơn vị", "error",
         "Mỗi người được công nhận thuộc đúng một nhóm.",
         ("unit_counts", "group_counts", "printed_values"), ("pilot",),
         bounds.group_recognized_sum_vs_unit),
    Rule("bands_sum_vs_recognized", "Cộng các mức điểm đạt bằng số được công nhận",
         "Σ người ở mức 70–79, 80–89, 90–100 = số được công nhận", "error",
         "Mỗi người được công nhận có đúng một mức điểm.",
         ("band_counts", "unit_counts", "printed_values"), ("pilot",),
         bounds.bands_sum_vs_recognized),
    Rule("party_members_within_registered", "Số Đảng viên không vượt số đăng ký",
         "số Đảng viên ≤ số đăng ký", "warning",
         "Bảng đếm Đảng viên trong số người tham gia.",
         ("unit_counts", "printed_values"), ("pilot",), bounds.party_members_within_registered),
    Rule("missing_child_units", "Đơn vị trực thuộc địa bàn không có trong bảng",
         "tập đơn vị trong bảng ⊇ tập đơn vị trực thuộc địa bàn", "warning",
         "Tổng của địa bàn thiếu đơn vị sẽ thấp hơn thực tế.",
         ("units", "unit_ancestry", "datasets"), ALL, coverage.missing_child_units),
    Rule("blank_unit_rows", "Dòng đơn vị có mọi ô số trống",
         "số ô có số của dòng > 0", "warning",
         "Dòng trống không cho biết là 0 hay chưa báo cáo.",
         ("group_counts", "population_counts", "unit_counts", "band_counts"), ALL,
         coverage.blank_unit_rows),
    Rule("estimated_age_bands", "Cơ cấu tuổi giống hệt nhau ở mọi xã (số ước tính)",
         "hệ số biến thiên của (nhóm tuổi ÷ tổng nhân khẩu) giữa các xã ≥ 1%", "warning",
         "Mẫu số ước tính theo một tỉ lệ chung làm tỉ lệ tham gia từng xã kém tin cậy.",
         ("population_counts",), ("population",), plausibility.estimated_age_bands),
    Rule("age_band_gap", "Các nhóm tuổi «dưới 7» và «8–60» bỏ sót người 7 tuổi",
         "nhóm tuổi liền nhau: «dưới 7» + «từ 8» = mọi tuổi", "information",
         "Người 7 tuổi không được tính vào mẫu số 8–60 cũng không vào nhóm nào khác.",
         ("dataset_columns",), ("population",), plausibility.age_band_gap),
)
