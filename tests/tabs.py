"""The page's tabs of which only the open one runs (ui.page.sections) as an AppTest sees them:
a test that reads a whole page opens each of them in turn, since a closed tab is never drawn.
The sidebar's boxes (threshold, sign-in) likewise draw their widgets only while open."""

from __future__ import annotations

from collections.abc import Iterator

from streamlit.testing.v1 import AppTest


def lazy_tabs(at: AppTest) -> dict[str, list[str]]:
    """Each set of keyed tabs on the page: its key and its tabs' labels, in order. Streamlit
    names a keyed element «$$ID-<hash>-<key>»."""
    found = {}

    def walk(node) -> None:
        if getattr(node, "type", None) == "tab_container" and node.proto.tab_container.id:
            key = node.proto.tab_container.id.split("-", 2)[-1]
            found[key] = [child.label for child in node.children.values()]
        for child in getattr(node, "children", {}).values():
            walk(child)

    walk(at.main)
    return found


def open_tab(at: AppTest, key: str, label: str) -> AppTest:
    """The page again with the tab `label` of the tabs `key` open, as a click on it does; the
    run must end without an exception."""
    at.session_state[key] = label
    at.run()
    assert not at.exception, (key, label, at.exception)
    return at


def each_tab(at: AppTest) -> Iterator[str]:
    """The page as it is (its first tabs open), then once with each other tab open, in order:
    yields the open tab's label; the run must end without an exception."""
    tabs = lazy_tabs(at)
    yield ""
    for key, labels in tabs.items():
        for label in labels[1:]:
            open_tab(at, key, label)
            yield label
        at.session_state[key] = labels[0]


def open_box(at: AppTest, key: str) -> AppTest:
    """The page again with the sidebar box whose open state is kept under `key` open, as a
    click on its title does; the run must end without an exception."""
    at.session_state[key] = True
    at.run()
    assert not at.exception, (key, at.exception)
    return at
