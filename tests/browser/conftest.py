"""A real dashboard server on a free local port and Debian's Chromium, with every request that
leaves localhost blocked: what passes here works offline."""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import expect, sync_playwright

# the benchmark's browser, started the same way, and what it counts as this machine
from bench.browser import CHROMIUM, CHROMIUM_ARGS, LOCAL_HOSTS
from deploy import child_servers
from deploy.serve import headless
from tests.browser.charts import CHARTS_DRAWN
from tests.paths import ROOT

SCREENSHOTS = Path(__file__).parent / "screenshots"
DESKTOP = {"width": 1366, "height": 768}
PHONE = {"width": 390, "height": 844}
# A phone's browser says so in its User-Agent (Chrome on Android); the dashboard draws the
# phone's own map for it (ui/bubble_map.py).
PHONE_AGENT = ("Mozilla/5.0 (Linux; Android 14; Pixel 7) AppleWebKit/537.36 (KHTML, like Gecko) "
               "Chrome/131.0.0.0 Mobile Safari/537.36")
PROJECTOR = {"width": 1920, "height": 1080}  # the presenter view's screen
START_TIMEOUT_S = 60
# A cold Streamlit page on a busy 2-core machine can take several seconds to draw.
expect.set_options(timeout=30_000)
# A table's canvas has painted once its header row holds dark (text) pixels.
PAINTED = """(canvas) => {
  if (!canvas.width || !canvas.height) return false;
  const rows = canvas.getContext('2d').getImageData(0, 0, canvas.width, Math.min(canvas.height, 60));
  for (let i = 0; i < rows.data.length; i += 4) if (rows.data[i + 3] > 0 && rows.data[i] < 160) return true;
  return false;
}"""


@contextmanager
def serve(db: Path, log: Path | None = None) -> Iterator[str]:
    """The dashboard served as `make run` serves it (deploy/serve.py) on the store `db`; yields
    its base URL. The server's output goes to `log` (a test reads what the server logged), by
    default a file beside the store."""
    if not Path(CHROMIUM).exists():
        pytest.fail(f"{CHROMIUM} is missing: `make test` installs Debian's chromium")
    port = child_servers.free_port()
    log = log or db.parent / f"server-{port}.log"
    child = child_servers.spawn(
        headless(ROOT / "dashboard.py", port), ROOT, {**os.environ, "CDHT_DB": str(db)},
        log)
    base = f"http://127.0.0.1:{port}"
    try:
        child_servers.wait_healthy(base, child, log, START_TIMEOUT_S)
        yield base
    finally:
        child_servers.stop(child)


@pytest.fixture(scope="session")
def server(bundled_db):
    """The dashboard on the bundled data; yields its base URL."""
    with serve(bundled_db) as base:
        yield base


@pytest.fixture(scope="module")
def hostile_server(hostile_db):
    """The dashboard on tests/hostile.py's store; yields its base URL."""
    with serve(hostile_db) as base:
        yield base


@pytest.fixture(scope="module")
def server_2025(store_2025):
    """The dashboard on the bundled store plus the SYNTHETIC 31/12/2025 tables of the 7 new
    communes (the store_2025 fixture); yields its base URL."""
    with serve(store_2025) as base:
        yield base


@pytest.fixture(scope="module")
def entry_server(bundled_db, tmp_path_factory):
    """The dashboard on a private copy of the bundled store with one quan_tri account; yields
    (base URL, the store's path, the server's log)."""
    import shutil
    from cdht_data import accounts, store
    from tests.stores import WRITER, WRITER_PASSWORD
    path = tmp_path_factory.mktemp("entry") / "cdht.duckdb"
    shutil.copy(bundled_db, path)
    with store.writing(path) as con:
        accounts.add_account(con, WRITER, "quan_tri", [], WRITER_PASSWORD)
    log = path.parent / "server.log"
    with serve(path, log) as base:
        yield base, path, log


@pytest.fixture(scope="session")
def offline_browser():
    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield b
        b.close()


def _off_localhost(url: str) -> bool:
    return urlparse(url).hostname not in LOCAL_HOSTS


class OfflinePage:
    """A page whose connections off localhost are refused and remembered in `blocked`: requests
    of the page, its frames and its workers (context.route aborts them) and WebSockets
    (context.route_web_socket answers them itself, so none reaches the network). Service workers
    are blocked: one could otherwise answer a request where the route does not see it.
    test_the_recorder_catches_each_way_out proves that an empty `blocked` means something."""

    def __init__(self, browser, viewport: dict, **context):
        self.context = browser.new_context(viewport=viewport, locale="vi-VN",
                                           service_workers="block", **context)
        self.blocked: list[str] = []
        self.urls: list[str] = []  # every request asked for, local or not
        self.context.route("**/*", self._route)
        self.context.route_web_socket(_off_localhost, self._web_socket)
        self.page = self.context.new_page()

    def _route(self, route):
        url = route.request.url
        self.urls.append(url)
        if url.startswith(("data:", "blob:")) or not _off_localhost(url):
            route.continue_()
        else:
            self.blocked.append(url)
            route.abort()

    def _web_socket(self, socket):
        self.blocked.append(socket.url)
        socket.close()

    def shot(self, name: str) -> Path:
        """Screenshot of the whole app: the viewport is made as tall as the content first,
        because Streamlit scrolls an inner container that full-page screenshots miss."""
        SCREENSHOTS.mkdir(exist_ok=True)
        height = self.page.evaluate(
            "() => Math.max(...Array.from(document.querySelectorAll("
            "'[data-testid=\"stMain\"], [data-testid=\"stAppViewContainer\"], section.main'))"
            ".map(e => e.scrollHeight), document.body.scrollHeight)")
        size = self.page.viewport_size
        self.page.set_viewport_size({"width": size["width"], "height": min(int(height) + 40, 12000)})
        # Charts and tables draw once they are on screen: wait until each has painted.
        self.page.wait_for_function(CHARTS_DRAWN)
        for table in self.page.get_by_test_id("stDataFrame").all():
            expect(table.locator("canvas").first).to_be_visible()
            self.page.wait_for_function(PAINTED, arg=table.locator("canvas").first.element_handle())
        self.page.wait_for_load_state("networkidle")
        self.page.wait_for_function(
            "() => new Promise(r => requestAnimationFrame(() => requestAnimationFrame(() => r(true))))")
        path = SCREENSHOTS / f"{name}.png"
        self.page.screenshot(path=str(path))
        self.page.set_viewport_size(size)
        return path


@pytest.fixture
def desktop(offline_browser):
    p = OfflinePage(offline_browser, DESKTOP)
    yield p
    p.context.close()


@pytest.fixture
def phone(offline_browser):
    p = OfflinePage(offline_browser, PHONE, user_agent=PHONE_AGENT)
    yield p
    p.context.close()


@pytest.fixture
def projector(offline_browser):
    p = OfflinePage(offline_browser, PROJECTOR)
    yield p
    p.context.close()
