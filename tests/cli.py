"""The command line as a user runs it: `python -m cdht_data ARGS` from the repository."""

from __future__ import annotations

import subprocess
import sys

from tests.paths import ROOT


def run(*args) -> subprocess.CompletedProcess:
    """`python -m cdht_data *args` in a fresh process; its exit code, stdout and stderr as text."""
    return subprocess.run([sys.executable, "-m", "cdht_data", *args], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)
