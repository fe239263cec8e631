"""The tables a page shows under AppTest, in the page's order: a grid (st.dataframe) as the
data it holds, numbers as numbers; a plain table (ui/print_css, PLAIN_CLASS) as the text a
reader sees in its cells."""

from __future__ import annotations

from html.parser import HTMLParser

import pandas as pd

from ui.print_css import PLAIN_CLASS


def tables(node) -> list[pd.DataFrame]:
    """Every table under `node` (an AppTest, a tab, a container), grids and plain ones, in the
    order the page draws them."""
    return _found(node, with_grids=True)


def plain(node) -> list[pd.DataFrame]:
    """Only the plain tables under `node`, in order."""
    return _found(node, with_grids=False)


def _found(node, with_grids: bool) -> list[pd.DataFrame]:
    found: list[pd.DataFrame] = []
    _walk(node._tree if hasattr(node, "_tree") else node, found, with_grids)  # an AppTest's tree
    return found


def _walk(node, found: list, with_grids: bool) -> None:
    kind = getattr(node, "type", None)
    if kind == "dataframe" and with_grids:
        found.append(node.value)
    elif kind == "html" and f'<div class="{PLAIN_CLASS}">' in node.value:
        found.append(read(node.value))
    children = getattr(node, "children", None) or {}
    for index in sorted(children):
        _walk(children[index], found, with_grids)


def read(html: str) -> pd.DataFrame:
    """A plain table's HTML as a frame of its cells' text, headers as columns."""
    reader = _Cells()
    reader.feed(html)
    head, *rows = reader.rows
    return pd.DataFrame(rows, columns=head, dtype="object")


class _Cells(HTMLParser):
    def __init__(self):
        super().__init__()
        self.rows: list[list[str]] = []
        self._cell: list[str] | None = None

    def handle_starttag(self, tag, attrs):
        if tag == "tr":
            self.rows.append([])
        elif tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self.rows[-1].append("".join(self._cell))
            self._cell = None

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def figure(cell) -> int | float:
    """A cell's figure: a grid's number as it is, a plain table's Vietnamese text read back
    (`5.049` is 5049, `16,70%` is 16.7)."""
    if not isinstance(cell, str):
        return cell
    digits = cell.removesuffix("%").replace(".", "").replace(",", ".")
    return float(digits) if "." in digits else int(digits)
