"""AppTest of the data-quality page on the bundled data."""

from streamlit.testing.v1 import AppTest

from tests.shown_tables import figure, tables
from tests.paths import ROOT
from tests.tabs import open_tab

# Lộc Ninh, 30/9/2024: the comparisons each rule makes on the period's three tables, from their
# shape (16 communes and a total row; the scoring table's 8 group cells and Tổng; the population
# table's columns 1–6, of which 2–5 are age bands), and those that fail (the findings listed in
# tests/test_quality_bundled.py).
LOC_NINH_CHECKS = {  # (rule, table): (severity, checks, failed)
    ("total_row_vs_unit_sum", "scoring"): ("error", 8 + 1, 0),
    ("row_total_vs_group_cells", "scoring"): ("error", 16 + 1, 0),
    ("assessed_vs_registered", "scoring"): ("information", 16 + 1, 3),  # 2 communes, total
    ("blank_unit_rows", "scoring"): ("warning", 16, 0),
    ("missing_child_units", "scoring"): ("warning", 16, 0),  # one per commune of the district
    ("total_row_vs_unit_sum", "population"): ("error", 6, 4),  # columns 2, 3, 4, 5 fail
    ("column_number_identity", "population"): ("error", 16 + 1, 6),
    ("printed_pct_vs_recomputed", "population"): ("warning", 16 + 1, 0),
    ("registered_within_population_8_60", "population"): ("error", 16 + 1, 0),
    ("blank_unit_rows", "population"): ("warning", 16, 0),
    ("missing_child_units", "population"): ("warning", 16, 0),
    ("estimated_age_bands", "population"): ("warning", 4, 3),  # columns 2, 3, 4 fail
    ("share_outlier", "population"): ("warning", 16 * 4, 0),
    ("age_band_gap", "population"): ("information", 1, 1),
    ("text_figure_vs_table", "text"): ("warning", 1, 0),  # the one figure in the report's text
}
WEIGHTS = {"error": 3, "warning": 2, "information": 1}  # the score's formula on the page
TABS = ["Các phát hiện", "Theo quy tắc kiểm tra", "Điểm chất lượng theo bảng",
        "Điểm chất lượng theo đơn vị"]


def _failed(severity=None) -> int:
    return sum(failed for sev, _, failed in LOC_NINH_CHECKS.values() if severity in (None, sev))


def _open():
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60).run()
    at.switch_page("pages/chat_luong_du_lieu.py").run()
    assert not at.exception
    return at


def _count(at) -> str:
    return next(m.value for m in at.markdown if m.value.endswith("phát hiện** trong các bảng "
                                                                   "của kỳ này."))


def test_quality_page_lists_the_findings_of_the_period():
    at = _open()
    assert at.title[0].value == "Chất lượng dữ liệu"
    assert _failed() == 17
    assert _count(at).startswith("**17 phát hiện**")  # Lộc Ninh, 30/9/2024
    table = tables(at)[0]
    assert "91.441" in set(table["Số in"]) and "91.443" in set(table["So với"])
    metrics = {m.label: m.value for m in at.metric}
    assert sum(checks for _, checks, _ in LOC_NINH_CHECKS.values()) == 234
    assert metrics["Phép kiểm tra đã làm"] == "234"
    # weights: errors 66 × 3, warnings 150 × 2, information 18 × 1 = 516; failed 10 × 3 + 3 × 2
    # + 4 × 1 = 40; 100 × (516 − 40) / 516 = 92,248…
    weight = sum(WEIGHTS[sev] * checks for sev, checks, _ in LOC_NINH_CHECKS.values())
    failed_weight = sum(WEIGHTS[sev] * n for sev, _, n in LOC_NINH_CHECKS.values())
    assert (weight, failed_weight) == (516, 40)
    assert metrics["Điểm chất lượng dữ liệu"] == "92,2"
    assert (_failed("error"), _failed("warning"), _failed("information")) == (10, 3, 4)
    assert (metrics["Phát hiện mức «Lỗi»"], metrics["Phát hiện mức «Cảnh báo»"],
            metrics["Phát hiện mức «Thông tin»"]) == ("10", "3", "4")


def test_severity_filter_changes_the_count():
    at = _open()
    at.multiselect(key="quality_severity").set_value(["error"]).run()
    assert not at.exception
    assert _count(at).startswith("**10 phát hiện**")  # _failed("error")


def test_pilot_area_shows_the_text_figures_found():
    at = _open()
    at.selectbox(key="w_area").set_value("L-QP").run()
    assert not at.exception
    assert _count(at).startswith("**3 phát hiện**")  # the pilot's three text figures
    assert any("là 14" in m for m in tables(at)[0]["Nội dung"])


def _by_table() -> dict[str, tuple[int, int]]:
    """The checks and findings of LOC_NINH_CHECKS summed by table."""
    sums = {}
    for (_, kind), (_, checks, failed) in LOC_NINH_CHECKS.items():
        done, found = sums.get(kind, (0, 0))
        sums[kind] = (done + checks, found + failed)
    return sums


def test_each_tab_draws_its_own_table_only():
    at = _open()
    assert [t.label for t in at.tabs] == TABS
    assert len(tables(at)) == 2  # the findings and the picked finding's cells
    # one row per rule, its checks and findings over the three tables
    open_tab(at, "quality_tab", TABS[1])
    assert len(tables(at)) == 1
    rules = tables(at)[0]
    assert len(rules) == len({rule for rule, _ in LOC_NINH_CHECKS})
    assert (rules["Phép kiểm tra"].map(figure).sum(), rules["Phát hiện"].map(figure).sum()) == (
        234, _failed())
    # one row per table: the scoring table 75 checks, 3 found; population 158, 14; text 1, 0
    open_tab(at, "quality_tab", TABS[2])
    assert len(tables(at)) == 1
    kinds = tables(at)[0]
    assert sorted(zip(kinds["Phép kiểm tra"].map(figure), kinds["Phát hiện"].map(figure))) == sorted(
        _by_table().values()) == [(1, 0), (75, 3), (158, 14)]
    open_tab(at, "quality_tab", TABS[3])
    assert len(tables(at)[0]) == 16  # the communes


def test_the_severities_chosen_outlive_a_visit_to_another_tab():
    at = _open()
    at.multiselect(key="quality_severity").set_value(["error"]).run()
    assert _count(at).startswith("**10 phát hiện**")
    open_tab(at, "quality_tab", TABS[1])
    assert not at.multiselect  # a closed tab's widgets are not drawn
    open_tab(at, "quality_tab", TABS[0])
    assert at.multiselect(key="quality_severity").value == ["error"]
    assert _count(at).startswith("**10 phát hiện**")
