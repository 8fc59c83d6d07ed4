"""Turn a file's bytes into NFC Vietnamese text, or say in one line why not.

Evidence is weighed in this order: byte-order marks, the NUL pattern of BOM-less UTF-16, signs of
a binary file, valid UTF-8 (with mojibake repair), then the legacy single-byte encodings
Windows-1258, TCVN3 (ABC) and VNI-Windows, scored by how Vietnamese their decodings look.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections import Counter
from collections.abc import Callable

__all__ = ["UndecodableError", "decode_article_bytes"]

SAMPLE_SIZE = 64 * 1024
MIN_VIETNAMESE_SCORE = 0.5
MOJIBAKE_GAIN = 0.25
MAX_CONTROL_SHARE = 0.01


class UndecodableError(ValueError):
    """Raised with a one-line human reason, e.g. 'binary file (NUL bytes)'."""


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

_ALLOWED_PUNCTUATION = "\u00a0“”‘’–—…•«»°·€×"


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


_CP1252 = _sloppy_cp1252_table()
_TCVN3 = _build_tcvn3()
_VNI = _build_vni()
_VIETNAMESE_LETTERS = _vietnamese_letters()


def _tcvn3_decoding_table() -> str:
    chars = list(_CP1252)
    for char, byte in _TCVN3.items():
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
    table = list(_CP1252)
    expansions: dict[str, str] = {}
    for byte, char in enumerate(_CP1252):
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


_LEGACY_DECODERS: dict[str, Callable[[bytes], str]] = {
    "cp1258": _decode_cp1258,
    "tcvn3": _decode_tcvn3,
    "vni": _decode_vni,
}
"""Candidates in order of preference when they score the same."""


def _encoding_map(table: dict[str, bytes]) -> dict[str, bytes]:
    used = set(b"".join(table.values()))
    fallback = {char: bytes([byte]) for byte, char in enumerate(_CP1252) if byte not in used}
    return fallback | table


_TCVN3_ENCODING = _encoding_map({char: bytes([byte]) for char, byte in _TCVN3.items()})
_VNI_ENCODING = _encoding_map({char: code.encode("cp1252") for char, code in _VNI.items()})


def _encode(text: str, table: dict[str, bytes], name: str) -> bytes:
    try:
        return b"".join(table[char] for char in unicodedata.normalize("NFC", text))
    except KeyError as error:
        raise ValueError(f"{error.args[0]!r} cannot be written in {name}") from None


def _encode_tcvn3(text: str) -> bytes:
    """Write text in TCVN3; ValueError for a character it lacks (toned capitals included)."""
    return _encode(text, _TCVN3_ENCODING, "TCVN3")


def _encode_vni(text: str) -> bytes:
    """Write text in VNI-Windows; ValueError for a character it lacks."""
    return _encode(text, _VNI_ENCODING, "VNI")


def _tone_tables() -> tuple[dict[int, str], dict[str, int]]:
    untoned: dict[int, str] = {}
    tone_of: dict[str, int] = {}
    for vowel, letters in _letter_grid(_VNI_GRID).items():
        for tone, letter in enumerate(letters):
            if tone:
                untoned[ord(letter)] = vowel
                tone_of[letter] = tone
    return untoned, tone_of


_UNTONED, _TONE_OF = _tone_tables()
_SHARP_TONES = {4, 5}
_STOP_CODAS = {"c", "ch", "p", "t"}
_SYLLABLE = re.compile(
    r"(ngh|ng|nh|ch|gh|gi|kh|ph|qu|th|tr|[bcdđghklmnprstvx])?"
    r"([aăâeêioôơuưy]+)"
    r"(ch|ng|nh|[cmnpt])?"
)
_NUCLEI_ANY = {"a", "e", "ê", "i", "o", "ô", "ơ", "u", "ư", "y", "oa", "oe", "uê", "uy", "uơ"}
_NUCLEI_CLOSED = _NUCLEI_ANY | {"ă", "â", "iê", "yê", "uô", "ươ", "oă", "uâ", "uyê", "oo"}
# fmt: off
_NUCLEI_OPEN = _NUCLEI_ANY | {
    "ai", "ao", "au", "ay", "âu", "ây", "eo", "êu", "ia", "iu", "oi", "ôi", "ơi", "ua", "ui",
    "ưa", "ưi", "ưu", "uôi", "ươi", "ươu", "iêu", "yêu", "oai", "oay", "oao", "oeo", "uây",
    "uyu", "uya",
}
# fmt: on


def _is_vietnamese_syllable(token: str) -> bool:
    """True when token is one Vietnamese syllable: onset, vowel nucleus, coda, one tone."""
    word = token.lower()
    tones = [_TONE_OF[char] for char in word if char in _TONE_OF]
    if len(tones) > 1:
        return False
    match = _SYLLABLE.fullmatch(word.translate(_UNTONED))
    if match is None:
        return False
    onset, nucleus, coda = match.groups()
    nuclei = _NUCLEI_CLOSED if coda else _NUCLEI_OPEN
    if onset == "gi" and nucleus not in nuclei:
        nucleus = "i" + nucleus
    if coda in _STOP_CODAS and not (tones and tones[0] in _SHARP_TONES):
        return False
    return nucleus in nuclei


_WORD = re.compile(r"[^\W\d_]+")
_NON_ASCII = re.compile(r"[^\x00-\x7f]")
_FOREIGN = re.compile(
    "[^\\x00-\\x7f" + re.escape("".join(sorted(_VIETNAMESE_LETTERS)) + _ALLOWED_PUNCTUATION) + "]"
)


def _vietnamese_score(text: str) -> float:
    """Share of non-ASCII words that are Vietnamese syllables, less the foreign-character share."""
    words = Counter(word for word in _WORD.findall(text) if not word.isascii())
    total = sum(words.values())
    valid = sum(count for word, count in words.items() if _is_vietnamese_syllable(word))
    share = valid / total if total else 1.0
    non_ascii = len(_NON_ASCII.findall(text))
    foreign = len(_FOREIGN.findall(text))
    return share - foreign / non_ascii if non_ascii else share


def _mojibake_pattern() -> re.Pattern[str]:
    to_byte = {chr(byte): byte for byte in range(0x80, 0xA0)}
    to_byte.update({char: byte for byte, char in enumerate(_CP1252)})

    def chars(low: int, high: int) -> str:
        return re.escape("".join(char for char, byte in to_byte.items() if low <= byte <= high))

    cont = f"[{chars(0x80, 0xBF)}]"
    pattern = (
        f"[{chars(0xC2, 0xDF)}]{cont}|[{chars(0xE0, 0xEF)}]{cont}{{2}}"
        f"|[{chars(0xF0, 0xF4)}]{cont}{{3}}"
    )
    return re.compile(pattern)


def _keep_as_utf8(error: UnicodeEncodeError) -> tuple[bytes, int]:
    return error.object[error.start : error.end].encode("utf-8"), error.end


def _keep_as_cp1252(error: UnicodeDecodeError) -> tuple[str, int]:
    return _CP1252[error.object[error.start]], error.start + 1


codecs.register_error("diplonews.keep-utf8", _keep_as_utf8)
codecs.register_error("diplonews.keep-cp1252", _keep_as_cp1252)
_MOJIBAKE = _mojibake_pattern()
_C1_AS_CP1252 = {byte: _CP1252[byte] for byte in range(0x80, 0xA0) if _CP1252[byte] != chr(byte)}
_C1_CONTROLS = re.compile("[" + "".join(map(chr, _C1_AS_CP1252)) + "]")
_CP1252_ENCODING = codecs.charmap_build(_CP1252)


def _repair_mojibake(text: str) -> str:
    """Undo UTF-8 read as cp1252 (or Latin-1); characters that are not mojibake stay."""
    if _C1_CONTROLS.search(text):
        text = text.translate(_C1_AS_CP1252)
    raw = codecs.charmap_encode(text, "diplonews.keep-utf8", _CP1252_ENCODING)[0]
    return raw.decode("utf-8", "diplonews.keep-cp1252")


def _finish(text: str, normalise: bool = True) -> str:
    text = text.removeprefix("\ufeff")
    if normalise:
        text = unicodedata.normalize("NFC", text)
    return text.replace("\r\n", "\n").replace("\r", "\n")


_CONTROL_BYTES = bytes([*range(0x00, 0x09), *range(0x0E, 0x20), 0x7F])
_NOT_CONTROL_BYTES = bytes(byte for byte in range(256) if byte not in _CONTROL_BYTES)


def _too_many_controls(count: int, size: int) -> bool:
    return count > 1 and count > MAX_CONTROL_SHARE * size


def _check_text(text: str) -> str:
    """Decoded UTF-16 or UTF-32 holding NUL characters was binary data, not text."""
    if "\x00" in text[:SAMPLE_SIZE]:
        raise UndecodableError("binary file (NUL characters)")
    return text


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def _decode_with_bom(data: bytes) -> tuple[str, str] | None:
    for bom, name in _BOMS:
        if data.startswith(bom):
            try:
                return _check_text(data[len(bom) :].decode(name)), name
            except UnicodeDecodeError:
                if name.startswith("utf-16"):
                    raise UndecodableError("invalid UTF-16 after its byte-order mark") from None
    return None


def _decode_utf16_without_bom(data: bytes) -> tuple[str, str] | None:
    sample = data[:SAMPLE_SIZE]
    half = len(sample) // 2
    if half < 2:
        return None
    even, odd = sample[0 : 2 * half : 2].count(0), sample[1 : 2 * half : 2].count(0)
    if odd >= 0.3 * half and even <= 0.02 * half:
        name = "utf-16-le"
    elif even >= 0.3 * half and odd <= 0.02 * half:
        name = "utf-16-be"
    else:
        return None
    try:
        return _check_text(data.decode(name)), name
    except UnicodeDecodeError:
        return None


def _decode_utf8(data: bytes) -> str | None:
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as error:
        truncated = error.reason == "unexpected end of data" and error.end == len(data)
        head = data[: error.start]
        if truncated and not head.isascii():
            return head.decode("utf-8")
    return None


def _maybe_repair(text: str) -> tuple[str, bool]:
    sample = _finish(text[:SAMPLE_SIZE])
    if not _MOJIBAKE.search(sample):
        return text, False
    score = _vietnamese_score(_finish(_repair_mojibake(sample)))
    if score < MIN_VIETNAMESE_SCORE or score < _vietnamese_score(sample) + MOJIBAKE_GAIN:
        return text, False
    return _repair_mojibake(text), True


def _decode_legacy(data: bytes) -> tuple[str, str]:
    sample = data[:SAMPLE_SIZE]
    best_name, best_score = "", -2.0
    for name, decode in _LEGACY_DECODERS.items():
        try:
            score = _vietnamese_score(_finish(decode(sample)))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best_name, best_score = name, score
    if best_score < MIN_VIETNAMESE_SCORE:
        raise UndecodableError("not valid text in any known encoding")
    return _LEGACY_DECODERS[best_name](data), best_name


def decode_article_bytes(data: bytes, *, normalise: bool = True) -> tuple[str, str]:
    """Return (text, encoding_name). text is NFC, CRLF/CR normalised to LF, BOM removed.

    `normalise=False` leaves out NFC, for callers that normalise the pieces they keep (a large
    feed of which only a few records are read)."""
    if not data:
        return "", "empty"
    decoded = _decode_with_bom(data) or _decode_utf16_without_bom(data)
    if decoded is not None:
        return _finish(decoded[0], normalise), decoded[1]
    name = "utf-8"
    if data.startswith(codecs.BOM_UTF8):
        data, name = data[len(codecs.BOM_UTF8) :], "utf-8-sig"
    body = data.rstrip(b"\x1a")
    if b"\x00" in body:
        raise UndecodableError("binary file (NUL bytes)")
    # Valid UTF-8 is text whatever control characters it holds (escape sequences, bells): they
    # are kept, and shown as visible symbols. Bytes that are not UTF-8 and full of control
    # characters are binary data.
    text = _decode_utf8(body)
    if text is None:
        sample = body[:SAMPLE_SIZE]
        if _too_many_controls(len(sample.translate(None, _NOT_CONTROL_BYTES)), len(sample)):
            raise UndecodableError("binary file (control characters)")
        text, name = _decode_legacy(body)
        return _finish(text, normalise), name
    text = _finish(text, normalise)
    text, repaired = _maybe_repair(text)
    return (_finish(text, normalise), "utf-8 (repaired mojibake)") if repaired else (text, name)
