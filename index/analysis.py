"""Whoosh tokenizers over Vietnamese text.

They are pickled into the index's schema, so they keep no state beyond plain settings; pyvi is
loaded lazily, in whichever process first analyses a document.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from functools import lru_cache
from typing import Any

from whoosh.analysis import Token, Tokenizer

from index.vietnamese import SYLLABLE_RE, fold, normalise_term, words
from index.vietnamese import Token as Token_


def _emit(
    pieces: Iterator[tuple[str, int, int]],
    *,
    positions: bool,
    chars: bool,
    start_pos: int,
    start_char: int,
    token: Token,
) -> Iterator[Token]:
    for position, (text, start, end) in enumerate(pieces):
        token.text = text
        token.boost = 1.0
        token.stopped = False
        if positions:
            token.pos = start_pos + position
        if chars:
            token.startchar = start_char + start
            token.endchar = start_char + end
        yield token


class SyllableTokenizer(Tokenizer):
    """One token a syllable: exact (NFC, lowercase, old tone placement) or folded."""

    def __init__(self, folded: bool) -> None:
        self.folded = folded

    def __eq__(self, other: object) -> bool:
        return isinstance(other, SyllableTokenizer) and other.folded == self.folded

    def __hash__(self) -> int:
        return hash(("SyllableTokenizer", self.folded))

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
        normalise: Callable[[str], str] = fold if self.folded else normalise_term
        pieces = (
            (normalise(match.group()), match.start(), match.end())
            for match in SYLLABLE_RE.finditer(value)
        )
        token = Token(positions, chars, mode=mode, **kwargs)
        yield from _emit(
            pieces,
            positions=positions,
            chars=chars,
            start_pos=start_pos,
            start_char=start_char,
            token=token,
        )


@lru_cache(maxsize=2)
def _segmented(text: str) -> tuple[Token_, ...]:
    """pyvi's words for a text; the exact and folded word fields of one document share it."""
    return tuple(words(text))


class WordTokenizer(Tokenizer):
    """One token a pyvi word: exact ("hội_đàm"), or folded and of two syllables or more."""

    def __init__(self, folded: bool = False) -> None:
        self.folded = folded

    def __eq__(self, other: object) -> bool:
        return isinstance(other, WordTokenizer) and other.folded == self.folded

    def __hash__(self) -> int:
        return hash(("WordTokenizer", self.folded))

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
        found = _segmented(value)
        if self.folded:
            pieces = ((fold(w.text), w.start, w.end) for w in found if "_" in w.text)
        else:
            pieces = ((w.text, w.start, w.end) for w in found)
        token = Token(positions, chars, mode=mode, **kwargs)
        yield from _emit(
            pieces,
            positions=positions,
            chars=chars,
            start_pos=start_pos,
            start_char=start_char,
            token=token,
        )
