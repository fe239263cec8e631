"""A store whose imported text carries Markdown and HTML, as a careless or hostile file could:
the bundled data with a population header and a commune's name rewritten. The pages must show
that text as written, and no viewer's browser may fetch from evil.example."""

from __future__ import annotations

import csv
import shutil

import pytest

from cdht_data import ingest
from tests.paths import ROOT

EVIL_IMAGE = "![x](http://evil.example/x.png)"
EVIL_LINK = "[bấm](http://evil.example)"
# The 8–60 column's header: quoted by the "estimated age bands" and "age band gap" findings,
# which mark the district's participation on «Tổng quan».
EVIL_HEADER = f"Số người từ 8 tuổi đến 60 tuổi {EVIL_IMAGE} {EVIL_LINK}"
# Lộc Hòa, a low-uptake commune (named in the notice and the summary), renamed; its old name
# stays an alias so that the source tables still find it.
EVIL_UNIT = "Lộc Hòa <b>đậm</b> :red[đỏ] $x$ https://evil.example/u"
# Lộc Thịnh, first in the league table, as a spreadsheet formula.
FORMULA_UNIT = '=HYPERLINK("http://evil.example","Lộc Thịnh")'
POPULATION = "sources/loc-ninh_2024_dan-so-dang-ky.csv"


def _rename_unit(path, code: str, name: str) -> None:
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        if row["unit_key"] == code:
            row["aliases"] = "|".join(a for a in (row["aliases"], row["name"]) if a)
            row["name"] = name
    with open(path, "w", encoding="utf-8", newline="") as f:
        writer = csv.DictWriter(f, fieldnames=list(rows[0]))
        writer.writeheader()
        writer.writerows(rows)


@pytest.fixture(scope="session")
def hostile_db(tmp_path_factory):
    data = tmp_path_factory.mktemp("hostile") / "data"
    shutil.copytree(ROOT / "data" / "reference", data / "reference")
    shutil.copytree(ROOT / "data" / "sources", data / "sources")
    shutil.copy(ROOT / "data" / "sources.toml", data / "sources.toml")
    population = data / POPULATION
    text = population.read_text(encoding="utf-8")
    assert "Số người từ 8 tuổi đến 60 tuổi," in text
    population.write_text(text.replace("Số người từ 8 tuổi đến 60 tuổi,", f'"{EVIL_HEADER}",', 1),
                          encoding="utf-8")
    _rename_unit(data / "reference" / "units.csv", "25273", EVIL_UNIT)
    _rename_unit(data / "reference" / "units.csv", "25305", FORMULA_UNIT)
    path = data.parent / "hostile.duckdb"
    ingest.build(path, data)
    return path
