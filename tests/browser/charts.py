"""What the browser tests know of a drawn chart: every chart is Vega-Lite's (ui/vega.py,
ui/maps.py), its box and the SVG it draws its marks into (each spec asks for the SVG
renderer, so its words are text the browser can read and measure)."""

CHARTS = '[data-testid="stVegaLiteChart"]'

# Every chart on screen has drawn (a chart CSS hides, such as the map's phone copy on a
# computer's screen or the computer's map on a phone, is not waited for).
CHARTS_DRAWN = """() => [...document.querySelectorAll('""" + CHARTS + """')]
  .filter(e => e.checkVisibility())
  .every(e => e.querySelector('svg.marks'))"""
