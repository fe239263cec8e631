"""A table's content as a cache key: its cells, headers and index.

The key is a digest of the frame's pickle, a faithful copy of every cell (lists included, which
Streamlit's own hashing of a frame cannot take), the headers and the index: equal keys mean
equal tables. A table with the same cells built another way, or regrouped in memory by pandas
after it was read, may pickle to other bytes; that costs one rebuild, never a wrong table
(`content` below is the slower key that depends on what a frame holds alone). Keys are made on every run for every table drawn, and
pandas' per-cell hashing took a third of a rerun's script time (docs/performance.md, "Fourth
round"); the pickle takes about a sixth of its time.
"""

from __future__ import annotations

import hashlib
import pickle

import pandas as pd
from pandas.io.formats.style import Styler


def cells(shown: pd.DataFrame | Styler) -> tuple:
    """What a table shows that changes from run to run. How a Styler formats and fills it is
    code at its call site, which the cache's other arguments name."""
    data = shown.data if isinstance(shown, Styler) else shown
    digest = hashlib.blake2b(pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL),
                             digest_size=20).digest()
    return type(shown).__name__, digest


def content(frame: pd.DataFrame) -> bytes:
    """What `frame` holds, cells, headers and index, whatever its layout in memory."""
    try:
        rows = pd.util.hash_pandas_object(frame, index=True)
    except TypeError:  # a cell holding a list or another unhashable value
        rows = pd.util.hash_pandas_object(frame.astype(str), index=True)
    return pickle.dumps((tuple(map(str, frame.columns)), rows.values.tobytes()))


HASH_FUNCS = {Styler: cells, pd.DataFrame: cells}
