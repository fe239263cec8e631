"""The `summary --json` object: an area's totals and its child units, for one period."""

from __future__ import annotations

import datetime as dt

import duckdb

from .formatting import plain
from .formulas import round_half_up
from .keys import BANDS, band_column
from .errors import InputError
from .metrics import AreaFigures, area_figures, for_group


def _entry(fig: AreaFigures, row: dict, code: str, name: str) -> dict:
    entry = {
        "code": code,
        "name": name,
        "registered": row.get("registered_count"),
        "assessed": row.get("assessed_count"),
        "recognized": row.get("recognized_count"),
        "not_recognized": row.get("not_recognized_count"),
        "population_8_60": row.get("age_8_60_count"),
        "participation_pct": round_half_up(row.get("participation_pct")),
        "recognition_pct": round_half_up(row.get("recognition_pct")),
        "recognition_of_registered_pct": round_half_up(row.get("recognition_of_registered_pct")),
        "groups": {
            str(g): {"recognized": row.get(f"g{g}_recognized_count"),
                     "not_recognized": row.get(f"g{g}_not_recognized_count")}
            for g in fig.groups
        },
    }
    if fig.has_bands or fig.has_party_members:
        entry["bands"] = {b: row.get(band_column(b)) for b in BANDS}
        entry["party_members"] = row.get("party_member_count")
    if fig.rolled_up:
        entry["is_partial"] = bool(row.get("is_partial"))
        entry["missing"] = row["partial_note"].split("; ") if row.get("partial_note") else []
        entry["rolled_up_from"] = row.get("made_of")
        entry["merged_into"] = row.get("merged_into_key")
    return entry


def summary(con: duckdb.DuckDBPyConnection, area: str | None = None,
            as_of: dt.date | None = None, group: int | None = None,
            structure: str | None = None) -> dict | None:
    """`summary --json`: the figures the pages show, by the same functions (metrics.area_figures
    and for_group), rates rounded half-up to 2 decimals, in the units of `structure` (by
    default those in force on the period)."""
    fig = area_figures(con, area, as_of, structure=structure)
    if fig is None:
        return None
    if group is not None and group not in fig.groups:
        known = ", ".join(str(g) for g in fig.groups)
        raise InputError(f"nhóm «{group}» không có trong {fig.ruleset.get('name', 'bộ tiêu chí')} "
                         f"của kỳ này (các nhóm {known})")
    fig = for_group(fig, group)
    units = []
    for rec in fig.units.to_dict("records"):
        rec = {k: plain(v) for k, v in rec.items()}
        units.append(_entry(fig, rec, rec["code"], rec["unit_name"]))
    totals = _entry(fig, {k: plain(v) for k, v in fig.totals.items()}, fig.area.code,
                    fig.area.name)
    if fig.rolled_up:
        totals.update(is_partial=fig.is_partial, missing=list(fig.missing), rolled_up_from=None,
                      merged_into=fig.merged_into.unit_key if fig.merged_into else None)
    sources = {kind: {"as_of": ds["as_of"].isoformat(), "file": ds["source_file"],
                      "document": ds["document"], "issuer": ds["issuer"],
                      "is_synthetic": ds["is_synthetic"]}
               for kind, ds in fig.sources.items()}
    out = {
        "as_of": fig.as_of.isoformat(),
        "area": {"code": fig.area.code, "name": fig.area.name, "level": fig.area.level,
                 "key": fig.area.unit_key},
        "structure": fig.structure,
        "ruleset": {"id": fig.ruleset.get("ruleset_id"), "name": fig.ruleset.get("name"),
                    "pass_mark": fig.ruleset.get("pass_mark"),
                    "indicator_floor": fig.ruleset.get("indicator_floor")},
        "sources": sources,
        "notes": fig.notes,
        "rolled_up": {kind: {"from": fig.sources[kind]["structure"], "to": fig.structure}
                      for kind in fig.rolled_up},
        "totals": totals,
        "units": units,
    }
    if fig.mapped_from is not None:
        asked = fig.mapped_from
        out["asked_area"] = {"code": asked.code, "name": asked.name, "level": asked.level,
                             "key": asked.unit_key, "structure": asked.structure}
    if group is not None:
        name, short = fig.ruleset["groups"][group]
        out["group"] = {"no": group, "name": name, "short_name": short}
        if totals["recognition_of_registered_pct"] is None:
            out["notes"] = [*fig.notes, "Số đăng ký và tỉ lệ tham gia không chia theo nhóm: đó "
                            "là số của tất cả các nhóm."]
    return out
