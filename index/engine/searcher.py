"""One opened generation's Whoosh index, as the search layer uses it: documents by number, query
plans evaluated into document sets and ranked, entity counts. Nothing above it sees Whoosh."""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterator
from functools import cached_property
from itertools import islice
from pathlib import Path
from typing import Any

from whoosh import index as whoosh_index

import index.engine.tuning  # noqa: F401  (installs faster length reads)
from index.engine.matches import MatchFinder
from index.engine.plan import Plan
from index.engine.schema import SYLLABLE_COLUMNS
from index.engine.translate import Translator
from index.engine.word_forms import WordForms
from index.errors import IndexCorruptError, IndexOutdatedError
from index.model import ENTITY_FIELDS

_REMEMBERED_PLANS = 8


def _damaged(where: object, why: str) -> IndexCorruptError:
    return IndexCorruptError(
        f"the index at {where} is damaged ({why}); run 'diplonews index build --full' to rebuild it"
    )


class EngineSearcher:
    """A read-only searcher over one generation."""

    def __init__(self, generation: Path, shown_as: object) -> None:
        try:
            self._whoosh = whoosh_index.open_dir(str(generation))
        except (ImportError, AttributeError):
            # Whoosh unpickles the schema it stored: its classes moved since this index was written.
            raise IndexOutdatedError(
                f"the index at {shown_as} was written by another version of diplonews: "
                "rebuild needed; run 'diplonews index build'"
            ) from None
        except whoosh_index.EmptyIndexError:
            raise _damaged(generation, "no table of contents") from None
        except Exception as error:
            raise _damaged(generation, error.__class__.__name__) from None
        try:
            self._searcher = self._whoosh.searcher()
        except Exception as error:
            raise _damaged(shown_as, error.__class__.__name__) from None
        self._translated: dict[Plan, Any] = {}

    def close(self) -> None:
        self._searcher.close()

    def up_to_date(self) -> bool:
        try:
            return bool(self._searcher.up_to_date())
        except Exception:
            return False

    @property
    def article_count(self) -> int:
        return self._searcher.doc_count()

    # -- documents ---------------------------------------------------------------------------

    def stored(self, docnum: int) -> dict[str, Any]:
        return self._searcher.stored_fields(docnum)

    def docnum(self, article_id: str) -> int | None:
        return self._searcher.document_number(id=article_id)

    def column(self, field: str, docnum: int) -> str:
        """The syllable column of a document's "title" or "body" (`syllable_column`)."""
        return self.finder.column_text(SYLLABLE_COLUMNS[field], docnum)

    def docnums(self) -> Iterator[int]:
        """Every live document, in the order they were indexed."""
        return iter(self._searcher.reader().all_doc_ids())

    # -- matching and ranking ----------------------------------------------------------------

    @cached_property
    def finder(self) -> MatchFinder:
        return MatchFinder(self._searcher)

    @cached_property
    def _pair_forms(self) -> WordForms:
        return WordForms(reader for reader, _offset in self.finder.leaves)

    @cached_property
    def _ranker(self) -> Any:
        from index.engine.ranking import Ranker  # numpy: loaded by the first ranked search

        return Ranker(self._searcher, self.finder)

    def _query(self, plan: Plan) -> Any:
        """The plan's Whoosh query, the same object while the plan is among the latest, so that
        ranking reuses what matching checked."""
        query = self._translated.get(plan)
        if query is None:
            if len(self._translated) >= _REMEMBERED_PLANS:
                del self._translated[next(iter(self._translated))]
            query = self._translated[plan] = Translator(self._pair_forms.forms).query(plan)
        return query

    def column_values(self, column: str) -> list[bytes]:
        """Every document's value in a column of byte strings, by document number."""
        return self.finder.column_values(column)

    def column_value(self, column: str, docnum: int) -> bytes:
        return self.finder.column_value(column, docnum)

    def docs(self, plan: Plan) -> set[int]:
        """Every document the plan matches (a set the caller may not modify)."""
        return self.finder.docs(self._query(plan))

    def everything(self) -> set[int]:
        return self.finder.everything()

    @property
    def deleted(self) -> list[int]:
        return self.finder.deleted

    def top(self, plan: Plan, matched: set[int], limit: int | None) -> list[tuple[int, float]]:
        """The best `limit` of the matched documents by BM25F, as (docnum, score)."""
        return self._ranker.top(self._query(plan), matched, limit)

    def newest(self, matched: set[int], limit: int | None) -> list[tuple[int, float]]:
        """The newest `limit` of the matched documents as (docnum, 0.0); as Whoosh sorts by
        date reversed, among equal dates (or none) the later indexed comes first."""
        newest = (docnum for docnum in self._newest_first if docnum in matched)
        return [(docnum, 0.0) for docnum in islice(newest, limit)]

    def by_date(
        self, matched: set[int], limit: int | None, offset: int = 0, newest: bool = True
    ) -> list[tuple[int, float]]:
        """`limit` of the matched documents after the first `offset`, by date (newest or
        oldest first), as (docnum, 0.0); undated documents come last either way."""
        order = self._newest_first if newest else self._oldest_first
        found = (docnum for docnum in order if docnum in matched)
        stop = None if limit is None else offset + limit
        return [(docnum, 0.0) for docnum in islice(found, offset, stop)]

    def dated_within(self, since: str | None, until: str | None) -> set[int]:
        """Documents dated from `since` to `until` (ISO dates, inclusive; None is open)."""
        dates, docnums = self._dated
        start = 0 if since is None else bisect_left(dates, since.encode())
        end = len(dates) if until is None else bisect_right(dates, until.encode())
        return set(docnums[start:end])

    @cached_property
    def _dated(self) -> tuple[list[bytes], list[int]]:
        """Every dated document's date, in order, and its docnum beside it."""
        pairs = sorted((date, docnum) for docnum, date in enumerate(self._dates) if date)
        return [date for date, _ in pairs], [docnum for _, docnum in pairs]

    @cached_property
    def _oldest_first(self) -> list[int]:
        undated = [docnum for docnum, date in enumerate(self._dates) if not date]
        return self._dated[1] + undated

    @cached_property
    def _dates(self) -> list[bytes]:
        """Every document's date (b"" when undated), by document number."""
        return self.finder.column_values("date")

    @cached_property
    def _newest_first(self) -> list[int]:
        dates = self._dates
        oldest_first = sorted(range(len(dates)), key=dates.__getitem__)  # stable: ties by docnum
        return oldest_first[::-1]

    def warm_up(self) -> None:
        """Read each text field's document lengths and the pair forms now, not at the first
        ranked search."""
        for name, field in self._searcher.schema.items():
            if field.scorable:
                self._ranker.lengths(name)
        self._pair_forms  # noqa: B018  (a cached property, computed here)

    # -- entities ----------------------------------------------------------------------------

    def entity_field(self, kind: str) -> str:
        return ENTITY_FIELDS[kind]

    def document_frequencies(self, kind: str) -> dict[str, int]:
        """Live articles tagged with each entity of the kind, from the term dictionary."""
        field = ENTITY_FIELDS[kind]
        reader = self._searcher.reader()
        counts = {term: reader.doc_frequency(field, term) for term in reader.field_terms(field)}
        for docnum in self.deleted:  # still counted by the term dictionary
            for term in self.stored(docnum).get(field, "").split(","):
                if term in counts:
                    counts[term] -= 1
        return {term: count for term, count in counts.items() if count > 0}
