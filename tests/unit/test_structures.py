"""Figures across the change of 1/7/2025: the 2024 tables (printed, 16 old communes) shown in the
7 new communes, the SYNTHETIC 31/12/2025 tables (tests/data, 7 new communes) shown in the old
units, histories through both, and what the store opens on. Expected values are sums of the
printed cells (data/sources/loc-ninh_2024-09-30_cham-diem.csv, loc-ninh_2024_dan-so-dang-ky.csv)
or of the synthetic tables' cells, written out beside each assertion."""

import datetime as dt

import duckdb
import pytest

from cdht_data import crosswalk, metrics
from cdht_data.keys import POST2025, PRE2025
from cdht_data.summary import summary
from cdht_data.units import Merge, Unit, UnitRegistry
from cdht_data.views import frames

SEP_2024, DEC_2025 = dt.date(2024, 9, 30), dt.date(2025, 12, 31)


@pytest.fixture
def con(store_2025):
    connection = duckdb.connect(str(store_2025), read_only=True)
    yield connection
    connection.close()


def _units(out):
    return {u["name"]: u for u in out["units"]}


def test_2024_in_the_new_units_sums_each_new_communes_predecessors(con):
    out = summary(con, "692", SEP_2024, structure=POST2025)
    assert out["structure"] == POST2025 and out["area"]["key"] == "75@2025"
    assert out["asked_area"]["key"] == "692"
    assert out["rolled_up"] == {"scoring": {"from": PRE2025, "to": POST2025},
                                "population": {"from": PRE2025, "to": POST2025}}
    units = _units(out)
    thanh = units["Lộc Thạnh"]
    # Đạt: Lộc Hòa 1 + 0 + 4 = 5, Lộc Thạnh 2 + 0 + 27 = 29
    assert thanh["recognized"] == 5 + 29
    # Chưa đạt: Lộc Hòa blanks beside counts = 0; Lộc Thạnh 3 (Nhóm III)
    assert thanh["not_recognized"] == 0 + 3
    assert thanh["registered"] == 5 + 32  # population column 6
    assert thanh["population_8_60"] == 4175 + 3017  # column 3
    assert thanh["participation_pct"] == 0.51  # 37 / 7192 × 100 = 0.5144…
    assert thanh["rolled_up_from"] == "Lộc Hòa + Lộc Thạnh" and not thanh["is_partial"]
    # new xã Lộc Ninh = TT Lộc Ninh (290+103+244+114) + Lộc Thái (1+3+68) + Lộc Thuận (2+0+40)
    assert units["Lộc Ninh"]["recognized"] == 751 + 72 + 42
    assert units["Lộc Ninh"]["registered"] == 1329 + 77 + 43


def test_district_totals_equal_in_both_structures_and_tan_tien_is_partial(con):
    old = summary(con, "692", SEP_2024)
    new = summary(con, "692", SEP_2024, structure=POST2025)
    for key in ("recognized", "not_recognized", "registered", "population_8_60",
                "participation_pct", "recognition_pct"):
        assert old["totals"][key] == new["totals"][key], key
    assert old["totals"]["recognized"] == 3523  # the printed Toàn huyện: 2.133+256+854+280
    tan_tien = _units(new)["Tân Tiến"]
    assert tan_tien["is_partial"] and tan_tien["rolled_up_from"] == "Lộc An"
    assert tan_tien["recognized"] == 14 + 0 + 2  # Lộc An only
    assert any("Tân Thành" in m for m in tan_tien["missing"])
    assert new["totals"]["is_partial"] and not old.get("rolled_up")
    assert any("cộng gộp" in n for n in new["notes"])


def test_2025_in_the_old_units_sums_only_new_communes_wholly_inside(con):
    out = summary(con, "75@2025", DEC_2025, structure=PRE2025)
    assert out["area"]["key"] == "692" and out["structure"] == PRE2025
    units = _units(out)
    assert all(u["recognized"] is None for u in units.values())  # no old commune survives whole
    assert units["Lộc Hòa"]["merged_into"] == "25280@2025"
    assert units["Lộc An"]["merged_into"] == "25318@2025"
    # Đạt of the six new communes made wholly of Lộc Ninh's (synthetic table, groups I–IV):
    wholly = [420 + 150 + 330 + 160, 60 + 10 + 150 + 30, 120 + 15 + 95 + 40, 25 + 3 + 45 + 6,
              380 + 160 + 210 + 120, 1300 + 8 + 105 + 48]
    assert out["totals"]["recognized"] == sum(wholly)
    assert out["totals"]["is_partial"]
    assert any("Lộc An" in m and "Tân Tiến" in m for m in out["totals"]["missing"])


def test_opens_on_the_latest_period_in_the_area_it_covers(con):
    out = summary(con)
    assert out["as_of"] == "2025-12-31" and out["area"]["key"] == "75@2025"
    assert out["structure"] == POST2025 and "rolled_up" in out and not out["rolled_up"]
    assert out["totals"]["recognized"] == 5136 - 1084  # printed Tổng 5.136 less Chưa đạt
    assert all(s["is_synthetic"] for s in out["sources"].values())


def test_a_new_communes_history_runs_through_its_predecessors(con):
    history = metrics.figures_by_period(con, "25280@2025")
    assert [(f.as_of, f.totals["recognized_count"]) for f in history] == [
        (SEP_2024, 5 + 29), (DEC_2025, 25 + 3 + 45 + 6)]
    assert history[0].rolled_up and not history[1].rolled_up
    assert all(f.structure == POST2025 for f in history)


def test_an_old_commune_in_a_later_period_says_where_it_went(con):
    shown = metrics.area_figures(con, "25273", DEC_2025)  # Lộc Hòa, default: the new units
    assert shown.area.unit_key == "25280@2025" and shown.mapped_from.unit_key == "25273"
    assert "Lộc Hòa" in shown.notes[0] and "Lộc Thạnh" in shown.notes[0]
    old = metrics.area_figures(con, "25273", DEC_2025, structure=PRE2025)
    assert old.area.unit_key == "25273" and old.merged_into.unit_key == "25280@2025"
    assert old.totals["recognized_count"] is None
    assert any("đã sáp nhập vào xã Lộc Thạnh" in n for n in old.notes)


def test_the_previous_period_is_compared_in_the_same_units(con):
    fig = metrics.area_figures(con, None, DEC_2025)
    before = frames.previous_figures(con, fig)
    assert before.as_of == SEP_2024 and before.structure == POST2025
    assert before.totals["recognized_count"] == 3523
    assert frames.changes(fig.totals, before.totals)["recognized_count"] == 4052 - 3523


def test_low_uptake_marks_work_in_the_new_units(con):
    from cdht_data.definitions import LowUptake
    fig = metrics.area_figures(con, "692", SEP_2024, structure=POST2025)
    low = frames.low_uptake_units(fig, LowUptake(1.0, False))
    # Lộc Hưng (106+47+10)/(5801+6071+4922) = 0.97%, Lộc Thạnh 37/7192 = 0.51%,
    # Tân Tiến (Lộc An) 31/5882 = 0.53%
    assert {n.split(" (")[0] for n in low["name"]} == {"Lộc Hưng", "Lộc Thạnh", "Tân Tiến"}
    assert any("một phần" in n for n in low["name"])  # the partial unit is marked where shown


def test_new_communes_are_placed_at_their_predecessors_population_weighted_centre(con):
    places = frames.unit_places(con, ["25280@2025", "25273"])
    row = places.set_index("unit_key").loc["25280@2025"]
    # Lộc Hòa (11.9421, 106.5931; 5.482 people), Lộc Thạnh (11.9471, 106.5110; 3.962 people)
    assert row["lat"] == pytest.approx((11.9421 * 5482 + 11.9471 * 3962) / (5482 + 3962))
    assert row["lon"] == pytest.approx((106.5931 * 5482 + 106.5110 * 3962) / (5482 + 3962))
    assert row["area_km2"] == pytest.approx(50.82 + 74.63) and row["is_approximate"]
    assert not places.set_index("unit_key").loc["25273", "is_approximate"]


def _registry() -> UnitRegistry:
    """A made-up registry: old A, B, C under district D; B is split between new X and Y, A goes
    wholly into X, C wholly into Y, and Y also takes in land outside the registry."""
    day = dt.date(2025, 7, 1)
    old = dict(valid_from=None, valid_to=dt.date(2025, 6, 30), structure=PRE2025)
    new = dict(valid_from=day, valid_to=None, structure=POST2025)
    units = [Unit("D", "D", "D", "district", None, sort_order=0, **old),
             Unit("A", "A", "A", "commune", "D", sort_order=1, **old),
             Unit("B", "B", "B", "commune", "D", sort_order=2, **old),
             Unit("C", "C", "C", "commune", "D", sort_order=3, **old),
             Unit("P@", "P", "P", "province", None, sort_order=4, **new),
             Unit("X@", "X", "X", "commune", "P@", sort_order=5, **new),
             Unit("Y@", "Y", "Y", "commune", "P@", sort_order=6, **new)]
    merges = [Merge("A", "X@", day, False, None), Merge("B", "X@", day, True, None),
              Merge("B", "Y@", day, True, None), Merge("C", "Y@", day, True, "thêm đất ngoài")]
    return UnitRegistry(units, [], merges)


def test_a_split_old_unit_is_summed_into_neither_successor():
    registry = _registry()
    x = crosswalk.compose(registry, "X@", PRE2025)
    assert x.parts == ("A",) and x.is_partial and any("B" in m for m in x.missing)
    y = crosswalk.compose(registry, "Y@", PRE2025)
    assert y.parts == ("C",) and any("thêm đất ngoài" in m for m in y.missing)
    district = crosswalk.compose(registry, "D", POST2025)
    # neither X (part of B, which is split) nor Y (land outside) is wholly D's: D gets no sum
    # and says where its communes went
    assert district.parts == () and district.merged_into == ("X@", "Y@")


def test_counterparts():
    registry = _registry()
    assert crosswalk.counterpart(registry, registry.units["A"], POST2025).unit_key == "X@"
    assert crosswalk.counterpart(registry, registry.units["D"], POST2025).unit_key == "P@"
    assert crosswalk.counterpart(registry, registry.units["X@"], PRE2025).unit_key == "D"
    assert crosswalk.counterpart(registry, registry.units["A"], PRE2025) is None


def test_every_new_commune_has_a_history_back_to_2024(con):
    registry = UnitRegistry.load(con)
    new = [u for u in registry.children("75@2025", DEC_2025)]
    assert len(new) == 7
    for unit in new:
        history = metrics.figures_by_period(con, unit.unit_key)
        assert [f.as_of for f in history] == [SEP_2024, DEC_2025], unit.name
        before = history[0]
        assert before.rolled_up and before.totals["recognized_count"] is not None, unit.name
        # partial exactly where a predecessor lies outside the registry (Tân Tiến)
        assert before.is_partial == (unit.name == "Tân Tiến"), unit.name


def test_a_boundary_file_of_the_new_communes_draws_them_as_regions(con):
    """A SYNTHETIC boundary file (squares, not real boundaries) of the 7 new communes, some
    features with a code, some with an office's name only, matched to the 2024 figures shown
    in the new units (Tân Tiến's page name carries the partial mark)."""
    from cdht_data import boundaries
    fig = metrics.area_figures(con, "692", SEP_2024, structure=POST2025)
    places = frames.unit_places(con, fig.units["unit_key"].tolist()).set_index("unit_key")
    features = []
    for i, (key, code, name) in enumerate(zip(fig.units["unit_key"], fig.units["code"],
                                              fig.units["unit_name"])):
        lat, lon = places.loc[key, "lat"], places.loc[key, "lon"]
        props = {"ma_xa": code} if i % 2 else {"ten_xa": f"Xã {name}"}
        features.append({"type": "Feature", "properties": props, "geometry": {
            "type": "Polygon", "coordinates": [[[lon - .02, lat - .02], [lon + .02, lat - .02],
                                                [lon + .02, lat + .02], [lon - .02, lat + .02],
                                                [lon - .02, lat - .02]]]}})
    shape = boundaries.match_units({"type": "FeatureCollection", "features": features},
                                   fig.units, "synthetic_new_communes.geojson")
    assert not shape.unmatched and set(shape.matched) == set(fig.units["unit_key"])
    assert "Tân Tiến (◐ một phần)" in set(fig.units["name"])


def test_the_summary_paragraph_says_when_figures_are_summed(con):
    from cdht_data.definitions import LowUptake
    from cdht_data.views.narrative import summary_paragraph
    rolled = metrics.area_figures(con, "692", SEP_2024, structure=POST2025)
    text = summary_paragraph(rolled, LowUptake(), [])
    assert "được cộng gộp theo đơn vị hành chính từ 1/7/2025" in text
    assert "số liệu một phần" in text
    now = metrics.area_figures(con, None, DEC_2025)
    text = summary_paragraph(now, LowUptake(), [], frames.previous_figures(con, now))
    # 4.052 Đạt now against 3.523 (the predecessors' sums of 30/9/2024): + 529
    assert "So với kỳ 30/9/2024 (số của các đơn vị hợp thành, cộng gộp), " in text
    assert "số người đạt tăng 529" in text
    assert "cộng gộp theo" not in text.split("So với")[0]
