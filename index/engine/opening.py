"""Opening a generation's Whoosh index for the build: to write it, to check it, to read a column
of every live document."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh.codec.whoosh3 import W3Codec
from whoosh.reading import SegmentReader

from index.engine.matches import MatchFinder
from index.engine.schema import build_schema
from index.engine.writer import TermPoolWriter

# Below this many articles, the start-up cost of worker processes outweighs what they save.
PARALLEL_MIN_ARTICLES = 400
# Whoosh reads a compound segment by copying each of its files into memory (hundreds of MB on
# a large corpus); separate files are read on demand. Compressing posting blocks costs a fifth of
# the time spent writing them and slows every read, for an index 40% smaller.
_WRITER_SETTINGS = {"compound": False, "codec": W3Codec(compression=0)}


# At each commit the segments holding fewer documents than this are merged into the new one;
# larger ones are never rewritten, so an incremental build costs the same on a corpus of any size.
# (Whoosh's own policy merges ever larger segments as their number grows: on 354,400 articles,
# minutes and gigabytes to change one file.)
SMALL_SEGMENT_DOCUMENTS = 1_000


def _merge_small_segments(writer: Any, segments: list[Any]) -> list[Any]:
    """Whoosh merge policy: fold the small segments into the segment being written."""
    kept = []
    for segment in segments:
        if segment.doc_count_all() < SMALL_SEGMENT_DOCUMENTS:
            reader = SegmentReader(writer.storage, writer.schema, segment)
            writer.add_reader(reader)
            reader.close()
        else:
            kept.append(segment)
    return kept


def commit_writer(writer: Any) -> None:
    """Commit what the writer holds, merging only small segments."""
    writer.commit(mergetype=_merge_small_segments, optimize=False)


def index_opens(generation: Path) -> bool:
    """Whether Whoosh can open the generation and count its documents."""
    try:
        with whoosh_index.open_dir(str(generation)).searcher() as searcher:
            searcher.doc_count()
    except Exception:
        return False
    return True


def open_writer(generation: Path, create: bool, articles_to_analyse: int) -> Any:
    """A writer for the generation (a new index when `create`), in worker processes when there
    are enough articles to analyse and more than one core."""
    if create:
        ix = whoosh_index.create_in(str(generation), build_schema())
    else:
        ix = whoosh_index.open_dir(str(generation))
    if articles_to_analyse >= PARALLEL_MIN_ARTICLES and (os.cpu_count() or 1) > 1:
        from index.engine.parallel import ParallelWriter

        procs = min(os.cpu_count() or 1, 4)
        return ParallelWriter(ix, procs=procs, **_WRITER_SETTINGS)
    return TermPoolWriter(ix, **_WRITER_SETTINGS)


def live_column_values(generation: Path, column: str) -> list[tuple[int, bytes]]:
    """(document number, value) of a column for every live document, in document order."""
    with whoosh_index.open_dir(str(generation)).searcher() as searcher:
        finder = MatchFinder(searcher)
        values = finder.column_values(column)
        return [(docnum, values[docnum]) for docnum in sorted(finder.everything())]
