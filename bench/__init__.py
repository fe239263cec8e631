"""The benchmark: speed and memory of the data core and the pages on synthetic national data,
side by side with the obvious alternatives (plain pandas, polars, openpyxl).

Not part of the product: `cdht_data` and `ui` never import it, and what only the benchmark
needs (the recompute engines, their tuning, the comparators) lives here. It measures the
product through its public functions: the import (`cdht_data.ingest`), the quality checks, and
each page's one call (`cdht_data.views.*`, and the same call through `ui.data`'s cache).

Run `python -m bench --people 10000000` (`make bench`); modules, in the order a run uses them:
synthetic.py (the data), ingest.py, page_calls.py and queries.py, pages.py (the Streamlit
steps, in a child process), recompute.py, goals.py, report.py; measure.py times and samples.
"""
