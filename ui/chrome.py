"""What every page of the dashboard gets around its content: `lang="vi"` on the document
(Streamlit writes none, so browsers and screen readers take the text for English) and the
English of Streamlit's own chrome hidden, or put in Vietnamese, where its settings cannot turn
it off."""

from __future__ import annotations

import streamlit as st

SKIP_TEXT = "Chuyển đến nội dung chính"
# Set from the page itself (st.html runs it in the document, no frame and nothing fetched).
# Streamlit's link for keyboard users, "Skip to main content" (shown when Tab reaches it), has
# no setting for its words: it is kept, and given Vietnamese ones, again whenever Streamlit
# draws it anew (React leaves a text it did not change alone).
LANG = f"""<script>
(() => {{
  document.documentElement.lang = "vi";
  if (window.cdhtSkipLink) return;
  window.cdhtSkipLink = true;
  const translate = () => document.querySelectorAll('[data-testid="stSkipToContent"]').forEach(
    a => {{ if (a.textContent !== "{SKIP_TEXT}") a.textContent = "{SKIP_TEXT}"; }});
  translate();
  new MutationObserver(translate).observe(document.body, {{childList: true, subtree: true}});
}})();
</script>"""
# The main menu (Rerun, Settings, Print, About…), the "Running…" status, and the tables' hover
# toolbar (Search, Fullscreen) are English with no setting to translate them: hidden. Our own
# «Tải bảng (.csv)» replaces the tables' download.
CSS = """<style>
[data-testid="stMainMenu"], [data-testid="stStatusWidget"], [data-testid="stToolbarActions"],
[data-testid="stElementToolbar"] { display: none !important; }
[data-testid="stHtml"]:has(> script:only-child) { display: none; }
</style>"""


def vietnamese_document() -> None:
    st.html(CSS)
    st.html(LANG, unsafe_allow_javascript=True)
