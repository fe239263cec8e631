"""The journeys' `blocked == []` can fail: a local page that reaches out of the machine in each
way a page can (an <img>, fetch, a WebSocket, fetch from a worker) has every one of those URLs
recorded in OfflinePage.blocked, and none of them reaches the network."""

import functools
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer

import pytest

pytestmark = pytest.mark.slow  # Chromium

OUTSIDE = {
    "img": "https://evil.example/image.png",
    "fetch": "https://evil.example/fetch",
    "socket": "wss://evil.example/socket",
    "worker": "https://evil.example/from-a-worker",
}
# Each way out reports in `settled` once the browser has given up on it, so the test waits on
# that rather than on time.
PAGE = f"""<!doctype html>
<html><head><meta charset="utf-8"><title>probe</title>
<script>
window.settled = new Set();
fetch("{OUTSIDE['fetch']}").catch(() => settled.add("fetch"));
const socket = new WebSocket("{OUTSIDE['socket']}");
socket.onopen = socket.onerror = socket.onclose = () => settled.add("socket");
new Worker("worker.js").onmessage = () => settled.add("worker");
</script></head>
<body><img src="{OUTSIDE['img']}" onerror="settled.add('img')"></body></html>"""
WORKER = f"""fetch("{OUTSIDE['worker']}").catch(() => postMessage("refused"));"""


class _Quiet(SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@pytest.fixture(scope="module")
def probe(tmp_path_factory):
    """A plain local web server holding the probe page; yields the page's URL."""
    site = tmp_path_factory.mktemp("probe")
    (site / "index.html").write_text(PAGE, encoding="utf-8")
    (site / "worker.js").write_text(WORKER, encoding="utf-8")
    server = ThreadingHTTPServer(("127.0.0.1", 0),
                                 functools.partial(_Quiet, directory=str(site)))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}/index.html"
    server.shutdown()
    thread.join()


def test_the_recorder_catches_each_way_out(probe, desktop):
    desktop.page.goto(probe)
    desktop.page.wait_for_function(f"() => settled.size === {len(OUTSIDE)}")
    assert sorted(desktop.blocked) == sorted(OUTSIDE.values())
    assert desktop.page.evaluate("() => [...settled].sort()") == sorted(OUTSIDE)
