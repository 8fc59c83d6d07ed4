"""Open an index and search it: hits, facet counts, snippets and highlight spans."""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq
from whoosh.collectors import TopCollector, UnlimitedCollector

import index.whoosh_tuning  # noqa: F401  (installs faster length reads)
from index.entities import NameTable
from index.matches import MatchFinder
from index.query import QueryError, parse_query
from index.results import (
    Document,
    EntityMention,
    EntityRef,
    FacetCount,
    Facets,
    Hit,
    IndexStatus,
    SearchResult,
    Span,
)
from index.store import (
    META_FILE,
    NAMES_FILE,
    SOURCES_FILE,
    IndexCorruptError,
    IndexMissingError,
    check_seal,
    current_generation,
    read_json,
)
from index.vietnamese import SYLLABLE_RE, fold, has_diacritics, normalise_term

SNIPPET_CHARS = 180
Piece = tuple[str, ...]
_ENTITY_KINDS = {"leader": "leaders", "country": "countries"}
# Past this many deleted articles, facets over everything are counted article by article.
_MAX_DELETED_FOR_FREQUENCIES = 1000


def open_index(path: str | Path | None = None) -> Index:
    """Open the index at `path` (default: the user's index directory) for searching."""
    from index.paths import default_index_dir

    return Index(Path(path) if path is not None else default_index_dir())


def _open_whoosh(generation: Path) -> Any:
    try:
        return whoosh_index.open_dir(str(generation))
    except whoosh_index.EmptyIndexError:
        raise IndexCorruptError(
            f"the index at {generation} is damaged (no table of contents); "
            "run 'diplonews index build --full' to rebuild it"
        ) from None
    except Exception as error:
        raise IndexCorruptError(
            f"the index at {generation} is damaged ({error.__class__.__name__}); "
            "run 'diplonews index build --full' to rebuild it"
        ) from None


class SearchCancelled(Exception):
    """The caller no longer wants the results of this search."""


class _Checkpoint:
    def __init__(self, cancelled: Callable[[], bool] | None) -> None:
        self.cancelled = cancelled

    def check(self) -> None:
        if self.cancelled is not None and self.cancelled():
            raise SearchCancelled


class Index:
    """A searchable, read-only view of the live index generation."""

    def __init__(self, index_dir: Path) -> None:
        self.index_dir = index_dir
        generation = current_generation(index_dir)
        if generation is None:
            raise IndexMissingError(
                f"no index at {index_dir}; run 'diplonews index build' to create it"
            )
        if not generation.is_dir():
            raise IndexCorruptError(
                f"the index at {index_dir} is damaged (missing {generation.name}); "
                "run 'diplonews index build --full' to rebuild it"
            )
        self.generation = generation
        problem = check_seal(generation, read_json(generation / META_FILE, {}).get("files", {}))
        if problem:
            raise IndexCorruptError(
                f"the index at {index_dir} is damaged ({problem}); "
                "run 'diplonews index build --full' to rebuild it from its sources"
            )
        self._whoosh = _open_whoosh(generation)
        try:
            self._searcher = self._whoosh.searcher()
        except Exception as error:
            raise IndexCorruptError(
                f"the index at {index_dir} is damaged ({error.__class__.__name__}); "
                "run 'diplonews index build --full' to rebuild it"
            ) from None
        self.names = NameTable.load(generation / NAMES_FILE)

    def close(self) -> None:
        self._searcher.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def is_stale(self) -> bool:
        """True when a build has replaced or updated the index since it was opened."""
        if current_generation(self.index_dir) != self.generation:
            return True
        try:
            return not self._searcher.up_to_date()
        except Exception:
            return True

    @property
    def article_count(self) -> int:
        return self._searcher.doc_count()

    # -- searching -------------------------------------------------------------------------

    def _compile(self, query: str) -> tuple[Any, list[Piece]]:
        """The Whoosh query for `query`, and the syllable runs its matches show."""
        from index.compile import QueryCompiler

        reader = self._searcher.reader()

        def in_lexicon(field: str, term: str) -> bool:
            return (field, term) in reader

        compiler = QueryCompiler(self._resolve_entity, in_lexicon)
        compiled = compiler.compile(parse_query(query))
        return compiled, list(dict.fromkeys(compiler.pieces))

    def _resolve_entity(self, kind: str, text: str) -> str | None:
        return self.names.resolve(kind, text)

    def _filters(self, kind: str, names: Iterable[str]) -> list[Any]:
        terms = []
        for name in names:
            entity_id = self.names.resolve(kind, name)
            if entity_id is None:
                raise QueryError(f"no {kind} called {name!r} in the index")
            terms.append(wq.Term(_ENTITY_KINDS[kind], entity_id))
        return terms

    def search(
        self,
        query: str = "",
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        limit: int | None = 20,
        cancelled: Callable[[], bool] | None = None,
    ) -> SearchResult:
        """Articles matching `query` and every leader and country filter, best first.

        An empty query lists every article (filtered), newest first. Raises QueryError, and
        SearchCancelled as soon as `cancelled()` turns true (checked between steps).
        """
        stop = _Checkpoint(cancelled)
        text_query, pieces = self._compile(query)
        filters = self._filters("leader", leaders) + self._filters("country", countries)
        whole = wq.And([text_query, *filters]) if filters else text_query
        matched = self._matches.docs(whole)
        stop.check()
        ranked = self._ranked(whole, matched, limit) if pieces else self._newest(whole, limit)
        stop.check()
        hits = []
        for docnum, score in ranked:
            hits.append(self._hit(docnum, score, pieces))
            stop.check()
        facets = self._facets(matched)
        return SearchResult(query=query, total=len(matched), hits=tuple(hits), facets=facets)

    @cached_property
    def _matches(self) -> MatchFinder:
        return MatchFinder(self._searcher)

    def _ranked(self, whole: Any, matched: set[int], limit: int | None) -> list[tuple[int, float]]:
        """The best `limit` matches as (docnum, score), scored by Whoosh's BM25F.

        Whoosh skips blocks of postings that cannot reach the top `limit`. A quoted phrase is
        scored as its rarest syllable, over the documents already known to hold it in a row.
        """
        scoring = whole.accept(self._phrase_as_rarest_syllable)
        if scoring == whole:
            results = self._searcher.search(scoring, limit=limit)
        else:
            collector = _listed_collector(matched, limit)
            self._searcher.search_with_collector(scoring, collector)
            results = collector.results()
        return [(hit.docnum, hit.score or 0.0) for hit in results]

    def _phrase_as_rarest_syllable(self, query: Any) -> Any:
        if not isinstance(query, wq.Phrase):
            return query
        field = query.fieldname
        rarest = min(query.words, key=lambda word: self._matches.frequency(field, word))
        return wq.Term(field, rarest, boost=query.boost)

    def _newest(self, whole: Any, limit: int | None) -> list[tuple[int, float]]:
        results = self._searcher.search(whole, limit=limit, sortedby="date", reverse=True)
        return [(hit.docnum, 0.0) for hit in results]

    def _hit(self, docnum: int, score: float, pieces: list[Piece]) -> Hit:
        stored = self._searcher.stored_fields(docnum)
        body_spans = self._match_spans(docnum, "body_fold", stored["body"], pieces)
        return Hit(
            id=stored["id"],
            title=stored["title"],
            date=stored.get("date") or None,
            score=round(float(score), 4),
            snippet=_snippet(stored["body"], body_spans),
            leaders=self._refs("leader", stored.get("leaders", "")),
            countries=self._refs("country", stored.get("countries", "")),
        )

    def _refs(self, kind: str, ids: str) -> tuple[EntityRef, ...]:
        return tuple(EntityRef(i, self.names.name(kind, i)) for i in ids.split(",") if i)

    # -- facets ----------------------------------------------------------------------------

    @cached_property
    def _entities_by_doc(self) -> dict[str, dict[int, list[str]]]:
        """For each entity kind, the ids each document names: read once from the postings."""
        reader = self._searcher.reader()
        table: dict[str, dict[int, list[str]]] = {}
        for kind, field in _ENTITY_KINDS.items():
            by_doc: dict[int, list[str]] = {}
            for term in reader.field_terms(field):
                for docnum in self._matches.term(field, term):
                    by_doc.setdefault(docnum, []).append(term)
            table[kind] = by_doc
        return table

    def _facets(self, docnums: set[int]) -> Facets:
        counted = {}
        from_dictionary = len(docnums) == len(self._matches.everything()) and (
            len(self._matches.deleted) <= _MAX_DELETED_FOR_FREQUENCIES
        )
        for kind, field in _ENTITY_KINDS.items():
            if from_dictionary:
                counts = self._document_frequencies(field, self._matches.deleted)
            else:
                by_doc = self._entities_by_doc[kind]
                counts = Counter(i for d in docnums for i in by_doc.get(d, ()))
            counted[kind] = tuple(
                FacetCount(i, self.names.name(kind, i), n)
                for i, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            )
        return Facets(leaders=counted["leader"], countries=counted["country"])

    def _document_frequencies(self, field: str, deleted: list[int]) -> dict[str, int]:
        """Articles naming each entity over the whole index, from the term dictionary: what the
        list of every article shows first, without reading a posting."""
        reader = self._searcher.reader()
        counts = {term: reader.doc_frequency(field, term) for term in reader.field_terms(field)}
        for docnum in deleted:  # still counted by the term dictionary
            for term in self._searcher.stored_fields(docnum).get(field, "").split(","):
                if term in counts:
                    counts[term] -= 1
        return {term: count for term, count in counts.items() if count > 0}

    def entities(self, kind: str | None = None) -> list[FacetCount]:
        """Leaders and countries over the whole index, most named first."""
        facets = self._facets(self._matches.everything())
        chosen = {"leader": facets.leaders, "country": facets.countries}
        if kind is None:
            return [*facets.leaders, *facets.countries]
        return list(chosen[kind])

    # -- documents and highlighting ----------------------------------------------------------

    def _docnum(self, article_id: str) -> int | None:
        return self._searcher.document_number(id=article_id)

    def document(self, article_id: str) -> Document | None:
        """The whole stored article, or None when no article has that id."""
        docnum = self._docnum(article_id)
        return None if docnum is None else self._document_at(docnum)

    def _document_at(self, docnum: int) -> Document:
        stored = self._searcher.stored_fields(docnum)
        body = stored["body"]
        mentions = tuple(
            EntityMention(
                kind, entity_id, self.names.name(kind, entity_id), body[start:end], start, end
            )
            for kind, entity_id, start, end in stored.get("entities", [])
        )
        return Document(
            id=stored["id"],
            title=stored["title"],
            date=stored.get("date") or None,
            source=stored.get("source", ""),
            path=stored.get("path", ""),
            body=body,
            leaders=self._refs("leader", stored.get("leaders", "")),
            countries=self._refs("country", stored.get("countries", "")),
            entities=mentions,
        )

    def documents(self) -> Iterator[Document]:
        """Every article, in the order they were indexed."""
        reader = self._searcher.reader()
        for docnum in reader.all_doc_ids():
            yield self._document_at(docnum)

    def match_spans(self, article_id: str, query: str) -> tuple[list[Span], list[Span]]:
        """Where `query` matches the article: (spans in the title, spans in the body)."""
        docnum = self._docnum(article_id)
        if docnum is None or not query.strip():
            return [], []
        try:
            _compiled, pieces = self._compile(query)
        except QueryError:
            return [], []
        stored = self._searcher.stored_fields(docnum)
        return (
            self._match_spans(docnum, "title_fold", stored["title"], pieces),
            self._match_spans(docnum, "body_fold", stored["body"], pieces),
        )

    def _match_spans(self, docnum: int, field: str, text: str, pieces: list[Piece]) -> list[Span]:
        """Spans of the query's matches: found in the folded syllables, mapped onto the text."""
        if not pieces:
            return []
        folded = self._matches.syllables(field, docnum)
        runs = {piece: _runs(folded, [fold(s) for s in piece]) for piece in pieces}
        ends = {k for found in runs.values() for first, last in found for k in (first, last)}
        offsets = _syllable_offsets(text, folded, ends)
        if offsets is None:  # not the text that was indexed
            return []
        spans: set[tuple[int, int]] = set()
        for piece, found in runs.items():
            matches = {(offsets[first][0], offsets[last][1]) for first, last in found}
            exact = {(a, b) for a, b in matches if _is_exact(text[a:b], piece)}
            spans |= exact or matches
        return [Span(a, b, "match") for a, b in _merge(spans)]

    # -- status ----------------------------------------------------------------------------

    def status(self) -> IndexStatus:
        meta = read_json(self.generation / META_FILE, {})
        size = sum(f.stat().st_size for f in self.generation.iterdir() if f.is_file())
        return IndexStatus(
            path=str(self.index_dir),
            articles=self.article_count,
            sources=tuple(read_json(self.index_dir / SOURCES_FILE, [])),
            built_at=meta.get("built_at"),
            size_bytes=size,
        )


class _ListedOnly:
    """Collector mix-in: scores only the listed documents, skipping the matcher to each."""

    listed: list[int]

    def matches(self) -> Iterator[int]:
        matcher, offset = self.matcher, self.offset  # type: ignore[attr-defined]
        end = offset + self.subsearcher.doc_count_all()  # type: ignore[attr-defined]
        listed = self.listed
        for docnum in listed[bisect_left(listed, offset) : bisect_left(listed, end)]:
            local = docnum - offset
            if matcher.is_active() and matcher.id() < local:
                matcher.skip_to(local)
            if not matcher.is_active():
                return
            if matcher.id() == local:
                yield local


class _ListedTop(_ListedOnly, TopCollector):
    pass


class _ListedAll(_ListedOnly, UnlimitedCollector):
    pass


def _listed_collector(docnums: set[int], limit: int | None) -> Any:
    collector = _ListedAll() if limit is None else _ListedTop(limit=limit, usequality=False)
    collector.listed = sorted(docnums)
    return collector


def _runs(folded: list[str], wanted: list[str]) -> list[tuple[int, int]]:
    """(first, last) syllable indexes of each place the wanted syllables occur in a row."""
    size = len(wanted)
    return [
        (i, i + size - 1)
        for i, syllable in enumerate(folded)
        if syllable == wanted[0] and folded[i : i + size] == wanted
    ]


def _syllable_offsets(
    text: str, folded: list[str], wanted: set[int]
) -> dict[int, tuple[int, int]] | None:
    """Character offsets of the wanted syllables (by index) in the text, read only as far as the
    last of them; None when the text's syllables are not the indexed ones."""
    offsets: dict[int, tuple[int, int]] = {}
    if not wanted:
        return offsets
    last = max(wanted)
    for position, match in enumerate(SYLLABLE_RE.finditer(text)):
        if position in wanted:
            if fold(match.group()) != folded[position]:
                return None
            offsets[position] = match.span()
            if position == last:
                return offsets
    return None


def _is_exact(source: str, sequence: tuple[str, ...]) -> bool:
    if not any(has_diacritics(s) for s in sequence):
        return True
    wanted = " ".join(normalise_term(s) for s in sequence)
    return " ".join(normalise_term(p) for p in SYLLABLE_RE.findall(source)) == wanted


def _merge(spans: Iterable[tuple[int, int]]) -> list[tuple[int, int]]:
    merged: list[tuple[int, int]] = []
    for start, end in sorted(spans):
        if merged and start <= merged[-1][1]:
            merged[-1] = (merged[-1][0], max(end, merged[-1][1]))
        else:
            merged.append((start, end))
    return merged


def _snippet(body: str, spans: list[Span]) -> str:
    """About SNIPPET_CHARS of the body around the first match, cut at word boundaries."""
    if not body:
        return ""
    anchor = spans[0].start if spans else 0
    start = max(0, anchor - SNIPPET_CHARS // 3)
    if start:
        space = body.find(" ", start)
        start = space + 1 if 0 <= space < anchor else start
    end = min(len(body), start + SNIPPET_CHARS)
    if end < len(body):
        space = body.rfind(" ", start, end)
        end = space if space > anchor else end
    text = " ".join(body[start:end].split())
    return ("…" if start else "") + text + ("…" if end < len(body) else "")
