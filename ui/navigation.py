"""The dashboard's pages, titles and order in one place (dashboard.py registers them)."""

OVERVIEW = "pages/tong_quan.py"
MAP = "pages/ban_do.py"
GROUPS = "pages/nhom_doi_tuong.py"
COMMUNE = "pages/chi_tiet_xa.py"
BANDS = "pages/xep_loai_diem.py"
DEFINITIONS = "pages/dinh_nghia.py"
QUALITY = "pages/chat_luong_du_lieu.py"

# (script, title, icon, url path)
PAGES = (
    (OVERVIEW, "Tổng quan", ":material/dashboard:", "tong-quan"),
    (MAP, "Bản đồ", ":material/map:", "ban-do"),
    (GROUPS, "Nhóm đối tượng", ":material/groups:", "nhom-doi-tuong"),
    (COMMUNE, "Chi tiết xã", ":material/location_city:", "chi-tiet-xa"),
    (BANDS, "Xếp loại điểm", ":material/bar_chart:", "xep-loai-diem"),
    (QUALITY, "Chất lượng dữ liệu", ":material/fact_check:", "chat-luong-du-lieu"),
    (DEFINITIONS, "Định nghĩa", ":material/menu_book:", "dinh-nghia"),
)
