"""Individual assessment records (one row per person) from CSV or Parquet, read by DuckDB itself.

Steps: read the header and match columns by their header key (accents, case and `_` ignored);
one pass over the file parses every cell and counts the bad ones per unit (a CSV's parsed
rows are kept in a temporary table for the write; a Parquet file is typed, and read again); if any
cell is bad, a second pass finds the first bad row and the import is refused, naming file, row
and column, with nothing written. Otherwise, in one transaction, the rows go into
`assessment_records` sorted by unit and group, and `group_counts` and `band_counts` are
aggregated from them, so pages never scan records.

Row numbers are those a spreadsheet shows: the CSV header is row 1, so record n is row n + 1;
a Parquet file has no header row, so record n is row n.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field, replace
from decimal import Decimal
from pathlib import Path

import duckdb

from . import limits
from .errors import InputError, StoreError, report
from .names import header_key
from .reference import ruleset_for
from .sql import sql
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


# Scores are held exactly, to SCORE_PLACES decimals, so that a total of 79.995 stays below a
# pass mark of 80 in every use (recognition, bands, counts). Three places hold whole, half and
# quarter points and the odd thousandth exactly; a cell with more decimals (often a float's
# leftover, 80.00000000000001) is refused, named, rather than rounded either way. The total
# stays a 32-bit decimal (100.000); an indicator (10.000) grows from 16 to 32 bits.
SCORE_PLACES = 3
TOTAL_TYPE = f"DECIMAL(6, {SCORE_PLACES})"
INDICATOR_TYPE = f"DECIMAL(5, {SCORE_PLACES})"
SCORE_TYPES = {"total_score": TOTAL_TYPE,
               **{f"ind_{k}": INDICATOR_TYPE for k in range(1, INDICATORS + 1)}}
FLOATING = ("DOUBLE", "FLOAT")

# What a CSV's score and group columns are read as when every cell is a plain number: DuckDB's
# reader parses them itself, three times faster than text cells trimmed, their decimal comma
# replaced, then cast: a user importing a national CSV waits that much less. One cell that is
# not (a decimal comma, a word) fails that read, and the file is read again as text, cell by
# cell. Scores are read as DOUBLE, as a text cell is: a DECIMAL read would round a cell's extra
# decimals away before they could be refused.
PLAIN_TYPES = {"group_no": "DOUBLE", **{key: "DOUBLE" for key in SCORE_TYPES}}


def as_plain_numbers(source: Source) -> Source:
    """The CSV source with its score and group columns read as numbers (see PLAIN_TYPES)."""
    return replace(source, columns={
        key: (name, PLAIN_TYPES.get(key, typ), index)
        for key, (name, typ, index) in source.columns.items()})


def _first_line(exc: Exception) -> str:
    return str(exc).strip().splitlines()[0]


# ---------------------------------------------------------------- parsing, as SQL expressions

def _read_number(source: Source, key: str) -> tuple[str, str]:
    """SQL of a score cell as read, before it is held, and the type it is read as: a text cell
    trimmed, its decimal comma made a point, as a DOUBLE (as a spreadsheet reads a number)."""
    ref = source.ref(key)
    if source.is_text(key):
        return f"TRY_CAST(replace(trim({ref}), ',', '.') AS DOUBLE)", "DOUBLE"
    return ref, source.columns[key][1]


def _more_places(read_type: str, key: str) -> str:
    """SQL: the cell as read (n_<key>) has more decimals than its held value (p_<key>) keeps.
    A floating cell is compared in its own type: 79.995 read as a DOUBLE is the DOUBLE nearest
    79.995, which the held 79.995 gives back; 79.9951 or 80.00000000000001 is not."""
    held = f"p_{key}"
    if read_type in FLOATING:
        held = f"CAST({held} AS {read_type})"
    return f"{held} <> n_{key}"


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


# Codes and keys of the units valid on $as_of (or, given $structure, of that structure whatever
# their dates: a file written in the other structure), each naming exactly one unit, with its
# level: records belong to a commune or a sub-unit, which the check of the file requires.
UNIT_CODES = """
    SELECT code, any_value(unit_key) AS unit_key, any_value(level) AS level,
           any_value(name) AS name, any_value(unit_rank) AS unit_rank
    FROM (SELECT *, dense_rank() OVER (ORDER BY unit_key)::INTEGER AS unit_rank FROM (
          SELECT code, unit_key, level, name, structure, valid_from, valid_to FROM units
          UNION
          SELECT unit_key, unit_key, level, name, structure, valid_from, valid_to FROM units))
    WHERE CASE WHEN $structure::VARCHAR IS NULL
               THEN (valid_from IS NULL OR valid_from <= $as_of)
                    AND (valid_to IS NULL OR $as_of <= valid_to)
               ELSE structure = $structure END
    GROUP BY code
    HAVING count(DISTINCT unit_key) = 1"""
RECORD_LEVELS = ("commune", "subunit")


@dataclass(frozen=True)
class Check:
    name: str  # the check's flag is bad_<name>
    key: str  # the column a refusal names
    bad: str  # SQL over the parsed columns: true when the cell is bad
    message: str  # {value}: the cell as written; {detail}: the value of `detail`
    detail: str = "NULL"  # SQL over the parsed columns, quoted in the message


def _parsed_select(source: Source, ruleset: dict, numbered: bool) -> tuple[str, list[Check]]:
    """SELECT of the parsed p_<key> columns plus, per column, the raw cell (raw_<key>,
    blank_<key>) and, per check, its flag bad_<name>.

    Three layers: the cells as read (a score as n_<key>), the scores as held (p_<key>), the
    flags. `numbered` adds record_no (the record's place in the file), which only the refusal
    needs: numbering keeps the file's order and costs a full extra pass.
    """
    has_ind = "ind_1" in source.columns
    scores = ["total_score", *([f"ind_{k}" for k in range(1, INDICATORS + 1)] if has_ind else [])]
    read = {key: _read_number(source, key) for key in scores}
    cells = {"unit_key": "m.unit_key", "unit_level": "m.level", "unit_name": "m.name",
             "unit_rank": "m.unit_rank", "group_no": _group(source)}
    groups = sorted(ruleset.get("groups", {}))
    group_list = ", ".join(str(g) for g in groups) or "NULL"
    checks = [
        Check("unit_code", "unit_code", "p_unit_key IS NULL",
              "không có đơn vị mã «{value}» trong danh mục đơn vị của kỳ này"),
        Check("unit_level", "unit_code", f"p_unit_level NOT IN {RECORD_LEVELS}",
              "mã «{value}» là mã của «{detail}», không phải của một xã hay đơn vị dưới xã: "
              "mỗi dòng phải ghi mã xã (hoặc đơn vị dưới xã) của người được đánh giá",
              "p_unit_name"),
        Check("group_no", "group_no", f"p_group_no IS NULL OR p_group_no NOT IN ({group_list})",
              f"nhóm «{{value}}» không có trong {ruleset.get('name', 'bộ tiêu chí')} "
              f"(các nhóm {', '.join(str(g) for g in groups)})"),
    ]
    places = (f" có hơn {SCORE_PLACES} chữ số thập phân: điểm được giữ đúng đến "
              f"{SCORE_PLACES} chữ số, hãy làm tròn trong tệp")
    for key in scores:
        top, word = (100, "tổng điểm") if key == "total_score" else (10, "điểm chỉ số")
        checks += [Check(key, key, f"p_{key} IS NULL OR p_{key} NOT BETWEEN 0 AND {top}",
                         f"{word} «{{value}}» không phải số từ 0 đến {top}"),
                   Check(f"{key}_places", key, _more_places(read[key][1], key),
                         f"{word} «{{value}}»{places}")]
    if has_ind:
        total = " + ".join(f"p_ind_{k}" for k in range(1, INDICATORS + 1))
        first, last = source.columns["ind_1"][0], source.columns[f"ind_{INDICATORS}"][0]
        checks.append(Check("total_sum", "total_score", f"p_total_score <> ({total})",
                            f"tổng điểm ghi «{{value}}» nhưng {INDICATORS} chỉ số («{first}» … "
                            f"«{last}») cộng lại được {{detail}}", f"({total})"))
    if "result" in source.columns:
        cells["is_recognized"] = _result(source)
        checks.append(Check("result", "result", "p_is_recognized IS NULL",
                            "không hiểu kết quả «{value}» (cần «Đạt» hoặc «Chưa đạt»)"))
    inner = ", ".join([*(f"{e} AS p_{k}" for k, e in cells.items()),
                       *(f"{e} AS n_{k}" for k, (e, _) in read.items())])
    held = ", ".join(f"TRY_CAST(n_{k} AS {SCORE_TYPES[k]}) AS p_{k}" for k in scores)
    if not has_ind:
        held += ", " + ", ".join(f"NULL::{INDICATOR_TYPE} AS p_ind_{k}"
                                 for k in range(1, INDICATORS + 1))
    columns = dict.fromkeys(c.key for c in checks)
    raw = ", ".join(f"{source.ref(k)} AS raw_{k}, {_blank(source, k)} AS blank_{k}"
                    for k in columns)
    flags = ", ".join(f"(blank_{c.key} OR {c.bad}) AS bad_{c.name}" for c in checks)
    unit = f"trim(CAST({source.ref('unit_code')} AS VARCHAR))"
    number = (", ordinality AS record_no", " WITH ORDINALITY") if numbered else ("", "")
    select = (f"SELECT *, {flags} FROM (SELECT *, {held} FROM ("
              f"SELECT {inner}, {raw}{number[0]} FROM {source.scan}{number[1]} "
              f"LEFT JOIN ({UNIT_CODES}) m ON m.code = {unit}))")
    return select, checks


def shortfalls(ruleset: dict, prefix: str = "") -> dict[str, str]:
    """SQL tests of what keeps a record from the rule set's recognition, over the columns
    <prefix>total_score and <prefix>ind_1…10: `below_pass_mark` (the total), and, when the rule
    set has a floor, `below_floor` (some indicator). The one statement of the rule: the import
    decides recognition with it, the quality layer checks a recorded result against it."""
    tests = {"below_pass_mark": f"{prefix}total_score < {int(ruleset['pass_mark'])}"}
    if ruleset.get("indicator_floor") is not None:
        floor = int(ruleset["indicator_floor"])
        tests["below_floor"] = "(" + " OR ".join(
            f"{prefix}ind_{k} < {floor}" for k in range(1, INDICATORS + 1)) + ")"
    return tests


def _recognized(source: Source, ruleset: dict) -> str:
    """SQL over the staged columns: the file's result, else the rule set's pass mark and floor."""
    if "result" in source.columns:
        return "p_is_recognized"
    return f"NOT ({' OR '.join(shortfalls(ruleset, 'p_').values())})"


@dataclass
class Checked:
    units: list[str]  # units present in the file
    row_count: int
    rows: str  # SQL relation of the parsed p_<key> columns, for write_records
    params: dict  # its parameters
    groups: list[int] = field(default_factory=list)  # group numbers present in the file
    unlisted_cells: int = 0  # bad cells of the file beyond those added to `problems`


STAGE = "record_stage"


def stage(con: duckdb.DuckDBPyConnection, source: Source, as_of: dt.date,
          ruleset: dict, structure: str | None = None,
          registry: UnitRegistry | None = None,
          problems: list[InputError] | None = None,
          problem_rows: int | None = None) -> Checked:
    """Parse the whole file once and count its bad cells per unit; refuse it at its first bad
    cell, or, given `problems`, add there the bad cells of every bad row (of the first
    `problem_rows` bad rows, the others only counted: Checked.unlisted_cells).

    A CSV is parsed into a temporary table that write_records then reads: parsing text is the
    slow part of a CSV import, so it is done once. A Parquet file is typed already: counting
    over the file and reading it again to write beats writing a temporary copy of it first
    (figures in docs/performance.md). The caller drops the table (`drop_stage`) whatever
    happens.
    """
    params = {"path": str(source.path), "as_of": as_of, "structure": structure}
    kept = ", ".join(["p_unit_key", "p_unit_rank", "p_group_no", "p_total_score",
                      *(f"p_ind_{k}" for k in range(1, INDICATORS + 1)),
                      *(["p_is_recognized"] if "result" in source.columns else [])])

    def parsed(variant: Source) -> tuple[str, str]:
        select, checks = _parsed_select(variant, ruleset, numbered=False)
        return select, " OR ".join(f"bad_{c.name}" for c in checks)

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
        per_unit = con.execute(f"SELECT p_unit_key, p_group_no, count(*), count_if({bad}) "
                               f"FROM {rows} GROUP BY p_unit_key, p_group_no",
                               rows_params).fetchall()
    except duckdb.Error as exc:
        raise InputError(f"không đọc được tệp: {_first_line(exc)}", file=source.path.name) from exc
    if not per_unit:
        raise InputError("bảng không có dòng số liệu nào dưới dòng tiêu đề", file=source.path.name)
    unlisted = 0
    bad_rows = sum(r[3] for r in per_unit)
    if bad_rows:
        limit = 1 if problems is None else problem_rows
        found = bad_cells(con, source, ruleset, as_of, structure, registry, limit)
        if limit is not None and bad_rows > limit:
            unlisted = count_bad_cells(con, source, ruleset, as_of, structure) - len(found)
        for error in found:
            report(problems, error)
    return Checked(sorted({r[0] for r in per_unit if r[0] is not None}),
                   sum(r[2] for r in per_unit), rows, rows_params,
                   sorted({r[1] for r in per_unit if r[1] is not None}), unlisted)


def drop_stage(con: duckdb.DuckDBPyConnection) -> None:
    con.execute(f"DROP TABLE IF EXISTS {STAGE}")


def bad_cells(con, source: Source, ruleset: dict, as_of: dt.date, structure: str | None,
              registry: UnitRegistry | None, limit: int | None) -> list[InputError]:
    """Read the file again, numbered, to name the bad cells of its first `limit` bad rows (None:
    all), by row and column; a code of the other structure says so (UnitRegistry.other_structure)."""
    select, checks = _parsed_select(source, ruleset, numbered=True)
    any_bad = " OR ".join(f"bad_{c.name}" for c in checks)
    cols = ", ".join(f"raw_{c.key}, blank_{c.key}, bad_{c.name}, {c.detail}" for c in checks)
    rows = con.execute(f"SELECT record_no, {cols} FROM ({select}) WHERE {any_bad} "
                       f"ORDER BY record_no{'' if limit is None else ' LIMIT $limit'}",
                       {"path": str(source.path), "as_of": as_of, "structure": structure,
                        **({} if limit is None else {"limit": limit})}).fetchall()
    found = []
    for record_no, *cells in rows:
        for i, check in enumerate(checks):
            raw, blank, is_bad, detail = cells[4 * i:4 * i + 4]
            if is_bad:
                column = source.columns[check.key][0]
                message = "ô bị trống" if blank else check.message.format(
                    value=raw, detail=_as_written(detail, raw))
                if check.name == "unit_code" and not blank and registry is not None:
                    message = registry.other_structure(None, str(raw).strip(), as_of,
                                                       structure) or message
                found.append(InputError(message, file=source.path.name,
                                        row=record_no + source.header_rows, column=column,
                                        cell="" if raw is None else str(raw)))
    return found


def count_bad_cells(con, source: Source, ruleset: dict, as_of: dt.date,
                    structure: str | None) -> int:
    """How many bad cells the file has, each counted once per column as bad_cells names them
    (a cell failing two checks is one problem)."""
    select, checks = _parsed_select(source, ruleset, numbered=False)
    per_column: dict[str, list[str]] = {}
    for check in checks:
        per_column.setdefault(check.key, []).append(f"bad_{check.name}")
    counted = " + ".join(f"count_if({' OR '.join(flags)})" for flags in per_column.values())
    return con.execute(f"SELECT {counted} FROM ({select})",
                       {"path": str(source.path), "as_of": as_of,
                        "structure": structure}).fetchone()[0]


def preview_rows(con: duckdb.DuckDBPyConnection, path: Path, first: int, rows: list[int],
                 row_count: int | None = None
                 ) -> tuple[list[str], list[tuple[int, list[str]]], int] | None:
    """A records file's column names, its first `first` records and those on `rows` (row
    numbers as refusals give them), cells as text, and its number of records (`row_count`
    when known, else counted); None when the file cannot be read as a table."""
    fmt = SUFFIXES.get(path.suffix.lower())
    if fmt is None or not path.is_file() or path.stat().st_size > limits.RECORDS[fmt].bytes:
        return None  # refused before reading (open_source), so not read for a preview either
    source = Source(path, fmt, {})
    offset = source.header_rows
    params = {"path": str(path), "first": first, "rows": [r - offset for r in rows]}
    try:
        found = con.execute(f"SELECT ordinality, COLUMNS(* EXCLUDE (ordinality))::VARCHAR "
                            f"FROM {source.scan} WITH ORDINALITY "
                            "WHERE ordinality <= $first OR list_contains($rows, ordinality) "
                            "ORDER BY ordinality", params)
        names = [d[0] for d in found.description][1:]
        numbered = [(r[0] + offset, ["" if c is None else c for c in r[1:]])
                    for r in found.fetchall()]
        total = row_count if row_count is not None else con.execute(
            f"SELECT count(*) FROM {source.scan}", params).fetchone()[0]
    except duckdb.Error:
        return None
    return names, numbered, total


def _as_written(value, like) -> str:
    """A number a refusal quotes beside a cell, without trailing zeros, with the cell's decimal
    mark (80, 79.995 or 79,995)."""
    if not isinstance(value, Decimal):
        return str(value)
    text = format(value.normalize(), "f")
    return text.replace(".", ",") if "," in str(like) else text


def write_records(con: duckdb.DuckDBPyConnection, source: Source, checked: Checked,
                  dataset_id: int, ruleset: dict) -> None:
    """Insert the checked rows sorted by unit and group, then their group and band counts.

    Sorted because every later read of the records groups them by unit and group (these counts,
    the recorded-result check at each recheck of the period), which sorted rows make faster;
    what the sort costs and gains is in docs/performance.md.

    Runs inside the caller's transaction, after `stage` found nothing bad. A file that changed
    since it was checked (another row count) is refused, and the caller rolls back.
    """
    indicators = ", ".join(f"p_ind_{k}" for k in range(1, INDICATORS + 1))
    written = con.execute(
        f"INSERT INTO assessment_records SELECT $dataset_id, p_unit_key, p_group_no, "
        f"p_total_score, {_recognized(source, ruleset)}, {indicators} FROM {checked.rows} "
        "ORDER BY p_unit_rank, p_group_no", {**checked.params, "dataset_id": dataset_id}
    ).fetchone()[0]
    if written != checked.row_count:
        raise InputError(f"tệp đã thay đổi trong lúc nhập ({checked.row_count} dòng khi kiểm tra, "
                         f"{written} dòng khi ghi); hãy nhập lại", file=source.path.name)
    con.execute(sql("group_counts_from_records"), {"dataset_id": dataset_id})
    con.execute("INSERT INTO band_counts SELECT $dataset_id, unit_key, group_no, band, "
                f"person_count, NULL FROM ({sql('bands_from_records')})",
                {"dataset_id": dataset_id})


def import_plan(con: duckdb.DuckDBPyConnection, path: Path, as_of: dt.date,
                registry: UnitRegistry, structure: str | None = None,
                problems: list[InputError] | None = None, problem_rows: int | None = None
                ) -> tuple[Source, Checked, str | None, dict]:
    """Everything checked before the transaction: columns, cells, area and rule set. Codes
    name units valid on `as_of`, or, given `structure`, units of that structure. Given
    `problems`, bad cells are collected there (those of the first `problem_rows` bad rows,
    see `stage`); the area is then that of the rows that name a unit, None if none does.

    Leaves a CSV's parsed rows staged for `write_records`; the caller drops them.
    """
    if stale_score_columns(con):
        raise StoreError("kho số liệu do phiên bản cũ tạo: cột điểm của bảng từng người chỉ giữ 2 "
                         "chữ số thập phân nên điểm sẽ bị làm tròn; hãy nâng cấp kho bằng lệnh "
                         "«python -m cdht_data upgrade» rồi nhập lại", file=path.name)
    source = open_source(con, path)
    provisional = ruleset_for(con, as_of)
    if not provisional:
        raise InputError(f"không có bộ tiêu chí nào cho kỳ {as_of.day}/{as_of.month}/{as_of.year}",
                         file=path.name)
    if "result" not in source.columns and "ind_1" not in source.columns:
        raise InputError("không có cột «Kết quả» nên cần đủ 10 cột chỉ số để xét Đạt / Chưa đạt",
                         file=path.name, row=1)
    checked = stage(con, source, as_of, provisional, structure, registry, problems,
                    problem_rows)
    area_key = registry.common_parent(checked.units) if checked.units else None
    return source, checked, area_key, ruleset_for(con, as_of, area_key)


# ---------------------------------------------------------------- stores of an older version

def stale_score_columns(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The score columns of assessment_records whose type is not SCORE_TYPES: a store written
    by a version that held 2 decimals (DECIMAL(5, 2) and DECIMAL(4, 2))."""
    types = dict(con.execute(
        "SELECT column_name, data_type FROM duckdb_columns() WHERE database_name = "
        "current_database() AND schema_name = 'main' AND table_name = 'assessment_records'"
    ).fetchall())
    return [c for c, typ in SCORE_TYPES.items() if types.get(c) != typ.replace(" ", "")]


def upgrade_score_columns(con: duckdb.DuckDBPyConnection) -> int:
    """Widen an older store's score columns to SCORE_TYPES, keeping every value; a no-op on a
    current store. Returns the number of columns changed. Runs in the caller's transaction.

    Values imported before were rounded to 2 decimals then: only importing their file again
    brings back a score such as 79.995."""
    stale = stale_score_columns(con)
    for column in stale:
        con.execute(f"ALTER TABLE assessment_records ALTER {column} TYPE {SCORE_TYPES[column]}")
    return len(stale)
