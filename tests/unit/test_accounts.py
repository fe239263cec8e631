"""Accounts: the password kept only as a salted hash, sign-in, and which tables an account may
write."""

import dataclasses
import unicodedata

import pytest

from cdht_data import accounts
from cdht_data.errors import InputError
from cdht_data.units import UnitRegistry

PASSWORD = "mat-khau-dai"  # 12 characters


def test_the_store_holds_a_salted_hash_never_the_password(con):
    accounts.add_account(con, "lan", "nhap_lieu", [], PASSWORD)
    accounts.add_account(con, "minh", "nhap_lieu", [], PASSWORD)
    hashes = [r[0] for r in con.execute("SELECT password_hash FROM accounts").fetchall()]
    assert all(h.startswith("$argon2id$") for h in hashes)
    assert hashes[0] != hashes[1]  # one password, two salts
    dump = str(con.execute("SELECT * FROM accounts").fetchall())
    assert PASSWORD not in dump


@pytest.mark.parametrize("name, password, signed_in", [
    ("lan", PASSWORD, True),
    (" lan ", PASSWORD, True),  # spaces around a typed name are not part of it
    ("lan", PASSWORD + "x", False),
    ("lan", "", False),
    ("Lan", PASSWORD, False),  # names are compared as written
    ("ai-do", PASSWORD, False),
])
def test_verify_right_wrong_and_unknown(con, name, password, signed_in):
    accounts.add_account(con, "lan", "quan_tri", [], PASSWORD)
    found = accounts.verify(con, name, password)
    assert (found is not None) == signed_in
    if signed_in:
        assert found.name == "lan" and found.role == "quan_tri"


def test_an_unknown_name_costs_a_hash_check_like_a_wrong_password(con, monkeypatch):
    accounts.add_account(con, "lan", "nhap_lieu", [], PASSWORD)
    checked = []

    class Spy:
        """The real hasher, noting each hash a password is checked against."""
        def verify(self, stored, given):
            checked.append(stored)
            return real.verify(stored, given)

    real = accounts.HASHER
    monkeypatch.setattr(accounts, "HASHER", Spy())
    assert accounts.verify(con, "lan", "sai-mat-khau") is None
    assert accounts.verify(con, "khong-co", "sai-mat-khau") is None
    assert len(checked) == 2 and all(h.startswith("$argon2id$") for h in checked)


def test_a_disabled_account_cannot_sign_in_or_write(con):
    accounts.add_account(con, "lan", "quan_tri", [], PASSWORD)
    con.execute("UPDATE accounts SET disabled = true")
    assert accounts.verify(con, "lan", PASSWORD) is None
    assert not accounts.may_write(accounts.find_account(con, "lan"), "692",
                                  UnitRegistry.load(con))


def test_names_are_stored_nfc_and_unique_whatever_the_case(con):
    decomposed = unicodedata.normalize("NFD", "Hòa")
    account = accounts.add_account(con, decomposed, "nhap_lieu", [], PASSWORD)
    assert account.name == "Hòa" and accounts.verify(con, "Hòa", PASSWORD) is not None
    with pytest.raises(InputError, match="đã có tài khoản «Hòa»"):
        accounts.add_account(con, "HÒA", "nhap_lieu", [], PASSWORD)


@pytest.mark.parametrize("name, role, units, password, words", [
    ("lan", "nhap_lieu", [], "ngan", "ít nhất 8 ký tự"),
    ("lan", "nhap_lieu", [], "", "ít nhất 8 ký tự"),
    ("lan", "giam_doc", [], PASSWORD, "vai trò phải là một trong nhap_lieu, quan_tri"),
    ("lan", "nhap_lieu", ["99999"], PASSWORD, "không có đơn vị mã 99999"),
    ("   ", "nhap_lieu", [], PASSWORD, "không được để trống"),
    ("lan\nminh", "nhap_lieu", [], PASSWORD, "ký tự điều khiển"),
    ("x" * 65, "nhap_lieu", [], PASSWORD, "dài quá 64"),
])
def test_refusals_name_the_fault_and_never_the_password(con, name, role, units, password, words):
    with pytest.raises(InputError, match=words) as caught:
        accounts.add_account(con, name, role, units, password)
    if password:
        assert password not in str(caught.value)
    assert accounts.list_accounts(con) == []


def test_list_and_remove(con):
    accounts.add_account(con, "minh", "quan_tri", [], PASSWORD)
    accounts.add_account(con, "lan", "nhap_lieu", ["25273", "25280"], PASSWORD)
    assert [(a.name, a.role, a.unit_keys) for a in accounts.list_accounts(con)] == [
        ("lan", "nhap_lieu", ("25273", "25280")), ("minh", "quan_tri", ())]
    assert "password" not in {f.name for f in dataclasses.fields(accounts.Account)}
    accounts.remove_account(con, "lan")
    assert [a.name for a in accounts.list_accounts(con)] == ["minh"]
    with pytest.raises(InputError, match="không có tài khoản «lan»"):
        accounts.remove_account(con, "lan")


@pytest.mark.parametrize("role, units, area, allowed", [
    ("quan_tri", ["25273"], "692", True),  # quan_tri writes everything
    ("nhap_lieu", [], "692", True),  # no units listed: all
    ("nhap_lieu", ["25273"], "25273", True),  # its own commune
    ("nhap_lieu", ["692"], "25273", True),  # a commune inside its district
    ("nhap_lieu", ["692"], "692", True),
    ("nhap_lieu", ["25273"], "692", False),  # not the whole district
    ("nhap_lieu", ["25273"], "25280", False),  # not the neighbouring commune
    ("nhap_lieu", ["25280"], "25280@2025", False),  # old Lộc Thạnh does not cover the new one
    ("nhap_lieu", ["692"], "L-QP", False),  # Quảng Phú lies in another province
])
def test_an_account_with_units_writes_only_inside_them(con, role, units, area, allowed):
    account = accounts.add_account(con, "lan", role, units, PASSWORD)
    assert accounts.may_write(account, area, UnitRegistry.load(con)) is allowed
