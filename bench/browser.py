"""One browser tab as the benchmark drives it: Debian's chromium through Playwright, every
request off 127.0.0.1 refused and counted (`launch`, OUTSIDE), and in the page a recorder of
what the tab lived through (each websocket message's time and size, each change of the script's
run state, the last press of a pointer), so that every duration is measured by the page's own
clock.

An action (a full load, a click on a sidebar link, a choice in a sidebar select box) ends when
the page is drawn: the script has run since the action (the page showed a run state, or the
server's script_finished message arrived and the page changed after it) and is not running,
the page's title is shown, no element is a placeholder or stale, every chart on screen has
drawn its marks and every table on screen its canvas
(READY, after tests/browser/test_print_browser.py)."""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from playwright.sync_api import TimeoutError as PlaywrightTimeout
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from . import wire

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
                 "--disable-background-networking", "--disable-component-update",
                 "--disable-sync"]
VIEWPORT = {"width": 1366, "height": 768}
# Everything that is not this machine's loopback goes to a proxy that is not there, and fails;
# loopback bypasses it. Not Playwright's request routing: that sends every request, local ones
# too, through its driver and turns the HTTP cache off, so every load was slower than in a
# browser left alone (docs/performance.md, fifteenth round). The failed requests are counted
# (OUTSIDE).
LOCAL_HOSTS = ("127.0.0.1", "localhost")  # this machine: the only hosts a tab may reach
LOOPBACK = ",".join(LOCAL_HOSTS)
OUTSIDE = re.compile(r"^(?!(https?|wss?)://(" + "|".join(map(re.escape, LOCAL_HOSTS)) + r")[:/])")
ACTION_TIMEOUT_MS = 60_000
READY_POLL_MS = 250  # how often the page is asked again when the run's state was not seen
# After a page is drawn, how long nothing may start for the action to be over: a second
# script run was seen to start 0.25 s after the first one ended (on a loaded machine).
QUIET_MS = 1_000
# Chrome's counters of the tab's main thread (Performance.getMetrics), in s: all its tasks,
# and of them running JavaScript, computing styles, laying out.
TAB_METRICS = {"tab_main_thread_s": "TaskDuration", "tab_script_s": "ScriptDuration",
               "tab_style_s": "RecalcStyleDuration", "tab_layout_s": "LayoutDuration"}
OPEN_ATTEMPTS, OPEN_WAIT_MS = 4, 3_000  # a select box's list

# Whether a message from the server is its script_finished: the field of that name is read
# from the installed package's ForwardMsg, and the message's top-level protobuf fields are
# walked (each a key, then a varint, 8 bytes, a length and its bytes, or 4 bytes).
FINISHED_FIELD = ForwardMsg.DESCRIPTOR.fields_by_name["script_finished"].number
IS_FINISHED = """data => {
  if (!(data instanceof ArrayBuffer)) return false;
  const b = new Uint8Array(data);
  let i = 0;
  const varint = () => {
    let value = 0, shift = 0, byte;
    do { byte = b[i++]; value += (byte & 127) * 2 ** shift; shift += 7; }
    while (byte & 128 && i < b.length);
    return value;
  };
  while (i < b.length) {
    const key = varint(), field = Math.floor(key / 8), type = key & 7;
    if (field === %d) return true;
    if (type === 0) varint();
    else if (type === 1) i += 8;
    else if (type === 2) { const length = varint(); i += length; }
    else if (type === 5) i += 4;
    else return false;
  }
  return false;
}""" % FINISHED_FIELD

RECORDER = """(() => {
  const wire = window.__cdhtWire = [];
  // each script_finished message's time, and the time the page first changed after it
  const finished = window.__cdhtFinished = [];
  const isFinished = %s;
  const watchAfter = (at) => {
    const watch = new MutationObserver(() => { finished.push([at, performance.now()]);
                                               watch.disconnect(); });
    watch.observe(document, {subtree: true, childList: true, characterData: true,
                             attributes: true});
  };
  const size = d => d.byteLength ?? d.size ?? d.length;
  const Base = window.WebSocket;
  window.WebSocket = class extends Base {
    constructor(...args) {
      super(...args);
      this.addEventListener('message', e => {
        const now = performance.now();
        wire.push(['r', now, size(e.data)]);
        if (isFinished(e.data)) watchAfter(now);
      });
    }
    send(data) { wire.push(['s', performance.now(), size(data)]); return super.send(data); }
  };
  window.__cdhtPress = null;
  addEventListener('pointerdown', () => { window.__cdhtPress = performance.now(); }, true);
  const states = window.__cdhtStates = [];
  new MutationObserver(changes => changes.forEach(c => states.push(
      [c.target.getAttribute('data-test-script-state'), performance.now()])))
    .observe(document, {subtree: true, attributes: true,
                        attributeFilter: ['data-test-script-state']});
})();""" % IS_FINISHED

# The page is drawn (see the module's docstring); returns the page's clock then, else false.
READY = """({title, since}) => {
  const app = document.querySelector('[data-testid="stApp"]');
  if (!app || app.dataset.testScriptState !== 'notRunning') return false;
  // a fast run can come and go between two of the page's renders, never shown as running:
  // then the server's script_finished message since the action, and the page changed after it
  if (since !== null && !window.__cdhtStates.some(s => s[0] !== 'notRunning' && s[1] >= since)
      && !window.__cdhtFinished.some(([at]) => at >= since)) return false;
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  if (!h1 || (title && !h1.textContent.includes(title))) return false;
  if (document.querySelector('[data-testid="stMain"] [data-testid="stSkeleton"]')
      || document.querySelector('[data-stale="true"]')) return false;
  // a chart in a box the page hides (the phone's map on a computer) is never shown
  for (const e of document.querySelectorAll('[data-testid="stVegaLiteChart"]')) {
    if (e.checkVisibility() && !e.querySelector('canvas, svg.marks')) return false;
  }
  for (const t of document.querySelectorAll('[data-testid="stDataFrame"]')) {
    if (!t.checkVisibility()) continue;
    const c = t.querySelector('canvas');
    if (!c || !c.width) return false;
  }
  return performance.now();
}"""

# What READY looks at, to say why a page is not drawn.
STATE = """() => {
  const app = document.querySelector('[data-testid="stApp"]');
  const h1 = document.querySelector('[data-testid="stMain"] h1');
  return {state: app && app.dataset.testScriptState, title: h1 && h1.textContent,
          url: location.href, press: window.__cdhtPress, states: window.__cdhtStates.slice(-6),
          skeletons: document.querySelectorAll('[data-testid="stSkeleton"]').length,
          stale: document.querySelectorAll('[data-stale="true"]').length,
          charts: [...document.querySelectorAll('[data-testid="stVegaLiteChart"]')].map(
            e => [e.checkVisibility(), !!e.querySelector('svg.marks, canvas')])};
}"""


@dataclass
class Action:
    """One measured action: its duration and where it went (page clock, ms)."""
    seconds: float
    wire: dict = field(default_factory=dict)  # wire.summary of what the server sent
    phases: dict = field(default_factory=dict)  # before the rerun / server / drawing, in s
    script_runs: int = 0  # runs of the page's script the action took
    # CPU the action cost: the server process (all threads), and the tab's main thread as
    # Chrome counts it (TaskDuration: script, style, layout, paint); less swayed by a busy
    # machine than the durations
    cpu: dict = field(default_factory=dict)


class Tab:
    """A new browser context (nothing cached) with one page and the recorder."""

    def __init__(self, browser, server=None):
        self.server = server  # bench.servers.Server: its CPU per action is measured
        self.context = browser.new_context(viewport=VIEWPORT, locale="vi-VN",
                                           service_workers="block")
        self.blocked: list[str] = []
        self.context.on("requestfailed", self._failed)
        self.context.add_init_script(RECORDER)
        self.page = self.context.new_page()
        self.frames: list[bytes] = []
        self.page.on("websocket", self._watch)
        self.cdp = self.context.new_cdp_session(self.page)
        self.cdp.send("Performance.enable")
        self._cpu_at_start: tuple = ()

    def _cpu_now(self) -> tuple[float, ...]:
        metrics = {m["name"]: m["value"] for m in self.cdp.send("Performance.getMetrics")["metrics"]}
        return (self.server.cpu_seconds() if self.server else 0.0,
                *(metrics.get(name, 0.0) for name in TAB_METRICS.values()))

    def _start(self) -> None:
        self._cpu_at_start = self._cpu_now()

    def _cpu_spent(self) -> dict:
        server, *tab = (round(b - a, 3) for a, b in zip(self._cpu_at_start, self._cpu_now()))
        return {"server_s": server if self.server else None,
                **{name: max(value, 0.0) for name, value in zip(TAB_METRICS, tab)}}

    def _failed(self, request):
        if OUTSIDE.match(request.url):
            self.blocked.append(request.url)

    def _watch(self, socket):
        if OUTSIDE.match(socket.url):
            self.blocked.append(socket.url)
        elif socket.url.endswith("/_stcore/stream"):
            socket.on("framereceived", lambda payload: self.frames.append(
                payload if isinstance(payload, bytes) else payload.encode()))

    def close(self) -> None:
        self.context.close()

    def load(self, url: str, title: str) -> Action:
        """A full load: from the navigation's start (the page clock's zero) to drawn."""
        self._start()
        self.page.goto(url, wait_until="commit")
        return self._until_drawn(title, since=None, started=0.0, first_frame=0)

    def click_link(self, title: str) -> Action:
        """The sidebar's link to the page `title`, as a person clicks it."""
        first = len(self.frames)
        self._start()
        self.page.get_by_test_id("stSidebarNav").get_by_role("link", name=title,
                                                              exact=True).click()
        return self._after_press(title, first)

    def choose(self, label: str, option: str, title: str) -> Action:
        """In the sidebar's select box `label`, the option `option` (the press on the option
        starts the clock)."""
        first = len(self.frames)
        self._open(label)
        self._start()
        self.page.locator("[role=option]").filter(has_text=option).first.click()
        return self._after_press(title, first)

    def options(self, label: str) -> list[str]:
        """The options of the sidebar's select box `label` (opened, read, closed)."""
        names = self._open(label).all_inner_texts()
        self.page.keyboard.press("Escape")
        return names

    def _open(self, label: str):
        """Open the sidebar's select box `label`; returns its options. The box is scrolled
        into view first, as a person would: a click that scrolls the sidebar itself leaves the
        list closed (the group's box is below the fold at 1366 × 768, and each group change
        waited OPEN_WAIT_MS for the second click). Should a click still miss, click again."""
        box = self.page.get_by_test_id("stSidebar").get_by_test_id("stSelectbox").filter(
            has_text=label).get_by_role("combobox")
        box.scroll_into_view_if_needed()
        options = self.page.locator("[role=option]")
        for attempt in range(OPEN_ATTEMPTS):
            box.click()
            try:
                options.first.wait_for(state="attached", timeout=OPEN_WAIT_MS)
                return options
            except PlaywrightTimeout:
                if attempt == OPEN_ATTEMPTS - 1:
                    raise
        return options

    def _after_press(self, title: str, first_frame: int) -> Action:
        pressed = self.page.evaluate("() => window.__cdhtPress")
        return self._until_drawn(title, since=pressed, started=pressed, first_frame=first_frame)

    def _until_drawn(self, title: str, since, started: float, first_frame: int) -> Action:
        """Wait until drawn, then QUIET_MS more: a script run that starts within them (a
        widget reporting its first value) belongs to the action, which then ends when that
        run is drawn."""
        while True:
            drawn = self._ready(title, since, first_frame)
            self.page.wait_for_timeout(QUIET_MS)
            later = self.page.evaluate(
                "(t) => window.__cdhtStates.filter(s => s[0] !== 'notRunning' && s[1] > t)"
                ".map(s => s[1])", drawn)
            if not later:
                break
            since = later[0]
        timeline, states = self.page.evaluate("() => [window.__cdhtWire, window.__cdhtStates]")
        frames = self.frames[first_frame:]
        summary = wire.summary(frames)
        # a run the page never showed as «running» still ends with a script_finished message
        runs = max(sum(1 for s, t in states if s == "running" and started <= t <= drawn),
                   summary["by_kind"].get("script_finished", {}).get("messages", 0))
        return Action(round((drawn - started) / 1000, 4), summary,
                      _phases(timeline, len(self.frames) - len(frames), started, drawn), runs,
                      self._cpu_spent())

    def _ready(self, title: str, since, first_frame: int) -> float:
        """The page clock when READY first holds. A run that comes and goes without the page
        ever showing the state «running» (a fast one: three of six switches to Báo cáo cho cuộc
        họp in one trial) READY tells by the recorder's script_finished and the change after
        it. Should the page not change after it, once this side has seen that message READY no
        longer asks for a run (then the figure is up to READY_POLL_MS late: before READY knew of
        the message, every such switch was)."""
        deadline = time.monotonic() + ACTION_TIMEOUT_MS / 1000
        while True:
            try:
                return self.page.wait_for_function(
                    READY, arg={"title": title, "since": since}, polling="raf",
                    timeout=READY_POLL_MS).json_value()
            except PlaywrightTimeout:
                if since is not None and wire.finished_index(self.frames[first_frame:]) is not None:
                    since = None
                if time.monotonic() > deadline:
                    raise RuntimeError(f"«{title}» chưa vẽ xong sau {ACTION_TIMEOUT_MS // 1000} s: "
                                       f"{self.page.evaluate(STATE)}") from None


def _phases(timeline: list, first: int, started: float, drawn: float) -> dict:
    """Where an action's time went, from the recorder's timeline (page clock, ms): until the
    browser asks the server to run the script (the rerun message), the server's run until its
    last message is received, and the drawing after it. `first` is the index among received
    messages of the action's first one."""
    sent = [t for d, t, _ in timeline if d == "s" and t >= started]
    received = [t for d, t, _ in timeline if d == "r"][first:]
    received = [t for t in received if t <= drawn]
    if not sent or not received:
        return {}
    asked, last = sent[0], received[-1]
    return {"before_rerun_s": round((asked - started) / 1000, 4),
            "server_s": round((last - asked) / 1000, 4),
            "drawing_s": round((drawn - last) / 1000, 4)}


def launch(playwright, nowhere_port: int):
    """Chromium whose requests off loopback go to `nowhere_port` on 127.0.0.1, a port nothing
    listens on, so they fail at once."""
    return playwright.chromium.launch(
        executable_path=CHROMIUM, args=CHROMIUM_ARGS,
        proxy={"server": f"http://127.0.0.1:{nowhere_port}", "bypass": LOOPBACK})
