"""ui.content_hash.cells: a table's content as a cache key, lists in cells included."""

import pandas as pd

from ui.content_hash import cells


def test_the_same_content_gives_the_same_key_and_any_change_another():
    frame = pd.DataFrame({"name": ["Lộc Hòa", "Lộc An"], "n": [5, 31], "notes": [["a"], []]})
    assert cells(frame) == cells(frame.copy())
    changed = frame.copy()
    changed.loc[1, "n"] = 32
    assert cells(changed) != cells(frame)
    relisted = frame.copy()
    relisted.at[1, "notes"] = ["b"]
    assert cells(relisted) != cells(frame)
    assert cells(frame.rename(columns={"n": "Đăng ký"})) != cells(frame)


def test_a_styler_is_keyed_by_its_data():
    frame = pd.DataFrame({"n": [5, 31]})
    assert cells(frame.style)[1:] == cells(frame)[1:]
