"""The bare Streamlit app the browser benchmark measures the dashboard against: one st.title.

With `?loai=KIND,KIND,…` it also draws one small element of each kind named, named as
bench/wire.kind names them (`element:metric`, `block:expandable`, `navigation`). Given the kinds
a page of the dashboard draws, it is the least a page of those kinds costs the browser: the
code of each kind fetched, compiled and run once, without the dashboard's data or its number of
elements. No data of the dashboard is read; the few values drawn are placeholders."""

import streamlit as st

TITLE = "Ứng dụng trống"
QUERY = "loai"
CHART = "element:vega_lite_chart"
NAVIGATION = "navigation"
_OPTIONS = ["một", "hai"]


def _chart() -> None:
    st.vega_lite_chart({"values": [{"x": "a", "y": 1}, {"x": "b", "y": 3}, {"x": "c", "y": 2}]},
                       {"mark": "bar", "encoding": {"x": {"field": "x", "type": "nominal"},
                                                    "y": {"field": "y", "type": "quantitative"}}})


def _expander() -> None:
    with st.expander("Mở ra"):
        st.text("bên trong")


def _form() -> None:
    with st.form("mau"):
        st.form_submit_button("Gửi")


def _columns() -> None:
    left, right = st.columns(2)
    left.text("trái")
    right.text("phải")


def _bordered() -> None:
    with st.container(border=True):
        st.text("trong khung")


def _tabs() -> None:
    first, _ = st.tabs(_OPTIONS)
    first.text("thẻ một")


# One element of each kind: what draws it. A block's kinds share one drawing.
KINDS = {
    "element:heading": lambda: st.header("Tiêu đề"),
    "element:markdown": lambda: st.markdown("Chữ **đậm**"),
    "element:text": lambda: st.text("chữ"),
    "element:html": lambda: st.html("<p>Đoạn <b>HTML</b></p>"),
    "element:alert": lambda: st.info("Ghi chú"),
    "element:metric": lambda: st.metric("Tỉ lệ", "16,70%"),
    "element:selectbox": lambda: st.selectbox("Chọn", _OPTIONS),
    "element:multiselect": lambda: st.multiselect("Chọn nhiều", _OPTIONS),
    "element:radio": lambda: st.radio("Một trong", _OPTIONS, horizontal=True),
    "element:checkbox": lambda: st.checkbox("Đánh dấu"),
    "element:text_input": lambda: st.text_input("Chữ"),
    "element:button": lambda: st.button("Nút"),
    "element:download_button": lambda: st.download_button("Tải", b"x", file_name="x.txt"),
    "element:file_uploader": lambda: st.file_uploader("Tệp"),
    "element:arrow_data_frame": lambda: st.dataframe({"a": [1, 2], "b": ["x", "y"]}),
    "element:page_link": lambda: st.page_link("https://127.0.0.1/", label="Liên kết"),
    CHART: _chart,
    "block:expandable": _expander,
    "block:form": _form,
    "block:horizontal": _columns,
    "block:column": _columns,
    "block:flex_container": _bordered,
    "block:tab_container": _tabs,
    "block:tab": _tabs,
    "block:vertical": lambda: None,  # every app has one
    NAVIGATION: lambda: None,  # drawn by _app itself
}


def drawable(kinds) -> list[str]:
    """The kinds of `kinds` the app draws, in KINDS's order."""
    return [k for k in KINDS if k in set(kinds)]


def kinds_of(by_kind: dict) -> tuple[list[str], list[str]]:
    """The kinds of element and block in what a page's load sent (bench/wire.summary's
    by_kind): those this app draws, and those it cannot."""
    kinds = {k.split(" ")[0] for k in by_kind}  # a table's printed copy is an element:html
    drawn = drawable(kinds)
    return drawn, sorted(k for k in kinds - set(drawn) if k.startswith(("element:", "block:")))


def query(kinds) -> str:
    return f"?{QUERY}=" + ",".join(drawable(kinds))


def _body(kinds: list[str]) -> None:
    st.title(TITLE)
    done = set()
    for kind in kinds:
        draw = KINDS[kind]
        if draw not in done:
            done.add(draw)
            draw()


def _kinds() -> list[str]:
    return drawable(st.query_params.get(QUERY, "").split(","))


def _first_page() -> None:
    _body(_kinds())


def _second_page() -> None:
    st.title(TITLE)


def _app() -> None:
    if NAVIGATION in _kinds():
        st.navigation([st.Page(_first_page, title="Trang một", default=True),
                       st.Page(_second_page, title="Trang hai")]).run()
    else:
        _body(_kinds())


if __name__ == "__main__":
    _app()
