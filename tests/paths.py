"""Paths the tests read: the repository and the files in it that more than one test opens."""

from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
# Squares around commune centres, not real boundaries (the file says so in its own metadata).
SYNTHETIC_BOUNDARIES = ROOT / "tests" / "data" / "synthetic_boundaries_loc_ninh.geojson"
# the SYNTHETIC (labelled) 31/12/2025 tables of the 7 communes in force since 1/7/2025
SYNTHETIC_2025 = ROOT / "tests" / "data" / "synthetic_2025.toml"
# its SYNTHETIC scoring table of the 7 new communes, dated 31/12/2025
NEW_COMMUNES = ROOT / "tests" / "data" / "synthetic_loc-ninh_2025-12-31_cham-diem.csv"
# the bundled district's printed scoring table of 30/9/2024
SCORING_2024 = ROOT / "data" / "sources" / "loc-ninh_2024-09-30_cham-diem.csv"
