"""Individual records from CSV and Parquet: checked cell by cell, summary tables kept in step."""

from decimal import Decimal

import duckdb
import pytest

from cdht_data import ingest, metrics
from cdht_data.errors import InputError
from cdht_data.sql import sql
from tests.stores import import_records, table_counts
from tests.tables import RECORDS_AS_OF, RECORDS_HEADER, person

GOOD = [
    person("25273", 1, [8.5] * 10),              # 85: Đạt, 80-89
    person("25273", 1, [9.5] * 10),              # 95: Đạt, 90-100
    person("25273", 2, [7.5] * 10),              # 75: Chưa đạt
    person("25276", 4, [9] * 9 + [4]),           # 85 but one indicator below 5: Chưa đạt
    person("25270", 3, [8] * 10),                # 80: Đạt, 80-89
    person("25276", 2, [10] * 10),               # 100: Đạt, 90-100
]


def test_good_csv_is_imported_sorted_by_unit(con, write_csv):
    result = import_records(con, write_csv("r.csv", [RECORDS_HEADER, *GOOD]))
    assert (result.row_count, result.area_key) == (6, "692")
    keys = [r[0] for r in con.execute(
        "SELECT unit_key FROM assessment_records ORDER BY rowid").fetchall()]
    assert keys == sorted(keys)
    assert con.execute("SELECT kind, layout, source_file FROM datasets").fetchone() == (
        "records", "records_csv", "r.csv")


def test_group_and_band_counts_equal_a_direct_aggregation(con, write_csv):
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *GOOD]))
    stored = con.execute("SELECT unit_key, group_no, recognized_count, not_recognized_count "
                         "FROM group_counts ORDER BY ALL").fetchall()
    direct = con.execute("SELECT unit_key, group_no, count_if(is_recognized), "
                         "count_if(NOT is_recognized) FROM assessment_records "
                         "GROUP BY ALL ORDER BY ALL").fetchall()
    assert stored == direct == [("25270", 3, 1, 0), ("25273", 1, 2, 0), ("25273", 2, 0, 1),
                                ("25276", 2, 1, 0), ("25276", 4, 0, 1)]
    bands = con.execute("SELECT unit_key, group_no, band, person_count FROM band_counts "
                        "ORDER BY ALL").fetchall()
    assert bands == [tuple(r) for r in con.execute(sql("bands_from_records"), {"dataset_id": 1}).df().itertuples(
        index=False, name=None)]
    fig = metrics.area_figures(con, "692", RECORDS_AS_OF)
    assert (fig.totals["recognized_count"], fig.totals["not_recognized_count"]) == (4, 2)
    assert (fig.totals["band_80-89_count"], fig.totals["band_90-100_count"]) == (2, 2)


def test_bands_by_group_count_each_groups_recognised_people(con, write_csv):
    from cdht_data import views
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *GOOD]))
    fig = metrics.area_figures(con, "692", RECORDS_AS_OF)
    table = views.band_group_table(con, fig)
    # GOOD's Đạt: group 1 scored 85 and 95, group 2 100, group 3 80; group 4 has no Đạt
    assert [(g, b, n) for g, b, n in zip(table["group_no"], table["band"],
                                         table["person_count"])] == [
        (1, "70-79", 0), (1, "80-89", 1), (1, "90-100", 1),
        (2, "70-79", 0), (2, "80-89", 0), (2, "90-100", 1),
        (3, "70-79", 0), (3, "80-89", 1), (3, "90-100", 0)]
    assert table["share_pct"].tolist() == [0.0, 50.0, 50.0, 0.0, 0.0, 100.0, 0.0, 100.0, 0.0]
    assert table["group_name"].tolist()[::3] == [fig.ruleset["groups"][g][1] for g in (1, 2, 3)]
    assert str(table["person_count"].dtype) == "Int64"
    assert str(table["share_pct"].dtype) == "Float64"


def test_parquet_gives_the_same_tables_as_csv(con, write_csv, tmp_path):
    csv_path = write_csv("r.csv", [RECORDS_HEADER, *GOOD])
    parquet = tmp_path / "r.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
    import_records(con, csv_path)
    first = con.execute("SELECT unit_key, group_no, recognized_count, not_recognized_count "
                        "FROM group_counts ORDER BY ALL").fetchall()
    import_records(con, parquet, replace=True)
    assert con.execute("SELECT layout FROM datasets").fetchall() == [("records_parquet",)]
    # the replaced table's rows are kept for an undo, out of sight of `datasets`
    assert con.execute("SELECT unit_key, group_no, recognized_count, not_recognized_count "
                       "FROM group_counts JOIN datasets USING (dataset_id) ORDER BY ALL"
                       ).fetchall() == first
    assert con.execute("SELECT count(*) FROM assessment_records "
                       "JOIN datasets USING (dataset_id)").fetchone()[0] == len(GOOD)


def test_parquet_is_written_sorted_from_the_file_itself(con, write_csv, tmp_path):
    """A Parquet file is not staged: checked over the file, then read again to write."""
    parquet = tmp_path / "r.parquet"
    csv_path = write_csv("r.csv", [RECORDS_HEADER, *GOOD])
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
    import_records(con, parquet)
    keys = [r[0] for r in con.execute(
        "SELECT unit_key FROM assessment_records ORDER BY rowid").fetchall()]
    assert keys == sorted(keys) and len(keys) == len(GOOD)


@pytest.mark.parametrize("decimal_comma, reads", [(False, ["DOUBLE"]),
                                                  (True, ["DOUBLE", "VARCHAR"])])
def test_csv_of_plain_numbers_is_read_typed_else_as_text(con, write_csv, monkeypatch,
                                                         decimal_comma, reads):
    """A CSV whose scores are plain numbers is parsed by DuckDB's reader as numbers; one with
    a decimal comma fails that read and is read again as text, with the same result."""
    from cdht_data import records
    seen, real = [], records._parsed_select

    def spy(source, ruleset, numbered):
        seen.append(source.columns["ind_1"][1])
        return real(source, ruleset, numbered)

    monkeypatch.setattr(records, "_parsed_select", spy)
    body = [[c.replace(".", ",") if decimal_comma else c for c in row] for row in GOOD]
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, *body]))
    assert seen == reads
    assert con.execute("SELECT sum(total_score), count_if(is_recognized) FROM assessment_records"
                       ).fetchone() == (sum(float(r[2]) for r in GOOD), 4)


def test_parquet_changed_between_check_and_write_is_refused(con, write_csv, tmp_path,
                                                            monkeypatch):
    from cdht_data import records
    parquet = tmp_path / "r.parquet"
    csv_path = write_csv("r.csv", [RECORDS_HEADER, *GOOD])
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
    real_stage = records.stage

    def stage_then_change(*args):
        checked = real_stage(*args)
        duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}') UNION ALL "
                       f"SELECT * FROM read_csv('{csv_path}')) TO '{parquet}' (FORMAT parquet)")
        return checked

    monkeypatch.setattr(records, "stage", stage_then_change)
    before = table_counts(con)
    with pytest.raises(InputError, match="đã thay đổi") as err:
        import_records(con, parquet)
    assert err.value.file == "r.parquet"
    assert table_counts(con) == before


def test_without_a_result_column_the_rule_set_decides(con, write_csv):
    header = RECORDS_HEADER[:-1]
    body = [r[:-1] for r in GOOD]
    import_records(con, write_csv("r.csv", [header, *body]))
    assert con.execute("SELECT sum(recognized_count), sum(not_recognized_count) "
                       "FROM group_counts").fetchone() == (4, 2)


def test_decimal_commas_are_read(con, write_csv):
    row = person("25273", 1, [8.5] * 10)
    row[2] = "85,0"
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, row], delimiter=";"))
    assert con.execute("SELECT total_score FROM assessment_records").fetchone()[0] == 85


def bad(row_no, column, value):
    rows = [list(r) for r in GOOD]
    rows[row_no][RECORDS_HEADER.index(column)] = value
    return rows


@pytest.mark.parametrize("row_no, column, value, words", [
    (0, "Mã xã", "99999", "không có đơn vị mã «99999»"),
    (2, "Nhóm", "7", "nhóm «7»"),
    (3, "Tổng điểm", "120", "tổng điểm «120»"),
    (4, "Chỉ số 3", "abc", "«abc»"),
    (5, "Chỉ số 10", "11", "«11» không phải số từ 0 đến 10"),
    (1, "Tổng điểm", "", "ô bị trống"),
    (5, "Kết quả", "Có thể", "không hiểu kết quả «Có thể»"),
])
def test_bad_cell_is_refused_naming_file_row_column(con, write_csv, row_no, column, value, words):
    path = write_csv("bad.csv", [RECORDS_HEADER, *bad(row_no, column, value)])
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_records(con, path)
    e = err.value
    assert (e.file, e.row, e.column) == ("bad.csv", row_no + 2, column)  # header is row 1
    assert words in e.message
    assert "bad.csv" in str(e) and f"dòng {row_no + 2}" in str(e)
    assert table_counts(con) == before


def test_missing_column_refused(con, write_csv):
    header = [h for h in RECORDS_HEADER if h != "Nhóm"]
    body = [[c for h, c in zip(RECORDS_HEADER, r) if h != "Nhóm"] for r in GOOD]
    with pytest.raises(InputError, match="thiếu cột «Nhóm»") as err:
        import_records(con, write_csv("r.csv", [header, *body]))
    assert err.value.row == 1


def test_parquet_bad_row_is_the_record_number(con, tmp_path, write_csv):
    csv_path = write_csv("b.csv", [RECORDS_HEADER, *bad(3, "Nhóm", "9")])
    parquet = tmp_path / "b.parquet"
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar = true)) "
                   f"TO '{parquet}' (FORMAT parquet)")
    with pytest.raises(InputError) as err:
        import_records(con, parquet)
    assert (err.value.file, err.value.row, err.value.column) == ("b.parquet", 4, "Nhóm")


def test_date_required_and_second_table_refused(con, write_csv):
    path = write_csv("r.csv", [RECORDS_HEADER, *GOOD])
    with pytest.raises(InputError, match="--as-of"):
        ingest.import_file(con, path, "records")
    import_records(con, path)
    before = table_counts(con)
    with pytest.raises(InputError, match="--replace"):
        import_records(con, path)
    assert table_counts(con) == before


def test_not_a_records_file(con, tmp_path):
    path = tmp_path / "r.xlsx"
    path.write_bytes(b"PK")
    with pytest.raises(InputError, match=".csv hoặc .parquet"):
        import_records(con, path)


def as_parquet(csv_path, tmp_path, typed=True):
    """The CSV as a Parquet file: typed (numbers as DOUBLE, as pandas writes them) or text."""
    parquet = tmp_path / (csv_path.stem + ".parquet")
    duckdb.execute(f"COPY (SELECT * FROM read_csv('{csv_path}', all_varchar = {not typed})) "
                   f"TO '{parquet}' (FORMAT parquet)")
    return parquet


def refused(con, path):
    before = table_counts(con)
    with pytest.raises(InputError) as err:
        import_records(con, path)
    assert table_counts(con) == before
    return err.value


# ---------------------------------------------------------------- Tổng điểm = Σ Chỉ số 1…10

@pytest.mark.parametrize("total, indicators, shown_sum", [
    ("79", [8] * 10, "80"),             # a whole point missing
    ("80", [8] * 9 + [7.995], "79.995"),  # equal at 2 decimals, not at full precision
    ("85.5", [8.5] * 10, "85"),
])
def test_total_not_the_sum_of_its_indicators_is_refused(con, write_csv, total, indicators,
                                                        shown_sum):
    rows = [list(r) for r in GOOD]
    rows[2] = person("25273", 2, indicators)
    rows[2][2] = total
    e = refused(con, write_csv("sum.csv", [RECORDS_HEADER, *rows]))
    assert (e.file, e.row, e.column) == ("sum.csv", 4, "Tổng điểm")
    assert f"«{total}»" in e.message and shown_sum in e.message.replace(f"«{total}»", "")
    assert "Chỉ số 1" in e.message and "Chỉ số 10" in e.message


def test_total_not_the_sum_is_refused_in_a_decimal_comma_file_and_in_parquet(con, write_csv,
                                                                              tmp_path):
    rows = [list(r) for r in GOOD]
    rows[4][2] = "80,5"
    comma = [[c.replace(".", ",") for c in r] for r in rows]
    e = refused(con, write_csv("comma.csv", [RECORDS_HEADER, *comma], delimiter=";"))
    assert (e.row, e.column) == (6, "Tổng điểm") and "«80,5»" in e.message and "80" in e.message
    rows[4][2] = "81"
    parquet = as_parquet(write_csv("typed.csv", [RECORDS_HEADER, *rows]), tmp_path)
    e = refused(con, parquet)
    assert (e.file, e.row, e.column) == ("typed.parquet", 5, "Tổng điểm")


# ---------------------------------------------------------------- scores at full precision

def just_below(result=None):
    """One person whose indicators add up to 79.995: below the 324 pass mark of 80."""
    row = person("25273", 1, [8] * 9 + [7.995], result)
    row[2] = "79.995"
    return row


@pytest.mark.parametrize("form", ["csv", "comma", "parquet", "parquet_text"])
def test_a_total_of_79_995_is_below_the_pass_mark(con, write_csv, tmp_path, form):
    """Without Kết quả the rule set decides: 79.995 is not 80, whatever way the file is read."""
    header, row = RECORDS_HEADER[:-1], just_below()[:-1]
    if form == "comma":
        path = write_csv("r.csv", [header, [c.replace(".", ",") for c in row]], delimiter=";")
    else:
        path = write_csv("r.csv", [header, row])
    if form.startswith("parquet"):
        path = as_parquet(path, tmp_path, typed=form == "parquet")
    import_records(con, path)
    assert con.execute("SELECT total_score, ind_10, is_recognized FROM assessment_records"
                       ).fetchone() == (Decimal("79.995"), Decimal("7.995"), False)
    assert con.execute("SELECT recognized_count, not_recognized_count FROM group_counts"
                       ).fetchone() == (0, 1)


def test_a_recognised_79_995_falls_in_the_70_79_band(con, write_csv):
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, just_below("Đạt")]))
    assert con.execute("SELECT band, person_count FROM band_counts").fetchall() == [("70-79", 1)]
    fig = metrics.area_figures(con, "692", RECORDS_AS_OF)
    assert fig.totals["band_70-79_count"] == 1 and not fig.totals["band_80-89_count"]


@pytest.mark.parametrize("column, value", [("Tổng điểm", "79.9951"),
                                           ("Chỉ số 4", "8.0001"),
                                           ("Tổng điểm", "80.00000000000001")])
def test_a_score_with_more_decimals_than_held_is_refused(con, write_csv, column, value):
    rows = [list(r) for r in GOOD]
    rows[1][RECORDS_HEADER.index(column)] = value
    e = refused(con, write_csv("places.csv", [RECORDS_HEADER, *rows]))
    assert (e.row, e.column) == (3, column)
    assert f"«{value}»" in e.message and "3 chữ số thập phân" in e.message


@pytest.mark.parametrize("score_type", ["DOUBLE", "FLOAT", "DECIMAL(9, 4)"])
def test_a_parquet_score_with_more_decimals_than_held_is_refused(con, write_csv, tmp_path,
                                                                 score_type):
    """Typed Parquet cells are compared in their own type: a FLOAT 7.995 is 7.995, not refused
    for the binary digits of the float; 8.0004 is refused whatever the type."""
    rows = [list(r) for r in GOOD]
    rows[0] = person("25273", 1, [8] * 9 + [7.995], "Chưa đạt")
    rows[0][2] = "79.995"
    rows[3][RECORDS_HEADER.index("Chỉ số 2")] = "8.0004"
    csv_path = write_csv("p.csv", [RECORDS_HEADER, *rows])
    scores = ", ".join(f'"{h}"::{score_type} AS "{h}"' for h in RECORDS_HEADER[2:-1])
    path = tmp_path / "p.parquet"
    duckdb.execute(f"COPY (SELECT \"Mã xã\", \"Nhóm\", {scores}, \"Kết quả\" FROM "
                   f"read_csv('{csv_path}', all_varchar = true)) TO '{path}' (FORMAT parquet)")
    e = refused(con, path)
    assert (e.file, e.row, e.column) == ("p.parquet", 4, "Chỉ số 2")
    assert "3 chữ số thập phân" in e.message


def test_trailing_zeros_are_not_decimals(con, write_csv):
    row = person("25273", 1, [8.5] * 10)
    row[2], row[3] = "85.000000", "8.50000"
    import_records(con, write_csv("r.csv", [RECORDS_HEADER, row]))
    assert con.execute("SELECT total_score FROM assessment_records").fetchone()[0] == 85


def test_an_older_store_gets_wider_score_columns(con):
    """upgrade_score_columns widens the DECIMAL(5, 2) / (4, 2) columns of an older store,
    keeping its values, and does nothing the second time."""
    from cdht_data import records
    assert records.stale_score_columns(con) == []  # schema.sql and SCORE_TYPES agree
    con.execute("DROP TABLE assessment_records")
    con.execute("CREATE TABLE assessment_records (dataset_id INTEGER NOT NULL, unit_key VARCHAR "
                "NOT NULL, group_no TINYINT NOT NULL, total_score DECIMAL(5, 2), is_recognized "
                "BOOLEAN, " + ", ".join(f"ind_{k} DECIMAL(4, 2)" for k in range(1, 11)) + ")")
    con.execute("INSERT INTO assessment_records VALUES (1, '25273', 1, 85.5, true, "
                + ", ".join(["8.55"] * 10) + ")")
    assert records.upgrade_score_columns(con) == 11
    assert records.upgrade_score_columns(con) == 0
    types = dict(con.execute("SELECT column_name, data_type FROM duckdb_columns() "
                             "WHERE table_name = 'assessment_records'").fetchall())
    assert types["total_score"] == "DECIMAL(6,3)" and types["ind_10"] == "DECIMAL(5,3)"
    assert con.execute("SELECT total_score, ind_10 FROM assessment_records").fetchone() == (
        Decimal("85.5"), Decimal("8.55"))


def test_import_into_an_older_store_is_refused_before_rounding(con, write_csv):
    from cdht_data.errors import StoreError
    con.execute("ALTER TABLE assessment_records ALTER total_score TYPE DECIMAL(5, 2)")
    e = refused(con, write_csv("r.csv", [RECORDS_HEADER, just_below("Chưa đạt")]))
    assert isinstance(e, StoreError) and "python -m cdht_data upgrade" in e.message


# ---------------------------------------------------------------- Mã xã names a commune

@pytest.mark.parametrize("code, name", [("692", "Lộc Ninh"), ("70", "Bình Phước")])
def test_a_district_or_province_code_is_refused(con, write_csv, code, name):
    rows = [list(r) for r in GOOD]
    rows[3][0] = code
    e = refused(con, write_csv("level.csv", [RECORDS_HEADER, *rows]))
    assert (e.file, e.row, e.column) == ("level.csv", 5, "Mã xã")
    assert f"«{code}»" in e.message and name in e.message


def test_a_sub_unit_code_is_taken(con, write_csv):
    rows = [person("L-QP-1", 1, [9] * 10), person("L-QP-2", 2, [7] * 10)]
    result = import_records(con, write_csv("r.csv", [RECORDS_HEADER, *rows]))
    assert (result.row_count, result.area_key) == (2, "L-QP")
