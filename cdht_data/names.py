"""Name keys: one comparable form for every way a Vietnamese unit name arrives.

Names come NFC or decomposed, with old ("Hoà") or new ("Hòa") tone placement, with
prefixes ("TT.", "Thị trấn", "Xã"), numbering ("1. Cơ quan xã,"), stray spaces and capitals.
Tones are kept (Lộc Thạnh and Lộc Thành are different communes) but moved to the end of the
syllable, so both placements give the same key.
"""

from __future__ import annotations

import re
import unicodedata

# Combining tone marks -> a digit; vowel-shape marks (circumflex, breve, horn) stay on the letter.
_TONES = {"\u0301": "1", "\u0300": "2", "\u0309": "3", "\u0303": "4", "\u0323": "5"}
_NUMBERING = re.compile(r"^\s*(\d+|[ivxlc]+|[a-z])\s*[.)/]\s+", re.IGNORECASE)
_PUNCT = re.compile(r"[\s.,;:()\[\]/\\'\"“”‘’\-–—_*+]+")
# Administrative prefixes as written; keyed once below. Longest first.
_PREFIX_WORDS = (
    "thành phố", "thị trấn", "thị xã", "tỉnh", "huyện", "quận", "phường", "xã",
    "tt", "tx", "tp",
)


def nfc(text: str) -> str:
    """NFC form, trimmed, inner whitespace collapsed: how display names are stored."""
    return " ".join(unicodedata.normalize("NFC", str(text)).split())


def _syllable_key(word: str) -> str:
    decomposed = unicodedata.normalize("NFD", word)
    tone = ""
    kept = []
    for ch in decomposed:
        if ch in _TONES:
            tone = _TONES[ch]
        else:
            kept.append(ch)
    return unicodedata.normalize("NFC", "".join(kept)) + tone


def name_key(text: str | None, strip_prefix: bool = True) -> str:
    """Comparable key of a unit name: same key for every spelling of one unit."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFC", str(text)).casefold().strip()
    s = _NUMBERING.sub("", s)
    words = [_syllable_key(w) for w in _PUNCT.split(s) if w]
    key = " ".join(words)
    if strip_prefix:
        for prefix in _PREFIXES:
            if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
                key = key[len(prefix) + 1:]
                break
    return key


def header_key(text: object) -> str:
    """Loose key for column headers: no diacritics at all, lower case, single spaces."""
    if text is None:
        return ""
    s = unicodedata.normalize("NFD", str(text)).casefold().replace("đ", "d")
    s = "".join(ch for ch in s if not unicodedata.combining(ch))
    s = re.sub(r"[\s_]+", " ", s)
    return s.strip()


_PREFIXES = tuple(name_key(p, strip_prefix=False) for p in _PREFIX_WORDS)

# The levels of government a prefix can name ("thành phố" is a province or a district).
_PREFIX_LEVELS = {
    "thành phố": ("province", "district"), "tp": ("province", "district"),
    "tỉnh": ("province",), "huyện": ("district",), "quận": ("district",),
    "thị xã": ("district",), "tx": ("district",),
    "xã": ("commune",), "phường": ("commune",), "thị trấn": ("commune",), "tt": ("commune",),
}
_LEVELS_BY_KEY = {name_key(p, strip_prefix=False): levels for p, levels in _PREFIX_LEVELS.items()}


def prefix_levels(text: str | None) -> tuple[str, ...] | None:
    """The levels the name's administrative prefix allows ("Thị trấn Lộc Ninh" -> commune), or
    None when it has no prefix."""
    key = name_key(text, strip_prefix=False)
    for prefix in _PREFIXES:
        if key.startswith(prefix + " ") and len(key) > len(prefix) + 1:
            return _LEVELS_BY_KEY[prefix]
    return None
