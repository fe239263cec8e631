"""«Báo cáo cho cuộc họp»: the pack's download for the sidebar's area and period."""

import datetime as dt

from ui.navigation import REPORT


def test_report_page_offers_the_pack_for_the_view(open_page):
    at = open_page(REPORT, dia_ban="692")
    buttons = at.get("download_button")
    labels = [b.proto.label for b in buttons]
    assert "Tải bản in (.pdf)" in labels
    assert at.title[0].value == "Báo cáo cho cuộc họp"


def test_the_page_s_bytes_are_the_registry_s(bundled_db):
    from cdht_data.outputs import OUTPUTS
    from ui import data
    made = data.output(data.store_key(str(bundled_db)), "pack", dt.date(2024, 9, 30), "692",
                       None, dt.date.today())
    assert made.startswith(b"%PDF") and made == data.output.__wrapped__(
        data.store_key(str(bundled_db)), "pack", dt.date(2024, 9, 30), "692", None,
        dt.date.today())
    assert OUTPUTS["pack"].format == "pdf"
