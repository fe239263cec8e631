"""A table's content as a cache key: its cells, headers and index.

The key is a digest of the frame's pickle, a faithful copy of every cell (lists included, which
Streamlit's own hashing of a frame cannot take), the headers and the index: equal keys mean
equal tables. Keys are made on every run for every table and chart drawn, and pandas' per-cell
hashing took a third of a rerun's script time (docs/performance.md, "Fourth round"); the pickle
takes about a sixth of its time, and a frame's digest is kept for as long as the frame lives.

So a frame may not change once it has been drawn (the pages' shared results never do,
ui/data). Its pickle may: pandas regroups a frame's columns in memory after it is read, which is
why the digest is taken once per frame. A table with the same cells built another way may
pickle to other bytes; that costs one rebuild, never a wrong table. `content` is the slower
digest of what a frame holds alone, whatever its layout.
"""

from __future__ import annotations

import hashlib
import pickle
import weakref

import pandas as pd
from pandas.io.formats.style import Styler

from .tables import Shown

# id(frame) -> (a weak reference to it, its digest); an entry leaves with its frame.
_DIGESTS: dict[int, tuple[weakref.ref, bytes]] = {}


def _digest(frame: pd.DataFrame) -> bytes:
    kept = _DIGESTS.get(id(frame))
    if kept is not None and kept[0]() is frame:
        return kept[1]
    digest = hashlib.blake2b(pickle.dumps(frame, protocol=pickle.HIGHEST_PROTOCOL),
                             digest_size=20).digest()
    key = id(frame)
    _DIGESTS[key] = (weakref.ref(frame, lambda _gone, key=key: _DIGESTS.pop(key, None)), digest)
    return digest


def cells(shown: pd.DataFrame | Styler) -> tuple:
    """What a table shows that changes from run to run. How a Styler formats and fills it is
    code at its call site, which the cache's other arguments name."""
    data = shown.data if isinstance(shown, Styler) else shown
    return type(shown).__name__, _digest(data)


def shown_key(table: Shown) -> tuple:
    """A table before it is built: the cells of its frame and how they are shown; a format is
    named by its function (the cache's other arguments name the page it comes from)."""
    return ("Shown", _digest(table.frame), table.columns, table.low, table.labels,
            tuple((header, f.__module__, f.__qualname__) for header, f in table.formats))


def content(frame: pd.DataFrame) -> bytes:
    """What `frame` holds, cells, headers and index, whatever its layout in memory."""
    try:
        rows = pd.util.hash_pandas_object(frame, index=True)
    except TypeError:  # a cell holding a list or another unhashable value
        rows = pd.util.hash_pandas_object(frame.astype(str), index=True)
    return pickle.dumps((tuple(map(str, frame.columns)), rows.values.tobytes()))


HASH_FUNCS = {Styler: cells, pd.DataFrame: cells, Shown: shown_key}
