"""Vietnamese text: NFC, tone placement, folding, syllables and pyvi words, with offsets.

Every transformation here preserves length on NFC text, so an offset computed on a normalised or
folded copy is an offset into the original.
"""

from __future__ import annotations

import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache

SYLLABLE_RE = re.compile(r"[^\W_]+")

# The token pattern pyvi's own sylabelize uses, so its CRF sees the sequences it was trained on.
_PYVI_TOKEN_RE = re.compile(
    r"[A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\."
    r"|==>|->|\.\.\.|>>|\n"
    r"|\w+://[^\s]+"
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"
    r"|\d+(?:[\.,_]\d+)+|[^\w\s]|\w+"
)
_PYVI_CHUNK_CHARS = 4000

_TONE_MARKS = {"\u0300", "\u0301", "\u0303", "\u0309", "\u0323"}
# Syllables whose tone the old orthography puts on the second vowel ("hoà", "khoẻ", "thuỷ").
_NEW_STYLE_RE = re.compile(r"(?<![qQ])([òóỏõọÒÓỎÕỌùúủũụÙÚỦŨỤ])([aAeEyY])(?![^\W_])")
_OLD_STYLE_PAIRS = {("o", "a"), ("o", "e"), ("u", "y")}


def nfc(text: str) -> str:
    return unicodedata.normalize("NFC", text)


def _move_tone(match: re.Match[str]) -> str:
    first, second = match.group(1), match.group(2)
    base = unicodedata.normalize("NFD", first)
    plain, tone = base[0], base[1:]
    if (plain.lower(), second.lower()) not in _OLD_STYLE_PAIRS or tone not in _TONE_MARKS:
        return match.group(0)
    return plain + unicodedata.normalize("NFC", second + tone)


def old_tone_placement(text: str) -> str:
    """Rewrite new-style tone placement ("hòa", "thủy") to the old style ("hoà", "thuỷ")."""
    return _NEW_STYLE_RE.sub(_move_tone, text)


@lru_cache(maxsize=4096)
def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    base = unicodedata.normalize("NFD", lowered)[0]
    return base if base.isascii() or len(base) == 1 else lowered


def fold(text: str) -> str:
    """Lowercase and strip diacritics (đ → d), one character for one character."""
    if text.isascii():
        return text.lower()
    return "".join(_fold_char(char) for char in text)


def normalise_term(text: str) -> str:
    """The exact-match form of a word or syllable: NFC, lowercase, old tone placement."""
    return old_tone_placement(nfc(text).lower())


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


@dataclass(frozen=True)
class Token:
    """A stretch of source text with its offsets."""

    text: str
    start: int
    end: int


def syllables(text: str) -> list[Token]:
    """Letter-and-digit runs of NFC text: the units of the folded index and of highlighting."""
    return [Token(m.group(), m.start(), m.end()) for m in SYLLABLE_RE.finditer(text)]


def iter_syllables(text: str) -> Iterator[tuple[str, int, int]]:
    for match in SYLLABLE_RE.finditer(text):
        yield match.group(), match.start(), match.end()


@lru_cache(maxsize=1)
def _pyvi_model():  # type: ignore[no-untyped-def]
    from pyvi.ViTokenizer import ViTokenizer

    return ViTokenizer


def crf_features(tokens: list[str]) -> list[dict[str, object]]:
    """The features pyvi's `sent2features` gives its CRF, each token's traits computed once."""
    tokenizer = _pyvi_model()
    bigrams, trigrams = tokenizer.bi_grams, tokenizer.tri_grams
    lower = [t.lower() for t in tokens]
    upper = [t.isupper() for t in tokens]
    title = [t.istitle() for t in tokens]
    count = len(tokens)
    # pairs[i]: tokens i-1 and i form a known bigram; triples[i]: tokens i-2, i-1, i a trigram.
    pairs = [False] + [f"{lower[i - 1]} {lower[i]}" in bigrams for i in range(1, count)]
    triples = [False, False] + [
        f"{lower[i - 2]} {lower[i - 1]} {lower[i]}" in trigrams for i in range(2, count)
    ]
    features = []
    for i, token in enumerate(tokens):
        item: dict[str, object] = {
            "bias": 1.0,
            "word.lower()": lower[i],
            "word.isupper()": upper[i],
            "word.istitle()": title[i],
            "word.isdigit()": token.isdigit(),
        }
        if i > 0:
            item["-1:word.lower()"] = lower[i - 1]
            item["-1:word.istitle()"] = title[i - 1]
            item["-1:word.isupper()"] = upper[i - 1]
            item["-1:word.bi_gram()"] = pairs[i]
            if i > 1:
                item["-2:word.tri_gram()"] = triples[i]
        if i < count - 1:
            item["+1:word.lower()"] = lower[i + 1]
            item["+1:word.istitle()"] = title[i + 1]
            item["+1:word.isupper()"] = upper[i + 1]
            item["+1:word.bi_gram()"] = pairs[i + 1]
            if i < count - 2:
                item["+2:word.tri_gram()"] = triples[i + 2]
        features.append(item)
    return features


def _joins_previous(label: str, token: str, previous: str) -> bool:
    """pyvi's own rule for gluing a syllable onto the word before it."""
    return (
        label == "I_W"
        and token not in string.punctuation
        and previous not in string.punctuation
        and not token[0].isdigit()
        and not previous[0].isdigit()
        and not (token[0].istitle() and not previous[0].istitle())
    )


def _extends_name(group: list[Token], token: str) -> bool:
    """pyvi glues verbs onto names ("Trần_Đại_Quang_hội_đàm"); names end in a capital."""
    return token[0].islower() and len(group) >= 2 and all(t.text[0].isupper() for t in group)


def _chunks(tokens: list[Token]) -> Iterator[list[Token]]:
    """Split a token stream at line ends and sentence ends so the CRF sees sentence-sized inputs."""
    chunk: list[Token] = []
    size = 0
    for token in tokens:
        if token.text == "\n":
            if chunk:
                yield chunk
            chunk, size = [], 0
            continue
        chunk.append(token)
        size += len(token.text) + 1
        if (size >= _PYVI_CHUNK_CHARS and token.text in ".!?;") or size >= _PYVI_CHUNK_CHARS * 2:
            yield chunk
            chunk, size = [], 0
    if chunk:
        yield chunk


def words(text: str) -> list[Token]:
    """pyvi word segmentation of NFC text, as tokens with offsets into that text.

    A word's text is its syllables joined by "_" in exact-match form ("hội_đàm"); punctuation
    tokens are dropped.
    """
    tokenizer = _pyvi_model()
    analysed = old_tone_placement(text)
    stream = [Token(m.group(), m.start(), m.end()) for m in _PYVI_TOKEN_RE.finditer(analysed)]
    result: list[Token] = []
    for chunk in _chunks(stream):
        labels = tokenizer.model.predict([crf_features([t.text for t in chunk])])[0]
        groups: list[list[Token]] = []
        for index, token in enumerate(chunk):
            if (
                index
                and _joins_previous(labels[index], token.text, chunk[index - 1].text)
                and not _extends_name(groups[-1], token.text)
            ):
                groups[-1].append(token)
            else:
                groups.append([token])
        for group in groups:
            word = _word_token(analysed, group[0].start, group[-1].end)
            if word is not None:
                result.append(word)
    return result


def _word_token(analysed: str, start: int, end: int) -> Token | None:
    parts = SYLLABLE_RE.findall(analysed, start, end)
    if not parts:
        return None
    return Token("_".join(parts).lower(), start, end)
