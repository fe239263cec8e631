"""The import page's work (cdht_data.views.entry) on a private copy of the bundled store: a
filled template with mistakes is checked without writing, the corrected one is written under
the account's name, and undoing it gives the store back as it was."""

import datetime as dt
import io

import duckdb
import openpyxl

from cdht_data import accounts, store, template
from cdht_data.views import entry
from tests.stores import store_rows

DEC_2025 = dt.date(2025, 12, 31)


def _filled(con, mistakes: bool) -> bytes:
    """The scoring template of Lộc Ninh's 7 new communes for 31/12/2025, filled with made-up
    counts (1, 2, …); with `mistakes`, five cells in different rows and columns are wrong."""
    book = openpyxl.load_workbook(io.BytesIO(template.scoring_template(con, DEC_2025, "75@2025")))
    sheet = book.active
    rows = [r for r in sheet.iter_rows() if isinstance(r[0].value, int)]
    n = 0
    for row in rows:
        for cell in row[2:10]:
            n += 1
            cell.value = n
    if mistakes:
        rows[0][2].value = "mười"  # a word in a count
        rows[1][3].value = -4  # a negative count
        rows[2][4].value = 2.5  # a decimal count
        rows[3][1].value = "Xã Không Có"  # an unknown commune
        rows[4][1].value = rows[5][1].value  # one commune twice
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_five_mistakes_at_once_then_written_and_undone(store_copy):
    with store.writing(store_copy) as con:
        accounts.add_account(con, "thu_ky", "nhap_lieu", [], "mat-khau-dai")
    con = duckdb.connect(str(store_copy), read_only=True)
    bad, good = _filled(con, True), _filled(con, False)
    before = store_rows(con)
    con.close()
    check = entry.check_upload(str(store_copy), "mau.xlsx", bad, "scoring", None, None)
    problems = entry.problems_frame(check)
    assert not check.ok and len(problems) >= 5
    assert len(set(problems["row"])) >= 5  # five different rows
    assert {"mười", "-4", "2.5", "Xã Không Có"} <= {str(c) for c in problems["cell"]}
    cells, marked = entry.preview_frame(check)
    assert marked.to_numpy().sum() >= 5 and cells.shape == marked.shape
    check = entry.check_upload(str(store_copy), "mau.xlsx", good, "scoring", None, None)
    assert check.ok and check.as_of == DEC_2025 and check.area_key == "75@2025"
    result = entry.import_upload(str(store_copy), "mau.xlsx", good, "scoring", None, None,
                                 "thu_ky", False)
    con = duckdb.connect(str(store_copy), read_only=True)
    listed = entry.history_frame(con)
    assert listed.iloc[0]["id"] == result.history_id and listed.iloc[0]["user"] == "thu_ky"
    con.close()
    entry.undo_entry(str(store_copy), result.history_id, "thu_ky")
    con = duckdb.connect(str(store_copy), read_only=True)
    try:
        assert store_rows(con) == before
    finally:
        con.close()


def test_a_table_entered_by_hand_is_stored_as_an_entry(store_copy):
    con = duckdb.connect(str(store_copy), read_only=True)
    grid, raw = entry.entry_grid(con, "population", DEC_2025, "75@2025", None)
    con.close()
    assert list(grid.index) == ["Lộc Ninh", "Lộc Hưng", "Lộc Tấn", "Lộc Thạnh", "Lộc Quang",
                                "Lộc Thành", "Tân Tiến"]
    assert grid.columns[-1] == "Số người tham gia đăng ký XH học tập – 6"
    for i, unit in enumerate(grid.index):  # made-up counts: 1 = 2 + 3 + 4 + 5
        grid.loc[unit] = [1000 + 10 * i, 100, 800 + 10 * i, 99, 1, 20 + i]
    data = entry.grid_file(raw, grid)
    check = entry.check_upload(str(store_copy), "nhap-tay.xlsx", data, "population", DEC_2025,
                               None)
    assert check.ok, check.problems
    result = entry.import_upload(str(store_copy), "nhap-tay.xlsx", data, "population", DEC_2025,
                                 None, None, False, by_hand=True)
    con = duckdb.connect(str(store_copy), read_only=True)
    try:
        listed = entry.history_frame(con)
        assert listed.iloc[0]["id"] == result.history_id
        assert listed.iloc[0]["action"] == "Nhập tay"
        title = con.execute("SELECT title FROM datasets WHERE dataset_id = ?",
                            [result.dataset_id]).fetchone()[0]
        assert title.startswith("Nhập tay trên trang «Nhập số liệu»")
        stored = con.execute("SELECT sum(age_8_60_count) FROM population_counts "
                             "WHERE dataset_id = ?", [result.dataset_id]).fetchone()[0]
        assert stored == sum(800 + 10 * i for i in range(7))
    finally:
        con.close()
