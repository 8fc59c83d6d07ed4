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

from index.ingest.legacy_codecs import (
    ALLOWED_PUNCTUATION,
    CP1252,
    LEGACY_DECODERS,
    TONE_OF,
    UNTONED,
    VIETNAMESE_LETTERS,
)

__all__ = ["UndecodableError", "decode_article_bytes"]

SAMPLE_SIZE = 64 * 1024
MIN_VIETNAMESE_SCORE = 0.5
MOJIBAKE_GAIN = 0.25
MAX_CONTROL_SHARE = 0.01


class UndecodableError(ValueError):
    """Raised with a one-line human reason, e.g. 'binary file (NUL bytes)'."""


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
    tones = [TONE_OF[char] for char in word if char in TONE_OF]
    if len(tones) > 1:
        return False
    match = _SYLLABLE.fullmatch(word.translate(UNTONED))
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
    "[^\\x00-\\x7f" + re.escape("".join(sorted(VIETNAMESE_LETTERS)) + ALLOWED_PUNCTUATION) + "]"
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
    to_byte.update({char: byte for byte, char in enumerate(CP1252)})

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
    return CP1252[error.object[error.start]], error.start + 1


codecs.register_error("diplonews.keep-utf8", _keep_as_utf8)
codecs.register_error("diplonews.keep-cp1252", _keep_as_cp1252)
_MOJIBAKE = _mojibake_pattern()
_C1_AS_CP1252 = {byte: CP1252[byte] for byte in range(0x80, 0xA0) if CP1252[byte] != chr(byte)}
_C1_CONTROLS = re.compile("[" + "".join(map(chr, _C1_AS_CP1252)) + "]")
_CP1252_ENCODING = codecs.charmap_build(CP1252)


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
    for name, decode in LEGACY_DECODERS.items():
        try:
            score = _vietnamese_score(_finish(decode(sample)))
        except UnicodeDecodeError:
            continue
        if score > best_score:
            best_name, best_score = name, score
    if best_score < MIN_VIETNAMESE_SCORE:
        raise UndecodableError("not valid text in any known encoding")
    return LEGACY_DECODERS[best_name](data), best_name


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
