"""«Nhập số liệu» under AppTest: what a visitor without an account sees, signing in (a wrong
password refused and the next try slowed), the signed-in tabs, signing out. The upload itself is
tested through cdht_data.views.entry and in the browser; AppTest reads the uploader's
limit and file types."""


import pytest

from cdht_data import accounts, store
from tests.stores import WRITER, WRITER_PASSWORD
from tests.tabs import open_box
from ui import auth


@pytest.fixture
def writer_store(store_copy, monkeypatch, fresh_caches):
    with store.writing(store_copy) as con:
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
    monkeypatch.setenv("CDHT_DB", str(store_copy))
    return store_copy


def _sign_in(at, password):
    open_box(at, auth.SIGN_IN_BOX)
    at.sidebar.text_input(key="sign_in_name").set_value(WRITER)
    at.sidebar.text_input(key="sign_in_password").set_value(password)
    at.sidebar.button[-1].click().run()
    return at


def test_without_any_account_the_page_says_how_to_add_one(open_page):
    at = open_page("pages/nhap_so_lieu.py")
    assert "python -m cdht_data user add" in at.info[0].value
    assert not at.tabs


def test_sign_in_wrong_then_right_then_out(writer_store, open_page, monkeypatch):
    waits = []
    monkeypatch.setattr(auth, "_wait", waits.append)
    at = open_page("pages/nhap_so_lieu.py")
    assert "Cần đăng nhập" in at.info[0].value
    assert not at.sidebar.text_input  # the sign-in box is closed: its fields are not drawn
    _sign_in(at, "sai-mat-khau")
    assert at.sidebar.error[0].value == "Tên tài khoản hoặc mật khẩu không đúng."
    assert not at.tabs and waits == []
    _sign_in(at, WRITER_PASSWORD)
    assert waits == [0.5]  # one failure before: the next try waited
    assert not at.exception
    assert [t.label for t in at.tabs] == ["Tải bảng lên", "Nhập tay", "Mẫu biểu để điền",
                                          "Lịch sử và hoàn tác", "Đơn vị đã báo cáo"]
    assert any(WRITER.replace("_", "\\_") in c.value for c in at.sidebar.caption)
    assert at.session_state["sign_in_password"] == ""  # the password is not kept
    at.sidebar.button(key="sign_out").click().run()
    assert "Cần đăng nhập" in at.info[0].value
    assert not at.sidebar.text_input  # signed out, the box is closed again


def test_a_session_unused_too_long_is_signed_out(writer_store, open_page, monkeypatch):
    at = _sign_in(open_page("pages/nhap_so_lieu.py"), WRITER_PASSWORD)
    assert at.tabs
    later = auth._now() + auth.IDLE_MINUTES * 60 + 1
    monkeypatch.setattr(auth, "_now", lambda: later)
    at.run()
    assert "Cần đăng nhập" in at.info[0].value


def test_the_uploader_states_the_chosen_kinds_files_and_limit_and_refuses_nothing_itself(
        writer_store, open_page):
    """The uploader is given no type list or size (its refusals are English); its label and
    caption say what the page takes, and check_upload refuses the rest in Vietnamese."""
    at = _sign_in(open_page("pages/nhap_so_lieu.py"), WRITER_PASSWORD)
    uploader = at.file_uploader(key="entry_upload")
    assert not uploader.allowed_type
    assert uploader.proto.max_upload_size_mb == 200  # the server's, not the table kind's 20
    assert "(.csv, .xlsx)" in uploader.label
    assert any("tối đa 20 MB" in c.value for c in at.caption)  # a report table
    at.selectbox(key="entry_kind").set_value("records").run()
    assert "(.csv, .parquet)" in at.file_uploader(key="entry_upload").label
    assert any("tối đa 200 MB" in c.value for c in at.caption)
