"""An open dashboard session and another process writing the store: the import is never
blocked by the session, and the session's next interaction shows the new data (no restart);
a store deleted under it is a notice, never stale figures or a traceback."""

import shutil
import subprocess
import sys

import pytest
from streamlit.testing.v1 import AppTest

from tests.paths import ROOT

# Lộc Hòa alone, 7 Đạt and 1 Chưa đạt in Nhóm I, for the period the bundled table has.
REPLACEMENT = ("STT,Xã/ thị trấn,Nhóm I (Nông dân),,Nhóm II (Công nhân),,\"Nhóm III (CC,VC)\",,"
               "Nhóm 4 (HS),,Tổng\n,,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,Đạt,Chưa đạt,\n"
               "1,Lộc Hoà,7,1,,,,,,,8\n")


@pytest.fixture
def own_store(bundled_db, tmp_path, monkeypatch):
    path = tmp_path / "cdht.duckdb"
    shutil.copyfile(bundled_db, path)
    monkeypatch.setenv("CDHT_DB", str(path))
    return path


def _metrics(at) -> dict:
    return {m.label.removesuffix(" ⚠"): m.value for m in at.metric}


def test_an_import_by_another_process_shows_on_the_next_interaction(own_store, tmp_path):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/tong_quan.py").run()
    assert _metrics(at)["Đã đánh giá"] == "5.049"
    table = tmp_path / "thay.csv"
    table.write_text(REPLACEMENT, encoding="utf-8")
    # the session holds its read-only connection open all along
    done = subprocess.run([sys.executable, "-m", "cdht_data", "import", str(table), "--kind",
                           "scoring", "--as-of", "2024-09-30", "--replace", "--db",
                           str(own_store)], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr
    at.run()
    assert not at.exception, at.exception
    assert _metrics(at)["Đã đánh giá"] == "8"


def test_a_deleted_store_is_a_notice_not_old_figures(own_store):
    at = AppTest.from_file(str(ROOT / "dashboard.py"), default_timeout=60)
    at.switch_page("pages/tong_quan.py").run()
    assert _metrics(at)["Đăng ký"] == "5.140"
    own_store.unlink()
    at.run()
    assert not at.exception, at.exception
    assert not at.metric
    assert "cdht_data build" in at.error[0].value.replace("\\", "")
