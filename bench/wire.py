"""What the server sent the browser for one action, read from the websocket's frames with the
message classes the installed Streamlit ships: how many messages and bytes, and which elements
weigh most (charts' specs and rows, tables' Arrow data, HTML such as the printed copies)."""

from __future__ import annotations

from collections import Counter

from streamlit.proto.ForwardMsg_pb2 import ForwardMsg

# How a printed copy of a table opens (ui/print_css.copy_of; the style sheet, which names the
# class too, is not one)
PRINT_COPY = '<div class="cdht-print-copy">'


def kind(msg: ForwardMsg) -> str:
    """'element:vega_lite_chart', 'block:expandable', 'script_finished', 'ref_hash', …"""
    what = msg.WhichOneof("type")
    if what != "delta":
        return what or "empty"
    delta = msg.delta.WhichOneof("type")
    if delta == "add_block":
        return f"block:{msg.delta.add_block.WhichOneof('type')}"
    if delta != "new_element":
        return delta
    element = msg.delta.new_element.WhichOneof("type")
    if element == "html" and PRINT_COPY in msg.delta.new_element.html.body:
        return "element:html (printed copy of a table)"
    return f"element:{element}"


def summary(frames: list[bytes]) -> dict:
    """Messages, bytes, and bytes and count by kind of message, the heaviest first."""
    count, size = Counter(), Counter()
    for frame in frames:
        msg = ForwardMsg.FromString(frame)
        k = kind(msg)
        count[k] += 1
        size[k] += len(frame)
    return {"messages": len(frames), "bytes": sum(size.values()),
            "by_kind": {k: {"messages": count[k], "bytes": size[k]}
                        for k, _ in size.most_common()}}


def finished_index(frames: list[bytes]) -> int | None:
    """Index of the last script_finished message among `frames` (None when there is none)."""
    found = None
    for i, frame in enumerate(frames):
        if ForwardMsg.FromString(frame).WhichOneof("type") == "script_finished":
            found = i
    return found
