"""The DuckDB store: build it from data/, import one table at a time, all or nothing.

An import parses and checks the whole file before it opens a transaction, and writes the
dataset, all its rows and its quality findings inside one transaction: a bad file leaves the
database as it was. Processes share the file through `writing` (and `build`), which write a
copy and swap it in, and `open_read`, which never writes (see storefile.py).
"""

from __future__ import annotations

import contextlib
import datetime as dt
import os
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from . import storefile
from .bulk import insert_rows
from .errors import InputError, StoreError
from . import records
from .readers import ParsedTable, column_letter, parse_file
from .reference import load_reference, ruleset_for
from .sql import sql
from .storefile import transaction
from .units import FINGERPRINT_KEY, UnitRegistry, store_reference_fingerprint

ROOT = Path(__file__).resolve().parent.parent
DATA_DIR = ROOT / "data"
DEFAULT_DB = DATA_DIR / "cdht.duckdb"
KINDS = ("scoring", "population", "pilot", "text", "records")


def default_db_path() -> Path:
    return Path(os.environ.get("CDHT_DB", DEFAULT_DB))


def _store_path(db_path: str | Path | None) -> Path:
    return Path(db_path) if db_path else default_db_path()


def open_read(db_path: str | Path | None = None) -> duckdb.DuckDBPyConnection:
    """A read-only connection to the store as it is on disk now; never creates or changes it.

    Refused (StoreError) when the file is missing, is not a store, is held open for writing by
    another program, or was written by another version of the schema (`upgrade` fixes older).
    """
    path = _store_path(db_path)
    con = storefile.attach_read_only(path)
    try:
        version = _schema_version(con, path)
        if version != SCHEMA_VERSION:
            raise _version_error(version, path)
    except BaseException:
        con.close()
        raise
    return con


@contextlib.contextmanager
def reading(db_path: str | Path | None = None):
    """open_read for one block: the connection is closed at its end."""
    con = open_read(db_path)
    try:
        yield con
    finally:
        con.close()


def data_version(db_path: str | Path | None = None) -> str:
    """A short text that changes whenever a build or import swaps in a new version of the
    store: key caches on it. Costs one stat; StoreError when the file is missing."""
    return storefile.data_version(_store_path(db_path))


@contextlib.contextmanager
def writing(db_path: str | Path | None = None):
    """The only way to change a store that exists: a connection to a copy of it, upgraded to
    this schema, that replaces the store when the block ends without an exception.

    One writer at a time (a second one waits a few seconds, then StoreError); readers are
    never blocked and keep the version they opened. On any exception, KeyboardInterrupt too,
    the copy is thrown away and the store stays as it was.
    """
    path = _store_path(db_path)
    _stored_version(path)  # a missing file, or no store of ours, refused before any file is made
    with storefile.faults_named(path), storefile.new_version(path, copy=True) as draft:
        con = storefile.open_draft(draft)
        try:
            _upgrade(con, path)
            yield con
            con.execute("CHECKPOINT")
        finally:
            con.close()


def upgrade(db_path: str | Path | None = None) -> tuple[int, int]:
    """Bring a store written by an earlier version to this schema in one atomic step; a store
    already at it is left untouched. Returns the versions before and after."""
    path = _store_path(db_path)
    before = _stored_version(path)
    if before != SCHEMA_VERSION:
        with writing(path):
            pass
    return before, SCHEMA_VERSION


# ---------------------------------------------------------------- schema versions

def _add_rollups(con: duckdb.DuckDBPyConnection) -> None:
    """The roll-up tables, filled for every dataset."""
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'area_rollups' "
                       "AND schema_name = 'main'").fetchone()[0]:
        con.execute(sql("rollup_tables"))
        for (dataset_id,) in con.execute("SELECT dataset_id FROM datasets").fetchall():
            refresh_rollups(con, dataset_id)


def _add_reference_fingerprint(con: duckdb.DuckDBPyConnection) -> None:
    if not con.execute("SELECT count(*) FROM meta WHERE key = ?",
                       [FINGERPRINT_KEY]).fetchone()[0]:
        store_reference_fingerprint(con)


def _add_whole_column_flag(con: duckdb.DuckDBPyConnection) -> None:
    """The findings' flag for a finding about a whole column (no cell of a row)."""
    if not con.execute("SELECT count(*) FROM duckdb_columns() WHERE table_name = 'findings' "
                       "AND column_name = 'whole_column' AND schema_name = 'main'"
                       ).fetchone()[0]:
        con.execute("ALTER TABLE findings ADD COLUMN whole_column BOOLEAN")
        con.execute("UPDATE findings f SET whole_column = c.whole_column FROM ("
                    "SELECT finding_id, bool_and(source_row IS NULL) AS whole_column "
                    "FROM finding_cells GROUP BY finding_id) c "
                    "WHERE c.finding_id = f.finding_id")


# Upgrade steps, oldest first: step n takes a store of schema version n to n + 1. A change to
# schema.sql appends its step here (a function of the connection). Stores from before the
# version was kept count as 0 and may have some of the first three already: those check first.
UPGRADES = (_add_rollups, _add_reference_fingerprint, _add_whole_column_flag,
            records.upgrade_score_columns)
SCHEMA_VERSION = len(UPGRADES)
SCHEMA_KEY = "schema_version"


def _schema_version(con: duckdb.DuckDBPyConnection, path: Path) -> int:
    if not con.execute("SELECT count(*) FROM duckdb_tables() WHERE table_name = 'meta' "
                       "AND schema_name = 'main'").fetchone()[0]:
        raise StoreError("tệp này là CSDL DuckDB nhưng không phải CSDL Công dân học tập",
                         file=str(path))
    row = con.execute("SELECT value FROM meta WHERE key = ?", [SCHEMA_KEY]).fetchone()
    return int(row[0]) if row else 0


def _stored_version(path: Path) -> int:
    """The schema version of the store at `path`, read without writing; a newer one refused."""
    con = storefile.attach_read_only(path)
    try:
        version = _schema_version(con, path)
    finally:
        con.close()
    if version > SCHEMA_VERSION:
        raise _version_error(version, path)
    return version


def _version_error(version: int, path: Path) -> StoreError:
    if version > SCHEMA_VERSION:
        return StoreError(f"CSDL do phiên bản mới hơn của chương trình ghi (lược đồ {version}, "
                          f"chương trình này đọc được đến {SCHEMA_VERSION}); hãy cập nhật "
                          "chương trình", file=str(path))
    return StoreError(f"CSDL do phiên bản cũ của chương trình ghi (lược đồ {version}, cần "
                      f"{SCHEMA_VERSION}); hãy nâng cấp bằng: python -m cdht_data upgrade "
                      f"--db {path}", file=str(path))


def _upgrade(con: duckdb.DuckDBPyConnection, path: Path) -> None:
    """Run the steps a store lacks, in one transaction; refuse a store of a newer schema."""
    version = _schema_version(con, path)
    if version > SCHEMA_VERSION:
        raise _version_error(version, path)
    if version < SCHEMA_VERSION:
        with transaction(con):
            for step in UPGRADES[version:]:
                step(con)
            _store_schema_version(con)


def _store_schema_version(con: duckdb.DuckDBPyConnection) -> None:
    con.execute("INSERT OR REPLACE INTO meta VALUES (?, ?)", [SCHEMA_KEY, str(SCHEMA_VERSION)])


def refresh_rollups(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Sum a dataset's counts for every unit and ancestor once, at import time, so a page's
    rows are look-ups (*_rollups_of_children) rather than roll-ups of the whole country."""
    for table in ("group_rollups", "area_rollups"):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])
        con.execute(sql(f"{table}_of_dataset"), {"dataset_id": dataset_id})


@dataclass
class Provenance:
    title: str | None = None
    document: str | None = None
    document_date: dt.date | None = None
    issuer: str | None = None
    note: str | None = None
    all_registered_assessed: bool = False
    is_synthetic: bool = False
    extra: dict = field(default_factory=dict)


def init_db(con: duckdb.DuckDBPyConnection, reference_dir: str | Path = DATA_DIR / "reference") -> None:
    """Empty canonical tables plus the reference data (units, merges, rule sets)."""
    con.execute(sql("schema"))
    con.execute(sql("rollup_tables"))
    con.execute(sql("macros"))
    _store_schema_version(con)
    load_reference(con, Path(reference_dir))


def build(db_path: str | Path | None = None, data_dir: str | Path = DATA_DIR) -> Path:
    """(Re)create the database from data/: reference tables, then every source in sources.toml.

    Written as a new file under the write lock and swapped in only when complete.
    """
    path = _store_path(db_path)
    data_dir = Path(data_dir)
    with storefile.faults_named(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with storefile.new_version(path, copy=False) as draft:
            con = storefile.open_draft(draft)
            try:
                _fill(con, data_dir)
                con.execute("CHECKPOINT")
            finally:
                con.close()
    return path


def _fill(con: duckdb.DuckDBPyConnection, data_dir: Path) -> None:
    init_db(con, data_dir / "reference")
    manifest = tomllib.loads((data_dir / "sources.toml").read_text(encoding="utf-8"))
    for src in manifest.get("source", []):
        prov = Provenance(
            title=src.get("title"), document=src.get("document"),
            document_date=src.get("document_date"), issuer=src.get("issuer"),
            note=src.get("note"),
            all_registered_assessed=src.get("all_registered_assessed", False),
            is_synthetic=src.get("is_synthetic", False))
        import_file(con, data_dir / src["file"], src["kind"], as_of=src.get("as_of"),
                    provenance=prov, expected_area=src.get("area"), recheck=False)
    _refresh_findings(con)  # once for every period, not once per imported table
    con.execute("INSERT INTO meta VALUES ('built_at', ?)", [dt.datetime.now().isoformat()])


# ---------------------------------------------------------------- import

@dataclass
class ImportResult:
    dataset_id: int
    kind: str
    as_of: dt.date
    area_key: str
    area_name: str
    row_count: int
    replaced: bool


def import_file(con: duckdb.DuckDBPyConnection, path: str | Path, kind: str,
                as_of: dt.date | None = None, replace: bool = False,
                provenance: Provenance | None = None,
                expected_area: str | None = None, recheck: bool = True) -> ImportResult:
    """Add one table for one period and area; refuse a second one unless `replace`.

    `recheck` recomputes the period's quality findings in the same transaction; `build` turns
    it off and rechecks everything once at the end.
    """
    if kind not in KINDS:
        raise InputError(f"loại bảng phải là một trong {', '.join(KINDS)}, không phải «{kind}»")
    if kind == "text":  # figures quoted in a report's prose: one unit may have many rows
        from .quality.text_figures import import_text_figures
        return import_text_figures(con, path, as_of, replace, provenance, expected_area, recheck)
    path = Path(path)
    if kind == "records":
        return _import_records(con, path, as_of, replace, provenance, expected_area, recheck)
    parsed = parse_file(path, kind)
    as_of = as_of or parsed.as_of
    if as_of is None:
        raise InputError("không thấy ngày số liệu trong tiêu đề (ví dụ «Tính đến ngày "
                         "31/3/2025»); hãy cho ngày bằng --as-of YYYY-MM-DD", file=path.name)
    registry = UnitRegistry.load(con)
    try:
        unit_of_row, area_key = registry.resolve_rows(parsed.rows, as_of, parsed.unit_header)
    except InputError as exc:
        raise exc.located(file=path.name)
    if expected_area is not None and area_key != expected_area:
        raise InputError(f"bảng thuộc địa bàn {area_key}, không phải {expected_area} như khai báo",
                         file=path.name)
    ruleset = ruleset_for(con, as_of, area_key)
    _check_groups(parsed, ruleset, path.name)
    provenance = provenance or Provenance(title=" — ".join(parsed.title_lines) or None)
    rows = _canonical_rows(parsed, unit_of_row)

    existing = existing_dataset(con, kind, as_of, area_key, replace,
                                 registry.units[area_key].name, path.name)
    with transaction(con):
        dataset_id = insert_dataset(con, existing, kind, as_of, area_key, ruleset,
                                     parsed.layout.id, path.name, provenance)
        con.executemany("INSERT INTO dataset_columns VALUES (?, ?, ?, ?, ?)", [
            (dataset_id, c.key, c.header, c.letter, c.number_label)
            for c in parsed.columns.values()])
        for table, table_rows in rows.items():
            insert_rows(con, table, [(dataset_id, *r) for r in table_rows])
        refresh_rollups(con, dataset_id)
        if recheck:
            _refresh_findings(con, as_of)
    return ImportResult(dataset_id, kind, as_of, area_key, registry.units[area_key].name,
                        len(parsed.rows), existing is not None)


# How the refusal of a second table names a kind (the other kinds are named by their code).
_KIND_WORDS = {"text": "số liệu lời văn"}


def existing_dataset(con, kind: str, as_of: dt.date, area_key: str, replace: bool,
                     area_name: str, file_name: str) -> int | None:
    """The dataset a new table would replace; refused unless `replace`."""
    existing = con.execute(
        "SELECT dataset_id FROM datasets WHERE kind = ? AND as_of = ? AND area_key = ?",
        [kind, as_of, area_key]).fetchone()
    if existing and not replace:
        raise InputError(
            f"đã có bảng {_KIND_WORDS.get(kind, kind)} của {area_name} cho kỳ {as_of.day}/{as_of.month}/{as_of.year}; "
            "dùng --replace để thay", file=file_name)
    return existing[0] if existing else None


def insert_dataset(con, existing: int | None, kind: str, as_of: dt.date, area_key: str,
                   ruleset: dict, layout: str, file_name: str, provenance: Provenance) -> int:
    """Inside the import's transaction: drop the replaced dataset, add the new one's row."""
    if existing is not None:
        delete_dataset(con, existing)
    dataset_id = con.execute("SELECT nextval('dataset_id_seq')").fetchone()[0]
    con.execute(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [dataset_id, kind, as_of, area_key, ruleset.get("ruleset_id"), layout, file_name,
         provenance.title, provenance.document, provenance.document_date, provenance.issuer,
         provenance.note, provenance.all_registered_assessed, provenance.is_synthetic])
    return dataset_id


def _import_records(con, path: Path, as_of: dt.date | None, replace: bool,
                    provenance: Provenance | None, expected_area: str | None,
                    recheck: bool) -> ImportResult:
    """Individual records (CSV or Parquet) through DuckDB's own readers; see records.py."""
    if as_of is None:
        raise InputError("bảng từng người không ghi ngày số liệu; hãy cho ngày bằng "
                         "--as-of YYYY-MM-DD", file=path.name)
    registry = UnitRegistry.load(con)
    try:
        source, checked, area_key, ruleset = records.import_plan(con, path, as_of, registry)
        if expected_area is not None and area_key != expected_area:
            raise InputError(f"bảng thuộc địa bàn {area_key}, không phải {expected_area} "
                             "như khai báo", file=path.name)
        area_name = registry.units[area_key].name
        existing = existing_dataset(con, "records", as_of, area_key, replace, area_name,
                                     path.name)
        with transaction(con):
            dataset_id = insert_dataset(con, existing, "records", as_of, area_key, ruleset,
                                         f"records_{source.fmt}", path.name,
                                         provenance or Provenance())
            insert_rows(con, "dataset_columns", [
                (dataset_id, key, name, column_letter(index), None)
                for key, (name, _, index) in source.columns.items()])
            records.write_records(con, source, checked, dataset_id, ruleset)
            refresh_rollups(con, dataset_id)
            if recheck:
                _refresh_findings(con, as_of)
    finally:
        records.drop_stage(con)
    return ImportResult(dataset_id, "records", as_of, area_key, area_name, checked.row_count,
                        existing is not None)


def _refresh_findings(con: duckdb.DuckDBPyConnection, as_of: dt.date | None = None) -> None:
    """Recheck the period just changed (the quality layer reads the store, hence the late import)."""
    from .quality import refresh_findings
    refresh_findings(con, as_of)


def delete_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    for table in ("group_counts", "unit_counts", "population_counts", "band_counts",
                  "group_rollups", "area_rollups", "printed_values", "dataset_columns", "assessment_records", "text_figures",
                  "datasets"):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])


def _check_groups(parsed: ParsedTable, ruleset: dict, file_name: str) -> None:
    groups = ruleset.get("groups", {})
    for key, col in parsed.columns.items():
        if key.startswith("g") and key[1].isdigit():
            if int(key[1]) not in groups:
                raise InputError(
                    f"cột «{col.header}» là nhóm {key[1]}, nhưng bộ tiêu chí của kỳ này "
                    f"({ruleset.get('name', 'không rõ')}) chỉ có {len(groups)} nhóm",
                    file=file_name, column=col.header)


def _group_numbers(parsed: ParsedTable) -> list[int]:
    nos = set()
    for row in parsed.rows:
        nos.update(int(k[1]) for k in row.values if k.startswith("g") and k[1].isdigit())
    for key in parsed.columns:
        if key.startswith("g") and key[1].isdigit():
            nos.add(int(key[1]))
    return sorted(nos)


def _canonical_rows(parsed: ParsedTable, unit_of_row: dict[int, str]) -> dict[str, list[tuple]]:
    """Source rows -> rows of the canonical tables (without dataset_id), printed values apart."""
    kind = parsed.layout.kind
    out: dict[str, list[tuple]] = {"group_counts": [], "unit_counts": [],
                                   "population_counts": [], "band_counts": [],
                                   "printed_values": []}
    groups = _group_numbers(parsed)
    # printed derived figures: totals/rate columns, and the "77%" under each pilot ratio
    printed_keys = {s.key for s in parsed.layout.columns if s.printed or s.type == "ratio"}
    for row in parsed.rows:
        unit = unit_of_row[row.row_no]
        v = row.values
        if kind == "scoring":
            for g in groups:
                out["group_counts"].append((unit, g, None, v.get(f"g{g}_recognized"),
                                            v.get(f"g{g}_not_recognized"), row.row_no))
        elif kind == "population":
            out["population_counts"].append((
                unit, v.get("population_count"), v.get("under_7_count"),
                v.get("age_8_60_count"), v.get("over_60_count"),
                v.get("age_8_60_unable_count"), v.get("registered_count"), row.row_no))
        elif kind == "pilot":
            out["unit_counts"].append((unit, v.get("registered_count"), v.get("recognized_count"),
                                       v.get("party_member_count"), row.row_no))
            for g in groups:
                ratio = v.get(f"g{g}_ratio")
                recognized, registered = (ratio[0], ratio[1]) if ratio else (None, None)
                out["group_counts"].append((unit, g, registered, recognized, None, row.row_no))
            for band in ("70_79", "80_89", "90_100"):
                out["band_counts"].append((unit, 0, band.replace("_", "-"),
                                           v.get(f"band_{band}"), row.row_no))
        out["printed_values"].extend(_printed(parsed, row, unit, printed_keys, False))
    if parsed.total_row is not None:
        out["printed_values"].extend(
            _printed(parsed, parsed.total_row, None, set(parsed.columns), True))
    return out


def _printed(parsed: ParsedTable, row, unit, keys: set[str], is_total: bool) -> list[tuple]:
    """Printed figures of one row: every cell of a totals row, the derived columns elsewhere."""
    rows = []
    for key in parsed.columns:
        if key not in keys or key not in row.printed_text:
            continue
        value = row.values.get(key)
        if isinstance(value, tuple):  # a pilot ratio cell: the printed %, and on a totals row
            for part, number in zip(("recognized", "registered", "pct"), value):  # both counts
                if number is not None and (is_total or part == "pct"):
                    rows.append((row.row_no, f"{key}:{part}", unit, row.label, is_total,
                                 row.printed_text[key], Decimal(number)))
            continue
        rows.append((row.row_no, key, unit, row.label, is_total, row.printed_text[key],
                     None if value is None else Decimal(value)))
    return rows
