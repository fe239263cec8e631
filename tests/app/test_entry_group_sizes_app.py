"""«Nhập số liệu» knows the table of group sizes: offered to upload, as a template and to enter
by hand, its grid one column per group of the period's rule set (AppTest cannot upload a file:
the check of an upload is views.entry's, tested in tests/unit/test_group_sizes.py)."""

import pytest

from cdht_data import accounts, store
from cdht_data.keys import TABLE_KINDS
from tests.stores import WRITER, WRITER_PASSWORD

KIND = "group-sizes"


@pytest.fixture
def signed_in(store_copy, monkeypatch, fresh_caches, open_page, sign_in):
    with store.writing(store_copy) as con:
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
    monkeypatch.setenv("CDHT_DB", str(store_copy))
    return sign_in(open_page("pages/nhap_so_lieu.py"), WRITER, WRITER_PASSWORD)


def test_the_page_offers_the_kind_to_upload_as_a_template_and_by_hand(signed_in):
    at = signed_in
    title = TABLE_KINDS[KIND].title
    assert title == "Biểu số người theo nhóm đối tượng"
    for key in ("entry_kind", "template_kind", "hand_kind"):
        assert title in at.selectbox(key=key).options, key
    at.selectbox(key="entry_kind").set_value(KIND).run()
    assert "(.csv, .xlsx)" in at.file_uploader(key="entry_upload").label
    at.selectbox(key="template_kind").set_value(KIND).run()
    at.selectbox(key="hand_kind").set_value(KIND).run()
    assert not at.exception
    [grid] = [d for d in at.dataframe if "Nhóm I (Nông dân)" in list(d.value.columns)] or [None]
    assert grid is not None
    assert list(grid.value.columns) == ["Nhóm I (Nông dân)", "Nhóm II (Công nhân)",
                                        "Nhóm III (Cán bộ, công chức, viên chức, doanh nhân)",
                                        "Nhóm 4 (Học sinh, sinh viên, người học)"]
    assert "Lộc Hòa" in list(grid.value.index)
