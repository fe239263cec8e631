"""Serving defaults in .streamlit/config.toml, as Streamlit itself reads them (a misspelt option
would be ignored silently), and the page icon served from our own file."""

import json
import subprocess
import sys

from tests.paths import ROOT

OPTIONS = ("client.showErrorDetails", "client.disableDataExport", "server.maxUploadSize",
           "server.address", "client.toolbarMode", "server.fileWatcherType",
           "runner.postScriptGC")
READ = ("import json; from streamlit import config; "
        f"print(json.dumps({{o: config.get_option(o) for o in {OPTIONS!r}}}))")


def _options() -> dict:
    out = subprocess.run([sys.executable, "-c", READ], cwd=ROOT, capture_output=True, text=True,
                         check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def test_serving_defaults():
    options = _options()
    assert options["client.showErrorDetails"] == "none"  # no traceback or details for viewers
    assert options["client.disableDataExport"] is True  # our escaped CSV instead
    assert options["server.address"] == "127.0.0.1"  # this machine only, unless asked
    assert options["server.maxUploadSize"] == 200  # MB: records on «Nhập số liệu», the largest
    assert options["client.toolbarMode"] == "viewer"
    assert options["server.fileWatcherType"] == "none"  # no module walk for each new visitor
    assert options["runner.postScriptGC"] is False  # no full collection after every rerun


def test_the_page_icon_is_our_own_file():
    source = (ROOT / "dashboard.py").read_text(encoding="utf-8")
    assert ":material/" not in source.split("set_page_config", 1)[1].split(")", 1)[0]
    assert (ROOT / "ui" / "icon.png").read_bytes().startswith(b"\x89PNG")


def test_the_server_takes_the_largest_upload_of_any_kind():
    from cdht_data import limits
    assert limits.LARGEST_UPLOAD.megabytes == _options()["server.maxUploadSize"]
