"""Several dashboard processes behind HAProxy (deploy/serve_multi.py, `make run-multi`): the
proxy starts, serves the health check, spreads new tabs over the processes and keeps each tab
on its own process, so a tab whose websocket drops finds its session again."""

import ast
import asyncio
import http.cookiejar
import urllib.request

import pytest

from bench.st_session import Session
from deploy.serve_multi import COOKIE, Serving, haproxy_binary, haproxy_config, server_name
from tests.own_thread import in_own_thread
from tests.paths import ROOT


def test_the_config_names_every_process_with_its_cookie():
    config = haproxy_config("127.0.0.1", 8501, [9001, 9002])
    assert f"cookie {COOKIE} insert indirect nocache" in config
    assert "server st1 127.0.0.1:9001 cookie st1" in config
    assert "server st2 127.0.0.1:9002 cookie st2" in config
    assert "bind 127.0.0.1:8501" in config and "timeout tunnel" in config


def test_the_product_never_imports_deploy():
    """Serving is around the dashboard, not in it: `make run` works without deploy/."""
    users = []
    for path in [*ROOT.glob("cdht_data/**/*.py"), *ROOT.glob("ui/*.py"), *ROOT.glob("pages/*.py"),
                 ROOT / "dashboard.py"]:
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = ([a.name for a in node.names] if isinstance(node, ast.Import) else
                     [node.module or ""] if isinstance(node, ast.ImportFrom) else [])
            users += [str(path) for n in names if n.split(".")[0] == "deploy"]
    assert users == []


def _health(url: str, jar: http.cookiejar.CookieJar) -> int:
    opener = urllib.request.build_opener(urllib.request.HTTPCookieProcessor(jar))
    with opener.open(f"{url}/_stcore/health", timeout=10) as answer:
        return answer.status


async def _resumed(session: Session) -> bool:
    """Drop the tab's websocket and open another: is the server's session the same?"""
    before = session.session_id
    await session.reconnect()
    return session.session_id == before


async def _tabs(url: str) -> list[tuple[str, bool, bool]]:
    """Four tabs: the process each was given, whether it resumed its session through the proxy,
    and whether it still did after its cookie was changed to name the other process."""
    out = []
    for _ in range(4):
        session = Session(url)
        await session.open()
        given = session.cookie(COOKIE)
        kept = await _resumed(session)
        other = server_name(1) if given == server_name(0) else server_name(0)
        next(c for c in session.cookies if c.name == COOKIE).value = other
        moved_kept = await _resumed(session)
        await session.close()
        out.append((given, kept, moved_kept))
    return out


@pytest.mark.slow
def test_two_processes_behind_the_proxy_keep_each_tab_on_its_process(bundled_db, tmp_path):
    if haproxy_binary() is None:
        pytest.skip("HAProxy is not installed: `make test` installs it (make haproxy)")
    with Serving(2, db=bundled_db, log_dir=tmp_path) as serving:
        jar = http.cookiejar.CookieJar()
        assert _health(serving.url, jar) == 200
        assert _health(serving.url, jar) == 200  # again with the cookie the proxy set
        assert {c.name for c in jar} >= {COOKIE}
        tabs = in_own_thread(asyncio.run, _tabs(serving.url))
        started = list(serving.children)
    assert {given for given, _, _ in tabs} == {server_name(0), server_name(1)}
    assert all(kept for _, kept, _ in tabs)  # the cookie brought each tab back to its session
    assert not any(moved for _, _, moved in tabs)  # …and it is the cookie that did
    assert len(started) == 3 and all(child.poll() is not None for child in started)  # all stopped
