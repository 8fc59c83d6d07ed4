"""Vietnamese text: NFC, tone placement, folding, syllables and pyvi words, with offsets.

Every transformation here preserves length on NFC text, so an offset computed on a normalised or
folded copy is an offset into the original.
"""

from __future__ import annotations

import itertools
import re
import string
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from index.text.pyvi_model import pyvi_model

SYLLABLE_RE = re.compile(r"[^\W_]+")

# The token pattern pyvi's own sylabelize uses, so its CRF sees the sequences it was trained on.
_PYVI_TOKEN_RE = re.compile(
    r"[A-ZĐ]+\.|Tp\.|Mr\.|Mrs\.|Ms\.|Dr\.|ThS\."
    r"|==>|->|\.\.\.|>>|\n"
    r"|\w+://[^\s]+"
    r"|[a-zA-Z0-9_.+-]+@(?:[a-zA-Z0-9-]+\.)+[a-zA-Z0-9-]+"
    r"|\d+(?:[\.,_]\d+)+|[^\w\s]|\w+"
)
_PYVI_SPLIT_RE = re.compile(f"({_PYVI_TOKEN_RE.pattern})")
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


def _fold_char(char: str) -> str:
    if char in "đĐ":
        return "d"
    lowered = char.lower()
    if len(lowered) != 1:
        lowered = char
    return unicodedata.normalize("NFD", lowered)[0]


class _FoldTable(dict[int, str]):
    """str.translate table filled on first sight of each character."""

    def __missing__(self, codepoint: int) -> str:
        folded = self[codepoint] = _fold_char(chr(codepoint))
        return folded


_FOLD_TABLE = _FoldTable()


def fold(text: str) -> str:
    """Lowercase and strip diacritics (đ → d), one character for one character."""
    if text.isascii():
        return text.lower()
    return text.translate(_FOLD_TABLE)


def normalise_term(text: str) -> str:
    """The exact-match form of a word or syllable: NFC, lowercase, old tone placement."""
    if len(text) <= _REMEMBERED_TERM_CHARS:
        return _normalised_word(text)
    return old_tone_placement(nfc(text).lower())


# Words recur endlessly (the entity and meeting rules normalise each they read): the forms of
# short ones are remembered.
_REMEMBERED_TERM_CHARS = 24


@lru_cache(maxsize=1 << 16)
def _normalised_word(text: str) -> str:
    return old_tone_placement(nfc(text).lower())


def has_diacritics(text: str) -> bool:
    return fold(text) != text.lower()


@dataclass(frozen=True)
class Token:
    """A stretch of source text with its offsets."""

    text: str
    start: int
    end: int


def folded_syllables(text: str) -> str:
    """The text's syllables, folded, joined by single spaces ("hoi dam cap cao")."""
    return fold(" ".join(SYLLABLE_RE.findall(text)))


def syllables(text: str) -> list[Token]:
    """Letter-and-digit runs of NFC text: the units of the folded index and of highlighting."""
    return [Token(m.group(), m.start(), m.end()) for m in SYLLABLE_RE.finditer(text)]


# Between two syllables of one chunk: spaces without a line break, or one joiner on its own
# ("F-35", "TP.HCM", "Kim Jong-un", "30/4"). Anything else (sentence punctuation, commas,
# quotes, brackets, a spaced dash, a line break) ends the chunk.
_LINK = r"(?:[^\S\n\r\x0b\x0c\x1c-\x1e\x85\u2028\u2029]+|[-.'/])"
CHUNK_RE = re.compile(rf"[^\W_]+(?:{_LINK}[^\W_]+)*")
LINKED, BROKEN = " ", "|"


def syllable_column(text: str) -> str:
    """The text's syllables in exact form (`normalise_term`), in order: " " between two
    syllables of one chunk, "|" where a chunk ends ("ông|hội đàm với|f 35").

    `fold` of it is the folded form with the same offsets: one character for one character.
    """
    chunks = [" ".join(SYLLABLE_RE.findall(chunk)) for chunk in CHUNK_RE.findall(text)]
    return normalise_term(BROKEN.join(chunks))


def column_syllables(column: str) -> list[str]:
    """The folded syllables of a `syllable_column` ("hoi", "dam", ...)."""
    return fold(column).replace(BROKEN, LINKED).split()


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


def _extends_name(texts: list[str], first: int, last: int, token: str) -> bool:
    """pyvi glues verbs onto names ("Trần_Đại_Quang_hội_đàm"); names end in a capital.

    The group so far is texts[first:last + 1].
    """
    return (
        token[0].islower()
        and last > first
        and all(texts[i][0].isupper() for i in range(first, last + 1))
    )


def _chunks(texts: list[str]) -> Iterator[tuple[int, int]]:
    """Split a token stream at line ends and sentence ends so the CRF sees sentence-sized inputs.

    Yields [start, end) ranges of token indexes; line ends belong to no chunk.
    """
    begin = 0
    for end in [*(i for i, text in enumerate(texts) if text == "\n"), len(texts)]:
        if end > begin:
            line = texts[begin:end]
            if sum(map(len, line)) + len(line) < _PYVI_CHUNK_CHARS:
                yield begin, end
            else:
                yield from _long_line_chunks(texts, begin, end)
        begin = end + 1


def _long_line_chunks(texts: list[str], begin: int, end: int) -> Iterator[tuple[int, int]]:
    """A line cut after the first sentence end past the chunk size, or at twice the size."""
    size = 0
    for index in range(begin, end):
        text = texts[index]
        size += len(text) + 1
        if (size >= _PYVI_CHUNK_CHARS and text in ".!?;") or size >= _PYVI_CHUNK_CHARS * 2:
            yield begin, index + 1
            begin, size = index + 1, 0
    if end > begin:
        yield begin, end


def _word_ranges(texts: list[str]) -> list[tuple[int, int]]:
    """pyvi's words over a token stream, as (first, last) token indexes.

    Only tokens the CRF labels as continuing a word ("I_W") can join the one before them, so
    pyvi's gluing rules are asked of those alone.
    """
    chunks = list(_chunks(texts))
    crf = pyvi_model().crf
    labels = crf.labels(texts, chunks)
    inside = crf.inside
    ranges: list[tuple[int, int]] = []
    for begin, end in chunks:
        joined = set()
        for index in [i for i in range(begin + 1, end) if labels[i] == inside]:
            first = index - 1
            while first in joined:
                first -= 1
            token, previous = texts[index], texts[index - 1]
            if _joins_previous("I_W", token, previous) and not _extends_name(
                texts, first, index - 1, token
            ):
                joined.add(index)
        starts = [i for i in range(begin, end) if i not in joined] if joined else range(begin, end)
        ranges.extend(zip(starts, [*starts[1:], end], strict=True))
    return [(first, after - 1) for first, after in ranges]


def words(text: str) -> list[Token]:
    """pyvi word segmentation of NFC text, as tokens with offsets into that text.

    A word's text is its syllables joined by "_" in exact-match form ("hội_đàm"); punctuation
    tokens are dropped.
    """
    segmented = _segmented(text)
    result: list[Token] = []
    for first, last in segmented.ranges:
        word = segmented.word_text(first, last)
        if word:
            result.append(Token(word, segmented.starts[first], segmented.ends[last]))
    return result


def word_texts(text: str) -> list[str]:
    """The texts of `words(text)`, without their offsets."""
    segmented = _segmented(text)
    found = itertools.starmap(segmented.word_text, segmented.ranges)
    return [word for word in found if word]


class _Segmented(NamedTuple):
    """A text in pyvi's tone placement, its tokens with their offsets, its words as token
    ranges."""

    analysed: str
    tokens: list[str]
    starts: list[int]
    ends: list[int]
    ranges: list[tuple[int, int]]

    def word_text(self, first: int, last: int) -> str:
        """The word of tokens first..last ("hội_đàm"); "" when it has no letters or digits."""
        token = self.tokens[first]
        if first == last and token.isalnum():
            return token.lower()
        syllables = SYLLABLE_RE.findall(self.analysed, self.starts[first], self.ends[last])
        return "_".join(syllables).lower()


def _segmented(text: str) -> _Segmented:
    analysed = old_tone_placement(text)
    # [gap, token, gap, token, ..., gap]: running sums of the lengths give every offset.
    parts = _PYVI_SPLIT_RE.split(analysed)
    offsets = list(itertools.accumulate(map(len, parts)))
    tokens = parts[1::2]
    return _Segmented(analysed, tokens, offsets[0:-1:2], offsets[1::2], _word_ranges(tokens))
