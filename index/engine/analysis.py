"""Whoosh tokenizers over Vietnamese text.

They are pickled into the index's schema, so they keep no state beyond plain settings; pyvi is
loaded lazily, in whichever process first analyses a document.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from index.text.vietnamese import SYLLABLE_RE, fold, folded_syllables, normalise_term, words


class _OffsetTokenizer(Tokenizer):
    """Emits (text, start, end) pieces of a value as Whoosh tokens with positions and offsets."""

    def __init__(self, folded: bool = False) -> None:
        self.folded = folded

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.folded == self.folded  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.folded))

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        raise NotImplementedError

    def terms(self, value: str) -> list[str]:
        return [text for text, _start, _end in self.pieces(value)]

    def __call__(  # type: ignore[override]
        self,
        value: str,
        positions: bool = False,
        chars: bool = False,
        start_pos: int = 0,
        start_char: int = 0,
        mode: str = "",
        **kwargs: Any,
    ) -> Iterator[Token]:
        token = Token(positions, chars, mode=mode, **kwargs)
        for position, (text, start, end) in enumerate(self.pieces(value)):
            token.text = text
            token.boost = 1.0
            token.stopped = False
            if positions:
                token.pos = start_pos + position
            if chars:
                token.startchar = start_char + start
                token.endchar = start_char + end
            yield token


class SyllableTokenizer(_OffsetTokenizer):
    """One token a syllable: exact (NFC, lowercase, old tone placement) or folded."""

    def terms(self, value: str) -> list[str]:
        if not self.folded:
            return super().terms(value)
        joined = folded_syllables(value)
        return joined.split(" ") if joined else []

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        normalise: Callable[[str], str] = fold if self.folded else normalise_term
        for match in SYLLABLE_RE.finditer(value):
            yield normalise(match.group()), match.start(), match.end()


class WordTokenizer(_OffsetTokenizer):
    """One token a pyvi word, in exact form ("hội_đàm")."""

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        for word in words(value):
            yield word.text, word.start, word.end


@lru_cache(maxsize=256)
def _packed_count(count: int) -> bytes:
    return pack_uint(count)


class TermCounts(Frequency):
    """Whoosh's Frequency format (term counts, no positions), counted straight from our
    tokenizers' terms instead of through one Token object per word."""

    def word_values(  # type: ignore[override]
        self, value: str, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, _OffsetTokenizer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, count in Counter(analyzer.terms(value)).items():
            yield term, count, count * boost, _packed_count(count)
