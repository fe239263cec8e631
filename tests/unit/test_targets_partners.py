"""Targets (targets.toml) and partners (partners.toml): the bundled files as the decisions
and the Lộc Ninh report state them, and the refusals of a wrong file."""

from __future__ import annotations

import pytest

from cdht_data import partners, targets
from cdht_data.errors import InputError


def test_the_national_targets_of_677_and_387_as_the_decisions_state_them():
    found = {t.id: t for t in targets.load()}
    # 677/QĐ-TTg: adults 40% by 2025, 60% by 2030; officials 60% / 80%
    assert [(t.year, t.pct) for t in targets.for_all_groups(list(found.values()))] == [
        (2025, 40.0), (2030, 60.0)]
    assert (found["677-cbccvc-2030"].pct, found["677-cbccvc-2030"].group_in("qd-324-2023")) == (
        80.0, 3)
    # 387/QĐ-TTg: workers 40%, officials 60% in 2025
    assert (found["387-cong-nhan-2025"].pct, found["387-cong-nhan-2025"].group_in(
        "qd-324-2023")) == (40.0, 2)
    assert all(t.area is None for t in found.values())
    assert found["677-2025"].base_words.startswith("dân số 8–60 tuổi")


def test_people_to_recognize_rounds_up():
    # Lộc Hòa: 40% of 4.175 people aged 8–60 is 1.670 people; 5 recognised → 1.665 to go
    assert targets.load()[0].people_to_recognize(5, 4175) == 1665
    assert targets.load()[0].people_to_recognize(2000, 4175) == 0
    assert targets.load()[0].people_to_recognize(0, 4176) == 1671  # 1.670,4 → 1.671


def test_a_local_target_stands_beside_the_national_ones_only_in_its_area(tmp_path):
    path = tmp_path / "targets.toml"
    path.write_text('[[target]]\nid = "a"\nsource = "s"\nwho = "w"\nyear = 2025\npct = 40\n'
                    'base = "dan_so_8_60"\n\n[[target]]\nid = "b"\nsource = "s"\nwho = "w"\n'
                    'year = 2025\npct = 45\nbase = "dan_so_8_60"\narea = "K"\n',
                    encoding="utf-8")
    found = targets.load(path)
    assert [t.id for t in targets.for_area(found, ["X", "K", "P"])] == ["a", "b"]
    assert [t.id for t in targets.for_area(found, ["Y", "P"])] == ["a"]


@pytest.mark.parametrize("body, words", [
    ('pct = 140\nbase = "dan_so_8_60"', "tỉ lệ «140»"),
    ('pct = 40\nbase = "nguoi_lon"', "cơ sở tính «nguoi_lon»"),
    ('pct = 40\nbase = "nhom"', "phải ghi «groups»"),
    ('pct = 40\nbase = "dan_so_8_60"\ncolour = 1', "không có trường colour"),
])
def test_a_wrong_target_is_refused_naming_the_file_and_the_entry(tmp_path, body, words):
    path = tmp_path / "targets.toml"
    path.write_text(f'[[target]]\nid = "a"\nsource = "s"\nwho = "w"\nyear = 2025\n{body}\n',
                    encoding="utf-8")
    with pytest.raises(InputError, match="chỉ tiêu thứ 1") as caught:
        targets.load(path)
    assert words in str(caught.value) and "targets.toml" in str(caught.value)


def test_each_group_of_the_324_rules_has_the_partner_the_report_names():
    found = partners.load()
    names = {no: partners.for_group(found, "qd-324-2023", no).name for no in (1, 2, 3, 4)}
    assert names[1].startswith("Ủy ban Mặt trận Tổ quốc")
    assert names[2].startswith("Liên đoàn Lao động")
    assert "cơ quan, đơn vị" in names[3]
    assert names[4].startswith("Phòng Giáo dục và Đào tạo")
    assert partners.for_group(found, "thi-diem-2021", 4) is None  # the pilot had 3 groups


def test_two_partners_for_one_group_are_refused(tmp_path):
    path = tmp_path / "partners.toml"
    entry = 'id = "{}"\nname = "n"\nsuggestion = "s"\ngroups = {{ "r" = 1 }}\n'
    path.write_text("[[partner]]\n" + entry.format("a") + "[[partner]]\n" + entry.format("b"),
                    encoding="utf-8")
    with pytest.raises(InputError, match="hơn một đối tác"):
        partners.load(path)
