"""The folded words of the index, each with the exact forms it stands for.

A typed word must match with or without its diacritics: "hoi dam" finds "hội đàm". Rather than
index every word a second time folded (a field that cost a tenth of a build), each segment keeps
a small file beside its own: for each word field, every word of two syllables or more folded
("hoi_dam"), with the exact forms the segment holds ("hội_đàm", "hỏi_dám"). A query asks for
those exact forms. The file is named like the segment's files, so Whoosh deletes it with them.
"""

from __future__ import annotations

from bisect import bisect_left
from collections.abc import Iterable
from typing import Any

from index.errors import IndexCorruptError
from index.text.vietnamese import fold

WORD_FIELDS = ("title_words", "body_words")
_EXTENSION = ".wforms"


def _forms_lines(terms: Iterable[tuple[str, bytes]]) -> list[str]:
    """The folded words among (field, term) pairs, a sorted line each:
    "field<TAB>folded<TAB>exact forms separated by spaces"."""
    forms: dict[tuple[str, str], list[str]] = {}
    for field, text in terms:
        if field in WORD_FIELDS and b"_" in text:
            exact = text.decode("utf-8")
            forms.setdefault((field, fold(exact)), []).append(exact)
    return sorted(
        f"{field}\t{folded}\t{' '.join(exact)}" for (field, folded), exact in forms.items()
    )


def write_segment_forms(storage: Any, segment: Any, terms: Iterable[tuple[str, bytes]]) -> None:
    """Save the folded words of a segment's terms beside its files."""
    out = storage.create_file(segment.make_filename(_EXTENSION))
    try:
        out.write("\n".join(_forms_lines(terms)).encode("utf-8"))
    finally:
        out.close()


class WordForms:
    """The folded words of every segment an opened index reads, looked up in each segment's
    sorted lines (reading them is a split; a dictionary of them took ten times as long)."""

    def __init__(self, segment_readers: Iterable[Any]) -> None:
        self._segments = [_read_segment_lines(reader) for reader in segment_readers]

    def forms(self, field: str, folded: str) -> list[str]:
        """The exact forms of the folded word ("hoi_dam") in the field; [] when it has none."""
        key = f"{field}\t{folded}\t"
        found: list[str] = []
        for lines in self._segments:
            at = bisect_left(lines, key)
            if at < len(lines) and lines[at].startswith(key):
                found.extend(f for f in lines[at][len(key) :].split(" ") if f not in found)
        return found


def _read_segment_lines(reader: Any) -> list[str]:
    name = reader.segment().make_filename(_EXTENSION)
    try:
        file = reader.storage().open_file(name)
        try:
            return file.read().decode("utf-8").split("\n")
        finally:
            file.close()
    except (OSError, UnicodeDecodeError) as error:
        raise IndexCorruptError(
            f"the index is damaged ({name}: {error.__class__.__name__}); "
            "run 'diplonews index build --full' to rebuild it"
        ) from None
