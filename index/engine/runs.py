"""Where a run of syllables occurs in a syllable column (`index.text.vietnamese.syllable_column`).

The one definition of a match used everywhere: the engine checks runs of three syllables or
more with it, and every highlight comes from it. A run occurs where its folded syllables stand in
a row inside one chunk ("|" never inside the run) and each syllable typed with marks has exactly
that form there. The folded column has the exact column's offsets, so both are read at once.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence
from itertools import islice

from index.engine.plan import Run, Syllable
from index.text.vietnamese import BROKEN, LINKED, SYLLABLE_RE, fold, syllable_column

_EDGES = (LINKED, BROKEN)


class Column:
    """One field's syllable column, exact and folded."""

    __slots__ = ("exact", "folded")

    def __init__(self, exact: str) -> None:
        self.exact = exact
        self.folded = fold(exact)

    def starts(self, syllables: Sequence[Syllable]) -> Iterator[int]:
        """Character offsets in the column where the run begins, in order."""
        needle = LINKED.join(s.folded for s in syllables)
        checks = _exact_checks(syllables)
        folded, size = self.folded, len(needle)
        start = folded.find(needle)
        while start >= 0:
            end = start + size
            if (
                (start == 0 or folded[start - 1] in _EDGES)
                and (end == len(folded) or folded[end] in _EDGES)
                and all(
                    self.exact.startswith(exact, start + offset) for offset, exact in checks
                )
            ):
                yield start
            start = folded.find(needle, start + 1)

    def holds(self, syllables: Sequence[Syllable]) -> bool:
        return next(self.starts(syllables), None) is not None

    def places(self, syllables: Sequence[Syllable]) -> list[tuple[int, int]]:
        """(first, last) syllable numbers of every occurrence of the run."""
        found: list[tuple[int, int]] = []
        counted, number = 0, 0
        for start in self.starts(syllables):
            number += _separators(self.folded, counted, start)
            counted = start
            found.append((number, number + len(syllables) - 1))
        return found


def _separators(text: str, start: int, end: int) -> int:
    return text.count(LINKED, start, end) + text.count(BROKEN, start, end)


def _exact_checks(syllables: Sequence[Syllable]) -> list[tuple[int, str]]:
    """(offset in the run's text, exact form) of every syllable typed with marks."""
    checks, offset = [], 0
    for syllable in syllables:
        if syllable.exact is not None:
            checks.append((offset, syllable.exact))
        offset += len(syllable.folded) + 1
    return checks


def field_spans(text: str, runs: Iterable[Run], column: str | None = None) -> list[tuple[int, int]]:
    """Character spans in `text` of every occurrence of every run, merged where they touch.
    `column` is the text's syllable column when the index holds it already."""
    runs = list(runs)
    if not runs or not text:
        return []
    found = Column(syllable_column(text) if column is None else column)
    places = [place for run in runs for place in found.places(run.syllables)]
    if not places:
        return []
    syllables = [match.span() for match in SYLLABLE_RE.finditer(text)]
    spans = sorted(
        (syllables[first][0], syllables[last][1])
        for first, last in places
        if last < len(syllables)
    )
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def first_start(text: str, runs: Iterable[Run], column: str) -> int | None:
    """Where the first of `field_spans` starts, reading the text only as far as that."""
    found = Column(column)
    starts = [start for run in runs for start in islice(found.starts(run.syllables), 1)]
    if not starts:
        return None
    number = _separators(found.folded, 0, min(starts))
    match = next(islice(SYLLABLE_RE.finditer(text), number, None), None)
    return None if match is None else match.start()
