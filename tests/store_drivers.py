"""Processes the store-safety tests start: a command killed at a chosen moment, a reader.

python -m tests.store_drivers KILL|INT before|after MODULE:FUNCTION CLI-ARGS...
    runs the command line and sends its own process SIGKILL (or SIGINT, as Ctrl-C does) at the
    first call of the function (before it runs, or right after it returns); exit status 3 if
    it was never called.
python -m tests.store_drivers hold open_read|plain DB
    opens the store read-only as the dashboard does (store.open_read; `plain`: a DuckDB
    read-only connection, as it did before), prints the number of datasets, waits for a line on
    stdin, then prints the count through the connection still open and through a new
    open_read, as JSON.
"""

from __future__ import annotations

import importlib
import json
import signal
import sys

import duckdb

from cdht_data import store
from cdht_data.cli import main

COUNT = "SELECT count(*) FROM datasets"


def signalled(sig: str, when: str, target: str, args: list[str]) -> int:
    module_name, name = target.split(":")
    module = importlib.import_module(module_name)
    original = getattr(module, name)
    fired = []

    def at_the_moment(*a, **kw):
        if when == "after":
            original(*a, **kw)
        fired.append(sig)
        # raise_signal sends it to this thread and runs Python's handler before it returns
        # (SIGINT: KeyboardInterrupt here); os.kill may let another thread take it, late.
        signal.raise_signal(getattr(signal, f"SIG{sig}"))
        raise AssertionError("still running after the signal")

    setattr(module, name, at_the_moment)
    # Ctrl-C at a terminal: a process started in the background of a shell without job
    # control inherits SIGINT ignored, and Python then leaves it so.
    signal.signal(signal.SIGINT, signal.default_int_handler)
    status = main(args)
    return status if fired else 3


def hold(kind: str, db: str) -> int:
    held = duckdb.connect(db, read_only=True) if kind == "plain" else store.open_read(db)
    print(json.dumps({"before": held.execute(COUNT).fetchone()[0]}), flush=True)
    sys.stdin.readline()
    fresh = store.open_read(db)
    print(json.dumps({"held": held.execute(COUNT).fetchone()[0],
                      "fresh": fresh.execute(COUNT).fetchone()[0]}), flush=True)
    return 0


if __name__ == "__main__":
    mode, *rest = sys.argv[1:]
    sys.exit(hold(*rest) if mode == "hold" else signalled(mode, rest[0], rest[1], rest[2:]))
