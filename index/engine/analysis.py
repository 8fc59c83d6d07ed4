"""Whoosh tokenizers over Vietnamese text.

They are pickled into the index's schema, so they keep no state beyond plain settings; pyvi is
loaded lazily, in whichever process first analyses a document.
"""

from __future__ import annotations

import itertools
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer
from whoosh.formats import Frequency
from whoosh.system import pack_uint

from index.text.vietnamese import (
    BROKEN,
    LINKED,
    fold,
    word_texts,
    words,
)


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


@dataclass(frozen=True)
class SyllableTerms:
    """A field's text as the engine indexes it (see `index.engine.schema`)."""

    column: str
    folded: list[str]
    marked: list[str]
    pairs: list[str]


@lru_cache(maxsize=8)
def column_terms(column: str) -> SyllableTerms:
    """The terms of a syllable column, read once for the three fields that index it (the
    cache's key is the very string the document holds, whose hash Python keeps)."""
    if not column:
        return SyllableTerms("", [], [], [])
    folded = fold(column).replace(BROKEN, LINKED).split(LINKED)
    exact = column.replace(BROKEN, LINKED).split(LINKED)
    pairs: list[str] = []
    for chunk in column.split(BROKEN):
        found = chunk.split(LINKED)
        pairs.extend(map("_".join, itertools.pairwise(found)))
    marked = [e for e, f in zip(exact, folded, strict=True) if e != f]
    return SyllableTerms(column, folded, marked, pairs)


class ColumnTokenizer(_OffsetTokenizer):
    """Terms of a syllable column: "folded" (every syllable), "marked" (the syllables written
    with marks, exact) or "pairs" (two syllables adjacent in a chunk, exact, "hội_đàm").

    The value is the column, not the text: the build reads a text's syllables once, in
    whichever process it likes, and the terms come from that."""

    def __init__(self, kind: str) -> None:
        super().__init__(folded=kind == "folded")
        self.kind = kind

    def __eq__(self, other: object) -> bool:
        return type(other) is type(self) and other.kind == self.kind  # type: ignore[attr-defined]

    def __hash__(self) -> int:
        return hash((type(self).__name__, self.kind))

    def terms(self, value: str) -> list[str]:
        return getattr(column_terms(value), self.kind)

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        for term in self.terms(value):  # no offsets: nothing reads them
            yield term, 0, 0


class WordTokenizer(_OffsetTokenizer):
    """One token a pyvi word, in exact form ("hội_đàm")."""

    def pieces(self, value: str) -> Iterator[tuple[str, int, int]]:
        for word in words(value):
            yield word.text, word.start, word.end

    def terms(self, value: str) -> list[str]:
        return word_texts(value)


@lru_cache(maxsize=256)
def _packed_count(count: int) -> bytes:
    return pack_uint(count)


class TermCounts(Frequency):
    """Whoosh's Frequency format (term counts, no positions), counted straight from our
    tokenizers' terms instead of through one Token object per word."""

    @staticmethod
    def terms(value: str, analyzer: Any) -> list[str] | None:
        """Every term of the value, repeats included; None for an analyzer not ours."""
        return analyzer.terms(value) if isinstance(analyzer, _OffsetTokenizer) else None

    @staticmethod
    def packed_count(count: int) -> bytes:
        """A posting's value: its term's count in the document."""
        return _packed_count(count)

    def word_values(  # type: ignore[override]
        self, value: str, analyzer: Any, **kwargs: Any
    ) -> Iterator[tuple[str, int, float, bytes]]:
        if not isinstance(analyzer, _OffsetTokenizer):
            yield from super().word_values(value, analyzer, **kwargs)
            return
        boost = self.field_boost
        for term, count in Counter(analyzer.terms(value)).items():
            yield term, count, count * boost, _packed_count(count)
