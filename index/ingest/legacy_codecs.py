"""The legacy single-byte encodings of Vietnamese: Windows-1258, TCVN3 (ABC) and VNI-Windows.

Tables to decode them (and to encode, for tests and for telling them apart), built from the
letter grids below: one row a vowel, one column a tone.
"""

from __future__ import annotations

import codecs
import unicodedata
from collections.abc import Callable

TONE_MARKS = ("", "\u0300", "\u0309", "\u0303", "\u0301", "\u0323")
"""No tone, huyền, hỏi, ngã, sắc, nặng: the column order of the tables below."""

_TCVN3_GRID = {
    "a": "61 b5 b6 b7 b8 b9",
    "ă": "a8 bb bc bd be c6",
    "â": "a9 c7 c8 c9 ca cb",
    "e": "65 cc ce cf d0 d1",
    "ê": "aa d2 d3 d4 d5 d6",
    "i": "69 d7 d8 dc dd de",
    "o": "6f df e1 e2 e3 e4",
    "ô": "ab e5 e6 e7 e8 e9",
    "ơ": "ac ea eb ec ed ee",
    "u": "75 ef f1 f2 f3 f4",
    "ư": "ad f5 f6 f7 f8 f9",
    "y": "79 fa fb fc fd fe",
}
"""TCVN3 (TCVN 5712:1993 VN3, the ABC fonts): one byte a lowercase letter, by vowel and tone."""

# fmt: off
_TCVN3_OTHERS = {
    "đ": 0xAE, "Ă": 0xA1, "Â": 0xA2, "Ê": 0xA3, "Ô": 0xA4, "Ơ": 0xA5, "Ư": 0xA6, "Đ": 0xA7,
    "\u0300": 0xB0, "\u0309": 0xB1, "\u0303": 0xB2, "\u0301": 0xB3, "\u0323": 0xB4,
}
"""TCVN3 capitals it has (toned capitals were typed in a separate all-caps font) and its marks."""
# fmt: on

_VNI_GRID = {
    "a": "a aø aû aõ aù aï",
    "ă": "aê aè aú aü aé aë",
    "â": "aâ aà aå aã aá aä",
    "e": "e eø eû eõ eù eï",
    "ê": "eâ eà eå eã eá eä",
    "i": "i ì æ ó í ò",
    "o": "o oø oû oõ où oï",
    "ô": "oâ oà oå oã oá oä",
    "ơ": "ô ôø ôû ôõ ôù ôï",
    "u": "u uø uû uõ uù uï",
    "ư": "ö öø öû öõ öù öï",
    "y": "y yø yû yõ yù î",
}
"""VNI-Windows, as the cp1252 characters of its bytes; capitals are the same bytes upper-cased."""

ALLOWED_PUNCTUATION = "\u00a0“”‘’–—…•«»°·€×"


def _sloppy_cp1252_table() -> str:
    chars = []
    for byte in range(256):
        try:
            chars.append(bytes([byte]).decode("cp1252"))
        except UnicodeDecodeError:
            chars.append(chr(byte))
    return "".join(chars)


def _letter_grid(grid: dict[str, str]) -> dict[str, list[str]]:
    return {
        vowel: [unicodedata.normalize("NFC", vowel + tone) for tone in TONE_MARKS] for vowel in grid
    }


def _build_tcvn3() -> dict[str, int]:
    table: dict[str, int] = {}
    for vowel, letters in _letter_grid(_TCVN3_GRID).items():
        for letter, code in zip(letters, _TCVN3_GRID[vowel].split(), strict=True):
            table[letter] = int(code, 16)
    table.update(_TCVN3_OTHERS)
    return table


def _build_vni() -> dict[str, str]:
    table: dict[str, str] = {"đ": "ñ", "Đ": "Ñ"}
    for vowel, letters in _letter_grid(_VNI_GRID).items():
        for letter, code in zip(letters, _VNI_GRID[vowel].split(), strict=True):
            table[letter] = code
            table[letter.upper()] = code.upper()
    return table


def _vietnamese_letters() -> frozenset[str]:
    grid = _letter_grid(_VNI_GRID)
    lower = {letter for letters in grid.values() for letter in letters if not letter.isascii()}
    lower.add("đ")
    return frozenset(lower | {letter.upper() for letter in lower})


CP1252 = _sloppy_cp1252_table()
TCVN3 = _build_tcvn3()
_VNI = _build_vni()
VIETNAMESE_LETTERS = _vietnamese_letters()


def _tcvn3_decoding_table() -> str:
    chars = list(CP1252)
    for char, byte in TCVN3.items():
        chars[byte] = char
    return "".join(chars)


def _vni_translation() -> dict[int, str]:
    table = {ord(code): letter for letter, code in _VNI.items() if len(code) == 1}
    for letter, code in _VNI.items():
        if len(code) == 2:
            base = table.get(ord(code[0]), code[0])
            marks = unicodedata.normalize("NFD", letter)[len(unicodedata.normalize("NFD", base)) :]
            table[ord(code[1])] = marks
    return {key: value for key, value in table.items() if chr(key) != value}


def _vni_decoding() -> tuple[str, dict[str, str]]:
    translation = _vni_translation()
    table = list(CP1252)
    expansions: dict[str, str] = {}
    for byte, char in enumerate(CP1252):
        value = translation.get(ord(char), char)
        table[byte] = value if len(value) == 1 else chr(0xE000 + byte)
        if len(value) > 1:
            expansions[table[byte]] = value
    return "".join(table), expansions


_TCVN3_DECODING = _tcvn3_decoding_table()
_VNI_DECODING, _VNI_EXPANSIONS = _vni_decoding()


def _decode_cp1258(data: bytes) -> str:
    return data.decode("cp1258")


def _decode_tcvn3(data: bytes) -> str:
    return codecs.charmap_decode(data, "strict", _TCVN3_DECODING)[0]


def _decode_vni(data: bytes) -> str:
    text = codecs.charmap_decode(data, "strict", _VNI_DECODING)[0]
    for placeholder, marks in _VNI_EXPANSIONS.items():
        text = text.replace(placeholder, marks)
    return text


LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}
"""Candidates in order of preference when they score the same."""


def _encoding_map(table: dict[str, bytes]) -> dict[str, bytes]:
    used = set(b"".join(table.values()))
    fallback = {char: bytes([byte]) for byte, char in enumerate(CP1252) if byte not in used}
    return fallback | table


_TCVN3_ENCODING = _encoding_map({char: bytes([byte]) for char, byte in TCVN3.items()})
_VNI_ENCODING = _encoding_map({char: code.encode("cp1252") for char, code in _VNI.items()})


def _encode(text: str, table: dict[str, bytes], name: str) -> bytes:
    try:
        return b"".join(table[char] for char in unicodedata.normalize("NFC", text))
    except KeyError as error:
        raise ValueError(f"{error.args[0]!r} cannot be written in {name}") from None


def encode_tcvn3(text: str) -> bytes:
    """Write text in TCVN3; ValueError for a character it lacks (toned capitals included)."""
    return _encode(text, _TCVN3_ENCODING, "TCVN3")


def encode_vni(text: str) -> bytes:
    """Write text in VNI-Windows; ValueError for a character it lacks."""
    return _encode(text, _VNI_ENCODING, "VNI")


def tone_tables() -> tuple[dict[int, str], dict[str, int]]:
    untoned: dict[int, str] = {}
    tone_of: dict[str, int] = {}
    for vowel, letters in _letter_grid(_VNI_GRID).items():
        for tone, letter in enumerate(letters):
            if tone:
                untoned[ord(letter)] = vowel
                tone_of[letter] = tone
    return untoned, tone_of


UNTONED, TONE_OF = tone_tables()
