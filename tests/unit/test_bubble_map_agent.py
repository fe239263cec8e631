"""Which browsers get the phone's map too (ui/bubble_map.on_a_phone): real User-Agent strings
of phones, tablets and computers."""

import pytest

from ui.bubble_map import on_a_phone

PHONES = [
    "Mozilla/5.0 (Linux; Android 14; SM-A546E) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Mobile Safari/537.36",
    "Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like "
    "Gecko) Version/17.5 Mobile/15E148 Safari/604.1",
    "Mozilla/5.0 (Android 14; Mobile; rv:133.0) Gecko/133.0 Firefox/133.0",
]
NOT_PHONES = [
    "Mozilla/5.0 (Linux; Android 13; SM-X200) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",  # an Android tablet: no "Mobile"
    "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/17.5 Safari/605.1.15",  # an iPad asks as a Mac
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0.0.0 Safari/537.36",
    "", None,
]


@pytest.mark.parametrize("agent", PHONES)
def test_a_phone_gets_its_own_map(agent):
    assert on_a_phone(agent)


@pytest.mark.parametrize("agent", NOT_PHONES)
def test_a_computer_or_tablet_gets_the_computers_map_alone(agent):
    assert not on_a_phone(agent)

