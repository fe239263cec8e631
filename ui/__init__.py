"""The only place that mixes Streamlit with cdht_data: caching, shared widgets, formatting."""
