"""Small steps on a test's own store: put an inline table in, read what the checks found, count
rows."""

from __future__ import annotations

from cdht_data.ingest import import_file
from cdht_data.quality import stored_findings
from tests.tables import GOOD_POP, GOOD_POP_TOTAL, POP_HEADER, RECORDS_AS_OF


def table_counts(connection) -> dict[str, int]:
    """Row count of every table: what 'nothing changed' is checked against."""
    names = [r[0] for r in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main'").fetchall()]
    return {n: connection.execute(f'SELECT count(*) FROM "{n}"').fetchone()[0] for n in names}


def findings(con, rule: str) -> list:
    """The stored findings of one quality rule."""
    return [f for f in stored_findings(con) if f.rule == rule]


def import_population(con, write_csv, rows=GOOD_POP, total=GOOD_POP_TOTAL):
    """A population table (POP_HEADER, `rows`, `total`) imported into `con`, checks run."""
    import_file(con, write_csv("population.csv", POP_HEADER + rows + [total]), "population")
    return con


def import_records(con, path, **kw):
    """A records file imported as of RECORDS_AS_OF unless `as_of` says otherwise."""
    return import_file(con, path, "records", as_of=kw.pop("as_of", RECORDS_AS_OF), **kw)
