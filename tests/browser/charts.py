"""What the browser tests know of a drawn chart, for both libraries the pages use: plotly's
box and its SVG, and Vega-Lite's box and its marks (SVG, ui/vega.py)."""

CHARTS = '[data-testid="stPlotlyChart"], [data-testid="stVegaLiteChart"]'

# Every chart on screen has drawn (a chart CSS hides, such as the map's phone copy on a
# computer, is not waited for). Plotly keeps its drawing hidden until it is laid out.
CHARTS_DRAWN = """() => [...document.querySelectorAll('""" + CHARTS + """')]
  .filter(e => e.checkVisibility())
  .every(e => e.dataset.testid === 'stVegaLiteChart'
    ? e.querySelector('svg.marks, canvas')
    : e.querySelector('.js-plotly-plot .main-svg')
      && getComputedStyle(e.querySelector('.js-plotly-plot')).visibility !== 'hidden')"""
