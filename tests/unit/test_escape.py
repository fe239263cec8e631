"""Text from data escaped for Streamlit's Markdown (ui.escape)."""

import pytest

from ui.escape import WORD_JOINER as WJ
from ui.escape import markdown


@pytest.mark.parametrize("text, expected", [
    ("Lộc Hòa", "Lộc Hòa"),
    ("Thôn Bao La – Đức Nhuận (76,92%)", "Thôn Bao La – Đức Nhuận (76,92%)"),
    ("5.140 người, 16,70%", "5.140 người, 16,70%"),
    # images and links: the brackets are text
    ("![x](http://evil.example/x.png)", rf"\!\[x\](http\:{WJ}//evil.example/x.png)"),
    ("[bấm](http://evil.example)", rf"\[bấm\](http\:{WJ}//evil.example)"),
    # GFM autolinks, found in the text after parsing: broken by an invisible word joiner
    ("http://evil.example", rf"http\:{WJ}//evil.example"),
    ("www.evil.example", f"www{WJ}.evil.example"),
    ("WWW.evil.example", f"WWW{WJ}.evil.example"),
    ("ai@evil.example", f"ai@{WJ}evil.example"),
    # Streamlit's directives, icons and math
    (":red[đỏ]", rf"\:{WJ}red\[đỏ\]"),
    (":material/school:", rf"\:{WJ}material/school\:"),
    (":streamlit:", rf"\:{WJ}streamlit\:"),
    ("$x^2$", r"\$x^2\$"),
    # HTML, entities, emphasis, code, strikethrough, tables
    ("<b>x</b>", r"\<b\>x\</b\>"),
    ("&amp;", r"\&amp;"),
    ("*a* _b_ `c` ~~d~~ |e|", r"\*a\* \_b\_ \`c\` \~\~d\~\~ \|e\|"),
    ("a\\b", r"a\\b"),
    # a line start: heading, quote, list, numbered list, setext underline
    ("# Tiêu đề", r"\# Tiêu đề"),
    ("> trích", r"\> trích"),
    ("- mục", r"\- mục"),
    ("+ mục", r"\+ mục"),
    ("1. Lộc Ninh", r"1\. Lộc Ninh"),
    ("2) Lộc Ninh", r"2\) Lộc Ninh"),
    ("12.345 người", "12.345 người"),  # a number, not an item
    # arrows and dashes Streamlit would redraw
    ("a -> b", rf"a \-{WJ}\> b"),
    ("a -- b", rf"a \-{WJ}\- b"),
    ("a >= b", rf"a \>{WJ}\= b"),
    # one line: a line break cannot start a block, leading spaces cannot start code
    ("a\n# b", r"a \# b"),
    ("a\r\n\r\nb", "a b"),
    ("    mã", "mã"),
    (None, ""),
    (25273, "25273"),
])
def test_markdown_escapes_what_markdown_and_streamlit_would_read(text, expected):
    assert markdown(text) == expected
