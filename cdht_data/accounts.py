"""Accounts of the people who write data: a name, a role (keys.ROLES), the units whose tables
they may write (none listed: all), and a salted argon2id hash of the password.

Viewing needs no account; writing does. The password itself is never stored, logged, put in
an exception or returned: only `argon2.PasswordHasher` sees it. `verify` does the same work
whether the name exists or not, so timing does not tell which names exist.
"""

from __future__ import annotations

import datetime as dt
import functools
import secrets
import unicodedata
from dataclasses import dataclass

import duckdb
from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError

from .errors import InputError
from .history import utc_now
from .keys import QUAN_TRI, ROLES
from .storefile import transaction
from .units import UnitRegistry

MIN_PASSWORD = 8  # characters; the floor for a password typed at the server
MAX_PASSWORD = 1024  # characters; longer is no stronger and makes each hash slow on purpose
MAX_NAME = 64  # characters: a name is shown in the sidebar and in every history row

HASHER = PasswordHasher()  # argon2id, its default cost (RFC 9106's second recommendation)


@dataclass(frozen=True)
class Account:
    """An account as the program uses it: never its hash."""
    name: str
    role: str
    unit_keys: tuple[str, ...]  # empty: every unit
    created_at: dt.datetime  # UTC
    disabled: bool


def account_name(text: str) -> str:
    """A name as stored: NFC, without surrounding spaces; refused when empty, too long or
    holding control characters."""
    name = unicodedata.normalize("NFC", text or "").strip()
    if not name:
        raise InputError("tên tài khoản không được để trống")
    if len(name) > MAX_NAME:
        raise InputError(f"tên tài khoản dài quá {MAX_NAME} ký tự")
    if any(unicodedata.category(ch).startswith("C") for ch in name):
        raise InputError("tên tài khoản chứa ký tự điều khiển (xuống dòng, tab…)")
    return name


def check_password(password: str) -> None:
    """Refuse a password too short or too long; the message never quotes it."""
    if len(password or "") < MIN_PASSWORD:
        raise InputError(f"mật khẩu phải có ít nhất {MIN_PASSWORD} ký tự")
    if len(password) > MAX_PASSWORD:
        raise InputError(f"mật khẩu dài quá {MAX_PASSWORD} ký tự")


def add_account(con: duckdb.DuckDBPyConnection, name: str, role: str, units: list[str],
                password: str) -> Account:
    """A new account; `units` are unit keys (empty: all units). Refused: a name already taken
    (case aside: «Lan» and «lan» would be two people nobody can tell apart), an unknown role or
    unit, a password too short."""
    name = account_name(name)
    if role not in ROLES:
        raise InputError(f"vai trò phải là một trong {', '.join(ROLES)}, không phải «{role}»")
    check_password(password)
    registry = UnitRegistry.load(con)
    unknown = [key for key in units if key not in registry.units]
    if unknown:
        raise InputError(f"không có đơn vị mã {unknown[0]} trong danh mục")
    taken = {a.name.casefold(): a.name for a in list_accounts(con)}
    if name.casefold() in taken:
        raise InputError(f"đã có tài khoản «{taken[name.casefold()]}»")
    account = Account(name, role, tuple(dict.fromkeys(units)), utc_now(), False)
    with transaction(con):
        con.execute("INSERT INTO accounts VALUES (?, ?, ?, ?, ?, ?)",
                    [account.name, account.role, list(account.unit_keys),
                     HASHER.hash(password), account.created_at, account.disabled])
    return account


def verify(con: duckdb.DuckDBPyConnection, name: str, password: str) -> Account | None:
    """The account when the name and password match and it is not disabled, else None.

    An unknown name is checked against a hash of a random password, so it costs what a wrong
    password costs."""
    key = unicodedata.normalize("NFC", name or "").strip()
    row = con.execute("SELECT password_hash FROM accounts WHERE name = ?", [key]).fetchone()
    stored = row[0] if row else _unknown_name_hash()
    try:
        matched = HASHER.verify(stored, password or "")
    except (VerificationError, InvalidHashError):
        matched = False
    account = find_account(con, key) if matched and row else None
    return account if account is not None and not account.disabled else None


@functools.cache
def _unknown_name_hash() -> str:
    return HASHER.hash(secrets.token_urlsafe(32))


def find_account(con: duckdb.DuckDBPyConnection, name: str) -> Account | None:
    """The account of that name (NFC, spaces around ignored), disabled or not; None if none."""
    key = unicodedata.normalize("NFC", name or "").strip()
    row = con.execute("SELECT name, role, unit_keys, created_at, disabled FROM accounts "
                      "WHERE name = ?", [key]).fetchone()
    return _account(row) if row else None


def remove_account(con: duckdb.DuckDBPyConnection, name: str) -> None:
    """Delete an account; the history keeps its name on what it did."""
    account = find_account(con, name)
    if account is None:
        raise InputError(f"không có tài khoản «{account_name(name)}»")
    with transaction(con):
        con.execute("DELETE FROM accounts WHERE name = ?", [account.name])


def list_accounts(con: duckdb.DuckDBPyConnection) -> list[Account]:
    """Every account, by name."""
    return [_account(r) for r in con.execute(
        "SELECT name, role, unit_keys, created_at, disabled FROM accounts ORDER BY name"
    ).fetchall()]


def may_write(account: Account, area_key: str, registry: UnitRegistry) -> bool:
    """Whether the account may write a table of `area_key`: quan_tri and accounts without units
    always; otherwise only when the area lies within one of its units (a commune's account may
    not write its district's table). Units of one structure do not cover the other's."""
    if account.disabled:
        return False
    if account.role == QUAN_TRI or not account.unit_keys:
        return True
    if area_key not in registry.units:
        return False
    return bool(set(registry.ancestors(area_key)) & set(account.unit_keys))


def _account(row: tuple) -> Account:
    name, role, unit_keys, created_at, disabled = row
    return Account(name, role, tuple(unit_keys), created_at, bool(disabled))
