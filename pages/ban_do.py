"""Bản đồ: one bubble per commune at its centre (offline), or a choropleth from a boundary file."""

import streamlit as st

from cdht_data import boundaries, limits
from cdht_data.definitions import LOW_UPTAKE_MARK
from cdht_data.errors import InputError
from cdht_data.exports import file_name
from ui import bubble_map, charts, data, lazy, maps, page, vega
from ui.filters import CHOOSE
from ui.escape import markdown
from ui.print_css import table
from ui.tables import height, shown

view, fig = page.start("Bản đồ")
m = data.map_page(view.db, view.area_key, view.as_of, view.group_no, view.low, view.structure)
frame = m.frame
if fig.units.empty:
    page.empty(f"{markdown(fig.area.name)} không có đơn vị con để vẽ bản đồ.",
               "Hãy chọn một huyện hoặc tỉnh ở thanh bên trái, hoặc xem trang «Chi tiết xã».")
    st.stop()


left, right = st.columns(2)
colour_by = left.radio("Tô màu theo", list(charts.COLOUR_CHOICES),
                       format_func=charts.COLOUR_CHOICES.get, horizontal=True, key="map_colour")
size_by = right.selectbox("Cỡ vòng tròn theo", list(charts.SIZE_CHOICES),
                          format_func=charts.SIZE_CHOICES.get, key="map_size", placeholder=CHOOSE)
st.caption(f"Viền đỏ cam và dấu {LOW_UPTAKE_MARK}: đơn vị tham gia thấp ({view.low.describe()}). "
           "Bấm vào một vòng tròn để xem chi tiết đơn vị đó. Bản đồ vẽ từ toạ độ tâm xã, "
           "không cần Internet.")

shape = None
# The box draws its widgets while open, or while a file is in use (a widget not drawn loses its
# file); otherwise a visit costs no file picker.
box = lazy.box("Bản đồ ranh giới xã (tệp GeoJSON của đơn vị)", "map_box")
if box.open or st.session_state.get("map_file") or st.session_state.get("map_upload"):
    with box:
        st.caption(f"Đặt tệp .geojson vào thư mục `{boundaries.BOUNDARY_DIR.name}/` trong "
                   f"`data/` hoặc tải lên ở đây (tối đa "
                   f"{limits.size_text(limits.BOUNDARY.bytes)}). Các vùng được ghép với xã theo "
                   "mã xã hoặc theo tên.")
        files = boundaries.boundary_files()
        choice = st.selectbox("Tệp trong thư mục", [None, *files], key="map_file",
                              placeholder=CHOOSE,
                              format_func=lambda p: "— không dùng —" if p is None else p.name)
        page.vietnamese_uploader()
        upload = st.file_uploader("…hoặc tải tệp lên (.geojson, .json)", key="map_upload")
        source = upload if upload is not None else choice
        if source is not None:
            name = getattr(source, "name", str(source))
            try:
                raw = source.getvalue() if upload is not None else boundaries.read_file(source)
                shape = boundaries.match_units(data.boundary_file(raw, name), fig.units, name)
            except OSError:
                st.error(f"Không đọc được tệp {markdown(name)}: hãy kiểm tra tệp trong thư mục.")
            except InputError as exc:
                st.error(markdown(exc))
            else:
                st.success(f"Ghép được {len(shape.matched)} vùng với xã.")
                if shape.unmatched:
                    st.warning("Không ghép được: "
                               + ", ".join(markdown(n) for n in shape.unmatched))
                if not shape.matched:
                    shape = None

if shape is not None:
    key = vega.clicked(st.vega_lite_chart(
        maps.choropleth(shape.geojson, frame, colour_by), theme=None, width="stretch",
        on_select="rerun", selection_mode=vega.CLICKED, key="map_choropleth"))
else:
    if not m.has_centres:
        page.empty("Các đơn vị của địa bàn này chưa có toạ độ tâm.",
                   "Hãy bổ sung cột lat, lon trong data/reference/units.csv hoặc dùng tệp ranh giới.")
        key = None
    else:
        key = bubble_map.draw(frame, size_by, colour_by)
    if m.unplaced and m.has_centres:
        st.caption("Chưa có toạ độ: " + ", ".join(markdown(n) for n in m.unplaced))
    if m.approximate and m.has_centres:
        st.caption("Vị trí gần đúng (xã thành lập từ 1/7/2025, đặt ở tâm các xã cũ hợp thành, "
                   "lấy trung bình theo dân số): " + ", ".join(markdown(n) for n in m.approximate))

if key:
    page.open_commune(key)

columns = ["name", "registered_count", "age_8_60_count", "participation_pct", "assessed_count",
           "recognized_count", "recognition_pct", "quality_mark"]
units = shown(frame, columns, low="is_low_uptake")
table(units, "map_units", hide_index=True, placeholder="—", height=height(len(frame)))
page.download(units.csv, file_name("Bản đồ các đơn vị", fig.area.name, view.as_of), "map_csv")
