"""An XLSX as a reader prints it: LibreOffice writes its PDF, poppler reads the pages back
(tests/output_renders/ holds the PNGs for a person to look at)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess

import pytest

from tests.paths import ROOT

RENDERS = ROOT / "tests" / "output_renders"
TOOLS = ("soffice", "pdftoppm", "pdftotext", "pdfinfo")
# For a test module: slow (LibreOffice starts in some 5 s), and only where the tools are.
MARKS = [pytest.mark.slow,
         pytest.mark.skipif(not all(shutil.which(t) for t in TOOLS),
                            reason="make test installs LibreOffice and poppler-utils")]


def pdf_of(xlsx, tmp_path):
    """LibreOffice's PDF of `xlsx`, in an English locale (the formats must not depend on it)
    and its own profile (tests run in parallel)."""
    env = {**os.environ, "LANG": "en_US.UTF-8", "LC_ALL": "en_US.UTF-8"}
    subprocess.run(["soffice", "--headless", f"-env:UserInstallation=file://{tmp_path}/lo",
                    "--convert-to", "pdf", "--outdir", str(tmp_path), str(xlsx)],
                   check=True, capture_output=True, timeout=300, env=env)
    return xlsx.with_suffix(".pdf")


def page_sizes(pdf) -> list[tuple[float, float]]:
    info = subprocess.run(["pdfinfo", "-l", "999", str(pdf)], check=True, capture_output=True,
                          text=True).stdout
    return [(float(w), float(h)) for w, h in
            re.findall(r"Page\s+\d+ size:\s+([\d.]+) x ([\d.]+)", info)]


def page_text(pdf, page: int) -> str:
    return subprocess.run(["pdftotext", "-layout", "-f", str(page), "-l", str(page), str(pdf),
                           "-"], check=True, capture_output=True, text=True).stdout
