"""The term-pool segment writer writes what Whoosh's own writer writes, as Whoosh reads it back:
every term's postings and statistics (a term of one posting kept inline, in its term info)."""

from __future__ import annotations

import random
from pathlib import Path
from typing import Any

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


def _index_written_by(tmp_path: Path, writer_class: type, documents: list[dict]) -> Any:
    """A new index of the documents, written by `writer_class`."""
    folder = tmp_path / writer_class.__name__
    folder.mkdir()
    ix = whoosh_index.create_in(str(folder), build_schema())
    writer = writer_class(ix, **_WRITER_SETTINGS)
    for document in documents:
        writer.add_document(**document)
    writer.commit(optimize=False)
    return ix


def _merged_by(tmp_path: Path, writer_class: type, documents: list[dict]) -> Any:
    """An index of most of the documents written by Whoosh, then the rest added and a tenth
    of the first ones deleted by `writer_class`, merging everything into one segment."""
    first, rest = documents[:300], documents[300:]
    ix = _index_written_by(tmp_path, SegmentWriter, first)
    writer = writer_class(ix, **_WRITER_SETTINGS)
    for document in rest:
        writer.add_document(**document)
    for document in first[::10]:
        writer.delete_by_term("id", document["id"])
    writer.commit(optimize=True)
    return ix


def _written(
    tmp_path: Path, writer_class: type, documents: list[dict], merged: bool = False
) -> dict:
    """Every (field, term) of the index written by `writer_class`: its statistics and its
    postings, as Whoosh's reader returns them."""
    if merged:
        base = tmp_path / f"merged by {writer_class.__name__}"
        base.mkdir()
        ix = _merged_by(base, writer_class, documents)
    else:
        ix = _index_written_by(tmp_path, writer_class, documents)
    terms = {}
    with ix.reader() as reader:
        for fieldname, text in reader.all_terms():
            info = reader.term_info(fieldname, text)
            statistics = (
                info.weight(),
                info.doc_frequency(),
                info.min_length(),
                info.max_length(),
                info.max_weight(),
                info.min_id(),
                info.max_id(),
            )
            postings, listed = reader.postings(fieldname, text), []
            while postings.is_active():
                listed.append((postings.id(), postings.weight(), postings.value()))
                postings.next()
            terms[fieldname, text] = (statistics, listed)
    return terms


def test_term_pool_writer_writes_the_same_postings_as_whoosh(tmp_path: Path) -> None:
    annotator = Annotator()
    documents = [_document_fields(a, annotator) for a in _articles(400)]
    ours = _written(tmp_path, TermPoolWriter, documents)
    theirs = _written(tmp_path, SegmentWriter, documents)
    assert len(ours) > 3_000
    assert ours.keys() == theirs.keys()
    differing = [key for key in theirs if ours[key] != theirs[key]]
    assert not differing, differing[:5]


def test_a_merge_writes_the_same_postings_as_whoosh(tmp_path: Path) -> None:
    """Merging a segment in hands the writer its postings term by term, out of document
    order, and renumbers them around deleted documents."""
    annotator = Annotator()
    documents = [_document_fields(a, annotator) for a in _articles(400)]
    ours = _written(tmp_path, TermPoolWriter, documents, merged=True)
    theirs = _written(tmp_path, SegmentWriter, documents, merged=True)
    assert len(ours) > 3_000
    assert ours.keys() == theirs.keys()
    differing = [key for key in theirs if ours[key] != theirs[key]]
    assert not differing, differing[:5]


def test_terms_of_one_posting_read_back_as_whoosh_wrote_them(tmp_path: Path) -> None:
    """The seeds as they are: most of their terms are in one article only, so they are kept in
    their term infos; each must read back with the weight, value and statistics Whoosh's own
    writer gives it, in every field (counted ones included)."""
    annotator = Annotator()
    documents = [
        _document_fields(read_text_file(path, path.read_bytes(), source="seeds"), annotator)
        for path in sorted((REPO / "seeds").glob("*.txt"))
    ]
    ours = _written(tmp_path, TermPoolWriter, documents)
    theirs = _written(tmp_path, SegmentWriter, documents)
    single = [key for key, (_statistics, postings) in theirs.items() if len(postings) == 1]
    assert len({field for field, _text in single}) >= 5 and len(single) > 2_000
    assert ours.keys() == theirs.keys()
    differing = [key for key in theirs if ours[key] != theirs[key]]
    assert not differing, differing[:5]


def test_a_term_of_one_posting_is_kept_in_its_term_info(tmp_path: Path) -> None:
    """Whoosh's own writer never inlines (a misspelt call); ours spares such a term a block."""
    annotator = Annotator()
    documents = [_document_fields(a, annotator) for a in _articles(50)]
    ix = _index_written_by(tmp_path, TermPoolWriter, documents)
    with ix.reader() as reader:
        singles = [
            reader.term_info(f, t).is_inlined()
            for f, t in reader.all_terms()
            if reader.doc_frequency(f, t) == 1
        ]
        several = [
            reader.term_info(f, t).is_inlined()
            for f, t in reader.all_terms()
            if reader.doc_frequency(f, t) > 1
        ]
    assert singles and all(singles)
    assert several and not any(several)
