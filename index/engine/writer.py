"""A Whoosh segment writer that pools postings in arrays (`index.engine.pool`) and writes each
term's postings and term info in Whoosh 2.7's W3 format directly.

Whoosh's codec takes a term through half a dozen calls, a seek-position read per file and a
posting at a time; on a segment of a few thousand articles (most of its hundreds of thousands of
terms syllable pairs) that was most of the time spent writing it. Here the bytes are the ones
Whoosh writes, made from a term's whole slice of the sorted postings at once, and a term of one
posting goes inside its term info, as the W3 format provides for and Whoosh 2.7's writer never does
(`finish_postings` calls `set_inline`; the method is `set_inlined`).
"""

from __future__ import annotations

import hashlib
import itertools
import struct
import zlib
from array import array
from collections.abc import Iterator
from dataclasses import dataclass
from pickle import dumps
from typing import Any

import numpy as np
from whoosh.codec.whoosh3 import WHOOSH3_HEADER_MAGIC, W3TermInfo
from whoosh.system import pack_int, pack_long, pack_ushort
from whoosh.util.numlists import GrowableArray
from whoosh.writing import SegmentWriter

from index.engine.analysis import TermCounts
from index.engine.pool import SortedField, TermPool
from index.engine.tuning import length_column
from index.engine.word_forms import PAIR_FIELDS, write_segment_forms

_TERM_INFO = W3TermInfo._struct
_RECORD_LENGTHS = struct.Struct("!ii")  # a hash file record's key and value lengths
_HASH_SLOT = np.dtype([("hash", ">u4"), ("position", ">i8")])  # a hash table slot, "!Iq"
_BUFFERED_BYTES = 1 << 22
# Postings turned into lists at a time when a field is written (about 20 MB of them).
_BATCH_POSTINGS = 250_000


def counted_boosts(schema: Any) -> dict[str, float]:
    """The fields whose postings are term counts, with their boosts."""
    return {
        name: field.format.field_boost
        for name, field in schema.items()
        if isinstance(field.format, TermCounts)
    }


class TermPoolWriter(SegmentWriter):
    """`SegmentWriter` with a `TermPool`, writing each term's postings in one go."""

    def __init__(self, ix: Any, **kwargs: Any) -> None:
        super().__init__(ix, **kwargs)
        self.pool = TermPool(counted_boosts(self.schema))

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
            self.pool.add_terms(name, terms, docnum)
            return len(terms) if field.scorable else 0
        length = 0
        for text, count, weight, value_bytes in field.index(value):
            length += count if field.scorable else 0
            self.pool.add((name, text, docnum, weight, value_bytes))
        return length

    def _flush_segment(self) -> None:
        self.perdocwriter.close()
        lengths = self.per_document_reader() if self.codec.length_stats else None
        fieldwriter = self.fieldwriter
        out = _SegmentFiles(fieldwriter)
        pairs: list[tuple[str, str]] = []
        for fieldname in sorted(self.pool.fields):
            fieldobj = self.schema[fieldname]
            # A field's pooled postings are let go once sorted, its sorted ones once written.
            field = self.pool.fields.pop(fieldname).sorted()
            fieldwriter.start_field(fieldname, fieldobj)
            _write_field(
                out,
                pack_ushort(fieldwriter._fieldid),
                field,
                fieldobj.format.fixed_value_size(),
                length_column(lengths, fieldname) if lengths else None,
            )
            fieldwriter.finish_field()
            if fieldname in PAIR_FIELDS:
                pairs.extend((fieldname, text) for text in field.texts)
            del field
        out.finish()
        fieldwriter.close()
        if lengths:
            lengths.close()
        write_segment_forms(self.storage, self.newsegment, pairs)


class _SegmentFiles:
    """The segment's term file (Whoosh's ordered hash file: its records and hash tables written
    here, its directory and record index by Whoosh on close) and postings file, written through
    buffers whose positions are counted rather than asked of the files."""

    def __init__(self, fieldwriter: Any) -> None:
        self._tindex = fieldwriter._tindex
        self._term_file = self._tindex.dbfile
        self._posting_file = fieldwriter._postfile
        codec = fieldwriter._codec
        self.block_limit, self.compression = codec._blocklimit, codec._compression
        self._term_position = self._term_file.tell()
        self.posting_position = self._posting_file.tell()
        self._term_parts: list[bytes] = []
        self._posting_parts: list[bytes] = []
        self._buffered = 0
        # Each record's key hash (Whoosh's md5_hash) and position: `buckets` would hold a
        # tuple each.
        self._hashes = array("I")
        self._positions = array("q")
        self._last_key = b""
        self._tindex._write_hashes = self._write_hash_tables  # called by its close()

    def add_terms(self, keys: list[bytes], infos: list[bytes]) -> None:
        """Records of the term file for these keys, in order: `add_term` for each, at once."""
        if not keys:
            return
        heads = map(_RECORD_LENGTHS.pack, map(len, keys), map(len, infos))
        records = list(map(b"".join, zip(heads, keys, infos, strict=True)))
        digests = b"".join(map(_digest, keys))
        self._hashes.frombytes(
            np.frombuffer(digests, dtype=">u4").reshape(-1, 4)[:, 3].astype(np.uint32).tobytes()
        )
        sizes = np.fromiter(map(len, records), dtype=np.int64, count=len(records))
        ends = np.cumsum(sizes) + self._term_position
        self._positions.frombytes((ends - sizes).tobytes())
        self._term_position = int(ends[-1])
        self._term_parts.extend(records)
        self._last_key = keys[-1]
        self._buffered += int(sizes.sum())
        if self._buffered > _BUFFERED_BYTES:
            self._write_buffers()

    def add_postings(self, *parts: bytes) -> None:
        self._posting_parts.extend(parts)
        size = sum(map(len, parts))
        self.posting_position += size
        self._buffered += size

    def _write_buffers(self) -> None:
        self._term_file.write(b"".join(self._term_parts))
        self._posting_file.write(b"".join(self._posting_parts))
        self._term_parts.clear()
        self._posting_parts.clear()
        self._buffered = 0

    def finish(self) -> None:
        """Write what is buffered and hand the record positions to the term file's writer."""
        self._write_buffers()
        self._tindex.index = _growable(self._positions)
        self._tindex.lastkey = self._last_key

    def _write_hash_tables(self) -> None:
        """`HashWriter._write_hashes`, from the arrays: per bucket (a hash's low byte), a table
        of twice its records' slots, each record in the first free slot from its hash's."""
        hashes = np.frombuffer(self._hashes, dtype=np.uint32)
        positions_of = np.frombuffer(self._positions, dtype=np.int64)
        order = np.argsort(hashes & 255, kind="stable")
        bounds = np.searchsorted((hashes & 255)[order], np.arange(257)).tolist()
        term_file = self._term_file
        for bucket in range(256):
            chosen = order[bounds[bucket] : bounds[bucket + 1]]
            slots = 2 * len(chosen)
            self._tindex.directory.append((term_file.tell(), slots))
            slot_hashes, slot_positions = [0] * slots, [0] * slots
            positions = positions_of[chosen].tolist()
            for hashed, position in zip(hashes[chosen].tolist(), positions, strict=True):
                slot = (hashed >> 8) % slots
                while slot_positions[slot]:  # no record starts at 0, the header's place
                    slot = (slot + 1) % slots
                slot_hashes[slot], slot_positions[slot] = hashed, position
            table = np.empty(slots, dtype=_HASH_SLOT)
            table["hash"], table["position"] = slot_hashes, slot_positions
            term_file.write(table.tobytes())


def _digest(key: bytes) -> bytes:
    return hashlib.md5(key).digest()


def _growable(positions: array[int]) -> GrowableArray:
    """The positions as Whoosh's `GrowableArray` holds them after appending each in turn."""
    largest = max(positions, default=0)
    typecode = "H" if largest < 2**16 else "i" if largest < 2**31 else "I"
    index = GrowableArray("H")
    index.array = array("q" if largest >= 2**32 else typecode, positions)
    return index


def _write_field(
    out: _SegmentFiles,
    field_key: bytes,
    field: SortedField,
    fixed_size: int | None,
    length_bytes: bytes | None,
) -> None:
    """Every term of one field, in order: inline when it has one posting, else in blocks.

    Most terms have one posting: their term infos are made for a whole batch at once, in calls
    to C; the others write their blocks in term order, as the postings file needs."""
    for batch in _batches(field, length_bytes):
        texts, offsets, sizes = zip(*batch.terms, strict=True)
        infos: list[bytes] = _inlined_infos(batch, offsets, sizes)
        for index in itertools.compress(itertools.count(), map((1).__lt__, sizes)):
            start = offsets[index]
            infos[index] = _blocks(out, batch, start, start + sizes[index], fixed_size)
        keys = list(map(field_key.__add__, map(str.encode, texts)))
        out.add_terms(keys, infos)


def _inlined_infos(batch: _Batch, offsets: tuple[int, ...], sizes: tuple[int, ...]) -> list[bytes]:
    """Each term's info if it has one posting (the posting inside it), b"" otherwise."""
    single = list(itertools.compress(offsets, map((1).__eq__, sizes)))
    docnums = list(map(batch.docnums.__getitem__, single))
    weights = list(map(batch.weights.__getitem__, single))
    lengths = list(map(batch.lengths.__getitem__, single))
    if isinstance(batch.values, bytes):  # counted: four bytes each
        values = list(map(batch.values.__getitem__, (slice(4 * n, 4 * n + 4) for n in single)))
    else:
        values = [batch.values[n] or None for n in single]
    packed = itertools.starmap(
        _TERM_INFO.pack,
        zip(
            itertools.repeat(True),
            weights,
            itertools.repeat(1),
            lengths,
            lengths,
            map(max, itertools.repeat(0.0), weights),
            docnums,
            docnums,
            strict=False,
        ),
    )
    one_each = zip(zip(docnums), zip(weights), zip(values), strict=True)  # ((d,), (w,), (v,))
    postings = map(dumps, one_each, itertools.repeat(2))
    inlined = iter(list(map(bytes.__add__, packed, postings)))
    return [next(inlined) if size == 1 else b"" for size in sizes]


@dataclass(frozen=True)
class _Batch:
    """Consecutive terms of a field and their postings as lists (offsets from the batch's
    first posting): the lists of a whole field would take gigabytes on a large segment."""

    terms: list[tuple[str, int, int]]
    docnums: list[int]
    weights: list[float]
    values: bytes | list[bytes | None]
    lengths: list[int]  # each posting's document's length byte in the field, 0 if none


def _batches(field: SortedField, length_bytes: bytes | None) -> Iterator[_Batch]:
    lengths_of = None
    if length_bytes is not None:  # a document past the column's end has no length
        top = max(len(length_bytes), int(field.docnums.max(initial=0)) + 1)
        lengths_of = np.zeros(top, dtype=np.uint8)
        lengths_of[: len(length_bytes)] = np.frombuffer(length_bytes, dtype=np.uint8)
    starts, sizes = field.starts, field.sizes
    first = 0
    while first < len(field.texts):
        base = int(starts[first])
        last = int(np.searchsorted(starts, base + _BATCH_POSTINGS, side="right"))
        last = max(last, first + 1)
        end = int(starts[last]) if last < len(field.texts) else len(field.docnums)
        docnums = field.docnums[base:end]
        offsets = (starts[first:last] - base).tolist()
        yield _Batch(
            terms=list(
                zip(field.texts[first:last], offsets, sizes[first:last].tolist(), strict=True)
            ),
            docnums=docnums.tolist(),
            lengths=[0] * len(docnums) if lengths_of is None else lengths_of[docnums].tolist(),
            **_weights_and_values(field, base, end),
        )
        first = last


def _weights_and_values(field: SortedField, base: int, end: int) -> dict[str, Any]:
    """The weights (as a block's array("f") holds them) and values of postings base..end-1: a
    counted field's values its counts packed four bytes each."""
    if field.counts is None:
        assert field.weights is not None and field.values is not None
        return {"weights": field.weights[base:end], "values": field.values[base:end]}
    counts = field.counts[base:end]
    return {
        "weights": (counts * field.boost).astype(np.float32).tolist(),
        "values": counts.astype(">u4").tobytes(),
    }


def _blocks(
    out: _SegmentFiles, batch: _Batch, start: int, end: int, fixed_size: int | None
) -> bytes:
    """Write the postings start..end-1 in blocks, as `W3PostingsWriter` does; the term info."""
    docnums, weights, lengths = batch.docnums, batch.weights, batch.lengths
    offset = out.posting_position
    out.add_postings(WHOOSH3_HEADER_MAGIC)
    total_weight, max_weight, min_length, max_length = 0.0, 0.0, None, 0
    for first in range(start, end, out.block_limit):
        last = min(first + out.block_limit, end)
        ids = docnums[first:last]
        block_weights = weights[first:last]
        present = [length for length in lengths[first:last] if length]
        block_min = min(present) if present else None
        block_max = max(present) if present else 0
        total_weight += sum(block_weights)
        block_max_weight = max(0.0, max(block_weights))
        max_weight = max(max_weight, block_max_weight)
        if min_length is None:
            min_length = block_min
        elif block_min is not None:
            min_length = min(min_length, block_min)
        max_length = max(max_length, block_max)
        data = dumps(
            (
                _deltas(ids),
                _mini_weights(block_weights),
                _mini_values(batch, first, last, fixed_size),
            ),
            2,
        )
        if out.compression:
            data = zlib.compress(data, out.compression)
        info = dumps(
            (len(ids), ids[-1], block_max_weight, out.compression, block_min or 0, block_max),
            2,
        )
        size = len(info) + len(data)
        out.add_postings(pack_int(-size if last == end else size), info, data)
    term_info = _TERM_INFO.pack(
        False,
        total_weight,
        end - start,
        min_length or 0,
        max_length,
        max_weight,
        docnums[start],
        docnums[end - 1],
    )
    return term_info + pack_long(offset) + pack_int(out.posting_position - offset)


def _deltas(ids: list[int]) -> tuple[int, ...]:
    return (ids[0], *(b - a for a, b in itertools.pairwise(ids)))


def _mini_weights(weights: list[float]) -> float | tuple[float, ...] | None:
    first = weights[0]
    if weights.count(first) == len(weights):
        return None if first == 1.0 else first
    return tuple(weights)


def _mini_values(
    batch: _Batch, first: int, last: int, fixed_size: int | None
) -> bytes | tuple[bytes, ...] | None:
    values = batch.values
    if isinstance(values, bytes):  # counted: four bytes each, never empty
        return values[4 * first : 4 * last]
    present = [v for v in values[first:last] if v]
    if fixed_size is None or fixed_size < 0:
        return tuple(present)
    if fixed_size == 0:
        return None
    return b"".join(present)
