"""CDHT data core: readers, the DuckDB store, metrics and checks. No Streamlit here."""
