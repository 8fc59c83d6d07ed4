"""Foreign names garbled through their Chinese spelling: 默克尔 "Mokeer", 马克龙 "Makelong".

Chinese media write a foreign name with characters chosen for their sound (安格拉·默克尔).
Machine translation from Chinese then leaves the characters' pinyin, fused ("Mokeer") or one
syllable a word ("Mo Ke Er"). A run of words spelling exactly the pinyin of a leader's whole
Chinese name, or of its last part (the family name), names that leader.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from index.entities.gazetteer import Leader
from index.entities.readings import is_cjk, primary
from index.text.vietnamese import fold

LONG_ENOUGH = 0.9  # a spelling of seven letters or more is nobody else's by chance
SHORT = 0.7  # a shorter one needs context: a title, the country, the year
_MIN_LETTERS = 4
_LONG_LETTERS = 7
_MAX_WORDS = 6
_PART_SEPARATORS_RE = re.compile(r"[·•・\-]")


def _fused(characters: str) -> set[str]:
    """The pinyin of a run of characters, one reading each, fused: 默克尔 → "mokeer"."""
    spellings = {""}
    for char in characters:
        readings = sorted(primary(char))
        spellings = {s + r for s in spellings for r in readings}
    return spellings


def _keys(hanzi: str) -> set[str]:
    parts = [
        "".join(c for c in part if is_cjk(c)) for part in _PART_SEPARATORS_RE.split(hanzi)
    ]
    parts = [p for p in parts if p]
    if not parts:
        return set()
    keys = _fused("".join(parts))
    if len(parts[-1]) >= 2:
        keys |= _fused(parts[-1])
    return {k for k in keys if len(k) >= _MIN_LETTERS}


class Transliterations:
    """Fused pinyin of every transliterated leader's name → the leaders it spells."""

    def __init__(self, leaders: Iterable[Leader]) -> None:
        self.spelled: dict[str, set[str]] = {}
        for leader in leaders:
            if "·" in leader.hanzi or "•" in leader.hanzi:
                for spelling in _keys(leader.hanzi):
                    self.spelled.setdefault(spelling, set()).add(leader.id)

    def find(self, words: Iterable[str]) -> list[tuple[str, int, int, float]]:
        """(leader id, first word, last word, score) for every window that spells one leader."""
        folded = [fold(w).lower() for w in words]
        out = []
        for first in range(len(folded)):
            fused = ""
            for last in range(first, min(len(folded), first + _MAX_WORDS)):
                fused += folded[last]
                leaders = self.spelled.get(fused)
                if leaders and len(leaders) == 1:
                    score = LONG_ENOUGH if len(fused) >= _LONG_LETTERS else SHORT
                    out.append((next(iter(leaders)), first, last, score))
        return out
