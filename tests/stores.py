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


def store_rows(connection, leave_out=("history",)) -> dict[str, list[tuple]]:
    """Every row of every table, sorted: what 'exactly as before' is checked against. Finding
    ids are left out (a recheck numbers the same findings anew), and so are the tables in
    `leave_out` (the history records the very change being compared)."""
    names = [r[0] for r in connection.execute(
        "SELECT table_name FROM information_schema.tables WHERE table_schema = 'main' "
        "AND table_type = 'BASE TABLE' ORDER BY table_name").fetchall()]
    out = {}
    for name in names:
        if name in leave_out:
            continue
        columns = [r[0] for r in connection.execute(
            "SELECT column_name FROM information_schema.columns WHERE table_schema = 'main' "
            "AND table_name = ? ORDER BY ordinal_position", [name]).fetchall()]
        listed = ", ".join(f'"{c}"' for c in columns if c != "finding_id")
        out[name] = sorted(connection.execute(f'SELECT {listed} FROM "{name}"').fetchall(),
                           key=repr)
    return out


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


# A made-up account for the tests of «Nhập số liệu» (never a real person's).
WRITER, WRITER_PASSWORD = "quan_tri_thu", "mat-khau-thu-nghiem"
# A made-up account of the other role, that enters data but sets no deadline and undoes nothing.
CLERK = "nhap_lieu_thu"
