"""The browser benchmark's recorder tells the server's script_finished message from every other
message, as chromium runs it on the bytes of the installed Streamlit's own messages: a wrong
field number, or a walk that loses its place in a message, would mark others (a page switch's
end would then be taken too early) or miss it (too late)."""

import pytest
from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

from bench.browser import IS_FINISHED

pytestmark = pytest.mark.slow  # Chromium


def _messages() -> dict[str, bytes]:
    """One message of each kind a page's run sends, with a hash and metadata as the server's
    have (a long hash, so that a length of more than one byte is walked too)."""
    kinds = {}
    finished = ForwardMsg(hash="a" * 200)
    finished.metadata.delta_path[:] = [0, 1]
    finished.script_finished = ForwardMsg.FINISHED_SUCCESSFULLY
    kinds["script_finished"] = finished
    delta = ForwardMsg(hash="b" * 40)
    delta.metadata.delta_path[:] = [0, 6]  # 6: the field number script_finished has, nested
    delta.delta.new_element.markdown.body = "Tỉ lệ Đạt " * 40
    kinds["delta"] = delta
    status = ForwardMsg(hash="c" * 40)
    status.session_status_changed.script_is_running = True
    kinds["session_status_changed"] = status
    info = ForwardMsg(hash="d" * 40)
    info.page_info_changed.query_string = "dia_ban=692&" * 30
    kinds["page_info_changed"] = info
    new = ForwardMsg(hash="e" * 40)
    new.new_session.page_script_hash = "f" * 64
    new.new_session.name = "cdht"
    kinds["new_session"] = new
    return {k: m.SerializeToString() for k, m in kinds.items()}


def test_the_recorder_marks_script_finished_and_nothing_else(offline_browser):
    context = offline_browser.new_context()
    try:
        page = context.new_page()
        marked = page.evaluate(
            f"""(messages) => {{
              const isFinished = {IS_FINISHED};
              return Object.fromEntries(Object.entries(messages).map(
                ([kind, bytes]) => [kind, isFinished(new Uint8Array(bytes).buffer)]));
            }}""", {k: list(v) for k, v in _messages().items()})
    finally:
        context.close()
    assert marked == {"script_finished": True, "delta": False, "session_status_changed": False,
                      "page_info_changed": False, "new_session": False}
