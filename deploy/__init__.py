"""Serving the dashboard with several processes behind a reverse proxy (`make run-multi`): no
part of the data core or the pages; `cdht_data` and `ui` never import it."""
