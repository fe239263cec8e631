"""The report draft rendered as a person sees it: LibreOffice opens the DOCX and writes a PDF
without error (a file that needs repair makes it fail), the PDF has its pages and its
Vietnamese text, and pdftoppm turns each page into a PNG under tests/output_renders/ to be
looked at. Slow: LibreOffice starts once per test."""

from __future__ import annotations

import datetime as dt
import shutil
import subprocess
import unicodedata

import pdfplumber
import pytest
from PIL import Image
from pypdf import PdfReader

from cdht_data.report_docx import report_docx
from tests.paths import ROOT

RENDERS = ROOT / "tests" / "output_renders"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (shutil.which("soffice") and shutil.which("pdftoppm")),
                                 reason="LibreOffice and poppler-utils: make render-tools")]


def _render(data: bytes, tmp_path, name: str) -> tuple[PdfReader, str, list]:
    """PDF (read), its text (NFC) and the PNG pages of a DOCX."""
    docx = tmp_path / f"{name}.docx"
    docx.write_bytes(data)
    # a profile of its own: LibreOffice processes in parallel tests must not share one
    done = subprocess.run(
        ["soffice", f"-env:UserInstallation=file://{tmp_path}/profile", "--headless",
         "--convert-to", "pdf", "--outdir", str(tmp_path), str(docx)],
        capture_output=True, text=True, timeout=180)
    pdf = tmp_path / f"{name}.pdf"
    assert done.returncode == 0 and pdf.exists(), done.stderr
    assert "error" not in done.stderr.lower(), done.stderr
    with pdfplumber.open(pdf) as opened:
        pages = [unicodedata.normalize("NFC", p.extract_text() or "") for p in opened.pages]
    text = "\n".join(pages)
    # the signature block is never split: "Nơi nhận", the signer's title and name on the last page
    for words in ("Nơi nhận:", "CHỦ TỊCH", "[Họ và tên]"):
        assert words in pages[-1], words
    RENDERS.mkdir(exist_ok=True)
    for old in RENDERS.glob(f"{name}-*.png"):
        old.unlink()
    subprocess.run(["pdftoppm", "-png", "-r", "60", str(pdf), str(RENDERS / name)], check=True,
                   timeout=120)
    return PdfReader(pdf), text, sorted(RENDERS.glob(f"{name}-*.png"))


def _check_pages(reader: PdfReader, pngs: list) -> None:
    assert len(pngs) == len(reader.pages) >= 2
    for page in reader.pages:  # A4 portrait: 595 × 842 points
        assert (round(float(page.mediabox.width)), round(float(page.mediabox.height))) == (595, 842)
    for png in pngs:
        with Image.open(png) as image:
            assert image.size[1] > image.size[0]
            low, _ = image.convert("L").getextrema()
            assert low < 100  # something is printed on every page


def test_loc_ninh_report_renders(bundled, tmp_path):
    reader, text, pngs = _render(report_docx(bundled, dt.date(2024, 9, 30), "692", None),
                                 tmp_path, "report_docx_loc_ninh")
    _check_pages(reader, pngs)
    for words in ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
                  "HUYỆN LỘC NINH", "BÁO CÁO", "Toàn huyện", "TỔNG CỘNG", "Lộc Thịnh",
                  "5.049", "91.443", "29,74", "Liên đoàn Lao động huyện", "Nơi nhận:",
                  "TM. BAN THƯỜNG VỤ", "1=2+3+4+5", "Nhóm III", "(CC, VC)",
                  "4. Lưu ý về số liệu", "91.441"):
        assert words in text, words


def test_report_in_the_units_since_2025_renders(bundled, tmp_path):
    reader, text, pngs = _render(report_docx(bundled, dt.date(2024, 9, 30), "692", "post2025"),
                                 tmp_path, "report_docx_loc_ninh_post2025")
    _check_pages(reader, pngs)
    # new Lộc Thành = Lộc Thịnh + Lộc Thành: 1.055 + 801 = 1.856 assessed; 1.857 / 9.922 = 18,72%
    for words in ("TỈNH ĐỒNG NAI", "Số liệu ghi theo đơn vị hành chính từ 1/7/2025",
                  "Xã, phường", "Toàn tỉnh", "1.856", "18,72", "Tân Tiến"):
        assert words in text, words


def test_pilot_report_renders(bundled, tmp_path):
    reader, text, pngs = _render(report_docx(bundled, dt.date(2021, 7, 31), "L-QP", None),
                                 tmp_path, "report_docx_pilot")
    _check_pages(reader, pngs)
    for words in ("XÃ QUẢNG PHÚ", "Thôn Bao La", "Toàn xã", "94,55%",
                  "Kỳ này chưa có bảng dân số và đăng ký"):
        assert words in text, words
