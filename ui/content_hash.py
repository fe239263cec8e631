"""A table's content as a cache key: its cells, headers and index. Streamlit's own hashing of
a frame fails on a cell holding a list (it falls back to pickling the frame and logs a warning
on every run); here such a frame is hashed through its cells' text."""

from __future__ import annotations

import pandas as pd
from pandas.io.formats.style import Styler


def cells(shown: pd.DataFrame | Styler) -> tuple:
    """What a table shows that changes from run to run. How a Styler formats and fills it is
    code at its call site, which the cache's other arguments name."""
    data = shown.data if isinstance(shown, Styler) else shown
    try:
        rows = pd.util.hash_pandas_object(data, index=True)
    except TypeError:  # a cell holding a list or another unhashable value
        rows = pd.util.hash_pandas_object(data.astype(str), index=True)
    return type(shown).__name__, tuple(map(str, data.columns)), rows.values.tobytes()


HASH_FUNCS = {Styler: cells, pd.DataFrame: cells}
