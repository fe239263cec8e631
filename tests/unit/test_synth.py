"""The synthetic data generator: sizes, determinism with a seed, and labels that say synthetic."""

import csv
import json
import tomllib

import duckdb
import pytest

from cdht_data import ingest, metrics
from cdht_data.synth import COUNTRY_KEY, COUNTRY_NAME, synthesize

COMMUNES, PEOPLE = 25, 2000


@pytest.fixture(scope="module")
def synth(tmp_path_factory):
    return synthesize(tmp_path_factory.mktemp("synth") / "a", COMMUNES, PEOPLE, seed=3)


def rows(path):
    with open(path, encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def test_sizes(synth):
    units = rows(synth.files["units"])
    assert sum(u["level"] == "commune" for u in units) == COMMUNES
    assert [u["level"] for u in units].count("country") == 1
    assert duckdb.execute("SELECT count(*) FROM read_parquet($p)",
                          {"p": str(synth.files["records_parquet"])}).fetchone()[0] == PEOPLE
    assert len(rows(synth.files["records_csv"])) == PEOPLE
    population = synth.files["population"].read_text(encoding="utf-8").splitlines()
    assert len(population) == 2 + COMMUNES  # title, header, one row per commune


def test_people_fit_the_population_table(synth):
    per_commune = dict(duckdb.execute(
        'SELECT "Mã xã", count(*) FROM read_parquet($p) GROUP BY 1',
        {"p": str(synth.files["records_parquet"])}).fetchall())
    with open(synth.files["population"], encoding="utf-8", newline="") as f:
        table = list(csv.reader(f))[2:]
    for _, _, code, population, under_7, age_8_60, over_60, unable, registered in table:
        assert int(population) == int(under_7) + int(age_8_60) + int(over_60) + int(unable)
        assert per_commune.get(code, 0) <= int(registered) <= int(age_8_60)


def test_scores_follow_the_324_rule(synth):
    ind = " + ".join(f'"Chỉ số {k}"' for k in range(1, 11))
    least = ", ".join(f'"Chỉ số {k}"' for k in range(1, 11))
    wrong, share = duckdb.execute(
        f'SELECT count_if(abs("Tổng điểm" - ({ind})) > 1e-9 OR ("Kết quả" = \'Đạt\') <> '
        f'("Tổng điểm" >= 80 AND least({least}) >= 5)), avg(("Kết quả" = \'Đạt\')::INT) '
        "FROM read_parquet($p)", {"p": str(synth.files["records_parquet"])}).fetchone()
    assert wrong == 0
    assert 0.4 < share < 0.9  # plausible: most but not all are recognised


def test_the_indicator_floor_refuses_some_high_totals(synth):
    """Without shortfalls the floor never bites: every Chưa đạt would be a low total, and an
    engine could skip the indicators from their min/max statistics alone."""
    least = ", ".join(f'"Chỉ số {k}"' for k in range(1, 11))
    short, high_but_short = duckdb.execute(
        f"SELECT avg((least({least}) < 5)::INT), "
        f'count_if("Tổng điểm" >= 80 AND least({least}) < 5 AND "Kết quả" = \'Chưa đạt\') '
        "FROM read_parquet($p)", {"p": str(synth.files["records_parquet"])}).fetchone()
    assert 0.02 < short < 0.12
    assert high_but_short > 0
    groups = duckdb.execute('SELECT DISTINCT "Nhóm" FROM read_parquet($p) ORDER BY 1',
                            {"p": str(synth.files["records_parquet"])}).fetchall()
    assert groups == [(1,), (2,), (3,), (4,)]


def test_same_seed_same_files_other_seed_other_files(synth, tmp_path):
    again = synthesize(tmp_path / "b", COMMUNES, PEOPLE, seed=3)
    other = synthesize(tmp_path / "c", COMMUNES, PEOPLE, seed=4)
    for key in ("units", "records_csv", "population"):
        assert again.files[key].read_bytes() == synth.files[key].read_bytes(), key
        assert other.files[key].read_bytes() != synth.files[key].read_bytes(), key


def test_everything_says_synthetic(synth):
    for key, path in synth.files.items():
        if key not in ("units", "sources"):
            assert path.name.startswith("synthetic_"), path
    manifest = json.loads(synth.files["manifest"].read_text(encoding="utf-8"))
    assert manifest["is_synthetic"] is True and manifest["seed"] == 3
    sources = tomllib.loads(synth.files["sources"].read_text(encoding="utf-8"))["source"]
    assert sources and all(s["is_synthetic"] for s in sources)
    assert all("mô phỏng" in s["title"].casefold() for s in sources)
    units = rows(synth.files["units"])
    assert all("mô phỏng" in u["name"].casefold() for u in units)
    assert all(u["code"].startswith("MP") and u["is_official_code"] == "false" for u in units)


def test_store_built_from_it_is_marked_synthetic(synth, tmp_path):
    db = ingest.build(tmp_path / "synth.duckdb", synth.out)
    con = duckdb.connect(str(db), read_only=True)
    try:
        assert con.execute("SELECT bool_and(is_synthetic), count(*) FROM datasets").fetchone() \
            == (True, 2)
        fig = metrics.area_figures(con)  # no area asked: the area the tables cover, marked
        assert fig.is_synthetic and fig.area.level == "province"
        assert "(mô phỏng)" in fig.area.name
        assert fig.totals["assessed_count"] == PEOPLE
        country = metrics.area_figures(con, COUNTRY_KEY)
        assert country.is_synthetic and country.area.name == COUNTRY_NAME
        assert country.area.name.startswith("Dữ liệu mô phỏng")
        assert country.totals["assessed_count"] == PEOPLE
    finally:
        con.close()
