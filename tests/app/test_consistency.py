"""Every count and rate a page shows equals the `summary --json` figure for the same area,
period and group: every page, every area and period of the area picker, every group, on the
bundled data and on a small synthetic set.

The expected figures come from `summary` (what the CLI prints, through a JSON round trip); the
pages are rendered by AppTest and read as a user reads them (metric strings, table cells,
the texts of notices and of the summary paragraph).
"""

from __future__ import annotations

import datetime as dt
import json
import re

import duckdb
import pandas as pd
import pytest
from streamlit.testing.v1 import AppTest

from cdht_data import formulas as f
from cdht_data import crosswalk, ingest, metrics, views
from cdht_data.definitions import LowUptake
from cdht_data.formatting import fmt_date, fmt_int, fmt_pct
from cdht_data.summary import summary
from cdht_data.synth import synthesize
from cdht_data.units import UnitRegistry
from tests.paths import ROOT
from tests.shown_tables import tables
from ui.navigation import BANDS, COMMUNE, GROUPS, MAP, OVERVIEW, PAGES

# The tab whose tables the check reads, where a page draws only its open tab (ui.page.sections).
TABLE_TABS = {"pages/nhom_doi_tuong.py": {"groups_tab": "Bảng số liệu"}}
# Table header (ui.tables.LABELS) -> key of a summary entry.
COLUMN_KEYS = {"Đăng ký": "registered", "Dân số 8–60": "population_8_60",
               "Tỉ lệ tham gia": "participation_pct", "Đã đánh giá": "assessed",
               "Đạt": "recognized", "Chưa đạt": "not_recognized",
               "Tỉ lệ Đạt (trên đã đánh giá)": "recognition_pct",
               "Tỉ lệ Đạt (trên đăng ký)": "recognition_of_registered_pct"}
# Metric label on Tổng quan / Chi tiết xã -> key of a summary entry.
METRIC_KEYS = {"Đăng ký": "registered", "Đã đánh giá": "assessed", "Đạt": "recognized",
               "Tỉ lệ Đạt / đã đánh giá": "recognition_pct",
               "Tỉ lệ Đạt / đăng ký": "recognition_of_registered_pct",
               "Tỉ lệ tham gia (đăng ký / dân số 8–60)": "participation_pct",
               "Tỉ lệ tham gia": "participation_pct"}


def _shown(key: str, value) -> str:
    """A summary figure as the screen must write it."""
    return fmt_pct(value) if key.endswith("_pct") else fmt_int(value)


def _cell(key: str, value):
    """A grid's cell (numeric, formatted only on screen) as the summary writes the figure."""
    if pd.isna(value):
        return None
    return f.round_half_up(float(value), 2) if key.endswith("_pct") else int(value)


def _pair(key: str, cell, wanted) -> tuple:
    """A table's cell and the summary figure, alike: a plain table's text against the figure
    as the screen writes it, a grid's number against the figure."""
    if isinstance(cell, str):
        return cell, _shown(key, wanted)
    return _cell(key, cell), wanted


def _date(cell) -> dt.date:
    """A period as a table shows it: a grid's date, or a plain table's 31/3/2025."""
    if isinstance(cell, str):
        return dt.datetime.strptime(cell, "%d/%m/%Y").date()
    return cell


def _plain(text: str) -> str:
    """Text with Markdown escapes removed, as the viewer reads it."""
    return re.sub(r"\\([!-/:-@\[-`{-~])", r"\1", text)


class Expected:
    """summary --json figures, computed once per area, period and group."""

    def __init__(self, con):
        self.con = con
        self._cache: dict = {}

    def __call__(self, area, as_of, group=None, structure=None):
        key = (area, as_of, group, structure)
        if key not in self._cache:
            found = summary(self.con, area, as_of, group, structure)
            self._cache[key] = json.loads(json.dumps(found, ensure_ascii=False))
        return self._cache[key]


class Checker:
    def __init__(self, expected: Expected):
        self.expected = expected
        self.problems: list[str] = []
        self.compared = 0

    def same(self, where: str, shown, wanted) -> None:
        self.compared += 1
        if shown != wanted:
            self.problems.append(f"{where}: the page shows {shown!r}, summary --json {wanted!r}")

    def metrics(self, where: str, at: AppTest, entry: dict) -> None:
        for metric in at.metric:
            label = metric.label.removesuffix(" ⚠")
            if label in METRIC_KEYS:
                key = METRIC_KEYS[label]
                self.same(f"{where} metric «{label}»", metric.value, _shown(key, entry[key]))

    def unit_table(self, where: str, table: pd.DataFrame, entries: list[dict]) -> None:
        by_name = {e["name"]: e for e in entries}
        for row in table.to_dict("records"):
            entry = by_name.get(_unit_name(row["Đơn vị"]))
            if entry is None:
                self.problems.append(f"{where}: unit «{row['Đơn vị']}» not in summary --json")
                continue
            for label, key in COLUMN_KEYS.items():
                if label in row:
                    self.same(f"{where} «{row['Đơn vị']}» {label}",
                              *_pair(key, row[label], entry[key]))



def _unit_name(shown: str) -> str:
    """The unit's name in summary --json from the name a page shows (metrics._frame_of marks
    a partial unit and says where an old commune went)."""
    return re.sub(r" \((◐ một phần|nay thuộc .*)\)$", "", shown)


def _frames(at: AppTest) -> list[pd.DataFrame]:
    return tables(at)


def _check_overview(check: Checker, at, where, want, fig, group):
    check.metrics(where, at, want["totals"])
    league = next((t for t in _frames(at) if "Hạng" in t.columns), None)
    if league is not None:
        check.unit_table(f"{where} league table", league, want["units"])
    t = want["totals"]
    markdown = _plain("\n".join(m.value for m in at.markdown))
    if group is None and t["recognized"] is not None and t["population_8_60"] is not None:
        # the 2025 target of 677/QĐ-TTg (targets.toml): 40% of the 8–60 population
        gap = f.gap_to_target(t["recognized"], t["population_8_60"], 40.0)
        expected = (f"còn thiếu {fmt_int(gap)} người" if gap else "40% năm 2025: hiện")
        check.same(f"{where} gap to the target", expected in markdown, True)
    if group is not None:  # a group is never set against the whole population
        check.same(f"{where} no gap for one group", "còn thiếu" in markdown, False)
    paragraph = next((_plain(m.value) for m in at.markdown
                      if _plain(m.value).startswith("Tính đến ngày")), "")
    check.same(f"{where} paragraph date", paragraph.startswith(
        f"Tính đến ngày {fmt_date(fig.as_of)}"), True)
    for key, text in (("registered", "có {} người đăng ký"),
                      ("participation_pct", "bằng {} dân số từ 8 đến 60 tuổi"),
                      ("assessed", "{} người"), ("recognized", "trong đó {} người đạt"),
                      ("recognition_pct", "({} số người đã đánh giá)")):
        if t[key] is not None and (key != "participation_pct" or t["registered"] is not None):
            phrase = text.format(_shown(key, t[key]))
            check.same(f"{where} paragraph «{phrase}»", phrase in paragraph, True)
    # the low-uptake notice names each marked unit with its participation
    lows = views.low_uptake_units(fig, LowUptake())
    if len(lows):
        notice = _plain(at.error[0].value)
        by_name = {u["name"]: u for u in want["units"]}
        for name in lows["name"]:
            phrase = f"**{name}** ({fmt_pct(by_name[_unit_name(name)]['participation_pct'])})"
            check.same(f"{where} low-uptake notice {phrase}", phrase in notice, True)


def _check_map(check: Checker, at, where, want):
    tables = [t for t in _frames(at) if "Tham gia thấp" in t.columns]
    for table in tables:
        check.unit_table(f"{where} map table", table, want["units"])


def _check_groups(check: Checker, at, where, area, as_of, fig, structure=None):
    by_short = {}
    for g in fig.groups:
        entry = check.expected(area, as_of, g, structure)
        by_short[fig.ruleset["groups"][g][1]] = entry
        by_short[fig.ruleset["groups"][g][0]] = entry
    for metric in at.metric:
        short = metric.label.removeprefix("▶ ").removesuffix(": tỉ lệ Đạt")
        t = by_short[short]["totals"]
        check.same(f"{where} metric «{short}»", metric.value, fmt_pct(t["recognition_pct"]))
        check.same(f"{where} metric «{short}» delta", metric.delta,
                   f"{fmt_int(t['recognized'])} / {fmt_int(t['assessed'])} người")
    tables = [t for t in _frames(at) if "Nhóm" in t.columns]
    check.same(f"{where} the tables are drawn beside the metrics", bool(tables), bool(at.metric))
    for table in tables:
        for row in table.to_dict("records"):
            entry = by_short[row["Nhóm"]]
            target = entry["totals"] if "Đơn vị" not in row else next(
                (u for u in entry["units"] if u["name"] == _unit_name(row["Đơn vị"])),
                entry["totals"])
            for label, key in COLUMN_KEYS.items():
                if label in row:
                    check.same(f"{where} «{row.get('Đơn vị', 'toàn địa bàn')}» {row['Nhóm']} "
                               f"{label}", *_pair(key, row[label], target[key]))


def _check_commune(check: Checker, at, where, area, as_of, group, unit_key, fig,
                   structure=None):
    own = UnitRegistry.load(check.expected.con).units[unit_key].structure  # its history's units
    unit = check.expected(unit_key, as_of, group, structure)
    check.metrics(where, at, unit["totals"])
    frames = _frames(at)
    compare = next((t for t in frames if "Chỉ số" in t.columns), None)
    if compare is not None:
        whole = check.expected(area, as_of, group, structure)["totals"]
        for row in compare.to_dict("records"):
            key = COLUMN_KEYS[row["Chỉ số"]]
            values = list(row.values())
            check.same(f"{where} comparison {row['Chỉ số']} (unit)", values[1],
                       _shown(key, unit["totals"][key]))
            check.same(f"{where} comparison {row['Chỉ số']} (area)", values[2],
                       _shown(key, whole[key]))
    history = next((t for t in frames if "Tính đến ngày" in t.columns), None)
    for row in history.to_dict("records") if history is not None else []:
        past = check.expected(unit_key, _date(row["Tính đến ngày"]), None, own)["totals"]
        for label, key in COLUMN_KEYS.items():
            if label in row:
                check.same(f"{where} history {row['Tính đến ngày']} {label}",
                           *_pair(key, row[label], past[key]))
    groups = next((t for t in frames if "Nhóm" in t.columns and "Đơn vị" not in t.columns),
                  None)
    for row in groups.to_dict("records") if groups is not None else []:
        g = next(n for n, (name, short) in fig.ruleset["groups"].items() if row["Nhóm"] == short)
        entry = check.expected(unit_key, as_of, g, structure)["totals"]
        for label, key in COLUMN_KEYS.items():
            if label in row:
                check.same(f"{where} group {row['Nhóm']} {label}",
                           *_pair(key, row[label], entry[key]))


def _check_bands(check: Checker, at, where, want, fig):
    if not fig.has_bands:
        return
    bands = next(t for t in _frames(at) if "Mức điểm" in t.columns and "Đơn vị" in t.columns)
    entries = {u["name"]: u for u in want["units"]}
    for row in bands.to_dict("records"):
        entry = entries.get(row["Đơn vị"], want["totals"])  # «Toàn …» is the area
        check.same(f"{where} «{row['Đơn vị']}» band {row['Mức điểm']}",
                   *_pair("count", row["Số người"], entry["bands"][row["Mức điểm"]]))
        share = f.band_shares(entry["bands"])[row["Mức điểm"]]
        check.same(f"{where} «{row['Đơn vị']}» band {row['Mức điểm']} share",
                   *_pair("share_pct", row["Tỉ lệ trong số Đạt"], f.round_half_up(share, 2)))


def _check_plan(check: Checker, at, where, want):
    """«Kế hoạch vận động»: where each unit stands (an area without units is its own only
    row), and the area's distance to 40% by 2025 of 677/QĐ-TTg on its 8–60 population."""
    status = next(t for t in _frames(at) if "Ưu tiên" in t.columns and "Dân số 8–60" in t.columns)
    check.unit_table(f"{where} plan units", status,
                     want["units"] or [{**want["totals"], "name": want["area"]["name"]}])
    t = want["totals"]
    gap = f.gap_to_target(t["recognized"], t["population_8_60"], 40.0)
    check.same(f"{where} plan gap to 40% by 2025",
               _metrics_shown(at).get("Chỉ tiêu 40% năm 2025: còn thiếu"),
               "—" if gap is None else f"{fmt_int(gap)} người")


def _metrics_shown(at) -> dict:
    return {m.label: m.value for m in at.metric}


def _areas(con) -> list[str]:
    """The areas the sidebar offers (a page shows no other)."""
    return views.areas_with_data(con)["unit_key"].tolist()


def _run_everything(db_path, monkeypatch, open_page, in_other_structure=False,
                    only=None) -> Checker:
    """Every page for every area, period and group in the units of the period's date; or, with
    `in_other_structure`, each period in the other unit structure (all groups together)."""
    import streamlit as st
    monkeypatch.setenv("CDHT_DB", str(db_path))
    st.cache_data.clear()
    con = duckdb.connect(str(db_path), read_only=True)
    check = Checker(Expected(con))
    pages = [script for script, _, _ in PAGES if script != COMMUNE]
    by_group = [OVERVIEW, MAP, GROUPS, BANDS]  # the pages whose figures a group changes
    try:
        views_asked = [(a, d, None) for a in _areas(con) if only is None or only(a)
                       for d in metrics.periods(con, a)]
        if in_other_structure:
            views_asked = [(a, d, crosswalk.other(metrics.area_figures(con, a, d).structure))
                           for a, d, _ in views_asked]
        for area, as_of, structure in views_asked:
                base = metrics.area_figures(con, area, as_of, structure=structure)
                shown = base.area.unit_key  # the counterpart, for an area of the other units
                for group in [None, *base.groups] if structure is None else [None]:
                    fig = metrics.for_group(base, group)
                    want = check.expected(area, as_of, group, structure)
                    params = {"dia_ban": area, "ky": as_of.isoformat()}
                    if structure is not None:
                        params["don_vi"] = structure
                    if group is not None:
                        params["nhom"] = str(group)
                    where = f"{area} {as_of} {structure} nhóm {group}"
                    for script in pages if group is None else by_group:
                        at = open_page(script, **params, tabs=TABLE_TABS.get(script))
                        page = f"{where} {script}"
                        if script == "pages/tong_quan.py":
                            _check_overview(check, at, page, want, fig, group)
                        elif script == "pages/ban_do.py":
                            _check_map(check, at, page, want)
                        elif script == "pages/nhom_doi_tuong.py":
                            _check_groups(check, at, page, shown, as_of, base, structure)
                        elif script == "pages/xep_loai_diem.py":
                            _check_bands(check, at, page, want, fig)
                        elif script == "pages/ke_hoach.py":
                            _check_plan(check, at, page, want)
                    # Chi tiết xã: every unit a drill-down can open, each group of the first
                    units = [k for k, _ in views.drill_units(base)]
                    for unit_key in units if group is None else units[:1]:
                        at = open_page("pages/chi_tiet_xa.py", **params, xa=unit_key)
                        _check_commune(check, at, f"{where} chi_tiet_xa {unit_key}", shown,
                                       as_of, group, unit_key, base, base.structure)
    finally:
        con.close()
    return check


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    """A small synthetic country (labelled synthetic everywhere, see cdht_data/synth.py)."""
    work = tmp_path_factory.mktemp("consistency")
    synthesize(work / "data", communes=12, people=1500, seed=7)
    return ingest.build(work / "synthetic.duckdb", work / "data")


@pytest.mark.slow
def test_every_page_shows_the_summary_figures_on_the_bundled_data(bundled_db, monkeypatch,
                                                                 open_page):
    check = _run_everything(bundled_db, monkeypatch, open_page)
    print(f"{check.compared} figures compared")
    assert check.compared > 1000, check.compared
    assert not check.problems, "\n".join(check.problems[:40])


@pytest.mark.slow
def test_every_page_shows_the_summary_figures_on_synthetic_data(synthetic_db, monkeypatch,
                                                                open_page):
    check = _run_everything(synthetic_db, monkeypatch, open_page)
    print(f"{check.compared} figures compared")
    assert check.compared > 300, check.compared
    assert not check.problems, "\n".join(check.problems[:40])


@pytest.mark.slow
@pytest.mark.parametrize("in_other_structure", [False, True], ids=["own-units", "other-units"])
def test_every_page_shows_the_summary_figures_in_both_unit_structures(store_2025, monkeypatch,
                                                                     open_page,
                                                                     in_other_structure):
    """The bundled tables and the SYNTHETIC 31/12/2025 tables of the new communes, each period
    in the units of its date, and (a second item, so two workers share the sweep) each period
    in the other structure by choice."""
    # the areas the change of 1/7/2025 touches (the Quảng Phú pilot is the bundled test's)
    check = _run_everything(store_2025, monkeypatch, open_page, in_other_structure,
                            only=lambda area: not area.startswith("L-"))
    print(f"{check.compared} figures compared")
    assert check.compared > 1000, check.compared
    assert not check.problems, "\n".join(check.problems[:40])


def test_the_cli_prints_the_summary_the_pages_are_checked_against(bundled_db):
    import subprocess
    import sys
    printed = subprocess.run(
        [sys.executable, "-m", "cdht_data", "summary", "--db", str(bundled_db), "--area",
         "L-QP", "--group", "1", "--json"], cwd=ROOT, capture_output=True, text=True,
        timeout=120)
    assert printed.returncode == 0, printed.stderr
    con = duckdb.connect(str(bundled_db), read_only=True)
    try:
        assert json.loads(printed.stdout) == Expected(con)("L-QP", None, 1)
    finally:
        con.close()
