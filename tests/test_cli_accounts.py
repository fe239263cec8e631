"""`user add | list | remove` as the server's operator runs them: the password on standard
input, never echoed, logged or stored in clear."""

import json

import pytest

from tests.cli import run, run_here

PASSWORD = "Mat-khau-2025"  # 13 characters


def users(db) -> list[dict]:
    result = run_here("user", "list", "--json", "--db", str(db))
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)


@pytest.mark.slow  # three processes
def test_add_reads_the_password_from_stdin_and_resolves_units_like_area(store_copy):
    added = run("user", "add", "Lan", "--role", "nhap_lieu", "--units", "Lộc Hòa, 25280",
                "--db", str(store_copy), stdin=PASSWORD + "\n")
    assert added.returncode == 0, added.stderr
    assert "Đã thêm tài khoản «Lan»" in added.stdout
    admin = run("user", "add", "Minh", "--role", "quan_tri", "--db", str(store_copy),
                stdin=PASSWORD)  # a line without its end is the password too
    assert admin.returncode == 0, admin.stderr
    listed = users(store_copy)
    assert [(u["name"], u["role"], u["units"], u["disabled"]) for u in listed] == [
        ("Lan", "nhap_lieu", ["25273", "25280"], False), ("Minh", "quan_tri", [], False)]
    assert set(listed[0]) == {"name", "role", "units", "created_at", "disabled"}
    for result in (added, admin):
        assert PASSWORD not in result.stdout + result.stderr
    assert PASSWORD.encode() not in store_copy.read_bytes()
    readable = run("user", "list", "--db", str(store_copy))
    assert readable.returncode == 0 and "Lan\tNhập liệu\t25273, 25280" in readable.stdout


@pytest.mark.parametrize("args, stdin, words", [
    (["Lan", "--role", "nhap_lieu"], "ngan\n", "mật khẩu phải có ít nhất 8 ký tự"),
    (["Lan", "--role", "nhap_lieu"], "", "mật khẩu phải có ít nhất 8 ký tự"),
    (["Lan", "--role", "nhap_lieu"], "\n", "mật khẩu phải có ít nhất 8 ký tự"),
    (["Lan", "--role", "giam_doc"], PASSWORD, "không có lựa chọn"),
    (["Lan", "--role", "nhap_lieu", "--units", "Hà Nội"], PASSWORD,
     "không có địa bàn «Hà Nội»"),
])
def test_add_refusals_exit_2_and_write_nothing(store_copy, args, stdin, words):
    result = run_here("user", "add", *args, "--db", str(store_copy), stdin=stdin)
    assert result.returncode == 2 and words in result.stderr, result.stderr
    assert "Traceback" not in result.stderr
    assert users(store_copy) == []


def test_a_name_taken_and_a_name_unknown_are_refused(store_copy):
    assert run_here("user", "add", "Lan", "--role", "nhap_lieu", "--db", str(store_copy),
                    stdin=PASSWORD).returncode == 0
    again = run_here("user", "add", "lan", "--role", "quan_tri", "--db", str(store_copy),
                stdin=PASSWORD)
    assert again.returncode == 2 and "đã có tài khoản «Lan»" in again.stderr
    removed = run_here("user", "remove", "Lan", "--db", str(store_copy))
    assert removed.returncode == 0 and "Đã xoá tài khoản «Lan»" in removed.stdout
    assert users(store_copy) == []
    unknown = run_here("user", "remove", "Lan", "--db", str(store_copy))
    assert unknown.returncode == 2 and "không có tài khoản «Lan»" in unknown.stderr


def test_a_fresh_store_has_no_account_and_says_how_to_add_one(store_copy):
    result = run_here("user", "list", "--db", str(store_copy))
    assert result.returncode == 0 and "python -m cdht_data user add" in result.stdout
