"""A Whoosh segment writer that keeps its postings grouped by term, in compact arrays.

Whoosh's own writer holds every posting as a tuple, sorts them all, and once they pass its memory
limit spills sorted runs to disk and merges them back in Python: on a corpus of tens of thousands
of articles that merge alone costs minutes. Here each term's postings are appended to arrays as
documents arrive, already in document order; at the end only the terms are sorted, and each
term's postings go straight to Whoosh's codec (a term of one posting into its term info).
"""

from __future__ import annotations

import itertools
import pickle
import struct
from array import array
from collections import Counter
from collections.abc import Iterator
from typing import Any

from whoosh.codec.whoosh3 import W3TermInfo
from whoosh.system import pack_ushort
from whoosh.writing import SegmentWriter

from index.engine.analysis import TermCounts
from index.engine.tuning import LENGTH_OF_BYTE, length_column
from index.engine.word_forms import write_segment_forms

Posting = tuple[str, bytes, int, float, "bytes | None"]


class _TermPostings:
    __slots__ = ("docnums", "values", "weights")

    def __init__(self) -> None:
        self.docnums = array("I")
        self.weights = array("d")
        self.values: list[bytes | None] = []


_FLOAT32 = struct.Struct("f")

# A term seen in one document only (most syllable pairs are) is kept as that one posting.
_Single = tuple[int, float, "bytes | None"]


class TermPool:
    """Postings by field and term, each term's in the order they were added."""

    def __init__(self) -> None:
        self.fieldnames: set[str] = set()
        self._fields: dict[str, dict[bytes, _TermPostings | _Single]] = {}
        # Posting values repeat endlessly (a frequency is 4 bytes): keep one copy of each.
        self._values: dict[bytes, bytes] = {}
        self.postings = 0  # held, a measure of the memory they take
        # Postings arrive in document order, except from merged-in segments.
        self._in_order, self._last_docnum = True, 0

    def _arriving(self, docnum: int) -> None:
        if docnum < self._last_docnum:
            self._in_order = False
        self._last_docnum = docnum

    def add(self, item: Posting) -> None:
        fieldname, text, docnum, weight, value = item
        self._arriving(docnum)
        self.postings += 1
        terms = self._fields.get(fieldname)
        if terms is None:
            terms = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        if value is not None:
            value = self._values.setdefault(value, value)
        postings = terms.get(text)
        if postings is None:
            terms[text] = (docnum, weight, value)
            return
        if isinstance(postings, tuple):
            postings = terms[text] = _expanded(postings)
        postings.docnums.append(docnum)
        postings.weights.append(weight)
        postings.values.append(value)

    def add_terms(self, fieldname: str, terms: list[str], docnum: int, boost: float) -> None:
        """A document's terms in one field, repeats counted: `add` for each distinct term,
        without a posting tuple and a call each."""
        self._arriving(docnum)
        table = self._fields.get(fieldname)
        if table is None:
            table = self._fields[fieldname] = {}
            self.fieldnames.add(fieldname)
        packed = TermCounts.packed_count
        counts = Counter(terms)
        self.postings += len(counts)
        for term, count in counts.items():
            text = term.encode()
            postings = table.get(text)
            if postings is None:
                table[text] = (docnum, count * boost, packed(count))
                continue
            if postings.__class__ is tuple:
                postings = table[text] = _expanded(postings)
            postings.docnums.append(docnum)
            postings.weights.append(count * boost)
            postings.values.append(packed(count))

    def keys(self) -> Iterator[tuple[str, bytes]]:
        """Every (field, term) held, in no particular order."""
        for fieldname, terms in self._fields.items():
            for text in terms:
                yield fieldname, text

    def terms(self) -> Iterator[tuple[str, bytes, _TermPostings | _Single]]:
        """Every term in (field, term) order, with its postings sorted by document; a term of
        one posting as that posting."""
        for fieldname in sorted(self._fields):
            terms = self._fields[fieldname]
            for text in sorted(terms):
                postings = terms[text]
                if not self._in_order and not isinstance(postings, tuple):
                    docnums = postings.docnums
                    if any(a > b for a, b in itertools.pairwise(docnums)):
                        _sort_by_docnum(postings)
                yield fieldname, text, postings

    def iter_postings(self) -> Iterator[Posting]:
        for fieldname, text, postings in self.terms():
            if isinstance(postings, tuple):
                postings = _expanded(postings)
            for docnum, weight, value in zip(
                postings.docnums, postings.weights, postings.values, strict=True
            ):
                yield fieldname, text, docnum, weight, value

    def save(self) -> None:
        pass  # everything stays in memory

    def cleanup(self) -> None:
        self._fields.clear()
        self._values.clear()


def _expanded(single: _Single) -> _TermPostings:
    postings = _TermPostings()
    postings.docnums.append(single[0])
    postings.weights.append(single[1])
    postings.values.append(single[2])
    return postings


def _sort_by_docnum(postings: _TermPostings) -> None:
    """Merged-in segments can add a term's postings out of document order."""
    order = sorted(range(len(postings.docnums)), key=postings.docnums.__getitem__)
    postings.docnums = array("I", (postings.docnums[i] for i in order))
    postings.weights = array("d", (postings.weights[i] for i in order))
    postings.values = [postings.values[i] for i in order]


class TermPoolWriter(SegmentWriter):
    """`SegmentWriter` with a `TermPool`, writing each term's postings in one go."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool()

    def add_document(self, **fields: Any) -> None:
        """Whoosh's `add_document` for our schema (no boosts, spellings or vectors), our text
        fields' terms pooled a field at a time."""
        self._check_state()
        docnum, schema, perdoc = self.docnum, self.schema, self.perdocwriter
        names = sorted(name for name in fields if not name.startswith("_"))
        self._check_fields(schema, names)
        perdoc.start_doc(docnum)
        for name in names:
            value = fields[name]
            if value is None:
                continue
            field = schema[name]
            length = self._index_field(name, field, value, docnum) if field.indexed else 0
            perdoc.add_field(name, field, value if field.stored else None, length)
            if field.column_type:
                perdoc.add_column_value(name, field.column_type, field.to_column_value(value))
        perdoc.finish_doc()
        self._added = True
        self.docnum += 1

    def _index_field(self, name: str, field: Any, value: Any, docnum: int) -> int:
        """Pool the field's postings for the document; its length (the terms it counts)."""
        terms = None
        if isinstance(field.format, TermCounts):
            terms = field.format.terms(value, field.analyzer)
        if terms is not None:
            self.pool.add_terms(name, terms, docnum, field.format.field_boost)
            return len(terms) if field.scorable else 0
        length = 0
        for text, count, weight, value_bytes in field.index(value):
            length += count if field.scorable else 0
            self.pool.add((name, text, docnum, weight, value_bytes))
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        writer = self.fieldwriter
        current, length_bytes = None, None
        for fieldname, text, postings in self.pool.terms():
            if fieldname != current:
                if current is not None:
                    writer.finish_field()
                writer.start_field(fieldname, self.schema[fieldname])
                current = fieldname
                length_bytes = length_column(lengths, fieldname) if lengths else None
            if isinstance(postings, tuple):
                _write_inlined(writer, text, postings, length_bytes)
                continue
            writer.start_term(text)
            _write_postings(writer._postwriter, postings, length_bytes)
            writer.finish_term()
        if current is not None:
            writer.finish_field()
        writer.close()
        if lengths:
            lengths.close()
        write_segment_forms(self.storage, self.newsegment, self.pool.keys())


def _write_inlined(
    fieldwriter: Any, text: bytes, single: _Single, length_bytes: bytes | None
) -> None:
    """A term of one posting, kept in its term info: what Whoosh 2.7's W3 writer means to do
    below its inline limit (a misspelt call keeps it from ever doing it). Most syllable pairs
    occur once: this spares each a posting block, a third of the segment's writing time."""
    docnum, weight, value = single
    weight = _FLOAT32.unpack(_FLOAT32.pack(weight))[0]  # as a block's array("f") holds it
    length = 0
    if length_bytes is not None and docnum < len(length_bytes):
        length = length_bytes[docnum]
    info = W3TermInfo._struct.pack(
        True, weight, 1, length, length, max(0.0, weight), docnum, docnum
    )
    postings = ((docnum,), (weight,), (value or None,))  # None, as a block reads back
    key = pack_ushort(fieldwriter._fieldid) + text
    fieldwriter._tindex.add(key, info + pickle.dumps(postings, 2))


def _write_postings(postwriter: Any, postings: _TermPostings, length_bytes: bytes | None) -> None:
    """Fill Whoosh 2.7's W3 posting blocks a block at a time, as `add_posting` would one
    posting at a time: the block's ids, weights, non-empty values, and its statistics."""
    limit = postwriter._blocklimit
    for start in range(0, len(postings.docnums), limit):
        if len(postwriter._ids):
            postwriter._write_block()  # the previous, full block; the last one is left
        ids = postings.docnums[start : start + limit]
        weights = postings.weights[start : start + limit]
        postwriter._ids = ids
        postwriter._weights = array("f", weights)
        postwriter._values = [v for v in postings.values[start : start + limit] if v]
        postwriter._maxweight = max(0, max(weights))
        if length_bytes is not None:
            present = [length_bytes[i] for i in ids if i < len(length_bytes) and length_bytes[i]]
            if present:
                postwriter._minlength = LENGTH_OF_BYTE[min(present)]
                postwriter._maxlength = LENGTH_OF_BYTE[max(present)]
