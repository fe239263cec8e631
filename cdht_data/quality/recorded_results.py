"""The result a records file states («Kết quả») against the rule set of its period and area.

A recorded «Đạt» is kept as written and counted, but one the rule set contradicts (total below
the pass mark, an indicator below the floor) is an error: it lifts the recognition figures above
what the rule set allows. A «Chưa đạt» with a passing score is information only: a council may
withhold recognition. A file without «Kết quả» has nothing to check (the rule set decided).
One grouped query per dataset, whatever its number of records.
"""

from __future__ import annotations

from ..records import INDICATORS, shortfalls
from ..reference import ruleset_for
from .findings import Hit, vn_number
from .sheet import Sheet

UNITS_NAMED = 10  # units a whole-table finding names; beyond that it counts them


def _query(ruleset: dict) -> str:
    """Per unit and group: the recorded «Đạt» and «Chưa đạt», and those the rule set
    contradicts, in one pass over the dataset's records (10M at national scale)."""
    tests = shortfalls(ruleset)
    below_pass, below_floor = tests["below_pass_mark"], tests.get("below_floor", "false")
    # a file with «Kết quả» but no indicator columns holds NULL indicators: no floor to check
    below_floor = f"coalesce({below_floor}, false)"
    return f"""
        WITH counts AS (
            SELECT unit_key, group_no,
                   count_if(is_recognized) AS recognized,
                   count_if(is_recognized AND ({below_pass} OR {below_floor})) AS contradicted,
                   count_if(is_recognized AND {below_pass}) AS below_pass_mark,
                   count_if(is_recognized AND {below_floor}) AS below_floor,
                   count_if(NOT is_recognized) AS not_recognized,
                   count_if(NOT is_recognized AND NOT ({below_pass} OR {below_floor})) AS withheld
            FROM assessment_records
            WHERE dataset_id = $dataset_id
            GROUP BY ALL)
        SELECT c.*, u.name, u.code
        FROM counts c JOIN units u USING (unit_key)
        ORDER BY u.sort_order, c.unit_key, c.group_no"""


COUNTS = ("recognized", "contradicted", "below_pass_mark", "below_floor", "not_recognized",
          "withheld")


def _per_unit(rows) -> dict[str, dict]:
    """The query's rows (unit × group) summed per unit, with the groups holding contradictions."""
    units: dict[str, dict] = {}
    for unit_key, group_no, *counts, name, code in rows:
        unit = units.setdefault(unit_key, {
            "row": {"unit_key": unit_key, "unit_name": name, "unit_code": code},
            **dict.fromkeys(COUNTS, 0), "groups": []})
        for key, count in zip(COUNTS, counts):
            unit[key] += count
        if counts[COUNTS.index("contradicted")]:
            unit["groups"].append(group_no)
    return units


def _metrics(groups) -> tuple[str, ...]:
    """The figures a recorded «Đạt» the rule set refuses makes wrong; rates follow (with_rates)."""
    return ("recognized_count", "not_recognized_count",
            *(f"g{g}_{part}_count" for g in sorted(set(groups))
              for part in ("recognized", "not_recognized")))


def _people(n: int) -> str:
    return f"{vn_number(n)} người"


def _why(count: dict, ruleset: dict) -> str:
    """Which conditions of the rule set the recorded «Đạt» miss, and by how many people."""
    source = ruleset.get("pass_mark_source")
    own = f" của địa bàn ({source})" if source != ruleset.get("name") else ""
    parts = []
    if count["below_pass_mark"]:
        parts.append(f"{_people(count['below_pass_mark'])} có tổng điểm dưới điểm đạt "
                     f"{ruleset['pass_mark']}{own}")
    if count["below_floor"]:
        parts.append(f"{_people(count['below_floor'])} có chỉ số dưới điểm sàn "
                     f"{ruleset['indicator_floor']}")
    return ", ".join(parts)


def _columns(sheet: Sheet) -> list[str]:
    """The columns the rule read, as the file names them."""
    keys = ["result", "total_score", *(f"ind_{k}" for k in (1, INDICATORS))]
    named = [sheet.columns[k] for k in keys if k in sheet.columns]
    return [f"cột {c.letter} «{c.header}»" for c in named]


def recorded_result_vs_ruleset(con, sheet: Sheet) -> list[Hit]:
    if "result" not in sheet.columns:
        return []
    ruleset = ruleset_for(con, sheet.as_of, sheet.area_key)
    if not ruleset:
        return []
    units = _per_unit(con.execute(_query(ruleset), {"dataset_id": sheet.dataset_id}).fetchall())
    rule_name = ruleset.get("name", "bộ tiêu chí")
    cells = _columns(sheet)
    hits = []
    for unit in units.values():
        row, name = unit["row"], unit["row"]["unit_name"]
        if unit["recognized"] and not unit["contradicted"]:
            hits.append(Hit.ok(row))
        elif unit["recognized"]:
            hits.append(Hit(
                row, unit["recognized"] - unit["contradicted"], unit["recognized"],
                f"«{name}»: {_people(unit['contradicted'])} ghi «Đạt» nhưng không đạt "
                f"{rule_name}: {_why(unit, ruleset)}. Số và tỉ lệ Đạt vẫn tính họ theo kết quả "
                "đã ghi", cells, expected_label="số «Đạt» đúng bộ tiêu chí",
                metrics=_metrics(unit["groups"])))
        if unit["not_recognized"] and not unit["withheld"]:
            hits.append(Hit.ok(row, "information"))
        elif unit["not_recognized"]:
            hits.append(Hit(
                row, unit["not_recognized"] - unit["withheld"], unit["not_recognized"],
                f"«{name}»: {_people(unit['withheld'])} ghi «Chưa đạt» dù điểm đủ đạt {rule_name} "
                "(có thể là quyết định của hội đồng; số liệu giữ như đã ghi)", cells,
                severity="information", expected_label="số «Chưa đạt» theo bộ tiêu chí",
                metrics=()))
    hits.extend(_whole_table(units, ruleset, rule_name, cells))
    return hits


def _whole_table(units: dict[str, dict], ruleset: dict, rule_name: str,
                 cells: list[str]) -> list[Hit]:
    """One check of the whole table, so the area's totals carry the mark too."""
    if not any(u["recognized"] for u in units.values()):
        return []
    wrong = [u for u in units.values() if u["contradicted"]]
    if not wrong:
        return [Hit.ok(None)]
    total = {key: sum(u[key] for u in units.values()) for key in COUNTS}
    named = ", ".join(f"{u['row']['unit_name']} ({u['row']['unit_code']})"
                      for u in wrong[:UNITS_NAMED])
    more = (f" và {vn_number(len(wrong) - UNITS_NAMED)} đơn vị khác"
            if len(wrong) > UNITS_NAMED else "")
    return [Hit(None, total["recognized"] - total["contradicted"], total["recognized"],
                f"Bảng có {_people(total['contradicted'])} ghi «Đạt» nhưng không đạt {rule_name}, "
                f"ở {vn_number(len(wrong))} đơn vị: {named}{more}. {_why(total, ruleset)}",
                cells, expected_label="số «Đạt» đúng bộ tiêu chí",
                metrics=_metrics(g for u in wrong for g in u["groups"]))]
