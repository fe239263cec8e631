"""Synthetic national data: a unit registry, individual records and a population table.

Nothing here is real. Every file name starts with `synthetic_`, every unit code with `MP`
(mô phỏng), every unit name says "(mô phỏng)", the country node is called "Dữ liệu mô phỏng –
Toàn quốc", and `sources.toml` marks each table `is_synthetic = true`, so a store built from it
has `datasets.is_synthetic` set and the dashboard can say so.

The output directory is a data directory like `data/`: `reference/` (units, no merges, the
project's rule sets), `sources.toml`, the tables, and `synthetic_manifest.json` (seed, sizes,
files, how the numbers were drawn). `python -m cdht_data build --data DIR --db PATH` builds a
store from it.

Structure: country → provinces → districts → communes (the structure before 1/7/2025: about
11 districts of about 15 communes per province). Per commune: a population drawn around 9,000
with age bands whose shares vary; a registration propensity; a group mix around 45% farmers,
20% workers, 12% officials, 23% pupils; a commune effect on scores. Records: ten indicators
of 0–10 points in half points around a person's level (commune effect + group mean + noise),
each now and then (GAP_SHARE) a shortfall of 0–4.5 points whatever the level, total = their
sum, recognised under the 324 rule (total ≥ 80 and no indicator below 5). Every
draw is a hash of (seed, commune, group, person, draw), so the output depends on the seed only.
"""

from __future__ import annotations

import csv
import datetime as dt
import json
import math
import random
import shutil
from dataclasses import dataclass
from pathlib import Path

import duckdb

from .bulk import insert_rows
from .store import DATA_DIR

AS_OF = dt.date(2024, 12, 31)
COUNTRY_KEY = "MP"
COUNTRY_NAME = "Dữ liệu mô phỏng – Toàn quốc"
MARK = " (mô phỏng)"
GROUP_SHARES = (0.45, 0.20, 0.12, 0.23)
GROUP_LEVEL = (8.05, 8.2, 8.75, 8.55)  # mean points per indicator, groups 1–4
GAP_SHARE = 0.006  # chance of each indicator being 0–4.5 (about 6% of people have one)
RECORDS_COLUMNS = ("Mã xã", "Nhóm", "Tổng điểm", *(f"Chỉ số {k}" for k in range(1, 11)), "Kết quả")
SYLLABLES = ("An", "Bình", "Phú", "Tân", "Hòa", "Thạnh", "Long", "Mỹ", "Phước", "Hưng", "Đông",
             "Tây", "Nam", "Bắc", "Trung", "Sơn", "Hải", "Thủy", "Lâm", "Quang", "Vĩnh", "Đức",
             "Thành", "Lợi", "Thịnh", "Xuân", "Hà", "Minh", "Hiệp", "Khánh", "Lạc", "Phong",
             "Cát", "Ninh", "Yên", "Thuận", "Lộc", "Hồng", "Kim", "Ngọc", "Tiến", "Định")


@dataclass
class Commune:
    unit_key: str
    name: str
    lat: float
    lon: float
    area_km2: float
    population: int
    under_7: int
    age_8_60: int
    over_60: int
    unable: int
    group_counts: tuple[int, int, int, int]
    registered: int
    effect: float


@dataclass
class SynthResult:
    out: Path
    communes: int
    people: int
    files: dict[str, Path]


def _name(rng: random.Random, taken: set[str]) -> str:
    while True:
        name = f"{rng.choice(SYLLABLES)} {rng.choice(SYLLABLES)}"
        if name not in taken and name.split()[0] != name.split()[1]:
            taken.add(name)
            return name


def _place(rng: random.Random, i: int, provinces: int) -> tuple[float, float]:
    """A centre along the country's S shape, north (23°N) to south (9°N)."""
    lat = 22.8 - 13.6 * (i + rng.random()) / provinces
    if lat > 20.5:
        lon = rng.uniform(103.5, 107.0)
    elif lat > 16.0:
        lon = 105.5 + (20.5 - lat) * 0.4 + rng.uniform(-0.5, 0.3)
    elif lat > 11.5:
        lon = rng.uniform(107.6, 109.1)
    else:
        lon = rng.uniform(104.9, 107.2)
    return round(lat, 4), round(lon, 4)


def _split(total: int, weights: list[float]) -> list[int]:
    """`total` split in proportion to `weights`, largest remainders first: sums to `total`."""
    whole = sum(weights)
    raw = [total * w / whole for w in weights]
    counts = [math.floor(r) for r in raw]
    order = sorted(range(len(raw)), key=lambda i: counts[i] - raw[i])
    for i in order[: total - sum(counts)]:
        counts[i] += 1
    return counts


def _units(n_communes: int, people: int, rng: random.Random):
    """Registry rows (country, provinces, districts, communes) and the communes' figures."""
    sizes = []
    while sum(sizes) < n_communes:
        sizes.append(min(rng.randint(9, 21), n_communes - sum(sizes)))
    provinces = []
    while sum(len(p) for p in provinces) < len(sizes):
        start = sum(len(p) for p in provinces)
        provinces.append(sizes[start:start + rng.randint(8, 14)])
    rows = [(COUNTRY_KEY, COUNTRY_NAME, "country", None, None, None, None)]
    communes: list[Commune] = []
    province_names: set[str] = set()
    for p, districts in enumerate(provinces, start=1):
        p_key = f"MP{p:02d}"
        rows.append((p_key, f"Tỉnh {_name(rng, province_names)}{MARK}", "province", COUNTRY_KEY,
                     None, None, None))
        p_lat, p_lon = _place(rng, p - 1, len(provinces))
        district_names: set[str] = set()
        for d, size in enumerate(districts, start=1):
            d_key = f"{p_key}{d:02d}"
            rows.append((d_key, f"Huyện {_name(rng, district_names)}{MARK}", "district", p_key,
                         None, None, None))
            d_lat, d_lon = p_lat + rng.uniform(-0.35, 0.35), p_lon + rng.uniform(-0.35, 0.35)
            commune_names: set[str] = set()
            for c in range(1, size + 1):
                c_key = f"{d_key}{c:03d}"
                lat = round(d_lat + rng.uniform(-0.12, 0.12), 4)
                lon = round(d_lon + rng.uniform(-0.12, 0.12), 4)
                area = round(rng.lognormvariate(math.log(30), 0.6), 2)
                prefix = "Thị trấn" if c == 1 else "Xã"
                name = f"{prefix} {_name(rng, commune_names)}{MARK}"
                rows.append((c_key, name, "commune", d_key, lat, lon, area))
                communes.append(_commune(rng, c_key, name, lat, lon, area))
    _draw_people(rng, communes, people)
    return rows, communes


def _commune(rng: random.Random, key: str, name: str, lat: float, lon: float,
             area: float) -> Commune:
    population = max(800, int(rng.lognormvariate(math.log(9000), 0.5)))
    under_7 = round(population * rng.uniform(0.09, 0.13))
    over_60 = round(population * rng.uniform(0.09, 0.16))
    unable = round(population * rng.uniform(0.001, 0.004))
    age_8_60 = population - under_7 - over_60 - unable
    return Commune(key, name, lat, lon, area, population, under_7, age_8_60, over_60, unable,
                   (0, 0, 0, 0), 0, round(rng.uniform(-0.45, 0.45), 3))


def _draw_people(rng: random.Random, communes: list[Commune], people: int) -> None:
    """Assessed people per commune and group, and registered (assessed plus a few not yet)."""
    weights = [c.age_8_60 * rng.uniform(0.3, 1.7) for c in communes]
    assessed = _split(people, weights)
    for c, n in zip(communes, assessed):
        mix = [s * rng.uniform(0.6, 1.4) for s in GROUP_SHARES]
        c.group_counts = tuple(_split(n, mix))
        c.registered = min(c.age_8_60, n + round(n * rng.uniform(0.0, 0.08)))


def _write_units(path: Path, rows) -> None:
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow(["unit_key", "code", "is_official_code", "name", "level", "parent_key",
                    "structure", "valid_from", "valid_to", "lat", "lon", "area_km2", "aliases",
                    "note"])
        for key, name, level, parent, lat, lon, area in rows:
            w.writerow([key, key, "false", name, level, parent or "", "pre2025", "", "",
                        "" if lat is None else lat, "" if lon is None else lon,
                        "" if area is None else area, "", "dữ liệu mô phỏng, không có thật"])


def _write_population(path: Path, communes: list[Commune]) -> None:
    """The population table in the report layout the importer reads (with a code column)."""
    with open(path, "w", newline="", encoding="utf-8") as f:
        w = csv.writer(f)
        w.writerow([f"DỮ LIỆU MÔ PHỎNG – dân số và số người đăng ký, tính đến ngày "
                    f"{AS_OF.day}/{AS_OF.month}/{AS_OF.year}"])
        w.writerow(["STT", "Xã/ phường", "Mã xã", "Tổng số nhân khẩu", "Số người dưới 7 tuổi",
                    "Số người từ 8 tuổi đến 60 tuổi", "Số người trên 60 tuổi",
                    "Số người trong độ tuổi từ 8-60 tuổi không có khả năng lao động",
                    "Số người tham gia đăng ký"])
        for i, c in enumerate(communes, start=1):
            w.writerow([i, c.name, c.unit_key, c.population, c.under_7, c.age_8_60, c.over_60,
                        c.unable, c.registered])


def _u(draw: int) -> str:
    """SQL: a uniform number in [0, 1) from the person's hash and a draw number."""
    return f"(hash(h, {draw}) % 1000003) / 1000003.0"


# Records drawn, sorted and written per slice of the people's hashes, this many at a time: a
# national file (70 million records) would otherwise be sorted whole in memory (about 30 GB).
CHUNK_PEOPLE = 5_000_000
HASH_SPAN = 2**64  # hash() is a UBIGINT


def _write_records(con: duckdb.DuckDBPyConnection, communes: list[Commune], seed: int,
                   csv_path: Path, parquet_path: Path) -> None:
    """The records of every commune, in an order that mixes communes (as an export would):
    ordered by each person's hash.

    Written in slices of the hash's range (CHUNK_PEOPLE people each on average), each sorted
    on its own into a Parquet file, then joined in order: the same files as one sort of every
    record, in the memory of one slice.
    """
    con.execute("CREATE OR REPLACE TEMP TABLE synth_plan (unit_key VARCHAR, group_no TINYINT, "
                "n INTEGER, effect DOUBLE, level DOUBLE)")
    plan = [(c.unit_key, g + 1, n, c.effect, GROUP_LEVEL[g])
            for c in communes for g, n in enumerate(c.group_counts) if n]
    insert_rows(con, "synth_plan", plan)
    people = sum(c.group_counts[g] for c in communes for g in range(4))
    slices = max(1, math.ceil(people / CHUNK_PEOPLE))
    parts = [parquet_path.with_name(f"{parquet_path.stem}.part{k:04d}.parquet")
             for k in range(slices)]
    try:
        for k, part in enumerate(parts):
            low, high = k * HASH_SPAN // slices, (k + 1) * HASH_SPAN // slices
            con.execute(f"COPY ({_records_sql()}) TO '{_quoted(part)}' "
                        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)",
                        {"seed": seed, "low": low, "high": None if k == slices - 1 else high})
        if slices == 1:
            parts[0].replace(parquet_path)
        else:
            listed = ", ".join(f"'{_quoted(p)}'" for p in parts)
            con.execute(f"COPY (SELECT * FROM read_parquet([{listed}])) TO "
                        f"'{_quoted(parquet_path)}' "
                        "(FORMAT parquet, COMPRESSION zstd, ROW_GROUP_SIZE 1000000)")
    finally:
        for part in parts:
            part.unlink(missing_ok=True)
    con.execute(f"COPY (SELECT * FROM read_parquet('{_quoted(parquet_path)}')) TO "
                f"'{_quoted(csv_path)}' (HEADER, DELIMITER ',')")


def _records_sql() -> str:
    """SQL: the records of the people whose hash h is in [$low, $high) ($high NULL: no upper
    bound), ordered by h. Filtered on h before any score is drawn."""
    noise = " + ".join(_u(d) for d in range(3))  # sum of three uniforms: bell-shaped
    # Now and then a person falls short on one criterion whatever their level: the indicator
    # floor of 324 (no indicator below 5) must refuse some totals of 80 and more.
    indicators = ",\n".join(
        f"CASE WHEN {_u(30 + k)} < {GAP_SHARE} THEN floor({_u(40 + k)} * 10) / 2 "
        f"ELSE least(10, greatest(0, round((level_i + ({_u(10 + k)} - 0.5) * 2.4) * 2) / 2)) "
        f"END::DOUBLE AS i{k}" for k in range(1, 11))
    total = " + ".join(f"i{k}" for k in range(1, 11))
    least = ", ".join(f"i{k}" for k in range(1, 11))
    names = ", ".join(f'i{k} AS "Chỉ số {k}"' for k in range(1, 11))
    return f"""
        WITH hashed AS (
            SELECT p.*, hash($seed, p.unit_key, p.group_no, i) AS h
            FROM synth_plan p, range(p.n) r(i)),
        people AS (
            SELECT unit_key, group_no, level + effect + ({noise} - 1.5) * 1.1 AS level_i, h
            FROM hashed
            WHERE h >= $low::UBIGINT AND ($high::UBIGINT IS NULL OR h < $high::UBIGINT)),
        scored AS (SELECT unit_key, group_no, h, {indicators} FROM people)
        SELECT unit_key AS "Mã xã", group_no AS "Nhóm", ({total}) AS "Tổng điểm",
               {names},
               CASE WHEN ({total}) >= 80 AND least({least}) >= 5 THEN 'Đạt' ELSE 'Chưa đạt' END
                   AS "Kết quả"
        FROM scored
        ORDER BY h"""


def _quoted(path: Path) -> str:
    """A path inside a SQL string literal (COPY takes no bound parameter for its target)."""
    return str(path).replace("'", "''")


def _write_sources(path: Path, records_file: str, population_file: str, seed: int) -> None:
    note = (f"DỮ LIỆU MÔ PHỎNG, không phải số liệu thật: sinh bởi python -m cdht_data synth "
            f"(hạt giống {seed}).")
    text = f'''# DỮ LIỆU MÔ PHỎNG (synthetic): written by `python -m cdht_data synth`; nothing here is real.
# `python -m cdht_data build --data <this folder> --db <file>` builds a store from it.

[[source]]
file = "{records_file}"
kind = "records"
as_of = {AS_OF.isoformat()}
title = "Dữ liệu mô phỏng – kết quả đánh giá từng người"
issuer = "Dữ liệu mô phỏng (cdht_data synth)"
note = "{note}"
is_synthetic = true

[[source]]
file = "{population_file}"
kind = "population"
as_of = {AS_OF.isoformat()}
title = "Dữ liệu mô phỏng – dân số và số người đăng ký"
issuer = "Dữ liệu mô phỏng (cdht_data synth)"
note = "{note}"
is_synthetic = true
'''
    path.write_text(text, encoding="utf-8")


def synthesize(out: str | Path, communes: int, people: int, seed: int = 1) -> SynthResult:
    """Write a synthetic data directory; the same arguments always give the same files."""
    if communes < 1 or people < 0:
        raise ValueError("communes >= 1 and people >= 0")
    out = Path(out)
    reference = out / "reference"
    reference.mkdir(parents=True, exist_ok=True)
    rng = random.Random(seed)
    rows, commune_list = _units(communes, people, rng)
    _write_units(reference / "units.csv", rows)
    (reference / "unit_merges.csv").write_text(
        "old_key,new_key,effective_date,is_partial,note\n", encoding="utf-8")
    shutil.copyfile(DATA_DIR / "reference" / "rulesets.toml", reference / "rulesets.toml")
    stem = f"synthetic_records_{AS_OF.isoformat()}"
    files = {
        "units": reference / "units.csv",
        "records_csv": out / f"{stem}.csv",
        "records_parquet": out / f"{stem}.parquet",
        "population": out / f"synthetic_population_{AS_OF.isoformat()}.csv",
        "sources": out / "sources.toml",
        "manifest": out / "synthetic_manifest.json",
    }
    _write_population(files["population"], commune_list)
    con = duckdb.connect()
    con.execute("SET enable_progress_bar = false")
    try:
        _write_records(con, commune_list, seed, files["records_csv"], files["records_parquet"])
    finally:
        con.close()
    _write_sources(files["sources"], files["records_parquet"].name, files["population"].name, seed)
    manifest = {
        "is_synthetic": True,
        "description": "DỮ LIỆU MÔ PHỎNG – không phải số liệu thật (synthetic data, not real)",
        "generator": "python -m cdht_data synth",
        "seed": seed,
        "communes": len(commune_list),
        "units": len(rows),
        "people": people,
        "as_of": AS_OF.isoformat(),
        "ruleset": "qd-324-2023 (Đạt: tổng điểm ≥ 80 và không chỉ số nào dưới 5)",
        "files": {k: p.relative_to(out).as_posix() for k, p in files.items()},
        "model": {"group_shares": GROUP_SHARES, "group_level_points": GROUP_LEVEL,
                  "population": "lognormal around 9000 per commune",
                  "scores": "10 indicators in half points around commune effect + group level",
                  "indicator_shortfall_share": GAP_SHARE},
    }
    files["manifest"].write_text(json.dumps(manifest, ensure_ascii=False, indent=2) + "\n",
                                 encoding="utf-8")
    return SynthResult(out, len(commune_list), people, files)
