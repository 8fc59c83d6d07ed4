"""Readings of Chinese characters and how near a romanised word comes to one.

A character reads as pinyin ("jin") in Chinese and as a Hán-Việt syllable ("tấn") in Vietnamese;
machine translation shows either, fused ("Jinchuang") or cut short ("Jinchu").
"""

from __future__ import annotations

import itertools
import re
from functools import lru_cache

from index.entities.lexicon import is_vietnamese_syllable
from index.text.vietnamese import SYLLABLE_RE, fold, has_diacritics

FUZZY_FLOOR = 0.6

_PINYIN_SYLLABLE = (
    r"(?:(?:zh|ch|sh|[bpmfdtnlgkhjqxrzcsyw])"
    r"(?:iang|iong|uang|ueng|ang|eng|ing|ong|ian|iao|uai|uan|van|ai|ei|ao|ou|an|en|in|un|vn"
    r"|ia|ie|iu|ua|uo|ui|ue|ve|er|a|o|e|i|u|v)"
    r"|ang|eng|ai|ei|ao|ou|an|en|er|a|o|e)"
)
_PINYIN_RE = re.compile(f"(?:{_PINYIN_SYLLABLE})+")


def is_pinyin(word: str) -> bool:
    """Whether a lower-case word reads as pinyin syllables ("jinchuang", "chen"; not "hà")."""
    return word.isascii() and bool(_PINYIN_RE.fullmatch(word))


def is_cjk(char: str) -> bool:
    return "\u3400" <= char <= "\u9fff" or "\uf900" <= char <= "\ufaff"


@lru_cache(maxsize=8192)
def pinyin_readings(char: str) -> tuple[str, ...]:
    from pypinyin import Style, pinyin

    readings = pinyin(char, style=Style.NORMAL, heteronym=True)[0]
    return tuple(dict.fromkeys(s for r in readings for s in spellings(r) if s.isalpha()))


def spellings(reading: str) -> tuple[str, str]:
    return reading.replace("ü", "v"), reading.replace("ü", "u").replace("v", "u")


def primary(char: str) -> frozenset[str]:
    """The usual reading of a character (pypinyin lists it first), in both spellings of ü."""
    return frozenset(spellings(pinyin_readings(char)[0]))


def folded_words(text: str) -> list[str]:
    return [fold(word) for word in SYLLABLE_RE.findall(text)]


@lru_cache(maxsize=65536)
def edit_distance(a: str, b: str) -> int:
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


@lru_cache(maxsize=65536)
def similarity(word: str, reading: str) -> float:
    """1 for the same spelling, a partial score for a near one ("jinchu"~"jinchuang"), else 0."""
    if word == reading:
        return 1.0
    if not word or not reading or word[0] != reading[0] or min(len(word), len(reading)) < 2:
        return 0.0
    best = 1 - edit_distance(word, reading) / max(len(word), len(reading))
    if reading.startswith(word):
        best = max(best, len(word) / len(reading))
    return best if best >= FUZZY_FLOOR else 0.0


def _part_similarity(part: str, reading: str) -> float:
    """Like `similarity`, for one piece of a fused word, where a cut-off ending is common."""
    if part == reading:
        return 1.0
    if not part or part[0] != reading[0]:
        return 0.0
    if len(part) >= 2 and reading.startswith(part):
        return max(0.5, len(part) / len(reading))
    best = 1 - edit_distance(part, reading) / max(len(part), len(reading))
    return best if best >= 0.5 else 0.0


@lru_cache(maxsize=65536)
def segmented(
    word: str, readings: tuple[frozenset[str], ...], primary: tuple[frozenset[str], ...]
) -> tuple[float, ...]:
    """Cut a fused word ("jinchuang") into one piece per character, scoring the best cut."""
    best: tuple[float, ...] = (0.0,) * len(readings)
    for cuts in itertools.combinations(range(1, len(word)), len(readings) - 1):
        bounds = (0, *cuts, len(word))
        pieces = [word[bounds[k] : bounds[k + 1]] for k in range(len(readings))]
        scores = tuple(
            1.0 if piece in readings[k] else max(_part_similarity(piece, r) for r in primary[k])
            for k, piece in enumerate(pieces)
        )
        if sum(scores) > sum(best):
            best = scores
    return best


@lru_cache(maxsize=1)
def _vietnamese_vocabulary() -> frozenset[str]:
    """Every syllable of pyvi's word list, lower case: the syllables Vietnamese text is made of."""
    from importlib.resources import files

    text = (files("pyvi") / "models" / "words.txt").read_text(encoding="utf-8")
    return frozenset(text.lower().replace("_", " ").split())


def written_vietnamese(words: list[str] | tuple[str, ...]) -> bool:
    """A name written as Vietnamese: marked syllables ("Trương Tấn Thành"), or unmarked ones the
    language has ("Minh Anh"). "Li Sun", "Anbei Jinsan" are romanised Chinese, not Vietnamese."""
    return _written_vietnamese(tuple(words))


@lru_cache(maxsize=65536)
def _written_vietnamese(words: tuple[str, ...]) -> bool:
    if not all(is_vietnamese_syllable(w) for w in words):
        return False
    vocabulary = _vietnamese_vocabulary()
    return any(has_diacritics(w) for w in words) or all(w.lower() in vocabulary for w in words)
