"""What the printable pack shows, as one JSON-ready dict: every figure taken from the functions
the pages use (views.overview, map_page, groups_page, bands_page, quality.report, targets) and
written in Vietnamese format here (formatting.*), so the Typst template only lays text out.

Text from data travels as JSON strings and is placed by the template as plain text, never read
as Typst markup: a unit named "*Lộc #Hòa*" prints exactly so."""

from __future__ import annotations

import datetime as dt

import duckdb

from .. import targets as target_file
from ..definitions import LOW_UPTAKE_MARK, METRICS, LowUptake
from ..errors import InputError
from ..formatting import MISSING, fmt_date, fmt_decimal, fmt_int, fmt_number, fmt_pct, plain
from ..keys import BANDS, STRUCTURE_WORDS, TABLE_KINDS, band_label
from ..metrics import area_figures
from ..quality.report import SCORE_FORMULA, quality_page
from ..units import UnitRegistry, area_label
from ..views import bands_page, groups_page, map_page, overview, target_progress
from .drawing import CIVIDIS, place_units, scale_colour

TITLE = "Bản in cho cuộc họp"
LOW_WORDS = "tham gia thấp"
MAP_SIZE = "age_8_60_count"  # bubbles sized by the population that could take part
MAP_COLOUR = "participation_pct"
HEADLINE = (  # (figure, label, formatter), the overview's headline in its order
    ("registered_count", "Số người đăng ký", "int"),
    ("assessed_count", "Số người đã đánh giá", "int"),
    ("recognized_count", "Số người Đạt", "int"),
    ("recognition_pct", "Tỉ lệ Đạt / đã đánh giá", "pct"),
    ("recognition_of_registered_pct", "Tỉ lệ Đạt / đăng ký", "pct"),
    ("participation_pct", "Tỉ lệ tham gia (đăng ký / dân số 8–60)", "pct"),
    ("age_8_60_count", "Dân số 8–60 tuổi", "int"),
)


def _fmt(kind: str, value) -> str:
    return fmt_pct(plain(value)) if kind == "pct" else fmt_int(plain(value))


def _change(kind: str, value) -> str:
    value = plain(value)
    if value is None:
        return ""
    sign = "+" if value >= 0 else "−"
    return sign + (f"{fmt_decimal(abs(value))} điểm %" if kind == "pct" else fmt_int(abs(value)))


def _float(value) -> float | None:
    value = plain(value)
    return None if value is None else float(value)


def pack_content(con: duckdb.DuckDBPyConnection, as_of: dt.date | None, area_key: str | None,
                 structure: str | None = None, made_on: dt.date | None = None) -> dict:
    """Everything the pack prints for an area and period (the store's latest when not given),
    in the units of `structure`, with the default low-uptake setting and the targets of
    data/reference/targets.toml. Refused (InputError) when there are no figures."""
    fig = area_figures(con, area_key, as_of, structure=structure)
    if fig is None:
        raise InputError("không có số liệu của địa bàn và kỳ này để in")
    area, as_of = area_key or fig.area.unit_key, fig.as_of
    registry = UnitRegistry.load(con)
    national = target_file.for_all_groups(target_file.for_area(
        target_file.in_force(con, registry), registry.ancestors(fig.area.unit_key)))
    low = LowUptake()
    o = overview(con, area, as_of, None, low, structure)
    gap_pct = o.headline.pct if o.headline is not None else None
    return {
        "cover": _cover(o.figures, made_on or dt.date.today()),
        "headline": _headline(o),
        "paragraph": o.paragraph,
        "targets": _targets(o.figures.totals, national),
        "ranking": _ranking(o, low, gap_pct),
        "map": _map(con, area, as_of, low, structure),
        "groups": _groups(con, area, as_of, structure),
        "bands": _bands(con, area, as_of, structure),
        "quality": _quality(con, as_of, o.figures.area.unit_key),
        "sources": _sources(o.figures),
    }


def _cover(fig, made_on: dt.date) -> dict:
    return {
        "title": TITLE,
        "subject": "Kết quả đánh giá, công nhận danh hiệu «Công dân học tập»",
        "area": area_label(fig.area.level, fig.area.name, capital=True),
        "period": fmt_date(fig.as_of),
        "made_on": fmt_date(made_on),
        "ruleset": fig.ruleset.get("name") or "",
        "structure": STRUCTURE_WORDS.get(fig.structure, ""),
        "synthetic": fig.is_synthetic,
        "notes": list(fig.notes),
    }


def _headline(o) -> dict:
    t = o.shown.totals
    marked = {m for unit, metrics in zip(o.marks["unit_key"], o.marks["metrics"])
              if plain(unit) is None for m in metrics}
    return {
        "rows": [{"label": label, "value": _fmt(kind, t.get(key)),
                  "change": _change(kind, o.changes.get(key)) if o.previous else "",
                  "marked": key in marked} for key, label, kind in HEADLINE],
        "previous": fmt_date(o.previous.as_of) if o.previous is not None else "",
    }


def _targets(totals: dict, national: list) -> dict:
    """Recognised against the population aged 8–60 beside each national target for all
    groups (frames.target_progress: one formula with the overview's bar)."""
    rows = []
    for target in national:
        progress = target_progress(totals, target.pct)
        gap = progress["gap_count"]
        rows.append({"id": target.id, "source": target.source, "who": target.who,
                     "year": str(target.year), "due": fmt_date(target.due),
                     "pct": target.pct, "pct_text": fmt_pct(target.pct, 0),
                     "base": target.base_words,
                     "gap": MISSING if gap is None else fmt_int(gap),
                     "reached": gap == 0})
    now = target_progress(totals, 0)["recognized_of_population_pct"]
    top = max([r["pct"] for r in rows] + [_float(now) or 0.0, 1.0])
    return {
        "rows": rows,
        "known": now is not None,
        "value": _float(now) or 0.0,
        "value_text": fmt_pct(plain(now)),
        "axis_max": top * 1.1,
        "recognized": fmt_int(totals.get("recognized_count")),
        "population": fmt_int(totals.get("age_8_60_count")),
        "formula": METRICS["recognized_of_population_pct"].formula,
        "gap_formula": METRICS["gap_to_target"].formula,
    }


def _ranking(o, low: LowUptake, gap_pct: float | None) -> dict:
    """Every unit of views.overview's league table, highest participation first."""
    league = o.league
    rows = []
    if league is not None:
        for r in league.to_dict("records"):
            rows.append({
                "rank": fmt_int(r["rank"]), "name": r["name"],
                "registered": fmt_int(plain(r["registered_count"])),
                "population": fmt_int(plain(r["age_8_60_count"])),
                "participation": fmt_pct(plain(r["participation_pct"])),
                "participation_value": _float(r["participation_pct"]),
                "assessed": fmt_int(plain(r["assessed_count"])),
                "recognized": fmt_int(plain(r["recognized_count"])),
                "recognition": fmt_pct(plain(r["recognition_pct"])),
                "gap": fmt_int(plain(r["gap_count"])),
                "low": bool(r["is_low_uptake"]), "quality": r["quality_mark"] or ""})
    values = [r["participation_value"] for r in rows if r["participation_value"] is not None]
    top = max(values + [low.threshold_pct])
    return {
        "rows": rows,
        "charted": bool(values),
        "axis_max": top * 1.15,
        "threshold": low.threshold_pct,
        "threshold_text": fmt_pct(low.threshold_pct, 0) if float(low.threshold_pct).is_integer()
        else f"{fmt_number(low.threshold_pct)}%",
        "low_rule": low.describe(),
        "mark": LOW_UPTAKE_MARK, "low_words": LOW_WORDS,
        "low_count": sum(r["low"] for r in rows),
        "gap_pct": MISSING if gap_pct is None else fmt_pct(gap_pct, 0),
    }


def _map(con, area: str, as_of: dt.date, low: LowUptake, structure: str | None) -> dict:
    """Units at their centres, sized by the 8–60 population and coloured by participation,
    from views.map_page (the frame «Bản đồ» draws)."""
    m = map_page(con, area, as_of, None, low, structure)
    frame = m.frame.reset_index(drop=True)
    placed = place_units(frame, MAP_SIZE)
    values = [v for v in (_float(x) for x in frame[MAP_COLOUR]) if v is not None]
    top = max(values, default=0.0)
    bubbles = []
    for b in placed["bubbles"]:
        r = frame.iloc[b["row"]]
        bubbles.append({**b, "name": r["name"], "value": fmt_pct(plain(r[MAP_COLOUR])),
                        "fill": scale_colour(_float(r[MAP_COLOUR]), top) or "#ffffff",
                        "low": bool(r["is_low_uptake"])})
    steps = 5
    return {
        "drawn": bool(bubbles),
        "width": placed["width"], "height": placed["height"], "bubbles": bubbles,
        "legend": [{"colour": scale_colour(top * i / steps, top) or CIVIDIS[0],
                    "text": fmt_pct(top * i / steps, 1)} for i in range(steps + 1)],
        "size_words": "Cỡ vòng tròn: dân số 8–60 tuổi",
        "colour_words": "Màu: tỉ lệ tham gia (đăng ký / dân số 8–60)",
        "unplaced": list(m.unplaced) if bubbles else frame["name"].tolist(),
        "approximate": list(m.approximate),
    }


def _groups(con, area: str, as_of: dt.date, structure: str | None) -> dict:
    """Each group's Đạt, Chưa đạt and rate for the area, and unit by unit (views.groups_page)."""
    g = groups_page(con, area, as_of, None, structure)
    totals = [{"name": r["group_name"], "short": r["short_name"],
               "recognized": fmt_int(plain(r["recognized_count"])),
               "not_recognized": fmt_int(plain(r["not_recognized_count"])),
               "assessed": fmt_int(plain(r["assessed_count"])),
               "rate": fmt_pct(plain(r["recognition_pct"])),
               "rate_value": _float(r["recognition_pct"]),
               "lowest": "" if r["lowest_unit"] is None else
               f"{r['lowest_unit']} ({fmt_pct(plain(r['lowest_pct']))})"}
              for r in g.totals.to_dict("records")]
    units: dict[str, list] = {}
    for r in g.long.to_dict("records"):
        cells = units.setdefault(r["unit_key"], [r["name"]])
        cells += [f"{fmt_int(plain(r['recognized_count']))} / {fmt_int(plain(r['assessed_count']))}",
                  fmt_pct(plain(r["recognition_pct"]))]
    return {"totals": totals, "headers": [t["short"] for t in totals],
            "units": list(units.values()), "has_counts": g.has_counts}


def _bands(con, area: str, as_of: dt.date, structure: str | None) -> dict:
    """Recognised people per score band, unit by unit and for the whole area (views.bands_page)."""
    b = bands_page(con, area, as_of, None, structure)
    rows: dict[str, list] = {}
    for r in b.bands.to_dict("records"):
        cells = rows.setdefault(r["unit_key"], [r["name"]])
        cells += [fmt_int(plain(r["person_count"])), fmt_pct(plain(r["share_pct"]))]
    return {"present": not b.bands.empty, "labels": [band_label(x) for x in BANDS],
            "rows": list(rows.values()),
            "pass_mark": fmt_int(b.figures.ruleset.get("pass_mark"))}


def _quality(con, as_of: dt.date, area_key: str) -> dict:
    """The quality report's score and every finding, most severe first (quality.report)."""
    q = quality_page(con, as_of, area_key)
    a = q.area
    return {
        "score": MISSING if plain(a.get("score")) is None else fmt_decimal(a["score"], 1),
        "checks": fmt_int(a.get("check_count")), "failed": fmt_int(a.get("failed_count")),
        "errors": fmt_int(a.get("error_count")), "warnings": fmt_int(a.get("warning_count")),
        "information": fmt_int(a.get("information_count")),
        "formula": SCORE_FORMULA,
        "findings": [{"severity": s, "row": "" if plain(row) is None else str(row), "message": m}
                     for s, row, m in zip(q.comparisons["severity_name"],
                                          q.comparisons["row_label"], q.comparisons["message"])],
    }


def _sources(fig) -> list[dict]:
    """Provenance of each table the figures come from (the store's datasets rows)."""
    out = []
    for ds in fig.sources.values():
        kind = TABLE_KINDS.get(ds["kind"])
        out.append({"kind": kind.title if kind else ds["kind"], "title": ds.get("title") or "",
                    "document": ds.get("document") or "", "issuer": ds.get("issuer") or "",
                    "as_of": fmt_date(ds["as_of"]), "file": ds.get("source_file") or "",
                    "note": ds.get("note") or "", "synthetic": bool(ds.get("is_synthetic"))})
    return out
