"""XLSX files measured before calamine opens them: a far cell, a zip that unpacks too big,
cells placed without references. calamine itself is the reference for where cells land."""

import subprocess
import sys
import zipfile

import pytest
import python_calamine

from cdht_data import limits, xlsx_bounds
from cdht_data.errors import InputError
from cdht_data.readers import parse_file, read_grid
from tests.paths import ROOT

CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/'
    'package/2006/content-types"><Default Extension="rels" ContentType="application/'
    'vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType='
    '"application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/'
    'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName='
    '"/xl/worksheets/data.xml" ContentType="application/vnd.openxmlformats-officedocument.'
    'spreadsheetml.worksheet+xml"/></Types>')
ROOT_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/officeDocument" '
    'Target="xl/workbook.xml"/></Relationships>')
WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/'
    'spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/'
    'relationships"><sheets><sheet name="Bảng" sheetId="1" r:id="rId7"/></sheets></workbook>')
WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.'
    'org/package/2006/relationships"><Relationship Id="rId7" Type="http://schemas.'
    'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
    'Target="worksheets/data.xml"/></Relationships>')


def sheet_xml(body: str, dimension: str | None = None, prefix: str = "") -> str:
    """A worksheet whose sheetData holds `body`; the sheet part has no usual name on purpose
    (the first sheet is found through the workbook's relationships)."""
    ns = f"xmlns{':' + prefix if prefix else ''}"
    p = f"{prefix}:" if prefix else ""
    dim = f'<{p}dimension ref="{dimension}"/>' if dimension else ""
    return (f'<?xml version="1.0" encoding="UTF-8"?><{p}worksheet {ns}="http://schemas.'
            f'openxmlformats.org/spreadsheetml/2006/main">{dim}<{p}sheetData>{body}'
            f'</{p}sheetData></{p}worksheet>')


def write_xlsx_xml(path, body: str, **kw):
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", CONTENT_TYPES)
        z.writestr("_rels/.rels", ROOT_RELS)
        z.writestr("xl/workbook.xml", WORKBOOK)
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
        z.writestr("xl/worksheets/data.xml", sheet_xml(body, **kw))
    return path


def cell(ref: str, value: int = 1, attrs: str = "") -> str:
    return f'<c r="{ref}"{attrs}><v>{value}</v></c>'


FAR_CORNERS = f'<row r="1">{cell("A1")}</row><row r="1048576">{cell("XFD1048576")}</row>'


def test_a_far_cell_is_refused_before_calamine_sees_it(tmp_path):
    """One cell at XFD1048576 in a 1 KB file: calamine panics or asks for 512 GB."""
    path = write_xlsx_xml(tmp_path / "xa.xlsx", f'<row r="1048576">{cell("XFD1048576")}</row>')
    assert path.stat().st_size < 2048
    with pytest.raises(InputError) as err:
        read_grid(path)
    assert err.value.file == "xa.xlsx"
    assert "4.000.000 ô" in err.value.message and "1.048.576" in err.value.message


def test_the_process_survives_two_far_corners(tmp_path):
    """Without the check calamine aborts the whole process (memory allocation of
    549755813888 bytes failed), so the import runs in a child process here."""
    path = write_xlsx_xml(tmp_path / "hai-goc.xlsx", FAR_CORNERS)
    code = ("import sys; from cdht_data.readers import read_grid\n"
            "from cdht_data.errors import InputError\n"
            "try:\n    read_grid(sys.argv[1])\nexcept InputError as e:\n    print(e)\n")
    done = subprocess.run([sys.executable, "-c", code, str(path)], cwd=ROOT, capture_output=True,
                          text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-500:]
    assert "hai-goc.xlsx" in done.stdout and "quá giới hạn 4.000.000 ô" in done.stdout


@pytest.mark.parametrize("body, extent", [
    (FAR_CORNERS, (1_048_576, 16_384)),
    # cells without a reference follow the previous one: the far column is counted
    (f'<row r="1">{cell("A1")}</row><row r="1048576">' + "<c/>" * 16_383 + "<c><v>1</v></c></row>",
     (1_048_576, 16_384)),
    # a cell's own reference wins over its row's
    (f'<row r="1">{cell("A1")}{cell("XFD1048576")}</row>', (1_048_576, 16_384)),
])
def test_far_places_are_found(body, extent):
    assert xlsx_bounds.sheet_extent(sheet_xml(body).encode()) == extent


@pytest.mark.parametrize("refs", [("A1", "AAAA1"), ("A1", "A99999999"), ("a1", "aaaa1"),
                                  ("A1", "A0099999999")])
def test_references_no_sheet_can_hold_are_over_the_limit(refs):
    body = f'<row r="1"><c r="{refs[0]}" t="n"><v>1</v></c><c r="{refs[1]}"><v>1</v></c></row>'
    rows, columns = xlsx_bounds.sheet_extent(sheet_xml(body).encode())
    assert rows * columns > limits.SHEET_CELLS


# Sheets calamine reads without trouble, written the ways other programs write them: the scan
# must place their farthest cell where calamine does.
ODD_BUT_SANE = {
    "plain": f'<row r="1">{cell("A1")}{cell("C1")}</row><row r="4">{cell("B4")}</row>',
    "only far rows": f'<row r="1">{cell("A1")}</row><row r="2">{cell("N200")}</row>',
    "lower case": '<row r="1"><c r="a1"><v>1</v></c><c r="zz3"><v>1</v></c></row>',
    "single quotes": "<row r='1'><c r='A1'><v>1</v></c><c r='C3'><v>1</v></c></row>",
    "spaces around =": '<row r="1"><c r = "A1"><v>1</v></c><c  r="C3"><v>1</v></c></row>',
    "reference not first": f'<row r="1">{cell("A1")}<c t="n" s="0" r="D5"><v>1</v></c></row>',
    "leading zeros": f'<row r="1">{cell("A1")}{cell("C0003")}</row>',
    "no references": '<row><c><v>1</v></c><c><v>2</v></c></row><row><c><v>3</v></c></row>',
    "rows without r": f'<row>{cell("A1")}</row>' * 3 + "<row><c/><c/><c><v>2</v></c></row>",
    "mixed": f'<row r="2"><c><v>1</v></c>{cell("C2")}<c><v>1</v></c></row>',
}


@pytest.mark.parametrize("name", ODD_BUT_SANE)
def test_the_scan_places_cells_as_calamine_does(tmp_path, name):
    path = write_xlsx_xml(tmp_path / "t.xlsx", ODD_BUT_SANE[name])
    sheet = python_calamine.CalamineWorkbook.from_path(str(path)).get_sheet_by_index(0)
    end_row, end_column = sheet.end
    xml = zipfile.ZipFile(path).read("xl/worksheets/data.xml")
    assert xlsx_bounds.sheet_extent(xml) == (end_row + 1, end_column + 1)


def test_a_reference_calamine_cannot_read_is_refused(tmp_path):
    path = write_xlsx_xml(tmp_path / "t.xlsx", f'<row r="1">{cell("A1")}<c r=""><v>1</v></c></row>')
    with pytest.raises(InputError, match="không đọc được tệp Excel"):
        read_grid(path)


def test_prefixed_sheet_xml_is_walked(tmp_path):
    body = '<x:row r="1"><x:c r="A1"><x:v>1</x:v></x:c><x:c r="E2"><x:v>1</x:v></x:c></x:row>'
    assert xlsx_bounds.sheet_extent(sheet_xml(body, prefix="x").encode()) == (2, 5)


def test_a_wide_row_in_the_middle_of_a_long_sheet_is_found():
    """The guess from the first and last rows is checked against every cell."""
    rows = [f'<row r="{r}">{cell(f"A{r}")}{cell(f"B{r}")}</row>' for r in range(1, 20_001)]
    rows[9_000] = f'<row r="9001">{cell("A9001")}{cell("AB9001")}</row>'
    assert xlsx_bounds.sheet_extent(sheet_xml("".join(rows)).encode()) == (20_000, 28)


def test_a_sheet_at_the_limit_passes_and_one_row_more_is_refused(tmp_path):
    rows = limits.SHEET_CELLS // 4
    ok = write_xlsx_xml(tmp_path / "ok.xlsx", f'<row r="1">{cell("A1")}</row>'
                        f'<row r="{rows}">{cell(f"D{rows}")}</row>')
    xlsx_bounds.check_xlsx(ok)
    over = write_xlsx_xml(tmp_path / "over.xlsx", f'<row r="1">{cell("A1")}</row>'
                          f'<row r="{rows + 1}">{cell(f"D{rows + 1}")}</row>')
    with pytest.raises(InputError, match="quá giới hạn 4.000.000 ô"):
        xlsx_bounds.check_xlsx(over)


def test_a_zip_that_unpacks_too_big_is_refused(write_xlsx, monkeypatch):
    path = write_xlsx("t.xlsx", [["Xã", "Số"], ["Lộc Hòa", 1]])
    unpacked = sum(i.file_size for i in zipfile.ZipFile(path).infolist())
    monkeypatch.setattr(limits, "XLSX_UNPACKED_BYTES", unpacked - 1)
    with pytest.raises(InputError, match="giải nén ra") as err:
        read_grid(path)
    assert err.value.file == "t.xlsx"


def test_a_zip_bomb_is_refused_by_its_declared_size(tmp_path):
    path = tmp_path / "bom.xlsx"
    write_xlsx_xml(path, f'<row r="1">{cell("A1")}</row>')
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as z, \
            z.open("xl/sharedStrings.xml", "w", force_zip64=True) as member:
        for _ in range(limits.XLSX_UNPACKED_BYTES // 2**20 + 1):  # 257 MB of zeros, by the MB
            member.write(bytes(2**20))
    assert path.stat().st_size < 2**20
    with pytest.raises(InputError, match="giải nén ra 257 MB, quá giới hạn 256 MB"):
        read_grid(path)


@pytest.mark.parametrize("content", [b"PK\x03\x04broken", b"not a zip at all"])
def test_a_broken_zip_is_refused(tmp_path, content):
    path = tmp_path / "hong.xlsx"
    path.write_bytes(content)
    with pytest.raises(InputError, match="không đọc được tệp Excel"):
        read_grid(path)


def test_a_workbook_without_sheets(tmp_path):
    path = tmp_path / "rong.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("xl/workbook.xml", WORKBOOK.replace(
            '<sheet name="Bảng" sheetId="1" r:id="rId7"/>', ""))
        z.writestr("xl/_rels/workbook.xml.rels", WORKBOOK_RELS)
    with pytest.raises(InputError, match="không có trang tính"):
        read_grid(path)


def test_a_calamine_panic_is_an_input_error(tmp_path, monkeypatch):
    """calamine panics (a PanicException, which is no Exception) on a lone far cell; should
    the check let one through, the user still gets a message, not a traceback."""
    path = write_xlsx_xml(tmp_path / "p.xlsx", f'<row r="1048576">{cell("XFD1048576")}</row>')
    monkeypatch.setattr("cdht_data.readers.check_xlsx", lambda path: None)
    with pytest.raises(InputError, match="không đọc được tệp Excel"):
        read_grid(path)


@pytest.mark.parametrize("suffix", [".xls", ".ods", ".xlsb"])
def test_other_spreadsheet_formats_are_refused_with_what_to_do(tmp_path, suffix):
    path = tmp_path / f"bang{suffix}"
    path.write_bytes(b"\xd0\xcf\x11\xe0" + b"\0" * 100)
    with pytest.raises(InputError, match="lưu thành .xlsx hoặc .csv") as err:
        parse_file(path, "scoring")
    assert err.value.file == f"bang{suffix}"
