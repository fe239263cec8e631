"""`plan`: the outreach plan on the command line, as JSON with the issue's keys and as
Vietnamese text; refusals exit 2 in Vietnamese."""

import json

from tests.cli import run, run_here
from tests.tables import group_sizes as group_sizes_table

TARGET_KEYS = {"target_id", "group", "year", "pct", "base", "base_count", "recognized",
               "people_to_recognize", "needed_per_month", "seen_per_month"}


def test_plan_json_keys_and_loc_hoa(bundled_db):
    result = run_here("plan", "--db", bundled_db, "--as-of", "2024-09-30", "--area", "692",
                      "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["as_of"] == "2024-09-30"
    assert {"code", "name", "targets"} <= set(doc["area"])
    assert (doc["area"]["code"], doc["area"]["name"]) == ("692", "Lộc Ninh")
    assert all(TARGET_KEYS <= set(t) for t in doc["area"]["targets"])
    assert all({"code", "name", "priority", "targets"} <= set(u) for u in doc["units"])
    assert [u["priority"] for u in doc["units"]] == list(range(1, 17))
    hoa = next(u for u in doc["units"] if u["name"] == "Lộc Hòa")
    near = next(t for t in hoa["targets"] if t["target_id"] == "677-2025")
    # 40% of 4.175 = 1.670 − 5 recognised = 1.665, over the 15 months to 31/12/2025
    assert {k: near[k] for k in TARGET_KEYS} == {
        "target_id": "677-2025", "group": None, "year": 2025, "pct": 40.0,
        "base": "dan_so_8_60", "base_count": 4175, "recognized": 5,
        "people_to_recognize": 1665, "needed_per_month": 111.0, "seen_per_month": None}
    far = next(t for t in hoa["targets"] if t["target_id"] == "677-2030")
    assert (far["people_to_recognize"], far["needed_per_month"]) == (2500, 33.33)  # 2.500 ÷ 75


def test_plan_another_base_and_the_2025_units(bundled_db, store_2025):
    doc = json.loads(run_here("plan", "--db", bundled_db, "--base",
                              "dan_so_8_60_tru_khong_kha_nang", "--json").stdout)
    hoa = next(u for u in doc["units"] if u["name"] == "Lộc Hòa")
    # 4.175 − 8 = 4.167; 40% = 1.666,8 → 1.667 − 5 = 1.662
    assert (hoa["targets"][0]["base_count"], hoa["targets"][0]["people_to_recognize"]) == (
        4167, 1662)
    doc = json.loads(run_here("plan", "--db", store_2025, "--json").stdout)
    assert doc["as_of"] == "2025-12-31" and len(doc["units"]) == 7
    thanh = next(u for u in doc["units"] if u["name"] == "Lộc Thạnh")
    # SYNTHETIC: 79 recognised now, 34 (Lộc Hòa 5 + Lộc Thạnh 29) on 30/9/2024: 45 ÷ 15
    assert thanh["targets"][0]["seen_per_month"] == 3.0


def test_plan_text_is_vietnamese(bundled_db):
    result = run_here("plan", "--db", bundled_db, "--area", "Huyện Lộc Ninh")
    assert result.returncode == 0, result.stderr
    assert "Kế hoạch vận động: huyện Lộc Ninh, kỳ 30/9/2024" in result.stdout
    assert "1. Lộc Hòa (mã 25273)" in result.stdout
    assert "còn thiếu 1.665 người" in result.stdout
    assert "Chưa có bảng số người của từng nhóm" in result.stdout


def test_plan_refusals_exit_2_in_vietnamese(bundled_db):
    result = run("plan", "--db", str(bundled_db), "--area", "Hà Nội", "--json")
    assert result.returncode == 2 and "không có địa bàn «Hà Nội»" in result.stderr
    assert "Traceback" not in result.stderr
    result = run_here("plan", "--db", bundled_db, "--base", "nhom", "--json")
    assert result.returncode == 2 and "không có lựa chọn" in result.stderr


def test_plan_measures_groups_on_an_imported_table_of_group_sizes(store_copy, write_csv):
    """`plan` reads the store's group sizes itself (plan.for_area): with a SYNTHETIC table of
    Lộc Hòa's groups, its officials and workers get their own targets; without, none."""
    before = json.loads(run_here("plan", "--db", store_copy, "--area", "692", "--json").stdout)
    assert all(t["group"] is None for u in before["units"] for t in u["targets"])
    assert before["group_sizes_known"] is False
    # SYNTHETIC: Lộc Hòa has 50 workers (Nhóm II) and 20 officials (Nhóm III)
    path = write_csv("synthetic_nhom.csv", group_sizes_table(
        [["1", "Lộc Hòa", "", "50", "20", "", ""]]))
    done = run_here("import", path, "--kind", "group-sizes", "--db", store_copy)
    assert done.returncode == 0, done.stderr
    result = run_here("plan", "--db", store_copy, "--area", "692", "--as-of", "2024-09-30",
                      "--json")
    assert result.returncode == 0, result.stderr
    doc = json.loads(result.stdout)
    assert doc["group_sizes_known"] is True
    hoa = next(u for u in doc["units"] if u["name"] == "Lộc Hòa")
    by_id = {t["target_id"]: t for t in hoa["targets"] if t["group"] is not None}
    # Nhóm III: 4 Đạt of 20; 60% × 20 = 12 − 4 = 8 people, over the 15 months to 31/12/2025:
    # 8 ÷ 15 = 0,533… → 0,53; 80% × 20 = 16 − 4 = 12 by 2030
    assert {k: by_id["677-cbccvc-2025"][k] for k in TARGET_KEYS} == {
        "target_id": "677-cbccvc-2025", "group": 3, "year": 2025, "pct": 60.0, "base": "nhom",
        "base_count": 20, "recognized": 4, "people_to_recognize": 8, "needed_per_month": 0.53,
        "seen_per_month": None}
    assert by_id["677-cbccvc-2030"]["people_to_recognize"] == 12
    assert by_id["387-cbccvc-2025"]["people_to_recognize"] == 8
    # Nhóm II: 0 Đạt of 50; 40% × 50 = 20 people
    assert (by_id["387-cong-nhan-2025"]["group"],
            by_id["387-cong-nhan-2025"]["people_to_recognize"]) == (2, 20)
    # a group is never measured on the whole population: no other unit has sizes
    others = [t for u in doc["units"] if u["name"] != "Lộc Hòa" for t in u["targets"]]
    assert all(t["group"] is None for t in others)
    assert all(t["group"] is None for t in doc["area"]["targets"])  # the district's sum unknown
    text = run_here("plan", "--db", store_copy, "--area", "692")
    assert "Chưa có bảng số người của từng nhóm" not in text.stdout
