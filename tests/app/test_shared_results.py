"""The pages' results are shared by every session (ui/data.shared, st.cache_resource): no page
may change one. Every page is run for the Lộc Ninh period (all groups, one group, the
presenter view) and the Quảng Phú pilot, with each result's digest kept when it was made; after
all of them, every result still has the digest it was made with."""

from ui import data
from ui.navigation import PAGES

VISITS = [{"dia_ban": "692", "ky": "2024-09-30"},
          {"dia_ban": "692", "ky": "2024-09-30", "nhom": "2"},
          {"dia_ban": "L-QP", "ky": "2021-07-31"}]


def test_no_page_changes_a_result_it_shares(open_page, monkeypatch):
    monkeypatch.setenv("CDHT_CHECK_SHARED", "1")
    monkeypatch.setattr(data, "MADE", {})
    for params in VISITS:
        for script, _title, _icon in PAGES:
            at = open_page(script, **params)
            at.run()  # a rerun reads the same shared results again
        open_page(PAGES[0][0], trinh_chieu="1", **params)
    assert len(data.MADE) >= 12  # every page's own result, both areas
    changed = [type(result).__name__ for result, made in data.MADE.values()
               if data.digest(result) != made]
    assert changed == []
