"""The English detector of tests/english.py: it finds Streamlit's and pandas' words planted in
Vietnamese text, as whole words only, and reads a table's missing cells as Streamlit draws
them."""

import pandas as pd
import pytest

from tests.english import frame_texts, english_words


@pytest.mark.parametrize("text, found", [
    ("Kéo thả tệp vào đây. Drag and drop file here", ["Drag and drop"]),
    ("Limit 200MB per file • CSV, XLSX", ["Limit", "per file"]),
    ("Đã hoàn tác: True", ["True"]),
    ("Người nhập: None", ["None"]),
    ("Tỉ lệ: nan%", ["nan"]),
    ("Browse files", ["Browse files"]),
    ("dd/mm/yyyy", ["yyyy"]),
    ("DD/MM/YYYY", ["DD/MM", "YYYY"]),
    ("Skip to main content\nTổng quan", ["Skip to main content"]),
    ("Save as SVG", ["Save as SVG"]),
])
def test_planted_english_is_found(text, found):
    assert english_words(text) == found


@pytest.mark.parametrize("text", [
    "Nhập số liệu: tải bảng lên, xem mọi lỗi cùng lúc", "nhanh",  # "nan" inside a word
    "Nonexistent", "loc-ninh_2024-09-30_cham-diem.csv", "Lộc Thạnh: 16,70%", "—",
])
def test_vietnamese_and_words_containing_them_are_not(text):
    assert english_words(text) == []


def test_missing_cells_read_as_streamlit_draws_them():
    frame = pd.DataFrame({"Người nhập": ["lan", None], "Đã hoàn tác": [True, False]})
    assert frame_texts(frame, "None") == ["Người nhập", "Đã hoàn tác", "lan", "None"]
    assert english_words(" ".join(frame_texts(frame, "None"))) == ["None"]
    assert english_words(" ".join(frame_texts(frame, "—"))) == []
