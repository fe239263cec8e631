"""ui.content_hash: a table's content as a cache key (cells) and as what it holds alone
(content)."""

import pandas as pd

from ui.content_hash import cells, content


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


def test_a_table_built_again_the_same_way_has_the_same_key():
    def build():
        return pd.DataFrame({"name": pd.array(["Lộc Hòa", None], dtype="str"),
                             "n": pd.array([5, None], dtype="Int64"), "low": [True, False],
                             "pct": [16.7, 0.125]})
    assert build() is not build()
    assert cells(build()) == cells(build())


def test_content_depends_on_the_cells_alone():
    frame = pd.DataFrame({"name": ["Lộc Hòa", "Lộc An"], "n": [5, 31], "notes": [["a"], []]})
    assert content(frame) == content(frame.copy())
    assert content(frame) != content(frame.assign(n=[5, 32]))
    assert content(frame) != content(frame.rename(columns={"n": "Đăng ký"}))


def test_a_frames_digest_is_kept_while_the_frame_lives_and_no_longer():
    from ui import content_hash
    frame = pd.DataFrame({"n": [5, 31]})
    key = cells(frame)
    assert id(frame) in content_hash._DIGESTS
    assert cells(frame) == key
    gone = id(frame)
    del frame
    assert gone not in content_hash._DIGESTS
