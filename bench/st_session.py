"""One browser tab talking to a running dashboard, in Streamlit's own websocket protocol: what
the front-end sends (`BackMsg.rerun_script` with the page's script hash) and what the server
answers (`ForwardMsg`s up to `script_finished`), with the message classes Streamlit ships.

Like a browser, a session first loads the page over HTTP and keeps the cookies it is given (a
proxy's stickiness cookie, Streamlit's XSRF cookie) and sends them with the websocket; it
caches the large messages the server marks cacheable and tells the server which it holds, so
repeat elements travel as references, as they do to a browser.
"""

from __future__ import annotations

import asyncio
import http.cookiejar
import time
import urllib.request
from dataclasses import dataclass, field
from urllib.parse import urlparse

from streamlit.proto.BackMsg_pb2 import BackMsg
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
from websockets.asyncio.client import connect

XSRF_COOKIE = "_streamlit_xsrf"
RUN_TIMEOUT_S = 120.0  # one rerun longer than this is an error, not a figure
# Loading the page (HTTP) or opening its websocket longer than this is an error: a person
# would have given up.
LOAD_TIMEOUT_S = 60.0
FINISHED = {ForwardMsg.FINISHED_SUCCESSFULLY, ForwardMsg.FINISHED_WITH_COMPILE_ERROR}
# What a phone in Vietnam tells the server about itself (ClientState.context_info).
CONTEXT = {"timezone": "Asia/Ho_Chi_Minh", "timezone_offset": -420, "locale": "vi-VN",
           "is_embedded": False, "color_scheme": "light"}


class ProtocolError(Exception):
    """The server answered in a way no page view should see (page not found, a reference to
    a message never sent, no answer in time)."""


@dataclass
class Run:
    """One script run as the session saw it: time from the rerun request to its finished
    message, and what it drew."""
    seconds: float
    page_name: str  # the page the session asked for ("" for the app's default page)
    titles: list[str] = field(default_factory=list)  # h1 headings drawn (st.title)
    exceptions: list[str] = field(default_factory=list)  # exception elements drawn
    messages: int = 0
    payload_bytes: int = 0

    def error(self) -> str | None:
        """Why this run does not count as the page shown, or None."""
        if self.exceptions:
            return f"exception on {self.page_name or 'default page'}: {self.exceptions[0][:200]}"
        if self.page_name and self.page_name not in self.titles:
            return f"{self.page_name}: title not drawn (drew {self.titles})"
        return None


class Session:
    """A tab: `await open()` loads the default page, `await switch(name)` goes to a page as
    the sidebar does, `await close()` leaves."""

    def __init__(self, base_url: str, query_string: str = ""):
        self.base_url = base_url.rstrip("/")
        self.query_string = query_string  # what the tab's address bar holds after "?"
        self.pages: dict[str, str] = {}  # page name -> script hash (from the navigation)
        self.page_script_hash = ""
        self.session_id = ""  # the server's id of this tab's session (new_session)
        self.cookies = http.cookiejar.CookieJar()
        self._cache: dict[str, ForwardMsg] = {}  # hash -> cacheable message, as a browser keeps
        self._ws = None

    def _load_over_http(self) -> None:
        """GET the page and the health check, as the browser does before it opens the
        websocket: the proxy sets its cookie on the first answer, Streamlit its XSRF cookie."""
        opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(self.cookies))
        for path in ("/", "/_stcore/health"):
            with opener.open(self.base_url + path, timeout=LOAD_TIMEOUT_S) as answer:
                answer.read()

    def cookie(self, name: str) -> str | None:
        return next((c.value for c in self.cookies if c.name == name), None)

    async def open(self) -> Run:
        """Load the link as a browser does; the run's time counts from the first request
        (the page over HTTP, the websocket, the first script run)."""
        start = time.perf_counter()
        await asyncio.to_thread(self._load_over_http)
        await self._connect()
        run = await self._rerun("", "")
        run.seconds = time.perf_counter() - start
        return run

    async def reconnect(self) -> Run:
        """What the front-end does when its websocket drops: a new one that names the session
        it had, so the server that holds it resumes it (a stranger starts a new one)."""
        await self._ws.close()
        await self._connect(self.session_id)
        return await self._rerun(self.page_script_hash, "")

    async def _connect(self, existing_session_id: str = "") -> None:
        url = urlparse(self.base_url)
        ws_url = f"{'wss' if url.scheme == 'https' else 'ws'}://{url.netloc}{url.path}/_stcore/stream"
        cookie_header = "; ".join(f"{c.name}={c.value}" for c in self.cookies)
        # The front-end's subprotocol list: "streamlit", the XSRF token, the session to resume.
        protocols = ["streamlit", self.cookie(XSRF_COOKIE) or "", existing_session_id]
        while protocols[-1] == "":
            protocols.pop()
        self._ws = await connect(ws_url, subprotocols=protocols, origin=self.base_url,
                                 additional_headers={"Cookie": cookie_header} if cookie_header
                                 else None, max_size=None, open_timeout=LOAD_TIMEOUT_S,
                                 ping_interval=None)

    async def switch(self, page_name: str) -> Run:
        """The sidebar's page link: a rerun with the page's script hash and no page name."""
        if page_name not in self.pages:
            raise ProtocolError(f"the navigation offers no page {page_name!r}")
        return await self._rerun(self.pages[page_name], page_name)

    async def close(self) -> None:
        if self._ws is not None:
            await self._ws.close()

    def _back_msg(self, page_script_hash: str) -> bytes:
        msg = BackMsg()
        state = msg.rerun_script
        state.query_string = self.query_string
        state.page_script_hash = page_script_hash
        state.widget_states.SetInParent()  # the filters live in the session; none sent
        state.cached_message_hashes.extend(self._cache)
        for name, value in CONTEXT.items():
            setattr(state.context_info, name, value)
        state.context_info.url = self.base_url + "/"
        return msg.SerializeToString()

    async def _rerun(self, page_script_hash: str, page_name: str) -> Run:
        start = time.perf_counter()
        await self._ws.send(self._back_msg(page_script_hash))
        run = Run(0.0, page_name)
        async with asyncio.timeout(RUN_TIMEOUT_S):
            while True:
                data = await self._ws.recv()
                run.messages += 1
                run.payload_bytes += len(data)
                msg = ForwardMsg.FromString(data)
                if self._read(msg, run):
                    break
        run.seconds = time.perf_counter() - start
        return run

    def _read(self, msg: ForwardMsg, run: Run) -> bool:
        """Take in one message; True when it finishes the run."""
        kind = msg.WhichOneof("type")
        if kind == "ref_hash":
            if msg.ref_hash not in self._cache:
                raise ProtocolError("the server referred to a message this session never got")
            msg = self._cache[msg.ref_hash]
            kind = msg.WhichOneof("type")
        elif msg.metadata.cacheable:
            self._cache[msg.hash] = msg
        if kind == "new_session":
            self.session_id = msg.new_session.initialize.session_id
        elif kind == "navigation":  # the pages st.navigation registers, as the sidebar lists them
            self.page_script_hash = msg.navigation.page_script_hash
            self.pages = {p.page_name: p.page_script_hash for p in msg.navigation.app_pages}
        elif kind == "page_info_changed":
            self.query_string = msg.page_info_changed.query_string
        elif kind == "page_not_found":
            raise ProtocolError(f"page not found: {msg.page_not_found.page_name!r}")
        elif kind == "delta" and msg.delta.WhichOneof("type") == "new_element":
            element = msg.delta.new_element
            which = element.WhichOneof("type")
            if which == "heading" and element.heading.tag == "h1":
                run.titles.append(element.heading.body)
            elif which == "exception":
                run.exceptions.append(f"{element.exception.type}: {element.exception.message}")
        elif kind == "script_finished":
            if msg.script_finished == ForwardMsg.FINISHED_WITH_COMPILE_ERROR:
                run.exceptions.append("the page's script did not compile")
            return msg.script_finished in FINISHED
        return False
