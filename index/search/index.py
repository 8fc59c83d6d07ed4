"""Open an index and search it: hits, facet counts, snippets and highlight spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index
from whoosh import query as wq

import index.engine.tuning  # noqa: F401  (installs faster length reads)
from index.engine.matches import MatchFinder
from index.engine.store import (
    META_FILE,
    NAMES_FILE,
    SCHEMA_VERSION,
    SOURCES_FILE,
    check_seal,
    current_generation,
    read_json,
)
from index.engine.word_forms import WordForms
from index.entities import NameTable
from index.errors import IndexCorruptError, IndexMissingError, IndexOutdatedError, SearchCancelled
from index.model import (
    ENTITY_FIELDS,
    CoMentionCount,
    Document,
    EntityMention,
    EntityRef,
    FacetCount,
    Facets,
    Hit,
    IndexStatus,
    ListedMeeting,
    SearchResult,
    Span,
)
from index.search.query import QueryError, parse_query
from index.text.vietnamese import SYLLABLE_RE, fold, has_diacritics, normalise_term

SNIPPET_CHARS = 180
Piece = tuple[str, ...]
# Past this many deleted articles, facets over everything are counted article by article.
_MAX_DELETED_FOR_FREQUENCIES = 1000


def open_index(path: str | Path | None = None) -> Index:
    """Open the index at `path` (default: the user's index directory) for searching."""
    from index.paths import default_index_dir

    return Index(Path(path) if path is not None else default_index_dir())


def _open_whoosh(generation: Path) -> Any:
    try:
        return whoosh_index.open_dir(str(generation))
    except (ImportError, AttributeError):
        # Whoosh unpickles the schema it stored: its classes moved since this index was written.
        raise IndexOutdatedError(
            f"the index at {generation.parent} was written by another version of diplonews: "
            "rebuild needed; run 'diplonews index build'"
        ) from None
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
        meta = read_json(generation / META_FILE, {})
        if meta.get("schema") != SCHEMA_VERSION:
            raise IndexOutdatedError(
                f"the index at {index_dir} was written by another version of diplonews: "
                "rebuild needed; run 'diplonews index build'"
            )
        problem = check_seal(generation, meta.get("files", {}))
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
        from index.search.compile import QueryCompiler

        compiler = QueryCompiler(self._resolve_entity, self._word_forms.forms)
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
            terms.append(wq.Term(ENTITY_FIELDS[kind], entity_id))
        return terms

    def search(
        self,
        query: str = "",
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        limit: int | None = 20,
        cancelled: Callable[[], bool] | None = None,
        snippets: bool = True,
    ) -> SearchResult:
        """Articles matching `query` and every leader and country filter, best first.

        An empty query lists every article (filtered), newest first. Raises QueryError, and
        SearchCancelled as soon as `cancelled()` turns true (checked between steps). With
        `snippets` false every hit's snippet is empty, for callers that do not show them.
        """
        stop = _Checkpoint(cancelled)
        text_query, pieces = self._compile(query)
        filters = self._filters("leader", leaders) + self._filters("country", countries)
        whole = wq.And([text_query, *filters]) if filters else text_query
        matched = self._matches.docs(whole)
        stop.check()
        ranked = self._ranker.top(whole, matched, limit) if pieces else self._newest(matched, limit)
        stop.check()
        hits = []
        for docnum, score in ranked:
            hits.append(self._hit(docnum, score, pieces if snippets else None))
            stop.check()
        facets = self._facets(matched)
        return SearchResult(query=query, total=len(matched), hits=tuple(hits), facets=facets)

    def warm_up(self) -> None:
        """Do now what the first ranked and the first filtered search would otherwise stop to
        do: load numpy, read each text field's document lengths, list who each article names."""
        for name, field in self._searcher.schema.items():
            if field.scorable:
                self._ranker.lengths(name)
        self._entity_counters  # noqa: B018  (cached properties, computed here)
        self._word_forms  # noqa: B018

    @cached_property
    def _word_forms(self) -> WordForms:
        return WordForms(reader for reader, _offset in self._matches.leaves)

    @cached_property
    def _matches(self) -> MatchFinder:
        return MatchFinder(self._searcher)

    @cached_property
    def _ranker(self) -> Any:
        from index.engine.ranking import Ranker  # numpy: loaded by the first ranked search

        return Ranker(self._searcher, self._matches)

    def _newest(self, matched: set[int], limit: int | None) -> list[tuple[int, float]]:
        """The newest `limit` of the matched documents as (docnum, 0.0); as Whoosh sorts by
        date reversed, among equal dates (or none) the later indexed comes first."""
        newest = (docnum for docnum in self._newest_first if docnum in matched)
        return [(docnum, 0.0) for docnum in islice(newest, limit)]

    @cached_property
    def _newest_first(self) -> list[int]:
        dates = self._matches.column_values("date")
        oldest_first = sorted(range(len(dates)), key=dates.__getitem__)  # stable: ties by docnum
        return oldest_first[::-1]

    def _hit(self, docnum: int, score: float, pieces: list[Piece] | None) -> Hit:
        """The hit at `docnum`; its snippet around the first of `pieces` (none when None)."""
        stored = self._searcher.stored_fields(docnum)
        body = stored["body"]
        snippet = "" if pieces is None else _snippet(body, self._first_match(docnum, body, pieces))
        return Hit(
            id=stored["id"],
            title=stored["title"],
            date=stored.get("date") or None,
            score=round(float(score), 4),
            snippet=snippet,
            leaders=self._refs("leader", stored.get("leaders", "")),
            countries=self._refs("country", stored.get("countries", "")),
        )

    def _refs(self, kind: str, ids: str) -> tuple[EntityRef, ...]:
        return tuple(EntityRef(i, self.names.name(kind, i)) for i in ids.split(",") if i)

    # -- facets ----------------------------------------------------------------------------

    @cached_property
    def _entity_counters(self) -> dict[str, Any]:
        """For each entity kind, its counter (numpy: loaded by the first filtered count)."""
        from index.search.facets import EntityCounter

        return {kind: EntityCounter(self._matches, field) for kind, field in ENTITY_FIELDS.items()}

    def _facets(self, docnums: set[int]) -> Facets:
        if len(docnums) == len(self._matches.everything()):
            return self._facets_of_everything
        return self._facets_from(
            {kind: counter.counts(docnums) for kind, counter in self._entity_counters.items()}
        )

    @cached_property
    def _facets_of_everything(self) -> Facets:
        """Over every article (the first screen, the entities command): once per opened index,
        from the term dictionary unless many deleted articles are still in their segments."""
        deleted = self._matches.deleted
        if len(deleted) > _MAX_DELETED_FOR_FREQUENCIES:
            everything = self._matches.everything()
            return self._facets_from(
                {
                    kind: counter.counts(everything)
                    for kind, counter in self._entity_counters.items()
                }
            )
        return self._facets_from(
            {
                kind: self._document_frequencies(field, deleted)
                for kind, field in ENTITY_FIELDS.items()
            }
        )

    def _facets_from(self, counts_by_kind: dict[str, dict[str, int]]) -> Facets:
        """Facets from each kind's entity id → number of articles."""
        counted = {}
        for kind, counts in counts_by_kind.items():
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
        if kind is None:
            return [*facets.leaders, *facets.countries]
        return list(facets.of_kind(kind))

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
            date_source=stored.get("date_source") or None,
            url=stored.get("url") or None,
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
        """Spans of the query's matches: found in the folded syllables, mapped onto the text.
        Where a piece matches with its exact diacritics somewhere, only those places show."""
        if not pieces:
            return []
        syllables, runs = self._located(docnum, field, text, pieces)
        spans: set[tuple[int, int]] = set()
        for piece, found in runs.items():
            matches = set()
            for first, last in found:
                match = syllables.run(first, last)
                if match is None:  # not the text that was indexed
                    return []
                matches.add(match)
            exact = {(a, b) for a, b in matches if _is_exact(text[a:b], piece)}
            spans |= exact or matches
        return [Span(a, b, "match") for a, b in _merge(spans)]

    def _first_match(self, docnum: int, body: str, pieces: list[Piece]) -> int:
        """Where the first of the body's highlighted matches starts (0 for none): the start of
        `_match_spans`'s first span, reading the text only as far as that match."""
        syllables, runs = self._located(docnum, "body_fold", body, pieces)
        starts = []
        for piece, found in runs.items():
            first_start = None
            for first, last in found:
                match = syllables.run(first, last)
                if match is None:  # not the text that was indexed
                    return 0
                if _is_exact(body[match[0] : match[1]], piece):
                    starts.append(match[0])
                    break
                first_start = match[0] if first_start is None else first_start
            else:
                if first_start is not None:
                    starts.append(first_start)
        return min(starts, default=0)

    def _located(
        self, docnum: int, field: str, text: str, pieces: list[Piece]
    ) -> tuple[_SyllableSpans, dict[Piece, list[tuple[int, int]]]]:
        """The text's syllable spans, and where each piece occurs in its folded syllables."""
        folded = self._matches.syllables(field, docnum)
        runs = {piece: _runs(folded, [fold(s) for s in piece]) for piece in pieces}
        return _SyllableSpans(text, folded), runs

    # -- relations (index/search/relations.py) ---------------------------------------------

    @cached_property
    def _relations(self) -> Any:
        from index.search.relations import Relations

        return Relations(self)

    def _matching(self, query: str, leaders: Sequence[str], countries: Sequence[str]) -> set[int]:
        text_query, _pieces = self._compile(query)
        filters = self._filters("leader", leaders) + self._filters("country", countries)
        return self._matches.docs(wq.And([text_query, *filters]) if filters else text_query)

    def meetings(
        self,
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        planned: bool = False,
        query: str = "",
    ) -> list[ListedMeeting]:
        """Who met whom, oldest first (see `Relations.meetings`); with a `query`, only in the
        articles it matches."""
        docnums = self._matching(query, (), ()) if query.strip() else None
        return self._relations.meetings(leaders, countries, since, until, planned, docnums)

    def timeline(
        self, query: str = "", leaders: Sequence[str] = (), countries: Sequence[str] = ()
    ) -> list[tuple[str, int]]:
        """Matching articles per month (per day over a short range), then the undated."""
        return self._relations.timeline(self._matching(query, leaders, countries))

    def co_mentions(
        self,
        kind: str,
        entity_id: str,
        query: str = "",
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        limit: int | None = 20,
    ) -> list[CoMentionCount]:
        """Entities named most in the matching articles that name (kind, entity_id)."""
        docnums = self._matching(query, leaders, countries)
        docnums = docnums & self._matches.term(ENTITY_FIELDS[kind], entity_id)  # type: ignore[index]
        return self._relations.co_mentions(kind, entity_id, docnums, limit)

    def same_story(self, article_id: str) -> list[str]:
        """The other articles telling the same story."""
        return self._relations.same_story(article_id)

    def story_sizes(self) -> dict[str, int]:
        """Article id → number of other articles in its same-story group."""
        return self._relations.story_sizes()

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


def _runs(folded: list[str], wanted: list[str]) -> list[tuple[int, int]]:
    """(first, last) syllable indexes of each place the wanted syllables occur in a row."""
    size, found, position = len(wanted), [], -1
    while True:
        try:
            position = folded.index(wanted[0], position + 1)
        except ValueError:
            return found
        if folded[position : position + size] == wanted:
            found.append((position, position + size - 1))


class _SyllableSpans:
    """Character spans of a text's syllables, read from the text only as far as asked."""

    def __init__(self, text: str, folded: list[str]) -> None:
        self.text, self.folded = text, folded
        self._unread = SYLLABLE_RE.finditer(text)
        self._spans: list[tuple[int, int]] = []

    def run(self, first: int, last: int) -> tuple[int, int] | None:
        """Where syllables first…last lie in the text; None when the text's syllables there are
        not the indexed ones."""
        if last >= len(self._spans):
            wanted = last + 1 - len(self._spans)
            self._spans.extend(match.span() for match in islice(self._unread, wanted))
            if last >= len(self._spans):
                return None
        for position in (first, last):
            start, end = self._spans[position]
            if fold(self.text[start:end]) != self.folded[position]:
                return None
        return self._spans[first][0], self._spans[last][1]


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


def _snippet(body: str, anchor: int) -> str:
    """About SNIPPET_CHARS of the body around the match at `anchor`, cut at word boundaries."""
    if not body:
        return ""
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
