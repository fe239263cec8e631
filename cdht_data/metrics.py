"""Figures for an area and a period: one row per child unit, and totals computed from the rows.

Which tables feed a period: the scoring source (a scoring, pilot or records table) and the
population table, each the latest at or before the date asked for; when one is older than the
other, `AreaFigures.notes` says so. Totals are sums of the unit rows, never a printed total.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import duckdb
import numpy as np
import pandas as pd

from . import formulas as f
from .crosswalk import compose, counterpart, footprint
from .errors import InputError
from .formatting import fmt_date
from .reference import ruleset_for
from .sql import sql
from .keys import (BANDS, BELOW_BAND, GROUP_SIZES, POST2025, PRE2025, SCORING_KINDS,
                   STRUCTURE_WORDS, TABLE_KINDS, band_column, group_column, groups_in,
                   parse_group_column)
from .units import Unit, UnitRegistry, area_label

# The tables a period's figures come from (period_sources).
FIGURE_SOURCES = ("scoring", "population")


@dataclass
class AreaFigures:
    area: Unit
    as_of: dt.date
    ruleset: dict
    sources: dict[str, dict]  # kind -> dataset row ("scoring" covers pilot/records too)
    units: pd.DataFrame  # one row per child unit, in registry order
    totals: dict
    groups: list[int]
    notes: list[str] = field(default_factory=list)
    periods: list[dt.date] = field(default_factory=list)  # every date with data, newest first
    group: int | None = None  # the citizen group the counts are of (None: every group)
    rows: list[Unit] = field(default_factory=list, repr=False)  # counted: the children, or the area
    counts: dict[str, np.ndarray] = field(default_factory=dict, repr=False)  # stored, per row
    shows_units: bool = True  # False: `units` left empty (a commune, or totals only)
    unprinted: tuple[str, ...] = ()  # group counts the scoring table does not have (see derive)
    structure: str = PRE2025  # the units the figures are shown in (keys.STRUCTURES)
    mapped_from: Unit | None = None  # the area asked for, when shown as its counterpart
    rolled_up: tuple[str, ...] = ()  # kinds of source table summed from the other structure
    missing: tuple[str, ...] = ()  # what the area holds that the summed units lack: partial
    row_notes: dict[str, list] = field(default_factory=dict, repr=False)  # per row (ROW_NOTES)
    area_counts: dict[str, np.ndarray] | None = field(default=None, repr=False)  # see _figures
    merged_into: Unit | None = None  # an old unit shown for a later period: where it went

    @property
    def is_partial(self) -> bool:
        return bool(self.missing)

    @property
    def has_bands(self) -> bool:
        return bool(self.units[[band_column(b) for b in BANDS]].notna().any().any())

    @property
    def is_synthetic(self) -> bool:
        """True when any table behind these figures is synthetic (pages show a badge)."""
        return any(bool(ds.get("is_synthetic")) for ds in self.sources.values())

    @property
    def has_party_members(self) -> bool:
        return bool(self.units["party_member_count"].notna().any())


def covering(con, registry: UnitRegistry, area_key: str) -> list[dict]:
    """The datasets whose area contains the area or lies inside it, or shares ground with it in
    the other unit structure (crosswalk.footprint), one dict per dataset row with the structure
    of its units, the ancestry taken from the cached registry."""
    if area_key not in registry.units:
        return []
    keys = set(footprint(registry, area_key))
    above = set().union(*(registry.ancestors(k) for k in keys))
    cur = con.execute(sql("dataset_rows"))
    names = [d[0] for d in cur.description]
    rows = [dict(zip(names, row)) for row in cur.fetchall()]
    found = [d for d in rows if d["area_key"] in above or (
        d["area_key"] in registry.units and not keys.isdisjoint(registry.ancestors(d["area_key"])))]
    for d in found:
        d["structure"] = registry.units[d["area_key"]].structure
    return found


def _periods(covering: list[dict]) -> list[dt.date]:
    """The dates of the tables, newest first; a table of group sizes makes no period of its
    own (it is the base of the periods after it)."""
    return sorted({d["as_of"] for d in covering if d["kind"] != GROUP_SIZES}, reverse=True)


def latest_by_kind(covering: list[dict], as_of: dt.date,
                   structure: str | None = None) -> dict[str, dict]:
    """The latest dataset of each kind at or before `as_of`; on a tie the one written in
    `structure`, then the newest import."""
    by_kind: dict[str, dict] = {}
    order = lambda d: (d["as_of"], d.get("structure") == structure, d["dataset_id"])  # noqa: E731
    for d in sorted(covering, key=order, reverse=True):
        if d["as_of"] <= as_of:
            by_kind.setdefault(d["kind"], d)
    return by_kind


def period_sources(covering: list[dict], as_of: dt.date,
                   structure: str | None = None) -> dict[str, dict]:
    """Which tables feed a period, the one rule every page, the CLI and the quality checks use:
    "scoring" is the latest of the scoring, pilot and records tables, "population" the latest
    population table, "text" the latest report text, "group-sizes" the latest table of group
    sizes, each at or before `as_of` (on a tie, the one written in the units `structure`
    shows)."""
    by_kind = latest_by_kind(covering, as_of, structure)
    scoring = [by_kind[k] for k in SCORING_KINDS if k in by_kind]
    out = {}
    if scoring:
        out["scoring"] = max(scoring, key=lambda d: (d["as_of"], d.get("structure") == structure,
                                                     d["dataset_id"]))
    for kind in ("population", "text", GROUP_SIZES):
        if kind in by_kind:
            out[kind] = by_kind[kind]
    return out


def periods(con: duckdb.DuckDBPyConnection, area_key: str) -> list[dt.date]:
    """Every date for which some dataset covers the area (or part of it), newest first."""
    return _periods(covering(con, UnitRegistry.load(con), area_key))


def default_area(con: duckdb.DuckDBPyConnection) -> str | None:
    """The area the store's latest period covers: the area of that period's tables, or the
    narrowest unit holding all of them (tables of areas with nothing above them in common:
    the area of the newest import); None for a store without tables. What the dashboard and
    `summary` open on when no area is asked for."""
    # a table of group sizes makes no period of its own (_periods)
    rows = con.execute("SELECT area_key FROM datasets WHERE as_of = (SELECT max(as_of) "
                       "FROM datasets WHERE kind <> $sizes) AND kind <> $sizes "
                       "ORDER BY dataset_id DESC", {"sizes": GROUP_SIZES}).fetchall()
    if not rows:
        return None
    registry = UnitRegistry.load(con)
    chains = [registry.ancestors(key) for (key,) in rows]
    shared = set(chains[0]).intersection(*chains[1:])
    return next((key for key in chains[0] if key in shared), rows[0][0])


def area_figures(con: duckdb.DuckDBPyConnection, area: str | None = None,
                 as_of: dt.date | None = None, unit_rows: bool = True,
                 group: int | None = None, structure: str | None = None) -> AreaFigures | None:
    """Everything the summary and the pages show for one area and period; None without data.

    `area` is a unit key, a code or a name (resolve_area); `group` keeps the counts of one
    citizen group (for_group). `structure` (keys.STRUCTURES) is the units to show, by default
    those in force on `as_of`; an area of the other structure is shown as its counterpart
    (crosswalk.counterpart), which `mapped_from` and a note say. `unit_rows=False` leaves
    `units` empty, for a caller that reads the totals only (history).
    """
    registry = UnitRegistry.load(con)
    area = area or default_area(con)
    if area is None:
        return None
    unit = resolve_area(con, registry, area, as_of, structure)
    held = covering(con, registry, unit.unit_key)
    if as_of is None:
        dates = _periods(held)
        if not dates:
            return None
        as_of = dates[0]
    shown = structure or registry.structure_on(as_of)
    twin = counterpart(registry, unit, shown)
    if twin is None:
        return for_group(_figures(con, registry, unit, held, as_of, unit_rows), group)
    fig = _figures(con, registry, twin, covering(con, registry, twin.unit_key), as_of, unit_rows)
    if fig is not None:
        fig.mapped_from = unit
        fig.notes.insert(0, mapping_note(unit, twin))
    return for_group(fig, group)


def mapping_note(asked: Unit, shown: Unit) -> str:
    """Why the figures are of another unit than the one asked for."""
    if asked.structure == PRE2025:
        return (f"{area_label(asked.level, asked.name, capital=True)} là đơn vị trước 1/7/2025; "
                f"số liệu hiển thị {STRUCTURE_WORDS[shown.structure]}: "
                f"{area_label(shown.level, shown.name)}.")
    return (f"{area_label(asked.level, asked.name, capital=True)} là đơn vị từ 1/7/2025; số liệu "
            f"hiển thị {STRUCTURE_WORDS[shown.structure]}: {area_label(shown.level, shown.name)}.")


def resolve_area(con: duckdb.DuckDBPyConnection, registry: UnitRegistry, text: str,
                 as_of: dt.date | None, structure: str | None = None) -> Unit:
    """The unit a user names by key, code or name, any prefix or tone-mark spelling.

    A name or code that fits several units (a district and a town, or a commune before and
    after 1/7/2025) is settled by the period: the one valid at `as_of`, or without a date the
    one valid at the latest period with data for any of them; otherwise it is refused with
    the candidates listed.
    """
    found = registry.area_candidates(text)
    if not found:
        raise InputError(f"không có địa bàn «{text}» trong danh mục đơn vị")
    if len(found) > 1 and structure is not None:
        found = [u for u in found if u.structure == structure] or found
    if len(found) > 1:
        day = as_of
        if day is None:
            dates = [d for u in found for d in _periods(covering(con, registry, u.unit_key))]
            day = max(dates) if dates else None
        valid = [u for u in found if u.valid_on(day)] if day else []
        found = valid or found
    if len(found) > 1:
        names = "; ".join(f"{area_label(u.level, u.name, capital=True)} (mã {u.unit_key})"
                          for u in found)
        raise InputError(f"«{text}» khớp nhiều địa bàn: {names}. Hãy ghi rõ tên kèm cấp "
                         "(ví dụ «Huyện …», «Thị trấn …») hoặc dùng mã")
    return found[0]


def figures_by_period(con: duckdb.DuckDBPyConnection, area: str,
                      unit_rows: bool = True) -> list[AreaFigures]:
    """area_figures of every period that has data for the area, oldest first, all in the
    area's own units: a commune of 2025 runs back through its predecessors' sums (one look-up
    of the registry and the datasets for them all)."""
    registry = UnitRegistry.load(con)
    # a unit key names one unit; a code may name two (25270: the town, and the commune of 2025)
    unit = registry.units.get(area) or resolve_area(con, registry, area, None)
    held = covering(con, registry, unit.unit_key)
    found = (_figures(con, registry, unit, held, day, unit_rows) for day in sorted(_periods(held)))
    return [fig for fig in found if fig is not None]


def _figures(con, registry: UnitRegistry, unit: Unit, held: list[dict], as_of: dt.date,
             unit_rows: bool) -> AreaFigures | None:
    """The figures of `unit` in its own structure's units, from the tables that feed `as_of`
    (a table of the other structure summed through the crosswalk)."""
    shown = unit.structure
    sources = {k: d for k, d in period_sources(held, as_of, shown).items()
               if k in FIGURE_SOURCES}
    if not sources:
        return None
    children = registry.children(unit.unit_key, unit.day_within(as_of))
    is_leaf = not children
    rows = children or [unit]  # a unit without children is its own only row
    ruleset = ruleset_for(con, as_of, unit.unit_key, registry)
    groups = sorted(ruleset.get("groups", {}))
    counts, row_notes = _counts(con, registry, unit, is_leaf, sources, groups, rows)
    scoring = sources.get("scoring")
    # A pilot table prints recognised / registered per group but no Chưa đạt; the roll-ups
    # derive it (group_rollups_of_dataset.sql) only when the report says everyone registered
    # was assessed. Otherwise it is unknown, not a blank cell.
    unprinted = ("not_recognized",) if scoring and scoring["kind"] == "pilot" \
        and not scoring["all_registered_assessed"] else ()
    notes = []
    for kind, ds in sources.items():
        if ds["as_of"] != as_of:
            notes.append(f"Bảng {TABLE_KINDS[kind].words} gần nhất là của ngày {fmt_date(ds['as_of'])}, "
                         f"không có bảng của ngày {fmt_date(as_of)}.")
    for kind in FIGURE_SOURCES:
        if kind not in sources:
            notes.append(f"Không có bảng {TABLE_KINDS[kind].words} cho kỳ này.")
    rolled_up = tuple(k for k, d in sources.items() if d["structure"] != shown)
    missing: tuple[str, ...] = ()
    area_counts = None
    new = None
    if rolled_up:
        own, own_notes = _counts(con, registry, unit, True, sources, groups, [unit])
        missing = tuple(own_notes["missing"][0])
        went = own_notes["merged_into_key"][0]
        if went is not None:
            new = registry.units[went]
            notes.append(f"{area_label(unit.level, unit.name, capital=True)} đã sáp nhập vào "
                         f"{area_label(new.level, new.name)} từ {fmt_date(new.valid_from)}: số "
                         f"liệu kỳ này có ở {area_label(new.level, new.name)}.")
        if shown == PRE2025 and not is_leaf:
            # an old commune takes no share of a new one it went into with others: the rows
            # stay unknown and the area's totals are its own sum of the new units inside it
            area_counts = own
        for kind in rolled_up:
            ds = sources[kind]
            notes.append(f"Bảng {TABLE_KINDS[kind].words} ngày {fmt_date(ds['as_of'])} ghi "
                         f"{STRUCTURE_WORDS[ds['structure']]}; số liệu ở đây được cộng gộp "
                         f"{STRUCTURE_WORDS[shown]}: mỗi đơn vị là tổng của các đơn vị hợp thành, "
                         "tỉ lệ tính lại từ tổng, không lấy trung bình.")
        if missing:
            notes.append(f"Số liệu một phần của {area_label(unit.level, unit.name)}: thiếu "
                         f"{'; '.join(missing)}.")
    return _assemble(AreaFigures(unit, as_of, ruleset, sources, pd.DataFrame(), {}, groups,
                                 notes, _periods(held), None, rows, counts,
                                 unit_rows and not is_leaf, unprinted, shown, None, rolled_up,
                                 missing, row_notes, area_counts, new), None)


def for_group(fig: AreaFigures | None, group: int | None) -> AreaFigures | None:
    """The same figures with the counts of one citizen group only (None: every group), derived
    from the same stored counts by the same formulas.

    Đạt, Chưa đạt and Đã đánh giá become the group's. The population table is not split by
    group, so registered and participation stay those of all groups (pages say so), unless the
    table prints registered per group (the pilot), which is then used; recognition of the
    registered needs the group's registered and is otherwise unknown.
    """
    if fig is None or group == fig.group or (group is not None and group not in fig.groups):
        return fig
    return _assemble(fig, group)


def _assemble(fig: AreaFigures, group: int | None) -> AreaFigures:
    """The figures' unit frame and totals from its stored counts, for `group`."""
    columns = derive(fig.counts, len(fig.rows), group, fig.unprinted)
    frame = _frame_of(fig.rows, columns, fig.row_notes) if fig.shows_units \
        else _empty_frame(tuple(columns))
    if fig.area_counts is not None:
        totals = _totals(derive(fig.area_counts, 1, group, fig.unprinted), group)
    else:
        totals = _totals(columns, group)
    return dataclasses.replace(fig, units=frame, totals=totals, group=group)


AREA_COLUMNS = ("unit_registered_count", "unit_recognized_count", "party_member_count",
                *(band_column(b) for b in (*BANDS, BELOW_BAND)))
POPULATION_COLUMNS = ("population_count", "under_7_count", "age_8_60_count", "over_60_count",
                      "age_8_60_unable_count", "population_registered_count")


def _counts(con, registry: UnitRegistry, area: Unit, is_leaf: bool, sources: dict[str, dict],
            groups: list[int], rows: list[Unit]) -> tuple[dict[str, np.ndarray], dict[str, list]]:
    """Every stored count of each unit of `rows` (the area's children, or the area itself),
    read from the import-time roll-ups: per column a float array in the order of `rows`, NaN
    where the count is unknown (counts are whole numbers, never NaN). A table written in the
    other structure gives each row the sum of the units that make it up (crosswalk.compose).

    Columns: g{n}_registered/recognized/not_recognized_count for the rule set's groups and any
    other group the data holds, unit_registered/unit_recognized/party_member_count, the band
    counts and the population table's counts. With them, per row (ROW_NOTES): what is missing
    from a summed row, what it was summed from, and where an old commune went.
    """
    size = len(rows)
    position = pd.Index([u.unit_key for u in rows], dtype="object")
    out: dict[str, np.ndarray] = {}
    notes = {"missing": [[] for _ in rows], "made_of": [None] * size,
             "merged_into_key": [None] * size, "merged_into": [None] * size}

    def place(name: str, at: np.ndarray, values: np.ndarray, adds: bool) -> None:
        """Put `values` in the rows `at` names; `adds`: several stored units may add to one
        row (a row summed from the other structure), else each row has at most one."""
        column = out.setdefault(name, np.full(size, np.nan))
        ok = (at >= 0) & ~np.isnan(values)
        if not adds:
            column[at[ok]] = values[ok]
            return
        total = np.zeros(size)
        np.add.at(total, at[ok], values[ok])
        seen = np.zeros(size, dtype=bool)
        seen[at[ok]] = True
        column[seen] = np.nan_to_num(column[seen]) + total[seen]

    def read(query: str, datasets: list[dict], crossing: dict | None) -> tuple[dict, np.ndarray]:
        """The roll-up rows of `datasets` that feed the rows, and the row each goes to:
        the rows' own units, or (`crossing`: a table of the other structure) their parts."""
        ids = [d["dataset_id"] for d in datasets] + [None]
        params = {"dataset_id": ids[0], "other_id": ids[1], "area_key": area.unit_key,
                  "is_leaf": is_leaf, "keys": None}
        if crossing is None:
            fetched = _float_columns(con.execute(sql(query), params).fetchnumpy())
            return fetched, position.get_indexer(fetched["area_key"])
        fetched = _float_columns(con.execute(
            sql(query), {**params, "keys": list(crossing)}).fetchnumpy())
        return fetched, np.array([crossing[k] for k in fetched["area_key"]], dtype="int64")

    def read_groups(ds: dict, crossing: dict | None) -> set[str]:
        nonlocal groups
        by_group, at_unit = read("group_rollups_of_rows", [ds], crossing)
        group_no = np.nan_to_num(by_group["group_no"], nan=-1).astype("int64")
        # groups the data holds that the rule set lacks get their columns too
        groups = groups + sorted(set(group_no.tolist()) - set(groups) - {-1})
        for g in groups:
            at = np.where(group_no == g, at_unit, -1)
            for what in ("registered", "recognized", "not_recognized"):
                place(group_column(int(g), what), at, by_group[f"{what}_count"],
                      crossing is not None)
        return set(by_group["area_key"].tolist())

    def read_areas(datasets: list[dict], crossing: dict | None) -> set[str]:
        by_area, at_unit = read("area_rollups_of_rows", datasets, crossing)
        for ds in datasets:
            at = np.where(by_area["dataset_id"] == ds["dataset_id"], at_unit, -1)
            for name in (AREA_COLUMNS if ds is scoring else POPULATION_COLUMNS):
                place(name, at, by_area[name], crossing is not None)
        return set(by_area["area_key"].tolist())

    scoring = sources.get("scoring")
    own = [ds for ds in sources.values() if ds["structure"] == area.structure]
    if scoring is not None and scoring in own:
        read_groups(scoring, None)
    if own:  # one query for the tables written in the rows' own units
        read_areas(own, None)
    for kind, ds in sources.items():
        if ds["structure"] == area.structure:
            continue
        crossing = {part: i for i, unit in enumerate(rows)
                    for part in compose(registry, unit.unit_key, ds["structure"]).parts}
        found = read_groups(ds, crossing) if kind == "scoring" else set()
        found |= read_areas([ds], crossing)
        _note_crossing(registry, rows, ds, kind, found, notes)
    for g in groups:  # a rule set's group without any count is still a column
        for what in ("registered", "recognized", "not_recognized"):
            out.setdefault(group_column(int(g), what), np.full(size, np.nan))
    for name in (*AREA_COLUMNS, *POPULATION_COLUMNS):
        out.setdefault(name, np.full(size, np.nan))
    return out, notes


def _note_crossing(registry: UnitRegistry, rows: list[Unit], ds: dict, kind: str,
                   found: set[str], notes: dict[str, list]) -> None:
    """What each row summed from a table of the other structure was made of, and lacks."""
    for i, unit in enumerate(rows):
        comp = compose(registry, unit.unit_key, ds["structure"])
        missing = notes["missing"][i]
        for text in comp.missing:
            if text not in missing:
                missing.append(text)
        for part in comp.parts:
            if part not in found:
                text = (f"{area_label(registry.units[part].level, registry.units[part].name)} "
                        f"(không có trong bảng {TABLE_KINDS[kind].words})")
                if text not in missing:
                    missing.append(text)
        if comp.parts:
            notes["made_of"][i] = " + ".join(registry.units[k].name for k in comp.parts)
        if comp.merged_into:
            new = registry.units[comp.merged_into[0]]
            notes["merged_into_key"][i] = new.unit_key
            notes["merged_into"][i] = area_label(new.level, new.name)


def _float_columns(fetched: dict) -> dict[str, np.ndarray]:
    """fetchnumpy's columns as plain arrays: numbers as floats with NaN for NULL, text as
    objects (the masked arrays DuckDB returns are slow to index one by one)."""
    out = {}
    for name, values in fetched.items():
        if values.dtype.kind in "iufb":
            column = np.ma.getdata(values).astype("float64")
            column[np.ma.getmaskarray(values)] = np.nan
            out[name] = column
        else:
            out[name] = np.asarray(np.ma.getdata(values), dtype=object)
    return out


def int_array(values: np.ndarray) -> pd.arrays.IntegerArray:
    """Whole numbers with NaN as missing -> a nullable Int64 column, without a per-cell cast."""
    missing = np.isnan(values)
    return pd.arrays.IntegerArray(np.where(missing, 0, values).astype("int64"), missing)


def float_array(values: np.ndarray) -> pd.arrays.FloatingArray:
    """Floats with NaN as missing -> a nullable Float64 column."""
    missing = np.isnan(values)
    return pd.arrays.FloatingArray(np.where(missing, 0.0, values), missing)


def derive(counts: dict[str, np.ndarray], size: int, group: int | None = None,
           unprinted: tuple[str, ...] = ()) -> dict[str, np.ndarray]:
    """Each row's stored counts (NaN where it has none) and the derived Đạt, Chưa đạt, Đã đánh
    giá, Đăng ký and rates, on whole columns at once, with the formulas of formulas.py.

    Group cells follow the counting rule of a reported row (a blank beside other counts is 0);
    counts in `unprinted` ("not_recognized") are columns the table does not have, so they stay
    unknown; `group` keeps one group's Đạt and Chưa đạt (see for_group).
    """
    c = dict(counts)
    for g in groups_in(c):
        for what in unprinted:
            c[group_column(g, what)] = np.full(size, np.nan)
    cells = {k: v for k, v in c.items() if (m := parse_group_column(k))
             and m[1] not in ("registered", *unprinted)}
    c.update(f.blanks_as_zero_in_reported_rows(cells))
    chosen = groups_in(c) if group is None else [group]
    missing = np.full(size, np.nan)
    recognized = f.sum_columns([c.get(group_column(g, "recognized"), missing) for g in chosen],
                               size)
    not_recognized = f.sum_columns(
        [c.get(group_column(g, "not_recognized"), missing) for g in chosen], size)
    registered = c["population_registered_count"]
    registered = np.where(np.isnan(registered), c["unit_registered_count"], registered)
    if group is None:
        # The pilot prints registered and recognised per unit: those are the unit's own figures.
        unit_recognized = c["unit_recognized_count"]
        recognized = np.where(np.isnan(unit_recognized), recognized, unit_recognized)
    elif _prints_group_registered(c, group):
        registered = c[group_column(group, "registered")]
    c["recognized_count"] = recognized
    c["not_recognized_count"] = not_recognized
    c["assessed_count"] = f.assessed(recognized, not_recognized)
    c["registered_count"] = registered
    _add_rates(c)
    if group is not None and not _prints_group_registered(c, group):
        c["recognition_of_registered_pct"] = np.full(size, np.nan)
    return c


def _prints_group_registered(columns: dict, group: int) -> bool:
    """Whether the table prints registered people per group (the pilot does)."""
    values = columns.get(group_column(group, "registered"))
    return values is not None and bool((~np.isnan(values)).any())


def _add_rates(c: dict) -> None:
    """Every rate of formulas.RATES from its parts, for columns or for totals alike."""
    for name, (numerator, denominator) in f.RATE_PARTS.items():
        c[name] = f.RATES[name](c.get(numerator), c.get(denominator))


# What a row says beside its counts when its figures cross the 2025 change (see _counts).
ROW_NOTES = ("unit_name", "is_partial", "partial_note", "made_of", "merged_into_key")
PARTIAL_MARK = "◐ một phần"  # beside the name of a unit whose figures lack some of its parts


def _frame_of(rows: list[Unit], columns: dict[str, np.ndarray],
              row_notes: dict[str, list] | None = None) -> pd.DataFrame:
    """The page rows: counts as nullable integers, rates as nullable floats, and ROW_NOTES.

    `name` is what pages show: a partial unit carries PARTIAL_MARK and an old commune shown
    for a later period says where it went, everywhere it appears; `unit_name` is the name."""
    size = len(rows)
    row_notes = row_notes or {}
    missing = row_notes.get("missing") or [[] for _ in rows]
    went = row_notes.get("merged_into") or [None] * size
    shown = [f"{u.name} ({PARTIAL_MARK})" if m else f"{u.name} (nay thuộc {w})" if w else u.name
             for u, m, w in zip(rows, missing, went)]
    return pd.DataFrame({
        "unit_key": pd.Series([u.unit_key for u in rows], dtype="str"),
        "code": pd.Series([u.code for u in rows], dtype="str"),
        "name": pd.Series(shown, dtype="str"),
        "unit_name": pd.Series([u.name for u in rows], dtype="str"),
        "level": pd.Series([u.level for u in rows], dtype="str"),
        **{name: (float_array if name.endswith("_pct") else int_array)(values)
           for name, values in columns.items()},
        "is_partial": pd.Series([bool(m) for m in missing], dtype="bool"),
        "partial_note": pd.Series(["; ".join(m) or None for m in missing], dtype="object"),
        "made_of": pd.Series(row_notes.get("made_of") or [None] * size, dtype="object"),
        "merged_into_key": pd.Series(row_notes.get("merged_into_key") or [None] * size,
                                     dtype="object"),
    })


_EMPTY_FRAMES: dict[tuple[str, ...], pd.DataFrame] = {}


def _empty_frame(names: tuple[str, ...]) -> pd.DataFrame:
    """The typed frame without rows a commune's figures carry, copied from one built per set of
    columns (building forty empty typed columns cost more than the rest of a commune's view)."""
    template = _EMPTY_FRAMES.get(names)
    if template is None:
        template = _EMPTY_FRAMES[names] = _frame_of([], {n: np.empty(0) for n in names})
    return template.copy()


def _totals(columns: dict[str, np.ndarray], group: int | None) -> dict:
    """Sums of the unit rows (None where no unit has the count) and the rates of the sums."""
    totals = {name: f.column_total(values) for name, values in columns.items()
              if name.endswith("_count")}
    _add_rates(totals)
    if group is not None and not _prints_group_registered(columns, group):
        totals["recognition_of_registered_pct"] = None
    return totals
