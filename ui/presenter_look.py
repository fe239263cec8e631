"""How the presenter view looks on a projector (1920 × 1080): type sizes and colours, and the
CSS that hides the sidebar and Streamlit's chrome. No Streamlit here, so the colours can be
checked (tests/unit/test_contrast.py)."""

from __future__ import annotations

from .charts import BACKGROUND, BLUE, LOW_COLOUR, TEXT

# WCAG's "large text" starts at 24 px; a hall reads 28 px from the back rows.
BODY_PX = 28
TITLE_PX = 56
FIGURE_PX = 96
# The projector's width, and the slide's padding at each side: what a slide's chart spans.
SCREEN_PX, SIDE_PX = 1920, 72
CONTENT_PX = SCREEN_PX - 2 * SIDE_PX
MUTED = "#4A4A4A"  # the footer and the labels above big figures (8,9:1 on white)
# (text, background) pairs the slides draw.
PAIRS = ((TEXT, BACKGROUND), (MUTED, BACKGROUND), (BLUE, BACKGROUND), (LOW_COLOUR, BACKGROUND))

CSS = f"""<style>
.slide {{ font-size: {BODY_PX}px; color: {TEXT}; }}
[data-testid="stSidebar"], [data-testid="stSidebarCollapsedControl"],
[data-testid="stExpandSidebarButton"], [data-testid="stHeader"], [data-testid="stToolbar"],
[data-testid="stDecoration"], [data-testid="stStatusWidget"], [data-testid="stSidebarNav"]
  {{ display: none !important; }}
[data-testid="stMain"] {{ margin-left: 0 !important; }}
[data-testid="stMainBlockContainer"] {{ max-width: 100% !important; padding: 32px {SIDE_PX}px 16px; }}
[data-testid="stMain"] p, [data-testid="stMain"] li, [data-testid="stMain"] td,
[data-testid="stMain"] button, [data-testid="stMain"] a
  {{ font-size: {BODY_PX}px !important; line-height: 1.35; color: {TEXT}; }}
.slide h1 {{ font-size: {TITLE_PX}px !important; font-weight: 700; color: {TEXT};
  margin: 0 0 24px; padding: 0; line-height: 1.15; }}
.slide .where {{ font-size: {BODY_PX}px; color: {MUTED}; margin: 0 0 16px; }}
.slide .figures {{ display: grid; grid-template-columns: repeat(2, 1fr); gap: 40px 80px; }}
.slide .figure .label {{ font-size: {BODY_PX + 4}px; color: {MUTED}; }}
.slide .figure .value {{ font-size: {FIGURE_PX}px; font-weight: 700; color: {BLUE};
  line-height: 1.1; }}
.slide .figure .note {{ font-size: {BODY_PX}px; color: {TEXT}; }}
.slide ul {{ margin: 0; padding-left: 1.2em; }}
.slide li {{ font-size: {BODY_PX + 4}px !important; margin: 0 0 18px; color: {TEXT}; }}
.slide .low {{ color: {LOW_COLOUR}; font-weight: 700; }}
.slide-footer {{ font-size: {BODY_PX}px; color: {MUTED}; }}
</style>"""
