"""The term-pool segment writer writes exactly what Whoosh's own writer writes."""

from __future__ import annotations

import hashlib
import random
from pathlib import Path

from whoosh import index as whoosh_index
from whoosh.writing import SegmentWriter

from index.build.annotate import Annotator
from index.build.builder import _document_fields
from index.engine.opening import _WRITER_SETTINGS
from index.engine.schema import build_schema
from index.engine.writer import TermPoolWriter
from index.ingest.articles import Article, read_text_file

REPO = Path(__file__).resolve().parents[1]


def _articles(count: int) -> list[Article]:
    """Articles made of the seeds' sentences, shuffled: many terms span several blocks."""
    seeds = [
        read_text_file(path, path.read_bytes(), source="seeds")
        for path in sorted((REPO / "seeds").glob("*.txt"))
    ]
    sentences = [s for a in seeds for s in a.body.split(". ") if s.strip()]
    chooser = random.Random(7)
    return [
        Article(
            id=f"a{n}",
            title=chooser.choice(seeds).title,
            body=". ".join(chooser.sample(sentences, 6)),
            date=f"2017-0{1 + n % 9}-1{n % 10}",
            source="test",
            path=f"/tmp/a{n}.txt",
        )
        for n in range(count)
    ]


def _written_files(tmp_path: Path, writer_class: type, documents: list[dict]) -> dict[str, str]:
    folder = tmp_path / writer_class.__name__
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix, **_WRITER_SETTINGS)
    for document in documents:
        writer.add_document(**document)
    writer.commit(optimize=False)
    return {
        path.suffix: hashlib.sha1(path.read_bytes()).hexdigest()
        for path in folder.iterdir()
        if path.suffix in (".pst", ".trm")
    }


def test_term_pool_writer_writes_the_same_postings_as_whoosh(tmp_path: Path) -> None:
    annotator = Annotator()
    documents = [_document_fields(a, annotator) for a in _articles(400)]
    ours = _written_files(tmp_path, TermPoolWriter, documents)
    theirs = _written_files(tmp_path, SegmentWriter, documents)
    assert set(ours) == {".pst", ".trm"}
    assert ours == theirs
