"""Where to break a paragraph to fit a width in terminal cells, at word boundaries.

The same breaks as Rich's own word wrapping (`Text.wrap` with `overflow="fold"`), but as offsets
into the text, which the reader needs to map highlights onto lines.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from rich.cells import cell_len

_WORD = re.compile(r"\s*\S+\s*")  # a word with the spaces around it


def line_breaks(text: str, width: int) -> list[int]:
    """Offsets at which `text` breaks into lines of at most `width` cells; a word longer than
    a line is folded across lines."""
    breaks: list[int] = []
    used = 0  # cells taken on the current line
    for match in _WORD.finditer(text):
        start, word = match.start(), match.group()
        length = cell_len(word.rstrip())
        if length <= width - used:
            used += cell_len(word)
        elif length > width:
            pieces = list(_fold(word, width))
            for piece in pieces[:-1]:
                if start:
                    breaks.append(start)
                start += len(piece)
            if start:
                breaks.append(start)
            used = cell_len(pieces[-1])
        elif used and start:
            breaks.append(start)
            used = cell_len(word)
    return breaks


def _fold(word: str, width: int) -> Iterator[str]:
    """`word` in pieces of at most `width` cells (at least one character each)."""
    piece, used = "", 0
    for character in word:
        cells = cell_len(character)
        if piece and used + cells > width:
            yield piece
            piece, used = "", 0
        piece += character
        used += cells
    yield piece
