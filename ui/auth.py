"""Signing in to write: viewing needs no account, writing does (accounts.py holds the rules).

The signed-in account lives in the session only. A wrong password makes the next attempt of
that session wait longer (doubling, up to MAX_WAIT_S); a session unused for IDLE_MINUTES is
signed out. The password is never kept, logged or put in the URL.
"""

from __future__ import annotations

import time

import streamlit as st

from cdht_data import accounts
from cdht_data.keys import ROLES
from ui import data, lazy
from ui.escape import markdown

IDLE_MINUTES = 30
MAX_WAIT_S = 8.0
_KEY, _SEEN, _FAILS = "account", "account_seen", "sign_in_fails"
SIGN_IN_BOX = "open_sign_in"  # the session key of the sign-in box's open state


def _now() -> float:
    return time.monotonic()


def _wait(seconds: float) -> None:
    time.sleep(seconds)


def current() -> accounts.Account | None:
    """The signed-in account, or None (and signed out after IDLE_MINUTES without use)."""
    account = st.session_state.get(_KEY)
    if account is None:
        return None
    if _now() - st.session_state.get(_SEEN, 0.0) > IDLE_MINUTES * 60:
        sign_out()
        st.session_state["_toast"] = (f"Đã đăng xuất sau {IDLE_MINUTES} phút không dùng; hãy "
                                      "đăng nhập lại để nhập số liệu.")
        return None
    st.session_state[_SEEN] = _now()
    return account


def sign_out() -> None:
    st.session_state.pop(_KEY, None)
    st.session_state.pop(_SEEN, None)


def _sign_in() -> None:
    """The form's callback: verify, after the wait earlier failures earned."""
    name = st.session_state.get("sign_in_name", "")
    password = st.session_state.get("sign_in_password", "")
    st.session_state["sign_in_password"] = ""  # never kept past this call
    fails = st.session_state.get(_FAILS, 0)
    if fails:
        _wait(min(MAX_WAIT_S, 0.5 * 2 ** (fails - 1)))
    account = accounts.verify(data.read_cursor(), name, password) if name and password else None
    if account is None or account.disabled:
        st.session_state[_FAILS] = fails + 1
        st.session_state["sign_in_error"] = True
        return
    st.session_state[_FAILS] = 0
    st.session_state.pop("sign_in_error", None)
    st.session_state[_KEY] = account
    st.session_state[_SEEN] = _now()


def sidebar_box() -> None:
    """Sign-in (or who is signed in, and sign-out) at the foot of the sidebar."""
    account = current()
    with st.sidebar:
        if account is not None:
            st.caption(f"Đang đăng nhập: **{markdown(account.name)}** ({ROLES[account.role]})")
            st.button("Đăng xuất", key="sign_out", on_click=sign_out)
            return
        # Drawn only while open: closed, the box costs a page load no text-field code.
        box = lazy.box("Đăng nhập để nhập số liệu", SIGN_IN_BOX)
        if not box.open:
            return
        # Streamlit writes "Press Enter to submit form" under a field of a form being typed
        # in, with no way to replace it: hidden (the button «Đăng nhập» says what to do).
        st.html("<style>[data-testid='InputInstructions'] { display: none; }</style>")
        with box:
            with st.form("sign_in", clear_on_submit=False, border=False):
                st.text_input("Tên tài khoản", key="sign_in_name")
                st.text_input("Mật khẩu", type="password", key="sign_in_password")
                st.form_submit_button("Đăng nhập", on_click=_sign_in)
            if st.session_state.get("sign_in_error"):
                st.error("Tên tài khoản hoặc mật khẩu không đúng.")
