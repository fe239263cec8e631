"""Individual assessment records (one row per person) from CSV or Parquet, read by DuckDB itself.

Steps: read the header and match columns by their header key (accents, case and `_` ignored);
one pass over the file parses every cell and counts the bad ones per unit (a CSV's parsed
rows are kept in a temporary table for the write; a Parquet file is typed, and read again); if any
cell is bad, a second pass finds the first bad row and the import is refused, naming file, row
and column, with nothing written. Otherwise, in one transaction, the rows go into
`assessment_records` sorted by unit and group (a commune's drill-down reads few row groups),
and `group_counts` and `band_counts` are aggregated from them, so pages never scan records.

Row numbers are those a spreadsheet shows: the CSV header is row 1, so record n is row n + 1;
a Parquet file has no header row, so record n is row n.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, replace
from pathlib import Path

import duckdb

from . import limits
from .errors import InputError
from .names import header_key
from .reference import ruleset_for
from .store import sql
from .units import UnitRegistry

INDICATORS = 10
SUFFIXES = {".csv": "csv", ".txt": "csv", ".tsv": "csv", ".parquet": "parquet", ".pq": "parquet"}


@dataclass(frozen=True)
class RecordColumn:
    key: str
    label: str  # what users call the column, in messages
    pattern: re.Pattern
    required: bool


# Accepted headers per canonical column, matched against header_key (no accents, lower case).
COLUMNS = (
    RecordColumn("unit_code", "Mã xã", re.compile(r"^(ma (xa|don vi|dvhc|xa phuong)|unit (code|key))$"), True),
    RecordColumn("group_no", "Nhóm", re.compile(r"^(nhom|nhom doi tuong|group no)$"), True),
    RecordColumn("total_score", "Tổng điểm", re.compile(r"^(tong diem|total score)$"), True),
    *(RecordColumn(f"ind_{k}", f"Chỉ số {k}", re.compile(rf"^(chi so|ind) ?{k}$"), False)
      for k in range(1, INDICATORS + 1)),
    RecordColumn("result", "Kết quả", re.compile(r"^(ket qua|is recognized)$"), False),
)
RESULT_TRUE = ("dat", "1", "true", "co", "x")
RESULT_FALSE = ("chua dat", "khong dat", "0", "false", "khong")


@dataclass
class Source:
    """A records file and the name of the file's column for each canonical column."""
    path: Path
    fmt: str  # csv | parquet
    columns: dict[str, tuple[str, str, int]]  # key -> (column as written, DuckDB type, index)

    @property
    def scan(self) -> str:
        if self.fmt == "parquet":
            return "read_parquet($path)"
        typed = {name: typ for name, typ, _ in self.columns.values() if typ != "VARCHAR"}
        if not typed:
            return "read_csv($path, all_varchar = true, header = true)"
        types = ", ".join("'" + name.replace("'", "''") + f"': '{typ}'"
                          for name, typ in typed.items())
        return f"read_csv($path, all_varchar = true, header = true, types = {{{types}}})"

    @property
    def header_rows(self) -> int:
        return 1 if self.fmt == "csv" else 0

    def ref(self, key: str) -> str:
        return '"' + self.columns[key][0].replace('"', '""') + '"'

    def is_text(self, key: str) -> bool:
        return self.columns[key][1] == "VARCHAR"


def open_source(con: duckdb.DuckDBPyConnection, path: Path) -> Source:
    """Read the header of a records file and match its columns; refuse a missing column."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None:
        raise InputError("bảng từng người phải là tệp .csv hoặc .parquet", file=path.name)
    if not path.exists():
        raise InputError("không tìm thấy tệp", file=path.name)
    if path.stat().st_size == 0:
        raise InputError("tệp rỗng, không có dữ liệu", file=path.name)
    limits.check_file(path, limits.RECORDS[fmt])
    source = Source(path, fmt, {})
    try:
        described = con.execute(f"DESCRIBE SELECT * FROM {source.scan}",
                                {"path": str(path)}).fetchall()
    except duckdb.Error as exc:
        kind = "CSV (cần mã UTF-8)" if fmt == "csv" else "Parquet"
        raise InputError(f"không đọc được tệp {kind}: {_first_line(exc)}", file=path.name) from exc
    written = [(name, typ, index) for index, (name, typ, *_) in enumerate(described)]
    for spec in COLUMNS:
        hits = [c for c in written if spec.pattern.search(header_key(c[0]))]
        if len(hits) > 1:
            names = ", ".join(f"«{c[0]}»" for c in hits)
            raise InputError(f"nhiều cột cùng khớp «{spec.label}»: {names}", file=path.name, row=1)
        if hits:
            source.columns[spec.key] = hits[0]
        elif spec.required:
            raise InputError(f"thiếu cột «{spec.label}» trong dòng tiêu đề", file=path.name, row=1)
    indicators = [f"ind_{k}" for k in range(1, INDICATORS + 1)]
    present = [k for k in indicators if k in source.columns]
    if present and len(present) != INDICATORS:
        missing = next(k for k in indicators if k not in source.columns)
        raise InputError(f"có cột chỉ số nhưng thiếu cột «Chỉ số {missing[4:]}» (cần đủ 10 chỉ số)",
                         file=path.name, row=1)
    return source


# What a CSV's score and group columns are read as when every cell is a plain number: DuckDB's
# reader parses them itself, three times faster than text cells trimmed, their decimal comma
# replaced, then cast. One cell that is not (a decimal comma, a word) fails that read, and the
# file is read again as text, cell by cell, as before.
PLAIN_TYPES = {"group_no": "DOUBLE", "total_score": "DECIMAL(5, 2)",
               **{f"ind_{k}": "DECIMAL(4, 2)" for k in range(1, INDICATORS + 1)}}


def as_plain_numbers(source: Source) -> Source:
    """The CSV source with its score and group columns read as numbers (see PLAIN_TYPES)."""
    return replace(source, columns={
        key: (name, PLAIN_TYPES.get(key, typ), index)
        for key, (name, typ, index) in source.columns.items()})


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]


# ---------------------------------------------------------------- parsing, as SQL expressions

def _number(source: Source, key: str, scale: str) -> str:
    ref = source.ref(key)
    if source.is_text(key):
        return f"TRY_CAST(replace(trim({ref}), ',', '.') AS {scale})"
    return f"TRY_CAST({ref} AS {scale})"


def _group(source: Source) -> str:
    ref = source.ref("group_no")
    if source.is_text("group_no"):
        return f"TRY_CAST(trim({ref}) AS TINYINT)"
    return f"CASE WHEN {ref} = round({ref}) THEN TRY_CAST({ref} AS TINYINT) END"


def _result(source: Source) -> str:
    ref = source.ref("result")
    if source.columns["result"][1] == "BOOLEAN":
        return ref
    text = f"replace(lower(strip_accents(trim(CAST({ref} AS VARCHAR)))), 'đ', 'd')"
    true = ", ".join(f"'{v}'" for v in RESULT_TRUE)
    false = ", ".join(f"'{v}'" for v in RESULT_FALSE)
    # the two spellings nearly every file uses first: folding accents on 10M cells costs seconds
    return (f"CASE {ref} WHEN 'Đạt' THEN true WHEN 'Chưa đạt' THEN false ELSE "
            f"CASE WHEN {text} IN ({true}) THEN true WHEN {text} IN ({false}) THEN false END END")


def _blank(source: Source, key: str) -> str:
    ref = source.ref(key)
    if source.is_text(key):
        return f"({ref} IS NULL OR trim({ref}) = '')"
    return f"({ref} IS NULL)"


# Codes and keys of the units valid on $as_of, each naming exactly one unit.
UNIT_CODES = """
    SELECT code, any_value(unit_key) AS unit_key
    FROM (SELECT code, unit_key FROM units
          WHERE (valid_from IS NULL OR valid_from <= $as_of) AND (valid_to IS NULL OR $as_of <= valid_to)
          UNION
          SELECT unit_key, unit_key FROM units
          WHERE (valid_from IS NULL OR valid_from <= $as_of) AND (valid_to IS NULL OR $as_of <= valid_to))
    GROUP BY code
    HAVING count(DISTINCT unit_key) = 1"""


@dataclass(frozen=True)
class Check:
    key: str
    bad: str  # SQL: true when the cell is bad
    message: str  # {value} is the cell as written


def _parsed_select(source: Source, ruleset: dict, numbered: bool) -> tuple[str, list[Check]]:
    """SELECT of the parsed p_<key> columns plus, per check, the raw cell and bad_<key>.

    `numbered` adds record_no (the record's place in the file), which only the refusal needs:
    numbering keeps the file's order and costs a full extra pass.
    """
    has_ind = "ind_1" in source.columns
    exprs = {
        "unit_key": "m.unit_key",
        "group_no": _group(source),
        "total_score": _number(source, "total_score", "DECIMAL(5, 2)"),
    }
    for k in range(1, INDICATORS + 1):
        exprs[f"ind_{k}"] = (_number(source, f"ind_{k}", "DECIMAL(4, 2)") if has_ind
                             else "NULL::DECIMAL(4, 2)")
    groups = sorted(ruleset.get("groups", {}))
    group_list = ", ".join(str(g) for g in groups) or "NULL"
    checks = [
        Check("unit_code", "p_unit_key IS NULL",
              "không có đơn vị mã «{value}» trong danh mục đơn vị của kỳ này"),
        Check("group_no", f"p_group_no IS NULL OR p_group_no NOT IN ({group_list})",
              f"nhóm «{{value}}» không có trong {ruleset.get('name', 'bộ tiêu chí')} "
              f"(các nhóm {', '.join(str(g) for g in groups)})"),
        Check("total_score", "p_total_score IS NULL OR p_total_score NOT BETWEEN 0 AND 100",
              "tổng điểm «{value}» không phải số từ 0 đến 100"),
    ]
    if has_ind:
        checks += [Check(f"ind_{k}", f"p_ind_{k} IS NULL OR p_ind_{k} NOT BETWEEN 0 AND 10",
                         "điểm chỉ số «{value}» không phải số từ 0 đến 10")
                   for k in range(1, INDICATORS + 1)]
    if "result" in source.columns:
        exprs["is_recognized"] = _result(source)
        checks.append(Check("result", "p_is_recognized IS NULL",
                            "không hiểu kết quả «{value}» (cần «Đạt» hoặc «Chưa đạt»)"))
    inner = ", ".join(f"{e} AS p_{k}" for k, e in exprs.items())
    raw = ", ".join(f"{source.ref(c.key)} AS raw_{c.key}, {_blank(source, c.key)} AS blank_{c.key}"
                    for c in checks)
    flags = ", ".join(f"(blank_{c.key} OR {c.bad}) AS bad_{c.key}" for c in checks)
    unit = f"trim(CAST({source.ref('unit_code')} AS VARCHAR))"
    number = (", ordinality AS record_no", " WITH ORDINALITY") if numbered else ("", "")
    select = (f"SELECT *, {flags} FROM ("
              f"SELECT {inner}, {raw}{number[0]} FROM {source.scan}{number[1]} "
              f"LEFT JOIN ({UNIT_CODES}) m ON m.code = {unit})")
    return select, checks


def _recognized(source: Source, ruleset: dict) -> str:
    """SQL over the staged columns: the file's result, else the rule set's pass mark and floor."""
    if "result" in source.columns:
        return "p_is_recognized"
    rule = f"p_total_score >= {int(ruleset['pass_mark'])}"
    if ruleset.get("indicator_floor") is not None:
        least = ", ".join(f"p_ind_{k}" for k in range(1, INDICATORS + 1))
        rule += f" AND least({least}) >= {int(ruleset['indicator_floor'])}"
    return f"({rule})"


@dataclass
class Checked:
    units: list[str]  # units present in the file
    row_count: int
    rows: str  # SQL relation of the parsed p_<key> columns, for write_records
    params: dict  # its parameters


STAGE = "record_stage"


def stage(con: duckdb.DuckDBPyConnection, source: Source, as_of: dt.date,
          ruleset: dict) -> Checked:
    """Parse the whole file once and count its bad cells per unit; refuse it at its first bad
    cell.

    A CSV is parsed into a temporary table that write_records then reads: parsing text is the
    slow part of a CSV import, so it is done once. A Parquet file is typed already: counting
    over the file and reading it again to write beats writing a temporary copy of it first
    (a whole import of 10M records: 5.5 s against 7.2 s, at the same CPU reference). The
    caller drops the table (`drop_stage`) whatever happens.
    """
    params = {"path": str(source.path), "as_of": as_of}
    kept = ", ".join(["p_unit_key", "p_group_no", "p_total_score",
                      *(f"p_ind_{k}" for k in range(1, INDICATORS + 1)),
                      *(["p_is_recognized"] if "result" in source.columns else [])])

    def parsed(variant: Source) -> tuple[str, str]:
        select, checks = _parsed_select(variant, ruleset, numbered=False)
        return select, " OR ".join(f"bad_{c.key}" for c in checks)

    try:
        if source.fmt == "parquet":
            select, any_bad = parsed(source)
            rows, rows_params, bad = f"({select})", params, any_bad
        else:
            rows, rows_params, bad = STAGE, {}, "is_bad"
            for variant in (as_plain_numbers(source), source):
                select, any_bad = parsed(variant)
                try:
                    con.execute(f"CREATE OR REPLACE TEMP TABLE {STAGE} AS "
                                f"SELECT {kept}, ({any_bad}) AS is_bad FROM ({select})", params)
                    break
                except duckdb.ConversionException:
                    if variant is source:
                        raise
        per_unit = con.execute(f"SELECT p_unit_key, count(*), count_if({bad}) FROM {rows} "
                               "GROUP BY p_unit_key", rows_params).fetchall()
    except duckdb.Error as exc:
        raise InputError(f"không đọc được tệp: {_first_line(exc)}", file=source.path.name) from exc
    if not per_unit:
        raise InputError("bảng không có dòng số liệu nào dưới dòng tiêu đề", file=source.path.name)
    if any(bad for _, _, bad in per_unit):
        _refuse_first_bad(con, source, ruleset, as_of)  # cells as written, even in a CSV
    return Checked(sorted(r[0] for r in per_unit), sum(r[1] for r in per_unit), rows,
                   rows_params)


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {STAGE}")


def _refuse_first_bad(con, source: Source, ruleset: dict, as_of: dt.date) -> None:
    """Read the file again, numbered, to name the first bad cell's row and column."""
    select, checks = _parsed_select(source, ruleset, numbered=True)
    any_bad = " OR ".join(f"bad_{c.key}" for c in checks)
    cols = ", ".join(f"raw_{c.key}, blank_{c.key}, bad_{c.key}" for c in checks)
    row = con.execute(f"SELECT record_no, {cols} FROM ({select}) WHERE {any_bad} "
                      "ORDER BY record_no LIMIT 1",
                      {"path": str(source.path), "as_of": as_of}).fetchone()
    record_no, cells = row[0], row[1:]
    for i, check in enumerate(checks):
        raw, blank, is_bad = cells[3 * i], cells[3 * i + 1], cells[3 * i + 2]
        if is_bad:
            column = source.columns[check.key][0]
            message = "ô bị trống" if blank else check.message.format(value=raw)
            raise InputError(message, file=source.path.name,
                             row=record_no + source.header_rows, column=column)


def write_records(con: duckdb.DuckDBPyConnection, source: Source, checked: Checked,
                  dataset_id: int, ruleset: dict) -> None:
    """Insert the checked rows sorted by unit and group, then their group and band counts.

    Runs inside the caller's transaction, after `stage` found nothing bad. A file that changed
    since it was checked (another row count) is refused, and the caller rolls back.
    """
    indicators = ", ".join(f"p_ind_{k}" for k in range(1, INDICATORS + 1))
    written = con.execute(
        f"INSERT INTO assessment_records SELECT $dataset_id, p_unit_key, p_group_no, "
        f"p_total_score, {_recognized(source, ruleset)}, {indicators} FROM {checked.rows} "
        "ORDER BY p_unit_key, p_group_no", {**checked.params, "dataset_id": dataset_id}
    ).fetchone()[0]
    if written != checked.row_count:
        raise InputError(f"tệp đã thay đổi trong lúc nhập ({checked.row_count} dòng khi kiểm tra, "
                         f"{written} dòng khi ghi); hãy nhập lại", file=source.path.name)
    con.execute(sql("group_counts_from_records"), {"dataset_id": dataset_id})
    con.execute("INSERT INTO band_counts SELECT $dataset_id, unit_key, group_no, band, "
                f"person_count, NULL FROM ({sql('bands_from_records')})",
                {"dataset_id": dataset_id})


def import_plan(con: duckdb.DuckDBPyConnection, path: Path, as_of: dt.date,
                registry: UnitRegistry) -> tuple[Source, Checked, str, dict]:
    """Everything checked before the transaction: columns, cells, area and rule set.

    Leaves a CSV's parsed rows staged for `write_records`; the caller drops them.
    """
    source = open_source(con, path)
    provisional = ruleset_for(con, as_of)
    if not provisional:
        raise InputError(f"không có bộ tiêu chí nào cho kỳ {as_of.day}/{as_of.month}/{as_of.year}",
                         file=path.name)
    if "result" not in source.columns and "ind_1" not in source.columns:
        raise InputError("không có cột «Kết quả» nên cần đủ 10 cột chỉ số để xét Đạt / Chưa đạt",
                         file=path.name, row=1)
    checked = stage(con, source, as_of, provisional)
    area_key = registry.common_parent(checked.units)
    return source, checked, area_key, ruleset_for(con, as_of, area_key)
