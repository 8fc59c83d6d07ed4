"""A segment's postings, pooled by field in flat arrays until the segment is written.

Whoosh's own writer holds every posting as a tuple, sorts them all, and once they pass its memory
limit spills sorted runs to disk and merges them back in Python. Here a field gives each term an
id the first time it sees it, and a document's postings are appended to three arrays (term ids,
document numbers, counts) in a few calls made in C, whatever the number of its terms. Writing
sorts the arrays once, by term and document, and hands each term's postings to the codec.
"""

from __future__ import annotations

import struct
from array import array
from collections import Counter
from dataclasses import dataclass
from itertools import filterfalse, repeat

import numpy as np

_COUNT = struct.Struct("!I")  # a term count as `TermCounts` packs it: its posting's value

Posting = tuple[str, bytes, int, float, "bytes | None"]


@dataclass(frozen=True)
class SortedField:
    """A field's postings sorted by term (in byte order), then document.

    Term n owns postings starts[n] .. starts[n] + sizes[n] - 1 of the arrays. A counted field
    keeps each posting's count (its weight is the count times `boost`, its value the count
    packed); any other field each posting's weight and value."""

    texts: list[str]
    starts: np.ndarray
    sizes: np.ndarray
    docnums: np.ndarray
    boost: float | None
    counts: np.ndarray | None
    weights: list[float] | None
    values: list[bytes | None] | None


class FieldPostings:
    """One field's postings. A counted field (its weight a term's count times `boost`, its
    value the packed count) keeps counts; any other field keeps each posting's weight and value."""

    __slots__ = (
        "_counts",
        "_docnums",
        "_ids",
        "_in_order",
        "_terms",
        "_values",
        "_weights",
        "boost",
    )

    def __init__(self, boost: float | None) -> None:
        self._ids: dict[str, int] = {}
        self._terms = array("I")
        self._docnums = array("I")
        self._counts = array("I")
        self._weights: list[float] = []
        self._values: list[bytes | None] = []
        self._in_order = True
        self.boost = boost

    def _arriving(self, docnum: int) -> None:
        if self._docnums and docnum < self._docnums[-1]:
            self._in_order = False  # merged-in segments can add documents out of order

    def add_counts(self, counts: Counter[str], docnum: int) -> None:
        """A document's terms of a counted field, each with its count."""
        self._arriving(docnum)
        ids = self._ids
        new = list(filterfalse(ids.__contains__, counts))
        if new:
            ids.update(zip(new, range(len(ids), len(ids) + len(new)), strict=True))
        self._terms.extend(map(ids.__getitem__, counts))
        self._counts.extend(counts.values())
        self._docnums.extend(repeat(docnum, len(counts)))

    def add_posting(self, text: str, docnum: int, weight: float, value: bytes | None) -> None:
        self._arriving(docnum)
        term = self._ids.setdefault(text, len(self._ids))
        self._terms.append(term)
        self._docnums.append(docnum)
        if self.boost is None:
            self._weights.append(weight)
            self._values.append(value)
        else:
            self._counts.append(_COUNT.unpack(value)[0] if value else round(weight / self.boost))

    def sorted(self) -> SortedField:
        """The postings sorted; the pool's own copy of them is emptied meanwhile."""
        texts = list(self._ids)
        self._ids.clear()
        by_text = sorted(range(len(texts)), key=texts.__getitem__)
        rank = np.empty(len(texts), dtype=np.int32)
        rank[by_text] = np.arange(len(texts), dtype=np.int32)
        keys = rank[np.frombuffer(self._terms, dtype=np.uint32)]
        del rank
        self._terms = array("I")
        docnums = np.frombuffer(self._docnums, dtype=np.uint32)
        # In order, a stable sort by term keeps each term's postings in document order.
        order = np.argsort(keys, kind="stable") if self._in_order else np.lexsort((docnums, keys))
        sizes = np.bincount(keys, minlength=len(texts))
        del keys
        starts = np.concatenate(([0], np.cumsum(sizes)[:-1]))
        docnums = docnums[order]
        self._docnums = array("I")
        counts, weights, values = None, None, None
        if self.boost is None:
            positions = order.tolist()
            weights = array("f", [self._weights[i] for i in positions]).tolist()
            values = [self._values[i] for i in positions]
        else:
            counts = np.frombuffer(self._counts, dtype=np.uint32)[order]
        del order
        self._counts = array("I")
        return SortedField(
            texts=[texts[n] for n in by_text],
            starts=starts,
            sizes=sizes,
            docnums=docnums,
            boost=self.boost,
            counts=counts,
            weights=weights,
            values=values,
        )


class TermPool:
    """Postings by field, for Whoosh's `SegmentWriter` (`add`, `fieldnames`, `save`, `cleanup`).

    `counted` gives the boost of each field whose postings are term counts (`TermCounts`)."""

    def __init__(self, counted: dict[str, float]) -> None:
        self._counted = counted
        self.fields: dict[str, FieldPostings] = {}
        self.postings = 0  # held, a measure of the memory they take

    @property
    def fieldnames(self) -> set[str]:
        return set(self.fields)

    def _field(self, fieldname: str) -> FieldPostings:
        field = self.fields.get(fieldname)
        if field is None:
            field = self.fields[fieldname] = FieldPostings(self._counted.get(fieldname))
        return field

    def add(self, item: Posting) -> None:
        """One posting, as Whoosh hands it over (merging a segment in)."""
        fieldname, text, docnum, weight, value = item
        self._field(fieldname).add_posting(text.decode("utf-8"), docnum, weight, value)
        self.postings += 1

    def add_terms(self, fieldname: str, terms: list[str], docnum: int) -> None:
        """A document's terms in a counted field, repeats included."""
        counts = Counter(terms)
        self._field(fieldname).add_counts(counts, docnum)
        self.postings += len(counts)

    def save(self) -> None:
        pass  # everything stays in memory

    def cleanup(self) -> None:
        self.fields.clear()
