"""The benchmark's browser lets loopback through and nothing else: a request or WebSocket to
another host fails and is counted in the tab's `blocked`, without Playwright's request routing."""

import http.server
import threading

import pytest
from playwright.sync_api import sync_playwright

from bench import servers
from bench.browser import Tab, launch
from tests.own_thread import in_own_thread

pytestmark = pytest.mark.slow  # Chromium

ASK = """async url => {
  try { await fetch(url); return "answered"; } catch (e) { return "failed"; }
}"""
OPEN_SOCKET = """url => new Promise(done => {
  const socket = new WebSocket(url);
  socket.onopen = () => done("open");
  socket.onerror = () => done("failed");
})"""
OUTSIDE = ["http://example.com/x", "https://93.184.216.34/", "http://[2001:db8::1]/"]


class _Quiet(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


def _try_everything(local: str) -> tuple[dict, list[str], set[str]]:
    with servers.nowhere() as nowhere, sync_playwright() as p:
        browser = launch(p, nowhere)
        try:
            tab = Tab(browser)
            why = set()  # how each failed: at the proxy that is not there, not for want of DNS
            tab.context.on("requestfailed", lambda request: why.add(request.failure))
            tab.page.goto(local)
            answers = {url: tab.page.evaluate(ASK, url) for url in [local, *OUTSIDE]}
            answers["ws://example.com/"] = tab.page.evaluate(OPEN_SOCKET, "ws://example.com/")
            tab.page.wait_for_timeout(200)  # the failure events reach Python
            blocked = list(tab.blocked)
            tab.close()
        finally:
            browser.close()
    return answers, blocked, why


def test_only_loopback_is_reached_and_the_rest_is_counted(tmp_path):
    (tmp_path / "index.html").write_text("<title>ở đây</title>")
    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), lambda *a: _Quiet(*a, directory=str(tmp_path)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    local = f"http://127.0.0.1:{server.server_address[1]}/index.html"
    try:
        answers, blocked, why = in_own_thread(_try_everything, local)
    finally:
        server.shutdown()
    assert answers == {local: "answered", **{url: "failed" for url in OUTSIDE},
                       "ws://example.com/": "failed"}
    assert set(blocked) == {*OUTSIDE, "ws://example.com/"}
    assert why == {"net::ERR_PROXY_CONNECTION_FAILED"}
