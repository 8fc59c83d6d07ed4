"""Rank matches by Whoosh's BM25F, scored a whole posting list at a time with numpy.

Whoosh scores one posting at a time through a tree of matchers in Python: most of a query's time
for a common word. Here each term's postings are read a block at a time into arrays and scored
with the same formula, field statistics and document lengths as Whoosh's BM25F, and a query's
score is the same sum over its parts. The best `limit` of the already matched documents are
then taken, ties going to the earlier document as with Whoosh.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from whoosh import query as wq
from whoosh.scoring import BM25F

from index.engine.matches import MatchFinder, is_inline, posting_blocks, raw_postings
from index.engine.translate import RunCheck
from index.engine.tuning import LENGTH_OF_BYTE, length_column

_LENGTH_OF_BYTE = np.array(LENGTH_OF_BYTE, dtype=np.float64)


class Ranker:
    """Scores queries over one searcher's documents; one per opened index."""

    def __init__(self, searcher: Any, finder: MatchFinder) -> None:
        self.searcher = searcher
        self.finder = finder
        self.size = searcher.doc_count_all()
        weighting = searcher.weighting
        if not isinstance(weighting, BM25F):
            raise TypeError(f"ranking needs BM25F, not {type(weighting).__name__}")
        self.weighting = weighting
        self._lengths: dict[str, np.ndarray] = {}

    def top(self, query: Any, matched: set[int], limit: int | None) -> list[tuple[int, float]]:
        """The best `limit` (all when None) of the matched documents as (docnum, score)."""
        if not matched:
            return []
        docs = np.fromiter(matched, dtype=np.int64, count=len(matched))
        scores = self.scores(query)[docs]
        if limit is not None and limit < len(docs):
            threshold = np.partition(scores, len(docs) - limit)[len(docs) - limit]
            contenders = np.flatnonzero(scores >= threshold)  # every tie at the threshold
            docs, scores = docs[contenders], scores[contenders]
        order = np.lexsort((docs, -scores))[:limit]
        return [(int(docs[i]), float(scores[i])) for i in order]

    def scores(self, query: Any, strict: bool = False) -> np.ndarray:
        """Each document's score for `query`, by document number: right wherever the query
        matches; elsewhere 0 when `strict`, else possibly a part's score (as for the root
        query, whose matches are known).

        A checked run scores as the sum of its pairs.
        """
        score = _SCORERS.get(type(query))
        if score is None:
            raise TypeError(f"cannot rank a {type(query).__name__} query")
        scores = score(self, query)
        if strict and type(query) in _LOOSE:
            scores[self._outside(query)] = 0.0
        boost = getattr(query, "boost", 1.0)
        return scores * boost if boost != 1.0 and not isinstance(query, wq.Not) else scores

    def _outside(self, query: Any) -> np.ndarray:
        """A mask of the documents `query` does not match."""
        outside = np.ones(self.size, dtype=bool)
        inside = self.finder.docs(query)
        if inside:
            outside[np.fromiter(inside, dtype=np.int64, count=len(inside))] = False
        return outside

    def _term(self, query: wq.Term) -> np.ndarray:
        field, text = query.fieldname, query.text
        scores = np.zeros(self.size)
        scorable = self.searcher.schema[field].scorable
        if scorable:
            idf = self.searcher.idf(field, text)
            average = self.searcher.avg_field_length(field) or 1
            lengths = self.lengths(field)
            k1, b = self.weighting.K1, self.weighting._field_B.get(field, self.weighting.B)
        for reader, offset in self.finder.leaves:
            if (field, text) not in reader:
                continue
            ids, weights = _postings_arrays(reader.postings(field, text))
            ids += offset
            if scorable:
                # Whoosh's bm25(), operation for operation, so the figures come out the same.
                fl = lengths[ids]
                weights = idf * (
                    (weights * (k1 + 1)) / (weights + k1 * ((1 - b) + b * fl / average))
                )
            scores[ids] = weights
        return scores

    def _run(self, query: RunCheck) -> np.ndarray:
        total = np.zeros(self.size)
        for pair in query.pairs:
            total += self.scores(pair)
        return total

    def _any(self, query: wq.Or) -> np.ndarray:
        total = np.zeros(self.size)
        for child in query.subqueries:
            total += self.scores(child, strict=True)
        return total

    def _all(self, query: wq.And) -> np.ndarray:
        total = np.zeros(self.size)
        for child in query.subqueries:
            total += self.scores(child)
        return total

    def _and_maybe(self, query: wq.AndMaybe) -> np.ndarray:
        return self.scores(query.a) + self.scores(query.b, strict=True)

    def _not(self, query: wq.Not) -> np.ndarray:
        """Whoosh gives 1 to every document an inverted query matches."""
        return self._outside(query.query).astype(np.float64)

    def lengths(self, field: str) -> np.ndarray:
        """Each document's length in the field, as Whoosh stores it (one byte, rounded)."""
        if field not in self._lengths:
            parts = []
            for reader, _offset in self.finder.leaves:
                count = reader.doc_count_all()
                column = length_column(reader._perdoc, field) or b""
                codes = np.zeros(count, dtype=np.uint8)
                codes[: min(count, len(column))] = np.frombuffer(column, np.uint8)[:count]
                parts.append(_LENGTH_OF_BYTE[codes])
            self._lengths[field] = np.concatenate(parts) if parts else np.zeros(0)
        return self._lengths[field]


def _postings_arrays(matcher: Any) -> tuple[np.ndarray, np.ndarray]:
    """A term's postings in one segment: (document numbers, weights), deleted ones included."""
    raw = raw_postings(matcher)
    if is_inline(raw):
        ids, weights = [], []
        while raw.is_active():
            ids.append(raw.id())
            weights.append(raw.weight())
            raw.next()
        return np.array(ids, dtype=np.int64), np.array(weights, dtype=np.float64)
    id_blocks, weight_blocks = [], []
    for block_ids, block_weights, deltas in posting_blocks(raw):
        ids = np.asarray(block_ids, dtype=np.int64)
        id_blocks.append(np.cumsum(ids) if deltas else ids)
        if block_weights is None or isinstance(block_weights, float):
            weight_blocks.append(np.full(len(ids), 1.0 if block_weights is None else block_weights))
        else:
            weight_blocks.append(np.asarray(block_weights, dtype=np.float64))
    return np.concatenate(id_blocks), np.concatenate(weight_blocks)


_SCORERS: dict[type, Callable[[Ranker, Any], np.ndarray]] = {
    wq.Term: Ranker._term,
    RunCheck: Ranker._run,
    wq.Or: Ranker._any,
    wq.And: Ranker._all,
    wq.AndMaybe: Ranker._and_maybe,
    wq.AndNot: lambda ranker, q: ranker.scores(q.a),
    wq.Not: Ranker._not,
    wq.Every: lambda ranker, _q: np.ones(ranker.size),
    type(wq.NullQuery): lambda ranker, _q: np.zeros(ranker.size),
}
# Queries whose scores can be non-zero where they do not match (a part of them does).
_LOOSE = {RunCheck, wq.And, wq.AndMaybe, wq.AndNot}
