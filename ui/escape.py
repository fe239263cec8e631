"""Text from data shown as written: escaped for Streamlit's Markdown.

Unit names, headers, row labels, quoted report text, file names and the finding messages that
quote them come from files people import or upload. Streamlit renders every st.markdown,
st.caption, alert, toast, header, metric and expander label as Markdown (links, images fetched
by every viewer's browser, GFM autolinks, `:red[…]` and `:material/…:` directives, `$…$`
math). Charts need nothing: Vega-Lite draws text as text. No Streamlit here, so the rules are
tested directly.
"""

from __future__ import annotations

import re

# Every ASCII character Markdown or Streamlit's extensions give a meaning inside a line:
# emphasis, code, links and images, raw HTML and entities, strikethrough, math, directives,
# tables, headings, lists, setext underlines and directive attributes.
_MARKDOWN_SIGNS = re.compile(r"([\\`*_\[\]<>&~$:|#!{}+\-=])")
# Streamlit and GFM also rewrite plain text after parsing, where an escape no longer shows:
# autolinks ("http://", "www.", "a@b.c"), ":streamlit:", ":material/…:" (rewritten in the
# source) and arrows or dashes made of two signs ("->", "--", ">="). A word joiner (U+2060,
# invisible, zero width) between the two characters, put in before escaping, keeps those
# patterns from matching.
WORD_JOINER = "\u2060"
_REWRITTEN = re.compile(r"(?<=:)(?=\S)|(?<=@)|(?<=www)(?=\.)|(?<=[<>\-~=])(?=[<>\-=])",
                        re.IGNORECASE)
_LINE_BREAKS = re.compile(r"[\r\n\u2028\u2029\x0b\x0c\x85]+")
_ORDERED_ITEM = re.compile(r"^(\d+)([.)])(?=\s|$)")


def markdown(text) -> str:
    """`text` (anything; None is blank) for a Markdown element, shown literally on one line.

    Line breaks become spaces and leading spaces go (a browser shows neither in a line, and
    either could start a new block or a code block); a number with "." or ")" at the start
    is escaped so that it cannot start a list.
    """
    line = _LINE_BREAKS.sub(" ", "" if text is None else str(text)).lstrip()
    line = _REWRITTEN.sub(WORD_JOINER, line)
    line = _MARKDOWN_SIGNS.sub(r"\\\1", line)
    return _ORDERED_ITEM.sub(r"\1\\\2", line)
