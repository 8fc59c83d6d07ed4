"""Open an index and search it: hits, facet counts, snippets and highlight spans."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator, Sequence
from functools import cached_property
from pathlib import Path
from typing import Any

from index.engine.plan import AllOf, Plan, Tagged, positive_runs
from index.engine.runs import field_spans, first_start
from index.engine.searcher import EngineSearcher
from index.engine.store import (
    META_FILE,
    NAMES_FILE,
    SCHEMA_VERSION,
    SOURCES_FILE,
    check_seal,
    current_generation,
    read_json,
)
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
from index.search.compile import QueryCompiler
from index.search.dates import DateRange, check_sort, date_range
from index.search.lexicon import Lexicon
from index.search.query import QueryError, parse_query, split_dates

SNIPPET_CHARS = 180
_ENTITY_KINDS = tuple(ENTITY_FIELDS)
_REMEMBERED_QUERIES = 8
# Past this many deleted articles, facets over everything are counted article by article.
_MAX_DELETED_FOR_FREQUENCIES = 1000


def open_index(path: str | Path | None = None) -> Index:
    """Open the index at `path` (default: the user's index directory) for searching."""
    from index.paths import default_index_dir

    return Index(Path(path) if path is not None else default_index_dir())


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
        self._engine = EngineSearcher(generation, index_dir)
        self.names = NameTable.load(generation / NAMES_FILE)
        self._plans: dict[str, tuple[Plan, DateRange]] = {}

    def close(self) -> None:
        self._engine.close()

    def __enter__(self) -> Index:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()

    def is_stale(self) -> bool:
        """True when a build has replaced or updated the index since it was opened."""
        if current_generation(self.index_dir) != self.generation:
            return True
        return not self._engine.up_to_date()

    @property
    def article_count(self) -> int:
        return self._engine.article_count

    # -- searching -------------------------------------------------------------------------

    @cached_property
    def _compiler(self) -> QueryCompiler:
        return QueryCompiler(Lexicon(self.names), self.names.resolve, self.names.unknown)

    def _plan(self, query: str) -> Plan:
        """The compiled plan of `query`, parsed and compiled once for its search and for the
        highlights of the articles it finds."""
        return self._compiled(query)[0]

    def _compiled(self, query: str) -> tuple[Plan, DateRange]:
        """The plan of `query` and the range of its `date:` terms."""
        compiled = self._plans.get(query)
        if compiled is None:
            rest, dates = split_dates(parse_query(query))
            compiled = (self._compiler.compile(rest), dates)
            if len(self._plans) >= _REMEMBERED_QUERIES:
                del self._plans[next(iter(self._plans))]
            self._plans[query] = compiled
        return compiled

    def _filters(self, kind: str, names: Iterable[str]) -> list[Plan]:
        found: list[Plan] = []
        for name in names:
            entity_id = self.names.resolve(kind, name)
            if entity_id is None:
                raise QueryError(self.names.unknown(kind, name))
            found.append(Tagged(kind, entity_id))
        return found

    def search(
        self,
        query: str = "",
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        limit: int | None = 20,
        cancelled: Callable[[], bool] | None = None,
        snippets: bool = True,
        organisations: Sequence[str] = (),
        *,
        since: object = None,
        until: object = None,
        sort: str = "relevance",
        offset: int = 0,
    ) -> SearchResult:
        """Articles matching `query` and every leader, country, organisation and date filter,
        best first.

        An empty query lists every article (filtered), newest first; `sort` "newest" or
        "oldest" orders by date (undated articles last). `since` and `until` are ISO dates
        ("2020", "2020-03", "2020-03-01" or a date), inclusive, and keep only dated articles.
        `offset` skips that many hits. Raises QueryError, and SearchCancelled as soon as
        `cancelled()` turns true (checked between steps). With `snippets` false every hit's
        snippet is empty, for callers that do not show them.
        """
        _check_paging(limit, offset)
        check_sort(sort)
        stop = _Checkpoint(cancelled)
        plan, whole, matched = self._matched(
            query, leaders, countries, organisations, since=since, until=until
        )
        stop.check()
        ranked = self._ranked(whole, matched, sort, limit, offset)
        stop.check()
        hits = []
        for docnum, score in ranked:
            hits.append(self._hit(docnum, score, plan if snippets else None))
            stop.check()
        facets = self._facets(matched)
        return SearchResult(query=query, total=len(matched), hits=tuple(hits), facets=facets)

    def _matched(
        self,
        query: str,
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        organisations: Sequence[str] = (),
        *,
        since: object = None,
        until: object = None,
    ) -> tuple[Plan, Plan, set[int]]:
        """The query's plan, the plan with every filter, and the articles that match both it and
        the date range: the set that totals, facets, timelines and relations all count."""
        plan, dates = self._compiled(query)
        dates = dates.narrowed(date_range(since, until))
        filters = (
            self._filters("leader", leaders)
            + self._filters("country", countries)
            + self._filters("organisation", organisations)
        )
        whole = AllOf((plan, *filters)) if filters else plan
        return plan, whole, self._within(self._engine.docs(whole), dates)

    def _within(self, matched: set[int], dates: DateRange) -> set[int]:
        """The matched articles dated within the range (all of them for an open range)."""
        if dates.open:
            return matched
        return matched & self._engine.dated_within(dates.since, dates.until)

    def _ranked(
        self, plan: Plan, matched: set[int], sort: str, limit: int | None, offset: int
    ) -> list[tuple[int, float]]:
        """A page of the matched articles in the order `sort` asks for."""
        if sort == "relevance" and positive_runs(plan):
            wanted = None if limit is None else offset + limit
            return self._engine.top(plan, matched, wanted)[offset:]
        return self._engine.by_date(matched, limit, offset, newest=sort != "oldest")

    def warm_up(self) -> None:
        """Do now what the first ranked and the first filtered search would otherwise stop to
        do: load numpy and the grouping dictionary, read each text field's document lengths,
        list who each article names."""
        self._engine.warm_up()
        self._entity_counters  # noqa: B018  (cached properties, computed here)
        self._compiler.groups(["a", "b"], [False, False])

    def _hit(self, docnum: int, score: float, plan: Plan | None) -> Hit:
        """The hit at `docnum`; its snippet around the plan's first match (none when None)."""
        stored = self._engine.stored(docnum)
        body = stored["body"]
        snippet = "" if plan is None else _snippet(body, self._first_match(docnum, body, plan))
        return Hit(
            id=stored["id"],
            title=stored["title"],
            date=stored.get("date") or None,
            score=round(float(score), 4),
            snippet=snippet,
            **self._entity_refs(stored),
        )

    def _first_match(self, docnum: int, body: str, plan: Plan) -> int:
        """Where the body's first highlighted match starts (0 for none)."""
        runs = [run for run in positive_runs(plan) if not run.title_only]
        if not runs:
            return 0
        return first_start(body, runs, self._engine.column("body", docnum)) or 0

    def _refs(self, kind: str, ids: str) -> tuple[EntityRef, ...]:
        return tuple(EntityRef(i, self.names.name(kind, i)) for i in ids.split(",") if i)

    def _entity_refs(self, stored: dict[str, Any]) -> dict[str, tuple[EntityRef, ...]]:
        """The leaders, countries and organisations an article names, keyed by field."""
        return {
            name: self._refs(kind, stored.get(name, "")) for kind, name in ENTITY_FIELDS.items()
        }

    # -- facets ----------------------------------------------------------------------------

    @cached_property
    def _entity_counters(self) -> dict[str, Any]:
        """For each entity kind, its counter (numpy: loaded by the first filtered count)."""
        from index.search.facets import EntityCounter

        return {
            kind: EntityCounter(self._engine.finder, self._engine.entity_field(kind))
            for kind in _ENTITY_KINDS
        }

    def _facets(self, docnums: set[int]) -> Facets:
        if len(docnums) == len(self._engine.everything()):
            return self._facets_of_everything
        return self._facets_from(
            {kind: counter.counts(docnums) for kind, counter in self._entity_counters.items()}
        )

    @cached_property
    def _facets_of_everything(self) -> Facets:
        """Over every article (the first screen, the entities command): once per opened index,
        from the term dictionary unless many deleted articles are still in their segments."""
        if len(self._engine.deleted) > _MAX_DELETED_FOR_FREQUENCIES:
            everything = self._engine.everything()
            return self._facets_from(
                {
                    kind: counter.counts(everything)
                    for kind, counter in self._entity_counters.items()
                }
            )
        return self._facets_from(
            {kind: self._engine.document_frequencies(kind) for kind in _ENTITY_KINDS}
        )

    def _facets_from(self, counts_by_kind: dict[str, dict[str, int]]) -> Facets:
        """Facets from each kind's entity id → number of articles."""
        counted = {}
        for kind, counts in counts_by_kind.items():
            counted[kind] = tuple(
                FacetCount(i, self.names.name(kind, i), n)
                for i, n in sorted(counts.items(), key=lambda item: (-item[1], item[0]))
            )
        return Facets(**{ENTITY_FIELDS[kind]: found for kind, found in counted.items()})

    def entities(self, kind: str | None = None) -> list[FacetCount]:
        """Leaders, countries and organisations over the whole index, most named first."""
        facets = self._facets(self._engine.everything())
        if kind is None:
            return [*facets.leaders, *facets.countries, *facets.organisations]
        return list(facets.of_kind(kind))

    # -- documents and highlighting ----------------------------------------------------------

    def _docnum(self, article_id: str) -> int | None:
        return self._engine.docnum(article_id)

    def document(self, article_id: str) -> Document | None:
        """The whole stored article, or None when no article has that id."""
        docnum = self._docnum(article_id)
        return None if docnum is None else self._document_at(docnum)

    def _document_at(self, docnum: int) -> Document:
        stored = self._engine.stored(docnum)
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
            entities=mentions,
            **self._entity_refs(stored),
        )

    def documents(self) -> Iterator[Document]:
        """Every article, in the order they were indexed."""
        for docnum in self._engine.docnums():
            yield self._document_at(docnum)

    def match_spans(self, article_id: str, query: str) -> tuple[list[Span], list[Span]]:
        """Where `query` matches the article: (spans in the title, spans in the body)."""
        docnum = self._docnum(article_id)
        if docnum is None or not query.strip():
            return [], []
        try:
            runs = positive_runs(self._plan(query))
        except QueryError:
            return [], []
        stored = self._engine.stored(docnum)
        body_runs = [run for run in runs if not run.title_only]
        title = field_spans(stored["title"], runs, self._engine.column("title", docnum))
        body = field_spans(stored["body"], body_runs, self._engine.column("body", docnum))
        return [Span(a, b, "match") for a, b in title], [Span(a, b, "match") for a, b in body]

    # -- relations (index/search/relations.py) ---------------------------------------------

    @cached_property
    def _relations(self) -> Any:
        from index.search.relations import Relations

        return Relations(self)

    def _matching(self, query: str, **filters: Any) -> set[int]:
        """The articles `search(query, **filters)` counts; its `sort` does not matter here."""
        filters.pop("sort", None)
        return self._matched(query, **filters)[2]

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
        docnums = self._matching(query) if query.strip() else None
        return self._relations.meetings(leaders, countries, since, until, planned, docnums)

    def timeline(self, query: str = "", **filters: Any) -> list[tuple[str, int]]:
        """Matching articles per month (per day over a short range), then the undated; the
        filters are search()'s (leaders, countries, organisations, since, until)."""
        return self._relations.timeline(self._matching(query, **filters))

    def co_mentions(
        self,
        kind: str,
        entity_id: str,
        query: str = "",
        limit: int | None = 20,
        **filters: Any,
    ) -> list[CoMentionCount]:
        """Entities named most in the matching articles that name (kind, entity_id); the
        filters are search()'s."""
        docnums = self._matching(query, **filters)
        docnums = docnums & self._engine.docs(Tagged(kind, entity_id))
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


def _check_paging(limit: int | None, offset: int) -> None:
    if limit is not None and (not isinstance(limit, int) or limit < 0):
        raise QueryError(f"limit must be a whole number of at least 0, not {limit!r}")
    if not isinstance(offset, int) or offset < 0:
        raise QueryError(f"offset must be a whole number of at least 0, not {offset!r}")


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
