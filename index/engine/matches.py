"""Every document a query matches, as a set of document numbers, without scoring anything.

Totals and facets need every match, while ranking needs only the best few. Whoosh's matchers
find matches one posting at a time in Python; here each term's posting list is read a block
(up to 128 postings) at a time and queries combine as set operations. A run of three syllables
or more is checked only in the documents holding all its pairs, in their syllable column.
"""

from __future__ import annotations

import os
from bisect import bisect_right
from collections.abc import Callable, Iterator, Sequence
from functools import cached_property
from itertools import accumulate
from typing import Any

from whoosh import query as wq
from whoosh.matching.wrappers import FilterMatcher

from index.engine.runs import Column
from index.engine.schema import SYLLABLE_COLUMNS
from index.engine.translate import RunCheck

DocSet = set[int]
_REMEMBERED_RUNS = 16
_EDGES = frozenset(b" |")


class MatchFinder:
    """Evaluates Whoosh queries to document sets over one searcher's segments."""

    def __init__(self, searcher: Any) -> None:
        self.searcher = searcher
        self.leaves: list[tuple[Any, int]] = [
            (leaf.reader(), offset) for leaf, offset in searcher.leaf_searchers()
        ]
        self.offsets = [offset for _reader, offset in self.leaves]
        self._everything: DocSet | None = None
        # The latest checked runs' documents, by object: ranking a query asks again what
        # matching it just found; a newly translated query (another search) is looked at anew.
        self._runs: dict[int, tuple[RunCheck, DocSet]] = {}
        # column → leaf index → that leaf's column (None if the leaf has no column)
        self._columns: dict[str, dict[int, _BytesColumn | None]] = {}

    @cached_property
    def deleted(self) -> list[int]:
        """Documents deleted but still in their segments (until the next merge)."""
        found: list[int] = []
        for reader, offset in self.leaves:
            if reader.has_deletions():
                count = reader.doc_count_all()
                found.extend(offset + d for d in range(count) if reader.is_deleted(d))
        return found

    def everything(self) -> DocSet:
        """Every live document."""
        if self._everything is None:
            self._everything = set(range(self.searcher.doc_count_all())).difference(self.deleted)
        return self._everything

    def docs(self, query: Any) -> DocSet:
        """The documents `query` matches; the set may be shared, so callers do not modify it."""
        evaluate = _EVALUATORS.get(type(query))
        if evaluate is None:
            return set(self.searcher.docs_for_query(query))
        return evaluate(self, query)

    # -- terms -----------------------------------------------------------------------------

    def term(self, field: str, text: str) -> DocSet:
        found: DocSet = set()
        for reader, offset in self.leaves:
            if (field, text) not in reader:
                continue
            ids = _ids(reader.postings(field, text))
            found.update(ids if not offset else (offset + i for i in ids))
        return found

    def column_text(self, column: str, docnum: int) -> str:
        return self.column_value(column, docnum).decode()

    def column_value(self, column: str, docnum: int) -> bytes:
        leaf = bisect_right(self.offsets, docnum) - 1
        readers = self._columns.setdefault(column, {})
        if leaf not in readers:
            reader, _offset = self.leaves[leaf]
            has = reader.has_column(column)
            readers[leaf] = _BytesColumn(reader.column_reader(column)) if has else None
        values = readers[leaf]
        return values.value(docnum - self.offsets[leaf]) if values is not None else b""

    def column_values(self, column: str) -> list[bytes]:
        """Every document's value in a column of byte strings, by document number."""
        values: list[bytes] = []
        for reader, _offset in self.leaves:
            count = reader.doc_count_all()
            if not reader.has_column(column):
                values.extend([b""] * count)
                continue
            values.extend(_BytesColumn(reader.column_reader(column)).values(count))
        return values

    def run(self, query: RunCheck) -> DocSet:
        """Documents whose column holds the run (do not modify)."""
        remembered = self._runs.get(id(query))
        if remembered is not None and remembered[0] is query:
            return remembered[1]
        if len(self._runs) >= _REMEMBERED_RUNS:
            del self._runs[next(iter(self._runs))]
        found = self._check_run(query)
        self._runs[id(query)] = (query, found)
        return found

    def _check_run(self, query: RunCheck) -> DocSet:
        """Documents holding every pair of the run (smallest first), then those among them
        whose column has the syllables in a row."""
        candidates: DocSet | None = None
        for found in sorted((self.docs(pair) for pair in query.pairs), key=len):
            candidates = set(found) if candidates is None else candidates & found
            if not candidates:
                return set()
        column = SYLLABLE_COLUMNS[query.field]
        if query.needles is not None:
            needles = query.needles
            return {
                docnum
                for docnum in candidates or ()
                if _holds_any(self.column_value(column, docnum), needles)
            }
        return {
            docnum
            for docnum in candidates or ()
            if Column(self.column_value(column, docnum).decode()).holds(query.syllables)
        }

    def frequency(self, field: str, text: str) -> int:
        """How many documents hold the term."""
        return sum(reader.doc_frequency(field, text) for reader, _offset in self.leaves)


def _holds_any(column: bytes, needles: tuple[bytes, ...]) -> bool:
    """Does the column (exact syllables, " " inside a chunk, "|" between) hold one of the
    needles as whole syllables?"""
    for needle in needles:
        start = column.find(needle)
        while start >= 0:
            end = start + len(needle)
            if (start == 0 or column[start - 1] in _EDGES) and (
                end == len(column) or column[end] in _EDGES
            ):
                return True
            start = column.find(needle, start + 1)
    return False


class _BytesColumn:
    """One segment's column of byte strings, a document's value read with one positioned read.
    (Whoosh's reader seeks and reads through two layers of Python per value: ten times as long
    when a phrase is checked in thousands of documents.)"""

    def __init__(self, column: Any) -> None:
        self.column = column
        raw = column.raw_column() if hasattr(column, "raw_column") else column
        dbfile = getattr(raw, "_dbfile", None)
        self._direct = hasattr(raw, "_offsets") and getattr(dbfile, "is_real", False)
        if self._direct:
            self._fd, self._base = dbfile.fileno(), raw._basepos
            self._offsets, self._lengths = raw._offsets, raw._lengths

    def values(self, count: int) -> list[bytes]:
        """The first `count` documents' values, read from the file at once."""
        if not self._direct:
            return [bytes(self.column[docnum]) for docnum in range(count)]
        end = max((o + n for o, n in zip(self._offsets, self._lengths, strict=True)), default=0)
        data = os.pread(self._fd, end, self._base)
        return [
            data[offset : offset + length]
            for offset, length in zip(self._offsets[:count], self._lengths[:count], strict=True)
        ]

    def value(self, docnum: int) -> bytes:
        if not self._direct:
            return bytes(self.column[docnum])
        length = self._lengths[docnum]
        if not length:
            return b""
        return os.pread(self._fd, length, self._base + self._offsets[docnum])


def raw_postings(matcher: Any) -> Any:
    """The posting reader under a term's matcher, deleted documents included."""
    return _unwrap(matcher)[0]


def _unwrap(matcher: Any) -> tuple[Any, frozenset[int]]:
    """The raw posting reader under a matcher, and the deleted documents it was hiding."""
    if isinstance(matcher, FilterMatcher) and getattr(matcher, "_exclude", False):
        return matcher.child, frozenset(matcher._ids)
    return matcher, frozenset()


def is_inline(raw: Any) -> bool:
    """Is this a short posting list kept in its term's info rather than in blocks?"""
    return not hasattr(raw, "_read_data")


def posting_blocks(raw: Any) -> Iterator[tuple[Sequence[int], Any, bool]]:
    """Each block of a block posting reader (Whoosh 2.7's W3LeafMatcher), as stored: its ids,
    its weights (None: all 1.0; a float: all that; else one each) and whether the ids are
    differences from the one before."""
    while not raw._atend:
        if raw._data is None:
            raw._read_data()
        yield raw._data[0], raw._data[1], not raw._byteids
        raw._next_block()


def _ids(matcher: Any) -> list[int]:
    raw, deleted = _unwrap(matcher)
    if is_inline(raw):
        ids = list(raw.all_ids())
    else:
        ids = []
        for block_ids, _weights, deltas in posting_blocks(raw):
            ids.extend(accumulate(block_ids) if deltas else block_ids)
    return [i for i in ids if i not in deleted] if deleted else ids


def _and(finder: MatchFinder, query: wq.And) -> DocSet:
    wanted = [c for c in query.subqueries if not isinstance(c, wq.Not)]
    unwanted = [c.query for c in query.subqueries if isinstance(c, wq.Not)]
    result = set(finder.docs(wanted[0])) if wanted else set(finder.everything())
    for child in wanted[1:]:
        if not result:
            return result
        result &= finder.docs(child)
    for child in unwanted:
        if not result:
            return result
        result -= finder.docs(child)
    return result


def _or(finder: MatchFinder, query: wq.Or) -> DocSet:
    result: DocSet = set()
    for child in query.subqueries:
        result |= finder.docs(child)
    return result


_EVALUATORS: dict[type, Callable[[MatchFinder, Any], DocSet]] = {
    wq.Term: lambda finder, q: finder.term(q.fieldname, q.text),
    wq.And: _and,
    wq.Or: _or,
    wq.AndMaybe: lambda finder, q: finder.docs(q.a),
    wq.AndNot: lambda finder, q: finder.docs(q.a) - finder.docs(q.b),
    wq.Not: lambda finder, q: finder.everything() - finder.docs(q.query),
    wq.Every: lambda finder, _q: set(finder.everything()),
    RunCheck: lambda finder, q: finder.run(q),
    type(wq.NullQuery): lambda _finder, _q: set(),
}
