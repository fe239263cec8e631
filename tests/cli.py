"""The command line as a user runs it: `python -m cdht_data ARGS` from the repository."""

from __future__ import annotations

import contextlib
import io
import subprocess
import sys
from dataclasses import dataclass

from tests.paths import ROOT


def run(*args, stdin: str | None = None) -> subprocess.CompletedProcess:
    """`python -m cdht_data *args` in a fresh process, `stdin` typed into it; its exit code,
    stdout and stderr as text."""
    return subprocess.run([sys.executable, "-m", "cdht_data", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True, timeout=120)


@dataclass
class Ran:
    returncode: int
    stdout: str
    stderr: str


def run_here(*args, stdin: str = "") -> Ran:
    """`run` inside this process (no interpreter to start): cdht_data.cli.main with `stdin` as
    standard input. For the many short commands of one test; `run` for the real process."""
    from cdht_data.cli import main
    out, err = io.StringIO(), io.StringIO()
    with (contextlib.redirect_stdout(out), contextlib.redirect_stderr(err),
          _standard_input(stdin)):
        try:
            code = main([str(a) for a in args])
        except SystemExit as exc:  # argparse's refusals
            code = exc.code
    return Ran(code, out.getvalue(), err.getvalue())


@contextlib.contextmanager
def _standard_input(text: str):
    saved = sys.stdin
    sys.stdin = io.StringIO(text)
    try:
        yield
    finally:
        sys.stdin = saved
