"""deploy/serve.py: the dashboard's server accepts every connection with Nagle's algorithm off,
where plain asyncio leaves it on for a listening socket bound as Streamlit binds its own."""

import asyncio
import asyncio.base_events
import socket
import tempfile
from pathlib import Path

import pytest

from bench import servers
from bench.st_session import Session
from deploy import serve
from tests.own_thread import in_own_thread


def _accepted_nodelay() -> int:
    """TCP_NODELAY of a connection accepted by an asyncio server on a listening socket made
    without naming its protocol (proto 0), as Streamlit 1.67 makes its own."""
    async def accept() -> int:
        listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        listener.bind(("127.0.0.1", 0))
        listener.listen()
        listener.setblocking(False)
        seen = asyncio.get_running_loop().create_future()

        class Report(asyncio.Protocol):
            def connection_made(self, transport):
                sock = transport.get_extra_info("socket")
                seen.set_result(sock.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY))

        server = await asyncio.get_running_loop().create_server(Report, sock=listener)
        _, writer = await asyncio.open_connection(*listener.getsockname())
        try:
            return await asyncio.wait_for(seen, 10)
        finally:
            writer.close()
            server.close()
    return in_own_thread(asyncio.run, accept())


def test_plain_asyncio_leaves_nagle_on_for_such_a_socket():
    # Should this fail, asyncio (or Streamlit's binding) no longer needs deploy/serve.py's rule.
    assert _accepted_nodelay() == 0


def test_no_delay_on_accept_turns_it_off(monkeypatch):
    monkeypatch.setattr(asyncio.base_events, "_set_nodelay", asyncio.base_events._set_nodelay)
    serve.no_delay_on_accept()
    assert _accepted_nodelay() == 1


# A page that reports TCP_NODELAY of each connection its server accepted (a test's own script,
# in the server's process): every TCP socket connected to the server's port.
REPORTER = '''
import gc, socket
import streamlit as st


def accepted(s, port):
    if not isinstance(s, socket.socket) or s.fileno() == -1 or s.type != socket.SOCK_STREAM \
            or s.family not in (socket.AF_INET, socket.AF_INET6):
        return False
    try:
        s.getpeername()
    except OSError:
        return False
    return s.getsockname()[1] == port


port = st.get_option("server.port")
flags = sorted(s.getsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY) != 0
               for s in gc.get_objects() if accepted(s, port))
st.title(f"nodelay {flags}")
'''


@pytest.mark.slow  # a Streamlit server
def test_the_served_dashboards_connections_have_nagle_off():
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        script = tmp / "reporter.py"
        script.write_text(REPORTER, encoding="utf-8")
        with servers.streamlit(script, tmp, tmp) as server:
            async def visit():
                session = Session(server.url)
                try:
                    return await session.open()
                finally:
                    await session.close()
            run = in_own_thread(asyncio.run, visit())
    assert run.titles == ["nodelay [True]"], run.exceptions
