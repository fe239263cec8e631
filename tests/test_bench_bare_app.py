"""The bare app's kinds: a page's floor is drawn from the kinds its load sent, a table's
printed copy counts as the HTML it is, and a kind the app cannot draw is named, not dropped."""

from bench.bare_app import CHART, KINDS, NAVIGATION, kinds_of, query


def test_a_pages_kinds_become_the_floors_query_in_one_order():
    by_kind = {"element:vega_lite_chart": {}, "navigation": {}, "element:selectbox": {},
               "element:html (printed copy of a table)": {}, "new_session": {},
               "script_finished": {}, "block:expandable": {}}
    drawn, not_drawn = kinds_of(by_kind)
    assert drawn == ["element:html", "element:selectbox", CHART, "block:expandable", NAVIGATION]
    assert not_drawn == []
    assert query(drawn) == ("?loai=element:html,element:selectbox,element:vega_lite_chart,"
                            "block:expandable,navigation")


def test_a_kind_the_app_cannot_draw_is_named():
    drawn, not_drawn = kinds_of({"element:heading": {}, "element:graphviz_chart": {},
                                 "block:popover": {}, "page_info_changed": {}})
    assert drawn == ["element:heading"]
    assert not_drawn == ["block:popover", "element:graphviz_chart"]


def test_every_kind_has_a_drawing():
    assert all(callable(draw) for draw in KINDS.values())
