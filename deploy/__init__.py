"""Serving the dashboard: one process with Nagle's algorithm off (`serve.py`, `make run`), or
several behind a reverse proxy (`make run-multi`); no part of the data core or the pages:
`cdht_data` and `ui` never import it."""
