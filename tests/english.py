"""Finding English on a page meant to be all Vietnamese: the words Streamlit itself writes (and
pandas' missing-value and boolean cells), matched as whole words, and the visible text of an
AppTest page to match them in.

The list is of what Streamlit 1.67's widgets and chrome print, plus what Python and pandas
print for missing values and booleans. It is case-sensitive because "nan" and "NaN", "None"
and "none" are each what some library prints.
"""

from __future__ import annotations

import re

import pandas as pd

from tests.vega_shown import spec_and_rows

ENGLISH_UI_WORDS = (
    "Browse files", "Drag and drop", "Limit", "per file", "Upload", "upload", "Deploy",
    "Running", "Rerun", "Settings", "Search", "Download", "Clear", "Choose", "Choose an option",
    "No data", "No results", "None", "True", "False", "NaN", "nan", "NaT", "null", "Press Enter",
    "Select", "options", "Show password", "Hide password", "YYYY", "yyyy", "DD/MM", "Stop", "Print",
    "Record a screencast", "About", "Developer options", "Clear cache", "Made with",
    "Something went wrong", "Error", "Loading", "Connecting", "Please wait", "Submit", "Cancel",
    "files", "Remove", "Delete", "Add row", "Fullscreen", "Close", "Open", "Show", "Hide",
    "Copy", "Enter", "submit",
    # the keyboard users' link of every page, Streamlit's "Page not found", Vega's menu
    "Skip to main content", "Skip", "main content", "Page not found", "Save as SVG",
    "Save as PNG", "View Source", "Open in Vega Editor",
)
_FOUND = re.compile(r"(?<!\w)(" + "|".join(re.escape(w) for w in sorted(
    ENGLISH_UI_WORDS, key=len, reverse=True)) + r")(?!\w)")


def english_words(text: str) -> list[str]:
    """The words of ENGLISH_UI_WORDS in `text`, each where a whole word stands (so "None" in
    "Nonexistent" or "nan" in "nhanh" is not one)."""
    return _FOUND.findall(text)


# In a real browser: the body's text as the user reads it (innerText leaves out what CSS hides)
# and the words shown on hover or in an empty field (title, placeholder) of the elements on
# screen. Screen readers' aria-labels ("Choose an option", "Open") are not scanned: Streamlit
# writes them in English with no way to replace them.
# A placeholder CSS makes transparent is not shown; nor is the name of a Material icon, which
# the icon font draws as a picture ("upload", "search").
_SHOWN_ATTRIBUTES = """() => [...document.querySelectorAll('[title], [placeholder]')]
  .filter(e => e.checkVisibility({visibilityProperty: true}))
  .flatMap(e => [e.getAttribute('title') || '',
                 getComputedStyle(e, '::placeholder').color === 'rgba(0, 0, 0, 0)'
                   ? '' : e.getAttribute('placeholder') || ''])"""
# Text drawn in a transparent colour (CSS hiding a word that must stay in place) is not shown
# either.
_UNSHOWN = """() => [
  ...[...document.querySelectorAll('[data-testid="stIconMaterial"]')]
    .filter(e => e.checkVisibility({visibilityProperty: true})).map(e => e.innerText),
  ...[...document.querySelectorAll('body *')]
    .filter(e => e.childElementCount === 0 && e.innerText && e.checkVisibility()
                 && getComputedStyle(e).color === 'rgba(0, 0, 0, 0)').map(e => e.innerText)]"""


def body_text(page) -> str:
    """What a Playwright page shows as text, tooltips left out: innerText of the body without
    icon names and transparent text."""
    text = page.inner_text("body")
    for unshown in page.evaluate(_UNSHOWN):
        text = text.replace(unshown, "", 1)
    return text


def page_text(page) -> str:
    """What a Playwright page shows: body_text and the shown attributes (tooltips,
    placeholders)."""
    return "\n".join([body_text(page), *page.evaluate(_SHOWN_ATTRIBUTES)])


def visible_text(at) -> list[str]:
    """Everything an AppTest page shows, main area and sidebar: texts, labels, options, tab
    and expander titles, every table cell as Streamlit writes it, a chart's visible words."""
    out = []
    for root in (at.main, at.sidebar):
        for node in root:
            out.extend(_texts(node))
    return [t for t in out if t]


def _texts(node) -> list[str]:
    proto = getattr(node, "proto", None)
    if node.type == "dataframe":
        # a missing cell shows the table's placeholder ("" too), else Streamlit's "None"
        placeholder = proto.placeholder if proto.HasField("placeholder") else "None"
        return frame_texts(node.value, placeholder)
    if node.type == "vega_lite_chart":
        spec, rows = spec_and_rows(node)
        return _vega_texts({**spec, "data": {"values": rows}})
    if node.type == "html" and proto.body.lstrip().startswith(("<script", "<style")):
        return []  # a script or style sheet: nothing of it is shown
    if proto is None or not hasattr(proto, "ListFields"):
        return []
    texts = []
    for field, value in proto.ListFields():
        if field.name in ("body", "label", "placeholder", "help"):
            texts.append(str(value))
        elif field.name == "options":
            texts.extend(str(v) for v in value)
    return texts


def frame_texts(frame: pd.DataFrame, placeholder: str) -> list[str]:
    """A table's headers and cells as Streamlit draws them: a missing cell as `placeholder`
    (Streamlit writes "None" unless one is given), a boolean column as ticks (no text)."""
    texts = [str(c) for c in frame.columns]
    if frame.index.name is not None or not isinstance(frame.index, pd.RangeIndex):
        texts.extend(str(i) for i in frame.index)
    for column in frame.columns:
        values = frame[column]
        if pd.api.types.is_bool_dtype(values.dtype):
            continue
        texts.extend(placeholder if pd.isna(v) else str(v) for v in values.tolist())
    return texts


def _vega_texts(spec) -> list[str]:
    """A Vega-Lite chart's words, more than it shows rather than fewer: every title anywhere in
    the spec and every text in its rows (the counts, names and hovers), colours left out."""
    if isinstance(spec, list):
        return [t for part in spec for t in _vega_texts(part)]
    if not isinstance(spec, dict):
        return []
    texts = []
    for key, value in spec.items():
        if key == "title" and isinstance(value, (str, list)):
            texts.extend([value] if isinstance(value, str) else map(str, value))
        elif key == "title" and isinstance(value, dict):  # a title with its own look
            texts.append(str(value.get("text", "")))
        elif key == "values" and isinstance(value, list):
            texts.extend(v for row in value if isinstance(row, dict) for v in row.values()
                         if isinstance(v, str) and not v.startswith("#"))
        else:
            texts.extend(_vega_texts(value))
    return texts
