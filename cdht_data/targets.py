"""The targets progress is measured against (data/reference/targets.toml): the national ones
of 677/QĐ-TTg and 387/QĐ-TTg and any local plan's, each with its source, year and base.

Read from the file when asked, so an office's edit needs no rebuild. A target about one group
names that group's number in each rule set, because the groups are numbered per rule set.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from pathlib import Path

from . import formulas
from .errors import InputError
from .store import DATA_DIR

TARGETS_FILE = DATA_DIR / "reference" / "targets.toml"

# What a target's share is measured on, as every figure beside it says.
POPULATION_8_60 = "dan_so_8_60"
# 8–60 less the population table's column 5 (unable to work): a base a plan may choose instead,
# shown only when chosen (plan --base, formulas.population_less_unable).
ABLE_8_60 = "dan_so_8_60_tru_khong_kha_nang"
GROUP_SIZE = "nhom"
BASES = {
    POPULATION_8_60: "dân số 8–60 tuổi (số người có khả năng tham gia)",
    ABLE_8_60: "dân số 8–60 tuổi trừ người không có khả năng lao động",
    GROUP_SIZE: "số người của nhóm",
}
# The bases a target about every group can be measured on (a group's target needs GROUP_SIZE).
POPULATION_BASES = (POPULATION_8_60, ABLE_8_60)
_FIELDS = {"id", "source", "who", "year", "pct", "base", "groups", "area"}


@dataclass(frozen=True)
class Target:
    id: str
    source: str
    who: str
    year: int
    pct: float
    base: str
    groups: dict[str, int] = field(default_factory=dict)  # rule set id -> group number
    area: str | None = None  # None: national

    @property
    def due(self) -> dt.date:
        return dt.date(self.year, 12, 31)

    @property
    def base_words(self) -> str:
        return BASES[self.base]

    @property
    def for_all_groups(self) -> bool:
        return not self.groups

    def group_in(self, ruleset_id: str) -> int | None:
        """The group this target is about in a rule set's periods (None: all groups, or a
        rule set the target does not reach)."""
        return self.groups.get(ruleset_id)

    def people_to_recognize(self, recognized: int | None, base_count: int | None) -> int | None:
        """People still to be recognised to reach the target (rounded up; 0 once reached)."""
        return formulas.gap_to_target(recognized, base_count, self.pct)


def _refuse(path: Path, number: int, what: str) -> InputError:
    return InputError(f"chỉ tiêu thứ {number}: {what}", file=path.name)


def _target(path: Path, number: int, entry: dict) -> Target:
    unknown = set(entry) - _FIELDS
    if unknown:
        raise _refuse(path, number, f"không có trường {', '.join(sorted(unknown))}")
    missing = [k for k in ("id", "source", "who", "year", "pct", "base") if k not in entry]
    if missing:
        raise _refuse(path, number, f"thiếu {', '.join(missing)}")
    if entry["base"] not in BASES:
        raise _refuse(path, number, f"cơ sở tính «{entry['base']}» không có; dùng một trong "
                      f"{', '.join(BASES)}")
    pct = entry["pct"]
    if isinstance(pct, bool) or not isinstance(pct, int | float) or not 0 < pct <= 100:
        raise _refuse(path, number, f"tỉ lệ «{pct}» phải là số trong (0; 100]")
    year = entry["year"]
    if isinstance(year, bool) or not isinstance(year, int) or not 2000 <= year <= 2100:
        raise _refuse(path, number, f"năm «{year}» không hợp lệ")
    groups = entry.get("groups", {})
    if not isinstance(groups, dict) or not all(
            isinstance(n, int) and not isinstance(n, bool) for n in groups.values()):
        raise _refuse(path, number, "«groups» phải là { mã bộ tiêu chí = số nhóm }")
    if entry["base"] == GROUP_SIZE and not groups:
        raise _refuse(path, number, "chỉ tiêu tính trên số người của nhóm phải ghi «groups»")
    return Target(str(entry["id"]), str(entry["source"]), str(entry["who"]), year, float(pct),
                  entry["base"], dict(groups), None if entry.get("area") is None
                  else str(entry["area"]))


def load(path: Path = TARGETS_FILE) -> tuple[Target, ...]:
    """Every target in the file, national first, in the file's order."""
    try:
        with path.open("rb") as handle:
            entries = tomllib.load(handle).get("target", [])
    except FileNotFoundError as exc:
        raise InputError("không có tệp chỉ tiêu", file=str(path)) from exc
    except tomllib.TOMLDecodeError as exc:
        raise InputError(f"tệp chỉ tiêu viết sai cú pháp TOML ({exc})", file=path.name) from exc
    found = [_target(path, n, e) for n, e in enumerate(entries, start=1)]
    seen: set[str] = set()
    for number, target in enumerate(found, start=1):
        if target.id in seen:
            raise _refuse(path, number, f"mã «{target.id}» đã dùng cho chỉ tiêu khác")
        seen.add(target.id)
    return tuple(sorted(found, key=lambda t: t.area is not None))


def for_area(targets: tuple[Target, ...], area_chain: list[str]) -> list[Target]:
    """The targets that apply to an area: the national ones and the local ones set for the
    area or a unit above it (`area_chain`: the area's key, then its parents'; a local
    target's `area` must already be resolved to a key, see in_force)."""
    return [t for t in targets if t.area is None or t.area in area_chain]


def in_force(con, registry, targets: tuple[Target, ...] | None = None) -> tuple[Target, ...]:
    """The targets with each local one's `area` resolved to a unit key (by key, code or name,
    as --area is), so for_area can match it; an area not in the registry is refused."""
    from .metrics import resolve_area
    targets = load() if targets is None else targets
    resolved = []
    for target in targets:
        if target.area is not None:
            unit = resolve_area(con, registry, target.area, None)
            target = Target(target.id, target.source, target.who, target.year, target.pct,
                            target.base, target.groups, unit.unit_key)
        resolved.append(target)
    return tuple(resolved)


def headline(targets: list[Target], as_of: dt.date) -> Target | None:
    """The one target a single figure is set against (a league table's gap, the paragraph of
    figures): of `targets` about every group (for_all_groups order), the soonest not yet due
    on `as_of`; after the last is due, the last; None without any."""
    about_all = for_all_groups(targets)
    return next((t for t in about_all if t.due >= as_of), about_all[-1] if about_all else None)


def for_all_groups(targets: list[Target]) -> list[Target]:
    """The targets about everyone, soonest first: the ones a headline figure is set against."""
    return sorted((t for t in targets if t.for_all_groups), key=lambda t: (t.year, t.pct))
