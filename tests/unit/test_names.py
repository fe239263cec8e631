import unicodedata

import pytest

from cdht_data.names import header_key, name_key, nfc


@pytest.mark.parametrize("spelling", [
    "Lộc Hòa", "Lộc Hoà", unicodedata.normalize("NFD", "Lộc Hòa"),
    unicodedata.normalize("NFD", "Lộc Hoà"), "Xã Lộc Hòa", "  lộc   HÒA ", "xã Lộc Hoà",
])
def test_every_spelling_of_loc_hoa_has_one_key(spelling):
    assert name_key(spelling) == name_key("Lộc Hòa")


@pytest.mark.parametrize("spelling", ["TT Lộc Ninh", "TT. Lộc Ninh", "Thị trấn Lộc Ninh",
                                      "Thị Trấn Lộc Ninh", "thị trấn  lộc ninh"])
def test_town_prefixes_are_dropped(spelling):
    assert name_key(spelling) == name_key("Lộc Ninh")


@pytest.mark.parametrize("a, b", [("Lộc Thạnh", "Lộc Thành"), ("Lộc Thái", "Lộc Thới"),
                                  ("Lộc Hưng", "Lộc Hùng")])
def test_tones_still_tell_communes_apart(a, b):
    assert name_key(a) != name_key(b)


def test_old_and_new_tone_placement_agree():
    assert name_key("Thủy") == name_key("Thuỷ")
    assert name_key("Khoẻ") == name_key("Khỏe")


def test_row_numbering_and_trailing_punctuation_are_ignored():
    assert name_key("1. Cơ quan xã,") == name_key("Cơ quan xã")


def test_nfc_composes_and_collapses_spaces():
    assert nfc(unicodedata.normalize("NFD", " Lộc  Khánh ")) == "Lộc Khánh"


def test_header_key_drops_all_diacritics():
    assert header_key("Chưa đạt") == "chua dat"
    assert header_key("Nhóm III (CC,VC)") == "nhom iii (cc,vc)"
