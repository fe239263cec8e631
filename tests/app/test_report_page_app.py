"""«Báo cáo cho cuộc họp»: the pack's download for the sidebar's area and period, whose bytes
are those `export pack` writes."""

import datetime as dt

from cdht_data import outputs
from ui.navigation import MEETING


def test_report_page_offers_the_pack_for_the_view(open_page):
    at = open_page(MEETING, dia_ban="692")
    labels = [b.proto.label for b in at.get("download_button")]
    assert "Tải bản in cho cuộc họp (PDF, khổ A4)" in labels
    assert at.title[0].value == "Báo cáo cho cuộc họp"


def test_the_page_s_pack_is_the_export_s(bundled_db):
    import duckdb
    from ui import data
    made = data.output_file.__wrapped__(data.store_key(str(bundled_db)), "pack", "692",
                                        dt.date(2024, 9, 30), None, dt.date.today())
    with duckdb.connect(str(bundled_db), read_only=True) as con:
        exported = outputs.produce(con, "pack", "pdf", dt.date(2024, 9, 30), "692").data
    assert made.startswith(b"%PDF") and made == exported
