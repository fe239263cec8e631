"""The data-quality layer: rules that compare a source's figures with each other.

Pure data code (no Streamlit). Findings are recomputed after every import and build and kept
in the `findings` table; `python -m cdht_data check --json` prints them.
"""

from .findings import Finding
from .registry import RULES, Rule
from .run import refresh_findings, stored_findings

__all__ = ["Finding", "RULES", "Rule", "refresh_findings", "stored_findings"]
