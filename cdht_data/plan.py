"""Kế hoạch vận động (the outreach plan): for an area and period, how far each unit is from
every target in force (both horizons), how many people must still be recognised, assessed and
registered, at what pace until the target date against the pace seen, which unit to visit
first, and through whom each group is reached.

Built from two area_figures calls (this period and the last earlier one with another scoring
table), the targets (targets.toml) and partners (partners.toml); no query per unit, so a page
can afford it. Every figure comes from a formula of formulas.py. A group is measured only on
its own size (the optional group-sizes table): never one group's count against the whole
population.

Steps (README, "Kế hoạch vận động", says how each number is computed):
1. the targets in force for the area and each unit (national, then local, targets.for_area);
2. per unit and for the area, each target about every group on the base chosen (default the
   8–60 population) and each group's target on the group's size, when known;
3. the pace seen between the last two scoring tables, in the units of the structure shown
   (a 2025 merge compares the new commune with the sum of its predecessors);
4. the priority order (PRIORITY_RULE).
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field

import duckdb
import pandas as pd

from . import formulas as f
from . import group_sizes
from . import partners as partner_file
from . import targets as target_file
from .definitions import LOW_UPTAKE_MARK, LowUptake
from .errors import InputError
from .formatting import fmt_date, fmt_int, fmt_pct, plain
from .keys import STRUCTURE_WORDS, group_column
from .metrics import AreaFigures, area_figures, covering, period_sources
from .target_distance import Distance, distance, distance_base, distance_words
from .targets import GROUP_SIZE, POPULATION_8_60, Target
from .units import UnitRegistry, area_label
from .views.frames import low_uptake_mask

# How the units are ordered, in the words a planner reads out (the page and README show it).
PRIORITY_RULE = ("Thứ tự ưu tiên: trước hết các đơn vị chưa đạt chỉ tiêu gần nhất (năm sớm "
                 "nhất chưa đạt); trong đó đơn vị còn cách chỉ tiêu nhiều điểm phần trăm hơn "
                 "đứng trước; bằng nhau thì đơn vị còn thiếu nhiều người hơn; rồi theo thứ tự "
                 "danh mục. Sau cùng là các đơn vị đã đạt mọi chỉ tiêu và các đơn vị chưa tính "
                 "được (thiếu số liệu).")
# by_partner's key for the groups no partner in partners.toml reaches.
NO_PARTNER = ""


@dataclass(frozen=True)
class GroupLine:
    """One group of one unit (or of the area)."""
    group_no: int
    group_name: str
    partner_id: str | None
    partner_name: str | None
    recognized: int | None
    assessed: int | None
    share_pct: float | None  # the group's share of the unit's recognised
    size: int | None  # the group's own base (None without a group-sizes table)
    targets: list[Distance]  # only when size is known (never against the whole population)


@dataclass(frozen=True)
class UnitPlan:
    unit_key: str
    code: str
    name: str
    priority: int  # 1 = first to visit
    is_low_uptake: bool
    participation_pct: float | None
    recognition_pct: float | None  # Đạt ÷ đã đánh giá (the pass rate)
    targets: list[Distance]  # the targets about every group (both horizons)
    groups: list[GroupLine]
    registered: int | None = None
    assessed: int | None = None
    recognized: int | None = None
    population_8_60: int | None = None
    assessment_pct: float | None = None  # đã đánh giá ÷ đăng ký


@dataclass
class Plan:
    as_of: dt.date
    area_key: str
    area_code: str
    area_name: str
    structure: str
    base: str  # the base chosen (default "dan_so_8_60")
    targets: list[Distance]  # the area's own distances, both horizons
    units: list[UnitPlan]  # in priority order
    groups: list[GroupLine]  # the area's groups
    group_sizes_known: bool  # False: group gaps cannot be computed (shares shown instead)
    previous_as_of: dt.date | None
    area_level: str = ""
    area: UnitPlan | None = None  # the area's own counts and rates, as one UnitPlan
    median_participation_pct: float | None = None  # of the units (what_if)
    ruleset_name: str = ""
    notes: list[str] = field(default_factory=list)  # the figures' notes (metrics)
    is_synthetic: bool = False


@dataclass(frozen=True)
class UnitWhatIf:
    unit_key: str
    code: str
    name: str
    registered_added: int | None  # people registering more (the participation scenario)
    people_gained: int | None  # recognised more; None: the unit's rates are unknown
    targets: list[Distance]  # the new distances


@dataclass
class WhatIf:
    median_participation: bool
    pass_rate_pct: float | None
    median_participation_pct: float | None
    people_gained: int  # over the units that could be estimated
    targets: list[Distance]  # the area's new distances
    units: list[UnitWhatIf]  # in the plan's priority order
    notes: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class _Counts:
    """What a plan reads of one row of the figures (a unit, or the area's totals)."""
    key: str
    code: str
    name: str
    registered: int | None
    assessed: int | None
    recognized: int | None
    age_8_60: int | None
    unable: int | None
    participation_pct: float | None
    recognition_pct: float | None
    groups: dict[int, tuple[int | None, int | None]]  # group -> (recognised, assessed)


def _int(value) -> int | None:
    value = plain(value)
    return None if value is None else int(value)


def _counts(key: str, code: str, name: str, row, groups: list[int]) -> _Counts:
    """`row`: a frame row or the totals, as a dict."""
    def get(column):
        return plain(row.get(column))
    per_group = {}
    for g in groups:
        rec, notrec = _int(get(group_column(g, "recognized"))), \
            _int(get(group_column(g, "not_recognized")))
        per_group[g] = (rec, f.assessed(rec, notrec))
    return _Counts(key, code, name, _int(get("registered_count")), _int(get("assessed_count")),
                   _int(get("recognized_count")), _int(get("age_8_60_count")),
                   _int(get("age_8_60_unable_count")), get("participation_pct"),
                   get("recognition_pct"), per_group)


def _base_count(counts: _Counts, base: str) -> int | None:
    return distance_base(counts.age_8_60, counts.unable, base)


def _previous(con, registry: UnitRegistry, fig: AreaFigures) -> AreaFigures | None:
    """The figures of the latest earlier period whose scoring table is another one (a period
    with only a new population or text table would show no pace at all), in the same units."""
    now = fig.sources.get("scoring")
    if now is None:
        return None
    held = covering(con, registry, fig.area.unit_key)
    for day in (d for d in fig.periods if d < fig.as_of):
        then = period_sources(held, day, fig.structure).get("scoring")
        if then is not None and then["dataset_id"] != now["dataset_id"] \
                and then["as_of"] < now["as_of"]:
            return area_figures(con, fig.area.unit_key, then["as_of"], structure=fig.structure)
    return None


def _pace(now: _Counts, then: _Counts | None, months: float | None,
          group: int | None = None) -> float | None:
    if then is None:
        return None
    if group is None:
        return f.pace_per_month(now.recognized, then.recognized, months)
    return f.pace_per_month(now.groups.get(group, (None, None))[0],
                            then.groups.get(group, (None, None))[0], months)


def _rows(fig: AreaFigures) -> list[_Counts]:
    """The unit rows (the area itself for an area without child units)."""
    if fig.units.empty:
        return [_area_counts(fig)]
    return [_counts(r["unit_key"], r["code"], r["name"], r, fig.groups)
            for r in fig.units.to_dict("records")]


def _area_counts(fig: AreaFigures) -> _Counts:
    return _counts(fig.area.unit_key, fig.area.code, fig.area.name, fig.totals, fig.groups)


def plan(con: duckdb.DuckDBPyConnection, area: str | None = None, as_of: dt.date | None = None,
         structure: str | None = None, base: str = POPULATION_8_60,
         group_sizes: pd.DataFrame | None = None,
         targets: tuple[Target, ...] | None = None,
         partners: tuple[partner_file.Partner, ...] | None = None,
         low: LowUptake | None = None) -> Plan | None:
    """The outreach plan of an area and period (None without data).

    `base`: what the targets about every group are measured on (targets.POPULATION_BASES; the
    default keeps each target's own base). `group_sizes`: columns unit_key, group_no, size
    (cdht_data.group_sizes.load), None when unknown. `targets`, `partners` default to the
    reference files."""
    if base not in target_file.POPULATION_BASES:
        raise InputError(f"cơ sở tính «{base}» không dùng được cho chỉ tiêu chung; dùng một "
                         f"trong {', '.join(target_file.POPULATION_BASES)}")
    fig = area_figures(con, area, as_of, structure=structure)
    if fig is None:
        return None
    low = low or LowUptake()
    registry = UnitRegistry.load(con)
    in_force = target_file.in_force(con, registry, targets)
    partners = partner_file.load() if partners is None else partners
    ruleset = fig.ruleset.get("ruleset_id")
    before = _previous(con, registry, fig)
    months_seen = f.months_between(before.sources["scoring"]["as_of"],
                                   fig.sources["scoring"]["as_of"]) if before else None
    seen_note = None if before else "chưa có kỳ trước để tính tốc độ"
    then_rows = {c.key: c for c in _rows(before)} if before else {}
    sizes = _sizes(group_sizes)

    def targets_of(key: str) -> list[Target]:
        return target_file.for_area(in_force, registry.ancestors(key))

    def distances(c: _Counts, then: _Counts | None) -> list[Distance]:
        note = seen_note if before is None else (
            None if then is not None else "kỳ trước không có đơn vị này")
        out = []
        for t in target_file.for_all_groups(targets_of(c.key)):
            chosen = t.base if base == POPULATION_8_60 else base
            out.append(distance(t, chosen, _base_count(c, chosen), c.recognized, c.assessed,
                                 c.registered, fig.as_of, _pace(c, then, months_seen), note))
        return out

    def group_lines(c: _Counts, then: _Counts | None, size_of) -> list[GroupLine]:
        lines = []
        for g in fig.groups:
            rec, assessed = c.groups.get(g, (None, None))
            partner = partner_file.for_group(partners, ruleset, g)
            size = size_of(g)
            found = []
            if size is not None:
                for t in targets_of(c.key):
                    if t.base == GROUP_SIZE and t.group_in(ruleset) == g:
                        found.append(distance(t, GROUP_SIZE, size, rec, c.assessed,
                                               c.registered, fig.as_of,
                                               _pace(c, then, months_seen, g),
                                               seen_note, g, assessed))
            names = fig.ruleset.get("groups", {}).get(g)
            lines.append(GroupLine(g, names[0] if names else f"Nhóm {g}",
                                   partner.id if partner else None,
                                   partner.name if partner else None, rec, assessed,
                                   f.pct(rec, c.recognized), size, found))
        return lines

    rows = _rows(fig)
    participation = pd.Series([r.participation_pct for r in rows], dtype="Float64")
    lows = low_uptake_mask(participation, low).tolist() if not fig.units.empty \
        else [False] * len(rows)
    units = []
    for i, (c, is_low) in enumerate(zip(rows, lows)):
        then = then_rows.get(c.key)
        units.append((i, _unit(c, 0, is_low, distances(c, then),
                               group_lines(c, then, lambda g, k=c.key: sizes.get((k, g))))))
    ordered = sorted(units, key=lambda item: _priority_key(item[1], item[0]))
    ranked = [dataclasses.replace(u, priority=n) for n, (_, u) in enumerate(ordered, start=1)]
    whole = _area_counts(fig)
    whole_then = _area_counts(before) if before else None
    area_size = _area_size(sizes, fig.area.unit_key, [r.key for r in rows])
    area_groups = group_lines(whole, whole_then, area_size)
    area_targets = distances(whole, whole_then)
    return Plan(fig.as_of, fig.area.unit_key, fig.area.code, fig.area.name, fig.structure,
                base, area_targets, ranked, area_groups, bool(sizes),
                before.sources["scoring"]["as_of"] if before else None, fig.area.level,
                _unit(whole, 0, False, area_targets, area_groups),
                f.median(r.participation_pct for r in rows), fig.ruleset.get("name", ""),
                list(fig.notes), fig.is_synthetic)


def for_area(con: duckdb.DuckDBPyConnection, area: str | None = None,
             as_of: dt.date | None = None, structure: str | None = None,
             base: str = POPULATION_8_60, low: LowUptake | None = None,
             targets: tuple[Target, ...] | None = None,
             partners: tuple[partner_file.Partner, ...] | None = None) -> Plan | None:
    """The plan as every reader of it wants it (`plan` on the command line, the «Kế hoạch vận
    động» page): with the area's group sizes from the store (group_sizes.load) when a table of
    them is held, so a group's own targets are measured; None without data. Arguments as
    `plan`'s; a missing area or period is the store's latest, as `plan` takes it."""
    if area is None or as_of is None:
        fig = area_figures(con, area, as_of, unit_rows=False, structure=structure)
        if fig is None:
            return None
        area, as_of = area or fig.area.unit_key, fig.as_of
    sizes = group_sizes.load(con, area, as_of, structure)
    return plan(con, area, as_of, structure, base, sizes, targets, partners, low)


def _unit(c: _Counts, priority: int, is_low: bool, targets: list[Distance],
          groups: list[GroupLine]) -> UnitPlan:
    return UnitPlan(c.key, c.code, c.name, priority, bool(is_low), c.participation_pct,
                    c.recognition_pct, targets, groups, c.registered, c.assessed, c.recognized,
                    c.age_8_60, f.assessment_pct(c.assessed, c.registered))


def _sizes(group_sizes: pd.DataFrame | None) -> dict[tuple[str, int], int]:
    if group_sizes is None or group_sizes.empty:
        return {}
    return {(str(k), int(g)): int(s) for k, g, s in zip(
        group_sizes["unit_key"], group_sizes["group_no"], group_sizes["size"])
        if plain(s) is not None}


def _area_size(sizes: dict, area_key: str, row_keys: list[str]):
    """The area's size of a group: its own row in the table, else the sum of its units' when
    every unit has one (a partial sum would understate the base, so it stays unknown)."""
    def size(g: int) -> int | None:
        if (area_key, g) in sizes:
            return sizes[(area_key, g)]
        known = [sizes.get((k, g)) for k in row_keys]
        return sum(known) if known and None not in known else None
    return size


def _priority_key(unit: UnitPlan, order: int) -> tuple:
    """PRIORITY_RULE as a sort key: units with an unmet target first, by the year of the
    nearest unmet one, then points below it (most first), then people missing (most first),
    then registry order; then units that met every target; then those without figures."""
    unmet = [d for d in unit.targets if d.people_to_recognize]
    if unmet:
        nearest = min(unmet, key=lambda d: (d.year, d.pct))
        below = nearest.pct - (nearest.recognized_pct or 0.0)
        return (0, nearest.year, -below, -nearest.people_to_recognize, order)
    known = unit.targets and all(d.people_to_recognize is not None for d in unit.targets)
    return (1 if known else 2, 0, 0.0, 0, order)


def by_partner(plan: Plan) -> dict[str, list[tuple[UnitPlan, GroupLine]]]:
    """Partner id → the (unit, group) lines it reaches, units in priority order, partners in
    the order their groups are numbered; NO_PARTNER for groups no partner reaches."""
    out: dict[str, list[tuple[UnitPlan, GroupLine]]] = {}
    for line in plan.groups:  # partner order: the area's groups in rule-set order
        out.setdefault(line.partner_id or NO_PARTNER, [])
    for unit in plan.units:
        for line in unit.groups:
            out.setdefault(line.partner_id or NO_PARTNER, []).append((unit, line))
    return {k: v for k, v in out.items() if v}


def what_if(plan: Plan, *, median_participation: bool = False,
            pass_rate_pct: float | None = None) -> WhatIf:
    """People gained and the new distances if each low-uptake unit reached the area's median
    participation (at its own assessment and pass rates), and/or each unit's pass rate reached
    `pass_rate_pct` % (units above it keep theirs). Counts are rounded down: a what-if never
    promises part of a person."""
    if pass_rate_pct is not None and not 0 <= pass_rate_pct <= 100:
        raise InputError(f"tỉ lệ Đạt «{pass_rate_pct}» phải là số từ 0 đến 100")
    median = plan.median_participation_pct
    notes = []
    results = []
    gained_total = added_reg_total = added_assessed_total = 0
    for unit in plan.units:
        added_reg, gained, assessed_added = _gain(unit, median if median_participation else None,
                                                  pass_rate_pct)
        if gained is None:
            notes.append(f"{unit.name}: chưa ước tính được (thiếu số đăng ký, đánh giá hoặc "
                         "tỉ lệ của đơn vị).")
        gained_total += gained or 0
        added_reg_total += added_reg or 0
        added_assessed_total += assessed_added or 0
        results.append(UnitWhatIf(unit.unit_key, unit.code, unit.name, added_reg, gained,
                                  _moved(unit.targets, gained or 0, assessed_added or 0,
                                         added_reg or 0, unit)))
    area = plan.area
    area_targets = _moved(plan.targets, gained_total, added_assessed_total, added_reg_total,
                          area) if area else plan.targets
    if median_participation and median is None:
        notes.insert(0, "Chưa có tỉ lệ tham gia của các đơn vị: không tính được mức trung vị.")
    return WhatIf(median_participation, pass_rate_pct, median, gained_total, area_targets,
                  results, notes)


def _gain(unit: UnitPlan, median: float | None,
          pass_rate_pct: float | None) -> tuple[int | None, int | None, int | None]:
    """(registered added, recognised gained, assessed added) of one unit; gained None when the
    scenario applies to the unit but its figures cannot say how much."""
    added_reg = added_assessed = added_rec = 0
    if median is not None and unit.is_low_uptake and unit.participation_pct is not None \
            and unit.participation_pct < median:
        added_reg = f.gap_to_target(unit.registered, unit.population_8_60, median)
        if added_reg is None or unit.assessment_pct is None or unit.recognition_pct is None:
            return added_reg, None, None
        added_assessed = f.recognized_at_rate(added_reg, min(unit.assessment_pct, 100.0))
        added_rec = f.recognized_at_rate(added_assessed, unit.recognition_pct)
    if pass_rate_pct is not None:
        if unit.assessed is None or unit.recognized is None:
            return added_reg, None, None
        assessed = unit.assessed + added_assessed
        recognized = unit.recognized + added_rec
        at_rate = f.recognized_at_rate(assessed, pass_rate_pct)
        if at_rate > recognized:
            added_rec = at_rate - unit.recognized
    return added_reg, added_rec, added_assessed


def _moved(found: list[Distance], gained: int, assessed_added: int, registered_added: int,
           unit: UnitPlan) -> list[Distance]:
    """`found` with `gained` more recognised (and the assessed and registered added): the
    distances recomputed by the same formulas, the pace seen unchanged."""
    if not (gained or assessed_added or registered_added):
        return list(found)
    rec = None if unit.recognized is None else unit.recognized + gained
    assessed = None if unit.assessed is None else unit.assessed + assessed_added
    registered = None if unit.registered is None else unit.registered + registered_added
    out = []
    for d in found:
        gap = f.gap_to_target(rec, d.base_count, d.pct)
        to_assess = f.people_to_assess(gap, rec, assessed)
        out.append(dataclasses.replace(
            d, recognized=rec, people_to_recognize=gap, to_assess=to_assess,
            to_register=f.people_to_register(to_assess, assessed, registered),
            needed_per_month=f.per_month(gap, d.months_left) if gap else (
                0.0 if gap == 0 else None),
            recognized_pct=f.pct(rec, d.base_count)))
    return out


def _target_json(d: Distance) -> dict:
    return {"target_id": d.target_id, "group": d.group, "year": d.year, "pct": d.pct,
            "base": d.base, "base_count": d.base_count, "recognized": d.recognized,
            "people_to_recognize": d.people_to_recognize,
            "needed_per_month": f.round_half_up(d.needed_per_month),
            "seen_per_month": f.round_half_up(d.seen_per_month),
            "base_words": d.base_words, "recognized_pct": f.round_half_up(d.recognized_pct),
            "to_assess": d.to_assess, "to_register": d.to_register,
            "months_left": f.round_half_up(d.months_left), "notes": list(d.notes)}


def _unit_targets(targets: list[Distance], groups: list[GroupLine]) -> list[dict]:
    return [_target_json(d) for d in targets] + [
        _target_json(d) for line in groups for d in line.targets]


def plan_json(plan: Plan) -> dict:
    """The CLI's document (`plan --json`): the keys the issue gives, and a few more (base
    words, people to assess and register, months left, why a figure is unknown, the
    groups)."""
    return {
        "as_of": plan.as_of.isoformat(),
        "area": {"code": plan.area_code, "name": plan.area_name,
                 "targets": _unit_targets(plan.targets, plan.groups)},
        "units": [{"code": u.code, "name": u.name, "priority": u.priority,
                   "targets": _unit_targets(u.targets, u.groups),
                   "is_low_uptake": u.is_low_uptake,
                   "participation_pct": f.round_half_up(u.participation_pct),
                   "recognition_pct": f.round_half_up(u.recognition_pct),
                   "groups": [_group_json(g) for g in u.groups]} for u in plan.units],
        "structure": plan.structure,
        "base": plan.base,
        "previous_as_of": plan.previous_as_of.isoformat() if plan.previous_as_of else None,
        "group_sizes_known": plan.group_sizes_known,
        "priority_rule": PRIORITY_RULE,
    }


def _group_json(g: GroupLine) -> dict:
    return {"group": g.group_no, "name": g.group_name, "partner_id": g.partner_id,
            "recognized": g.recognized, "assessed": g.assessed,
            "share_pct": f.round_half_up(g.share_pct), "size": g.size}


def plan_lines(plan: Plan) -> list[str]:
    """The plan as text (`plan` without --json): the area, then each unit in priority order
    with its distance to every target, then the groups and who reaches them."""
    where = area_label(plan.area_level, plan.area_name)
    lines = [f"Kế hoạch vận động: {where}, kỳ {fmt_date(plan.as_of)} "
             f"({STRUCTURE_WORDS[plan.structure]})"]
    if plan.is_synthetic:
        lines.append("DỮ LIỆU MÔ PHỎNG, không phải số liệu thật.")
    lines += [f"Lưu ý: {n}" for n in plan.notes]
    bases = sorted({d.base_words for d in plan.targets})
    lines.append(f"Cơ sở tính: {'; '.join(bases)}." if bases else
                 "Không có chỉ tiêu nào áp dụng cho địa bàn này.")
    lines.append(f"Tốc độ đã đạt: so với kỳ {fmt_date(plan.previous_as_of)}."
                 if plan.previous_as_of else "Chưa có kỳ trước để tính tốc độ đã đạt.")
    lines.append(f"Toàn {where}:")
    lines += [f"  - {distance_words(d)}" for d in plan.targets]
    lines.append(PRIORITY_RULE)
    for u in plan.units:
        mark = f" {LOW_UPTAKE_MARK}" if u.is_low_uptake else ""
        lines.append(f"{u.priority}. {u.name} (mã {u.code}){mark}")
        lines += [f"  - {distance_words(d)}" for d in u.targets]
        lines += [f"  - {distance_words(d, g.group_name)}" for g in u.groups for d in g.targets]
    lines.append("Theo nhóm đối tượng và đơn vị phối hợp:")
    if not plan.group_sizes_known:
        lines.append("  Chưa có bảng số người của từng nhóm: chưa tính được khoảng cách đến chỉ "
                     "tiêu theo nhóm; dưới đây là tỉ lệ của mỗi nhóm trong số người Đạt.")
    for g in plan.groups:
        who = g.partner_name or "chưa có đơn vị phối hợp trong danh mục"
        lines.append(f"  - {g.group_name}: {fmt_int(g.recognized)} người Đạt "
                     f"({fmt_pct(g.share_pct)} số người Đạt); phối hợp: {who}")
        lines += [f"      {distance_words(d)}" for d in g.targets]
    return lines
