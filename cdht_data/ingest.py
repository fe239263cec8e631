"""Getting tables into the store: `build` a store from a data directory, `import_file` one
table for one period, all or nothing with its quality findings.

The top of the data core's writing side: it reads a file (readers.py, records.py,
report_text.py), resolves its units (units.py), writes the canonical tables and their roll-ups
(store.py) and rechecks the period (quality/) in one transaction. An import parses and checks
the whole file before the transaction opens, so a bad file leaves the store as it was.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import duckdb

from . import history, rebuild, records, storefile
from .accounts import find_account, may_write
from .bulk import insert_rows
from .keys import (BANDS, GROUP_SIZES, KINDS, STRUCTURES, TABLE_KINDS, band_cell, group_cell,
                   parse_group_cell)
from .errors import InputError, report
from .quality.run import refresh_findings
from .readers import ParsedTable, column_letter, find_as_of, parse_file
from .reference import ruleset_for
from .registry_import import import_registry
from .report_text import KIND as TEXT
from .report_text import distinct_units, read_text_figures
from .store import DATA_DIR, default_db_path, init_db, refresh_rollups
from .storefile import transaction
from .units import UnitRegistry

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


def build(db_path: str | Path | None = None, data_dir: str | Path = DATA_DIR) -> Path:
    """(Re)create the database from data/: reference tables, the registry files sources.toml
    lists as `[[reference]]`, then every `[[source]]` table it lists. The accounts, deadlines
    and history of the store it replaces are kept (rebuild.py).

    Written as a new file under the write lock and swapped in only when complete.
    """
    path = Path(db_path) if db_path else default_db_path()
    data_dir = Path(data_dir)
    with storefile.faults_named(path):
        path.parent.mkdir(parents=True, exist_ok=True)
        with storefile.new_version(path, copy=False) as draft:
            con = storefile.open_draft(draft)
            try:
                _fill(con, data_dir, path)
                con.execute("CHECKPOINT")
            finally:
                con.close()
    return path


def _fill(con: duckdb.DuckDBPyConnection, data_dir: Path, old_path: Path) -> None:
    init_db(con, data_dir / "reference")
    rebuild.carry_over(con, old_path)  # before the imports: their history follows the old
    manifest = tomllib.loads((data_dir / "sources.toml").read_text(encoding="utf-8"))
    # unit registries a province supplied (`import --kind units / unit-merges`), kept across
    # builds by listing them: read after data/reference/, with the same checks as an import
    for ref in manifest.get("reference", []):
        import_registry(con, data_dir / ref["file"], ref["kind"])
    for src in manifest.get("source", []):
        prov = Provenance(
            title=src.get("title"), document=src.get("document"),
            document_date=src.get("document_date"), issuer=src.get("issuer"),
            note=src.get("note"),
            all_registered_assessed=src.get("all_registered_assessed", False),
            is_synthetic=src.get("is_synthetic", False))
        import_file(con, data_dir / src["file"], src["kind"], as_of=src.get("as_of"),
                    provenance=prov, expected_area=src.get("area"), recheck=False)
    refresh_findings(con)  # once for every period, not once per imported table
    con.execute("INSERT INTO meta VALUES (?, ?)",
                [rebuild.BUILT_AT, dt.datetime.now().isoformat(timespec="seconds")])


# ---------------------------------------------------------------- one table

@dataclass
class ImportResult:
    dataset_id: int
    kind: str
    as_of: dt.date
    area_key: str
    area_name: str
    row_count: int
    replaced: bool
    history_id: int | None = None  # the history row recording it


def import_file(con: duckdb.DuckDBPyConnection, path: str | Path, kind: str,
                as_of: dt.date | None = None, replace: bool = False,
                provenance: Provenance | None = None,
                expected_area: str | None = None, recheck: bool = True,
                structure: str | None = None, user: str | None = None,
                by_hand: bool = False) -> ImportResult:
    """Add one table for one period and area; refuse a second one unless `replace`.

    The import is recorded in the history (history.py) in the same transaction, with `user`,
    the name of an account that may write the table's area (None: nobody named, as in
    `build`); its id is the result's `history_id`. A replaced table is kept out of sight
    (replaced_datasets), so undoing the replacement brings it back.

    Rows name the units valid on the table's date; a table written in the other structure (old
    communes on 31/12/2025) is refused saying so, unless `structure` (keys.STRUCTURES) names
    the structure its rows are written in: they are then resolved among that structure's units
    whatever their dates. `recheck` recomputes the period's quality findings in the same
    transaction; `build` turns it off and rechecks everything once at the end.
    """
    check_options(kind, structure)
    path = Path(path)
    writer = _writer(con, user)
    if kind == TEXT:
        return _import_text(con, path, as_of, replace, provenance, expected_area, recheck,
                            structure, writer)
    if kind == "records":
        return _import_records(con, path, as_of, replace, provenance, expected_area, recheck,
                               structure, writer)
    plan = plan_table(con, path, kind, as_of, structure)
    parsed, as_of, registry = plan.parsed, plan.as_of, plan.registry
    unit_of_row, area_key, ruleset = plan.unit_of_row, plan.area_key, plan.ruleset
    if expected_area is not None and area_key != expected_area:
        raise InputError(f"bảng thuộc địa bàn {area_key}, không phải {expected_area} như khai báo",
                         file=path.name)
    provenance = provenance or Provenance(title=" — ".join(parsed.title_lines) or None)
    rows = _canonical_rows(parsed, unit_of_row)

    _check_writer(writer, area_key, registry, path.name)
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
            refresh_findings(con, as_of)
        history_id = _record(con, path, kind, as_of, area_key, len(parsed.rows), writer,
                             dataset_id, existing, by_hand)
    return ImportResult(dataset_id, kind, as_of, area_key, registry.units[area_key].name,
                        len(parsed.rows), existing is not None, history_id)


def _writer(con, user: str | None):
    """The account named as the importer, refused when there is none of that name."""
    if user is None:
        return None
    account = find_account(con, user)
    if account is None:
        raise InputError(f"không có tài khoản «{user}»; thêm bằng: python -m cdht_data user add")
    if account.disabled:
        raise InputError(f"tài khoản «{account.name}» đã bị khoá")
    return account


def _check_writer(account, area_key: str, registry: UnitRegistry, file_name: str) -> None:
    """An account limited to some units may write only tables of areas inside them."""
    if account is not None and not may_write(account, area_key, registry):
        raise InputError(f"tài khoản «{account.name}» không được nhập số liệu của "
                         f"{registry.units[area_key].name} (mã {area_key})", file=file_name)


def _record(con, path: Path, kind: str, as_of: dt.date, area_key: str, row_count: int,
            writer, dataset_id: int, replaced: int | None, by_hand: bool = False) -> int:
    """The history row of an import (or of a table entered by hand), inside its transaction."""
    action = history.ENTRY if by_hand else history.IMPORT if replaced is None else history.REPLACE
    return history.record(con, action, kind,
                          as_of, area_key, path.name, history.file_sha256(path), row_count,
                          writer.name if writer else None, dataset_id, replaced)


def check_options(kind: str, structure: str | None) -> None:
    """Refuse a kind of table or a unit structure the importer does not know."""
    if kind not in KINDS:
        raise InputError(f"loại bảng phải là một trong {', '.join(KINDS)}, không phải «{kind}»")
    if structure is not None and structure not in STRUCTURES:
        raise InputError(f"cách chia đơn vị phải là một trong {', '.join(STRUCTURES)}, không "
                         f"phải «{structure}»")


NO_DATE = ("không thấy ngày số liệu trong tiêu đề (ví dụ «Tính đến ngày 31/3/2025»); hãy cho "
           "ngày bằng --as-of YYYY-MM-DD")


@dataclass
class TablePlan:
    """A report table read and checked, before anything is written."""
    parsed: ParsedTable
    as_of: dt.date
    registry: UnitRegistry
    unit_of_row: dict[int, str]  # source row -> unit key
    area_key: str | None  # None only when collecting problems and no row named a unit
    ruleset: dict


def plan_table(con: duckdb.DuckDBPyConnection, path: Path, kind: str,
               as_of: dt.date | None = None, structure: str | None = None,
               problems: list[InputError] | None = None, grid=None) -> TablePlan:
    """Read a report table (scoring, population, pilot, group sizes) and check all an import
    checks before its transaction: cells, date, units, groups of the rule set.

    Refuses at the first fault; given `problems`, collects the faults of cells, rows and
    columns there and goes on, raising only what stops reading (no header, no date).
    """
    parsed = parse_file(path, kind, problems, grid)
    as_of = as_of or parsed.as_of
    if as_of is None:
        raise InputError(NO_DATE, file=path.name)
    registry = UnitRegistry.load(con)
    found: list[InputError] | None = None if problems is None else []
    try:
        unit_of_row, area_key = registry.resolve_rows(parsed.rows, as_of, parsed.unit_header,
                                                      structure, found)
    except InputError as exc:
        raise exc.located(file=path.name)
    for problem in found or ():
        problems.append(problem.located(file=path.name))
    ruleset = ruleset_for(con, as_of, area_key)
    _check_groups(parsed, ruleset, path.name, problems)
    return TablePlan(parsed, as_of, registry, unit_of_row, area_key, ruleset)


def existing_dataset(con, kind: str, as_of: dt.date, area_key: str, replace: bool,
                     area_name: str, file_name: str) -> int | None:
    """The dataset a new table would replace; refused unless `replace`."""
    existing = con.execute(
        "SELECT dataset_id FROM datasets WHERE kind = ? AND as_of = ? AND area_key = ?",
        [kind, as_of, area_key]).fetchone()
    if existing and not replace:
        raise InputError(
            f"đã có bảng {TABLE_KINDS[kind].words} của {area_name} cho kỳ {as_of.day}/{as_of.month}/{as_of.year}; "
            "dùng --replace để thay", file=file_name)
    return existing[0] if existing else None


def insert_dataset(con, existing: int | None, kind: str, as_of: dt.date, area_key: str,
                   ruleset: dict, layout: str, file_name: str, provenance: Provenance) -> int:
    """Inside the import's transaction: put the replaced dataset out of sight (kept, with its
    rows, for an undo), add the new one's row."""
    dataset_id = con.execute("SELECT nextval('dataset_id_seq')").fetchone()[0]
    if existing is not None:
        retire_dataset(con, existing, dataset_id)
    con.execute(
        "INSERT INTO datasets VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, now())",
        [dataset_id, kind, as_of, area_key, ruleset.get("ruleset_id"), layout, file_name,
         provenance.title, provenance.document, provenance.document_date, provenance.issuer,
         provenance.note, provenance.all_registered_assessed, provenance.is_synthetic])
    return dataset_id


def retire_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int, replaced_by: int) -> None:
    """A replaced table leaves `datasets` (so no read lists it) for replaced_datasets; its rows
    stay where they are."""
    con.execute("INSERT INTO replaced_datasets BY NAME SELECT *, ?::INTEGER AS replaced_by "
                "FROM datasets WHERE dataset_id = ?", [replaced_by, dataset_id])
    con.execute("DELETE FROM datasets WHERE dataset_id = ?", [dataset_id])


def _import_records(con, path: Path, as_of: dt.date | None, replace: bool,
                    provenance: Provenance | None, expected_area: str | None,
                    recheck: bool, structure: str | None, writer) -> ImportResult:
    """Individual records (CSV or Parquet) through DuckDB's own readers; see records.py."""
    if as_of is None:
        raise InputError("bảng từng người không ghi ngày số liệu; hãy cho ngày bằng "
                         "--as-of YYYY-MM-DD", file=path.name)
    registry = UnitRegistry.load(con)
    try:
        source, checked, area_key, ruleset = records.import_plan(con, path, as_of, registry,
                                                                 structure)
        if expected_area is not None and area_key != expected_area:
            raise InputError(f"bảng thuộc địa bàn {area_key}, không phải {expected_area} "
                             "như khai báo", file=path.name)
        area_name = registry.units[area_key].name
        _check_writer(writer, area_key, registry, path.name)
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
                refresh_findings(con, as_of)
            history_id = _record(con, path, "records", as_of, area_key, checked.row_count,
                                 writer, dataset_id, existing)
    finally:
        records.drop_stage(con)
    return ImportResult(dataset_id, "records", as_of, area_key, area_name, checked.row_count,
                        existing is not None, history_id)


def delete_dataset(con: duckdb.DuckDBPyConnection, dataset_id: int) -> None:
    """Every row of a table, in sight or replaced (findings are the recheck's to drop)."""
    con.execute("DELETE FROM replaced_datasets WHERE dataset_id = ?", [dataset_id])
    for table in ("group_counts", "unit_counts", "population_counts", "band_counts",
                  "group_rollups", "area_rollups", "printed_values", "dataset_columns",
                  "assessment_records", "text_figures", "group_sizes", "datasets"):
        con.execute(f"DELETE FROM {table} WHERE dataset_id = ?", [dataset_id])


def _check_groups(parsed: ParsedTable, ruleset: dict, file_name: str,
                  problems: list[InputError] | None = None) -> None:
    """Every group column must be a group of the period's rule set."""
    groups = ruleset.get("groups", {})
    for key, col in parsed.columns.items():
        cell = parse_group_cell(key)
        if cell and cell[0] not in groups:
            report(problems, InputError(
                f"cột «{col.header}» là nhóm {cell[0]}, nhưng bộ tiêu chí của kỳ này "
                f"({ruleset.get('name', 'không rõ')}) chỉ có {len(groups)} nhóm",
                file=file_name, column=col.header))


def _group_numbers(parsed: ParsedTable) -> list[int]:
    keys = [*parsed.columns, *(k for row in parsed.rows for k in row.values)]
    return sorted({cell[0] for k in keys if (cell := parse_group_cell(k))})


def _canonical_rows(parsed: ParsedTable, unit_of_row: dict[int, str]) -> dict[str, list[tuple]]:
    """Source rows -> rows of the canonical tables (without dataset_id), printed values apart."""
    kind = parsed.layout.kind
    out: dict[str, list[tuple]] = {"group_counts": [], "unit_counts": [],
                                   "population_counts": [], "band_counts": [],
                                   "group_sizes": [], "printed_values": []}
    groups = _group_numbers(parsed)
    # printed derived figures: totals/rate columns, and the "77%" under each pilot ratio
    printed_keys = {s.key for s in parsed.layout.columns if s.printed or s.type == "ratio"}
    for row in parsed.rows:
        unit = unit_of_row[row.row_no]
        v = row.values
        if kind == "scoring":
            for g in groups:
                out["group_counts"].append((unit, g, None, v.get(group_cell(g, "recognized")),
                                            v.get(group_cell(g, "not_recognized")), row.row_no))
        elif kind == "population":
            out["population_counts"].append((
                unit, v.get("population_count"), v.get("under_7_count"),
                v.get("age_8_60_count"), v.get("over_60_count"),
                v.get("age_8_60_unable_count"), v.get("registered_count"), row.row_no))
        elif kind == "pilot":
            out["unit_counts"].append((unit, v.get("registered_count"), v.get("recognized_count"),
                                       v.get("party_member_count"), row.row_no))
            for g in groups:
                ratio = v.get(group_cell(g, "ratio"))
                recognized, registered = (ratio[0], ratio[1]) if ratio else (None, None)
                out["group_counts"].append((unit, g, registered, recognized, None, row.row_no))
            for band in BANDS:
                out["band_counts"].append((unit, 0, band, v.get(band_cell(band)), row.row_no))
        elif kind == GROUP_SIZES:
            for g in groups:
                out["group_sizes"].append((unit, g, v.get(group_cell(g, "size")), row.row_no))
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


def _import_text(con: duckdb.DuckDBPyConnection, path: Path, as_of: dt.date | None,
                 replace: bool, provenance: Provenance | None, expected_area: str | None,
                 recheck: bool, structure: str | None, writer) -> ImportResult:
    """One report's text figures (report_text.py) as a dataset of kind "text": one unit may
    have many rows."""
    titles, figures = read_text_figures(path)
    as_of = as_of or find_as_of(titles)
    if as_of is None:
        raise InputError(NO_DATE, file=path.name)
    registry = UnitRegistry.load(con)
    named = [f for f in figures if f.unit_label]
    area_key = expected_area
    if named:
        try:
            chosen, common = registry.resolve_rows(distinct_units(named), as_of, "Đơn vị",
                                                   structure)
        except InputError as exc:
            raise exc.located(file=path.name)
        keys = {row.label: chosen[row.row_no] for row in distinct_units(named)}
        for f in named:
            f.unit_key = keys[f.unit_label]
        area_key = area_key or common
        outside = [f for f in named if area_key not in registry.ancestors(f.unit_key)]
        if outside:
            raise InputError(f"«{outside[0].unit_label}» không thuộc địa bàn {area_key}",
                             file=path.name, row=outside[0].source_row)
    if area_key is None:  # only area-wide figures: the area of the period's tables, if one
        areas = con.execute("SELECT DISTINCT area_key FROM datasets WHERE as_of = ? "
                            "AND kind <> ?", [as_of, TEXT]).fetchall()
        if len(areas) != 1:
            raise InputError("không biết lời văn thuộc địa bàn nào: hãy ghi tên đơn vị ở ít nhất "
                             "một dòng", file=path.name)
        area_key = areas[0][0]
    provenance = provenance or Provenance(title=" — ".join(titles) or None)
    area_name = registry.units[area_key].name
    _check_writer(writer, area_key, registry, path.name)
    existing = existing_dataset(con, TEXT, as_of, area_key, replace, area_name, path.name)
    with transaction(con):
        dataset_id = insert_dataset(con, existing, TEXT, as_of, area_key,
                                    ruleset_for(con, as_of, area_key), "report_text", path.name,
                                    provenance)
        con.executemany("INSERT INTO text_figures VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)", [
            (dataset_id, f.source_row, f.place, f.quote, f.unit_key, f.measure, f.group_no,
             f.part, f.printed_text, f.value) for f in figures])
        if recheck:
            refresh_findings(con, as_of)
        history_id = _record(con, path, TEXT, as_of, area_key, len(figures), writer,
                             dataset_id, existing)
    return ImportResult(dataset_id, TEXT, as_of, area_key, area_name, len(figures),
                        existing is not None, history_id)
