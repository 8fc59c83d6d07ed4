"""The browser's open index, shared by its worker threads one call at a time.

A Whoosh searcher is not safe to share between threads, so every call holds one lock; the
browser makes these calls from thread workers and the UI thread never waits on the index.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from index.model import ENTITY_FIELDS, Document, EntityKind, FacetCount, SearchResult, Span
from tui.widgets.facet_list import Filter

if TYPE_CHECKING:
    from index import Index

TitleAndBodySpans = tuple[list[Span], list[Span]]
T = TypeVar("T")


def filter_arguments(filters: Iterable[Filter]) -> dict[str, Any]:
    """The filters as `Index.search` takes them: {"leaders": [ids], "countries": [ids]}, and
    "since", "until" from a date filter ("2020..2021", "2020-03") and "sort" from a sort one."""
    chosen = list(filters)
    arguments: dict[str, Any] = {
        field: [f.id for f in chosen if f.kind == kind] for kind, field in ENTITY_FIELDS.items()
    }
    for facet in chosen:
        if facet.kind == "date":
            since, dots, until = facet.id.partition("..")
            arguments.update(since=since or None, until=(until if dots else since) or None)
        elif facet.kind == "sort":
            arguments["sort"] = facet.id
    return arguments


class IndexSession:
    """One open index (or none yet) and the lock its callers take turns with."""

    def __init__(self, index: Index | None = None) -> None:
        self.index = index
        self._lock = threading.Lock()

    @property
    def article_count(self) -> int:
        return self.index.article_count if self.index is not None else 0

    def replace(self, index: Index) -> None:
        """Use `index` from now on and close the one it replaces."""
        with self._lock:
            old, self.index = self.index, index
            if old is not None:
                old.close()

    def search(
        self,
        query: str,
        filters: Iterable[Filter],
        limit: int,
        cancelled: Callable[[], bool],
        open_id: str | None = None,
    ) -> tuple[SearchResult, TitleAndBodySpans | None] | None:
        """The results (without snippets) and the matches in the open article `open_id`; None
        when cancelled before it started. Raises what `Index.search` raises."""
        with self._lock:
            if cancelled() or self.index is None:
                return None
            result = self.index.search(
                query,
                **filter_arguments(filters),
                limit=limit,
                cancelled=cancelled,
                snippets=False,
            )
            spans = self.index.match_spans(open_id, query) if open_id else None
        return result, spans

    def article(self, article_id: str, query: str) -> tuple[Document | None, TitleAndBodySpans]:
        """The article (None if it is gone) and the query's matches in its title and body."""
        with self._lock:
            if self.index is None:
                return None, ([], [])
            document = self.index.document(article_id)
            spans = self.index.match_spans(article_id, query) if document else ([], [])
        return document, spans

    def call(self, action: Callable[[Index], T]) -> T | None:
        """`action(index)` under the lock (None when no index is open): for the relations."""
        with self._lock:
            return action(self.index) if self.index is not None else None

    def warm_up(self) -> None:
        """Load what the first typed search needs."""
        with self._lock:
            if self.index is not None:
                self.index.warm_up()

    def is_stale_unless_busy(self) -> bool:
        """Whether the index on disk is newer than the one open; False while another call runs
        (ask again later rather than wait behind a search)."""
        if not self._lock.acquire(blocking=False):
            return False
        try:
            return self.index is not None and self.index.is_stale()
        finally:
            self._lock.release()

    def entities(self) -> list[tuple[EntityKind, FacetCount]]:
        """Every leader, country and organisation of the index with its count, most named first."""
        with self._lock:
            if self.index is None:
                return []
            return [(kind, f) for kind in ENTITY_FIELDS for f in self.index.entities(kind)]

    def count(self, query: str, filters: Iterable[Filter]) -> int | None:
        """How many articles the query and filters find now; None for a bad query."""
        from index.errors import QueryError

        with self._lock:
            if self.index is None:
                return None
            try:
                result = self.index.search(
                    query, **filter_arguments(filters), limit=1, snippets=False
                )
            except QueryError:
                return None
        return result.total

    def export_jsonl(self, query: str, filters: Iterable[Filter], path: Path) -> int:
        """Write every article the query and filters find to `path` as JSON Lines; how many."""
        from tui.export import selected_documents, write_jsonl

        arguments = filter_arguments(filters)
        with self._lock:
            if self.index is None:
                return 0
            documents = list(
                selected_documents(self.index, query, arguments["leaders"], arguments["countries"])
            )
        with path.open("x", encoding="utf-8") as out:
            write_jsonl(documents, out)
        return len(documents)
