"""Faster document lengths for Whoosh 2.7.4 (pinned), which both scoring and writing read.

Whoosh reads a document's field length with one seek and one read of the length column per
posting: a third of the time it spends writing a segment and of scoring a common term. The
column is one byte a document, so each field's column is read once into memory instead.
"""

from __future__ import annotations

from typing import Any

from whoosh.codec import whoosh3
from whoosh.codec.whoosh3 import LENGTHS_COLUMN, W3PerDocReader
from whoosh.util.numeric import byte_to_length

LENGTH_OF_BYTE = [byte_to_length(b) for b in range(256)]


def length_column(reader: W3PerDocReader, fieldname: str) -> bytes | None:
    """The field's length column, one byte a document; None when the field has none."""
    cache: dict[str, bytes | None] = reader.__dict__.setdefault("_diplonews_lengths", {})
    if fieldname not in cache:
        column = reader._cached_reader(whoosh3._lenfield(fieldname), LENGTHS_COLUMN)
        cache[fieldname] = (
            None if column is None else bytes(column._dbfile.get(column._basepos, column._count))
        )
    return cache[fieldname]


def _doc_field_length(
    self: W3PerDocReader, docnum: int, fieldname: str, default: Any = 0
) -> int | None:
    if docnum > self._doccount:
        raise IndexError(f"Asked for docnum {docnum!r} of {self._doccount}")
    data = length_column(self, fieldname)
    if data is None:
        return default
    lbyte = data[docnum] if docnum < len(data) else 0
    return LENGTH_OF_BYTE[lbyte] if lbyte else None


def install() -> None:
    if W3PerDocReader.doc_field_length is not _doc_field_length:
        W3PerDocReader.doc_field_length = _doc_field_length  # type: ignore[method-assign]


install()
