"""The printable pack as a reader sees it: generated for the bundled Lộc Ninh period and the
Quảng Phú pilot, read back with pdfplumber and pypdf, compared with `summary --json` and the
printed seeds, and rendered to PNG (tests/output_renders/, for a person to look at)."""

import datetime as dt
import io
import json
import logging
import subprocess

import duckdb
import pdfplumber
import pypdf
import pytest

from cdht_data.outputs import OUTPUTS
from cdht_data.pack import pack_pdf
from tests.cli import run_here
from tests.paths import ROOT

pytestmark = pytest.mark.slow  # a Typst compile and pdftoppm per case
RENDERS = ROOT / "tests" / "output_renders"
MADE_ON = dt.date(2026, 12, 2)
logging.getLogger("pdfminer").setLevel(logging.ERROR)

# area, period, (name, printed participation) per unit, headline figures: from the seeds.
CASES = {
    # 000_*.txt, population table, columns 6 and 7; the scoring table's "Toàn huyện" row.
    "loc-ninh": ("692", "2024-09-30", [
        ("Thị trấn Lộc Ninh", "16,70%"), ("Lộc Hòa", "0,12%"), ("Lộc An", "0,53%"),
        ("Lộc Tấn", "9,30%"), ("Lộc Thạnh", "1,06%"), ("Lộc Hiệp", "0,62%"),
        ("Lộc Thiện", "0,20%"), ("Lộc Thuận", "0,64%"), ("Lộc Quang", "1,15%"),
        ("Lộc Phú", "14,18%"), ("Lộc Thành", "12,57%"), ("Lộc Thái", "1,43%"),
        ("Lộc Điền", "1,83%"), ("Lộc Hưng", "0,77%"), ("Lộc Thịnh", "29,74%"),
        ("Lộc Khánh", "0,20%")],
        ["5.140", "5.049", "3.523", "69,78%", "5,62%", "91.443"]),
    # 004_*.txt: no population table, so no participation ("—"); registered 25 + 20 + 10 = 55,
    # recognised 25 + 17 + 10 = 52, 52 / 55 = 94,55%; bands 37 / 13 / 2.
    "quang-phu": ("L-QP", "2021-07-31", [
        ("Cơ quan xã Quảng Phú", "—"), ("Thôn Bao La – Đức Nhuận", "—"),
        ("Ban Khuyến học họ Hoàng (Hạ Lang)", "—")],
        ["55", "52", "94,55%", "37", "13"]),
}


@pytest.fixture(scope="module")
def packs(bundled_db):
    with duckdb.connect(str(bundled_db), read_only=True) as con:
        return {name: pack_pdf(con, dt.date.fromisoformat(as_of), area, None, MADE_ON)
                for name, (area, as_of, _, _) in CASES.items()}


def _pages(pdf: bytes) -> list[str]:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return [page.extract_text() or "" for page in doc.pages]


def _ranking(pdf: bytes) -> list[tuple[str, str, str]]:
    """(unit, participation, note) of each row of the ranking table, read as a table (ruled cells):
    a name wrapped over two lines is one cell."""
    rows = []
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        for page in doc.pages:
            for table in page.extract_tables():
                rows += [(r[1].replace("\n", " "), r[4], r[9].replace("\n", " ")) for r in table
                         if len(r) == 10 and (r[0] or "").isdigit()]
    return rows


@pytest.mark.parametrize("name", CASES)
def test_every_unit_and_headline_figure_is_in_the_pack(packs, bundled_db, name):
    area, as_of, units, figures = CASES[name]
    pages = _pages(packs[name])
    text = "\n".join(pages)
    assert "BẢN IN CHO CUỘC HỌP" in pages[0] and "Ngày in: 2/12/2026" in pages[0]
    assert sorted((r[0], r[1]) for r in _ranking(packs[name])) == sorted(units)
    for figure in figures:
        assert figure in text, figure
    # the headline counts are summary --json's, cell by cell
    out = run_here("summary", "--db", bundled_db, "--area", area, "--as-of", as_of, "--json")
    totals = json.loads(out.stdout)["totals"]
    for key in ("registered", "assessed", "recognized"):
        assert f"{totals[key]:,}".replace(",", ".") in text, key
    assert 5 <= len(pages) <= 10


def test_loc_ninh_pack_shows_both_targets_and_marks_low_uptake_in_words(packs):
    text = "\n".join(_pages(packs["loc-ninh"]))
    assert "chỉ tiêu 40% (2025)" in text and "chỉ tiêu 60% (2030)" in text
    assert "33.055" in text and "51.343" in text  # people still to recognise (test_pack.py)
    low = [r[0] for r in _ranking(packs["loc-ninh"]) if r[2].startswith("▼ tham gia thấp")]
    assert low == ["Lộc Hưng", "Lộc Thuận", "Lộc Hiệp", "Lộc An", "Lộc Thiện", "Lộc Khánh",
                   "Lộc Hòa"]  # the 7 lowest rates of column 7, all under 1%
    assert "17 phát hiện" in text and "loc-ninh_2024_dan-so-dang-ky.csv" in text


@pytest.mark.parametrize("name", CASES)
def test_pack_is_a4_with_its_fonts_embedded(packs, name):
    reader = pypdf.PdfReader(io.BytesIO(packs[name]))
    for page in reader.pages:
        box = page.mediabox
        assert (round(float(box.width) / 72 * 25.4), round(float(box.height) / 72 * 25.4)) == (210, 297)
    fonts = set()
    for page in reader.pages:
        for font in page["/Resources"]["/Font"].values():
            font = font.get_object()
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            assert any(k in descriptor for k in ("/FontFile", "/FontFile2", "/FontFile3"))
            fonts.add(str(font["/BaseFont"]))
    assert any("LibertinusSerif" in f for f in fonts)


def test_the_registry_gives_the_pack_and_its_file_name(packs, bundled_db):
    out = OUTPUTS["pack"]
    assert out.format == "pdf"
    assert out.file_name("Lộc Ninh", dt.date(2024, 9, 30)) == "ban-in-cuoc-hop_loc-ninh_2024-09-30.pdf"


@pytest.mark.parametrize("name", CASES)
def test_pack_renders_to_png(packs, tmp_path, name):
    pdf = tmp_path / f"pack-{name}.pdf"
    pdf.write_bytes(packs[name])
    RENDERS.mkdir(exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "70", str(pdf), str(RENDERS / f"pack-{name}")],
                   check=True, timeout=120)
    pngs = sorted(RENDERS.glob(f"pack-{name}-*.png"))
    assert len(pngs) == len(_pages(packs[name]))
    for png in pngs:
        # A4 at 70 dpi is 579 × 819 pixels; a blank page would be a few hundred bytes
        raw = png.read_bytes()
        width, height = int.from_bytes(raw[16:20], "big"), int.from_bytes(raw[20:24], "big")
        assert (width, height) == (579, 819) and len(raw) > 5000, png.name
