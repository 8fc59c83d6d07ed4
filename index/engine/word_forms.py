"""The folded syllable pairs of the index, each with the exact forms it stands for.

A typed pair must match with or without its diacritics: "hoi dam" finds "hội đàm". Rather than
index every pair a second time folded, each segment keeps a small file beside its own: for each
pair field, every pair folded ("hoi_dam") with the exact forms the segment holds ("hội_đàm",
"hỏi_dám"). A query asks for the forms its marks allow. The file is named like the segment's
files, so Whoosh deletes it with them.
"""

from __future__ import annotations

import mmap
import os
from collections.abc import Iterable
from typing import Any

from index.errors import IndexCorruptError
from index.text.vietnamese import fold

PAIR_FIELDS = ("title_pairs", "body_pairs")
_EXTENSION = ".wforms"


def _forms_lines(terms: Iterable[tuple[str, str]]) -> list[str]:
    """The folded pairs among (field, term) items, a sorted line each:
    "field<TAB>folded<TAB>exact forms separated by spaces"."""
    forms: dict[tuple[str, str], list[str]] = {}
    for field, exact in terms:
        if field in PAIR_FIELDS and "_" in exact:
            forms.setdefault((field, fold(exact)), []).append(exact)
    return sorted(
        f"{field}\t{folded}\t{' '.join(exact)}" for (field, folded), exact in forms.items()
    )


def write_segment_forms(storage: Any, segment: Any, terms: Iterable[tuple[str, str]]) -> None:
    """Save the folded pairs of a segment's terms beside its files."""
    out = storage.create_file(segment.make_filename(_EXTENSION))
    try:
        out.write("\n".join(_forms_lines(terms)).encode("utf-8"))
    finally:
        out.close()


class WordForms:
    """The folded pairs of every segment an opened index reads, looked up by bisection in each
    segment's sorted lines, mapped rather than read (UTF-8 sorts as the text does)."""

    def __init__(self, segment_readers: Iterable[Any]) -> None:
        self._segments = [_map_segment_lines(reader) for reader in segment_readers]

    def forms(self, field: str, folded: str) -> list[str]:
        """The exact forms of the folded pair ("hoi_dam") in the field; [] when it has none."""
        key = f"{field}\t{folded}\t".encode()
        found: list[str] = []
        for data in self._segments:
            line = _line_starting(data, key)
            if line is not None:
                text = line.decode("utf-8", "replace")
                found.extend(f for f in text.split(" ") if f not in found)
        return found


def _line_starting(data: Any, key: bytes) -> bytes | None:
    """The rest of the sorted line that starts with `key`, if there is one."""
    low, high = 0, len(data)
    while low < high:  # the first line not below the key starts in [low, high]
        middle = (low + high) // 2
        start = data.rfind(b"\n", 0, middle) + 1
        end = data.find(b"\n", start)
        end = len(data) if end < 0 else end
        if data[start:end] < key:
            low = end + 1
        else:
            high = start
    if data[low : low + len(key)] != key:
        return None
    end = data.find(b"\n", low)
    return data[low + len(key) : len(data) if end < 0 else end]


def _map_segment_lines(reader: Any) -> Any:
    name = reader.segment().make_filename(_EXTENSION)
    storage = reader.storage()
    try:
        folder = getattr(storage, "folder", None)
        if folder is None:
            file = storage.open_file(name)
            try:
                data = file.read()
            finally:
                file.close()
            _check_first_line(data, name)
            return data
        with open(os.path.join(folder, name), "rb") as stream:
            if os.fstat(stream.fileno()).st_size == 0:
                return b""
            data = mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ)
    except OSError as error:
        raise _damaged(name, error.__class__.__name__) from None
    _check_first_line(data, name)
    return data


def _check_first_line(data: Any, name: str) -> None:
    """A damaged file shows in its first line ("field<TAB>pair<TAB>forms"), read alone."""
    end = data.find(b"\n")
    first = data[: len(data) if end < 0 else end]
    try:
        if first and first.decode("utf-8").count("\t") != 2:
            raise _damaged(name, "not a list of pair forms")
    except UnicodeDecodeError:
        raise _damaged(name, "UnicodeDecodeError") from None


def _damaged(name: str, why: str) -> IndexCorruptError:
    return IndexCorruptError(
        f"the index is damaged ({name}: {why}); run 'diplonews index build --full' to rebuild it"
    )
