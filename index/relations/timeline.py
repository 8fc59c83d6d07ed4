"""How attention moves: articles per period, and who is named beside an entity.

`timeline` counts dated articles per month ("2020-03"), or per day ("2020-03-01") when the dates
span 62 days or fewer, with every empty period between the first and the last; undated articles
come last under `UNDATED`. `co_mentions` ranks the entities named in the same articles as a
target, and in the same sentences.
"""

from __future__ import annotations

from bisect import bisect_left
from collections import Counter
from collections.abc import Collection, Iterable, Iterator, Sequence
from dataclasses import dataclass
from datetime import date as Date
from datetime import timedelta

from index.model import EntityMention
from index.relations.sentences import split_sentences

UNDATED = "undated"
DAY_PERIODS_MAX_DAYS = 62

# An entity as plain data: (kind, id), e.g. ("leader", "vladimir-putin"), ("country", "RU").
EntityKey = tuple[str, str]


def _days(first: Date, last: Date) -> Iterator[Date]:
    day = first
    while day <= last:
        yield day
        day += timedelta(days=1)


def _months(first: Date, last: Date) -> Iterator[tuple[int, int]]:
    year, month = first.year, first.month
    while (year, month) <= (last.year, last.month):
        yield year, month
        year, month = (year + 1, 1) if month == 12 else (year, month + 1)


def timeline(dates: Iterable[Date | None]) -> list[tuple[str, int]]:
    """(period, article count) from the first dated period to the last, empty ones included,
    then (UNDATED, count) when some articles have no date."""
    dated: list[Date] = []
    undated = 0
    for day in dates:
        if day is None:
            undated += 1
        else:
            dated.append(day)
    periods: list[tuple[str, int]] = []
    if dated:
        first, last = min(dated), max(dated)
        if (last - first).days + 1 <= DAY_PERIODS_MAX_DAYS:
            per_day = Counter(dated)
            periods = [(day.isoformat(), per_day[day]) for day in _days(first, last)]
        else:
            per_month = Counter((day.year, day.month) for day in dated)
            periods = [
                (f"{year:04d}-{month:02d}", per_month[(year, month)])
                for year, month in _months(first, last)
            ]
    if undated:
        periods.append((UNDATED, undated))
    return periods


@dataclass(frozen=True)
class CoMention:
    """An entity named beside the target: in how many articles, and in how many sentences."""

    kind: str
    id: str
    articles: int
    sentences: int


def sentence_entities(body: str, mentions: Sequence[EntityMention]) -> list[frozenset[EntityKey]]:
    """The entities each sentence of a body names, for `co_mentions`."""
    ordered = sorted(mentions, key=lambda m: m.start)
    starts = [m.start for m in ordered]
    found = []
    for sentence in split_sentences(body, [(m.start, m.end) for m in ordered]):
        first, last = bisect_left(starts, sentence.start), bisect_left(starts, sentence.end)
        inside = {(m.kind, m.id) for m in ordered[first:last]}
        if inside:
            found.append(frozenset(inside))
    return found


def _counts_beside(
    target: EntityKey, groups: Iterable[Collection[EntityKey]]
) -> Counter[EntityKey]:
    counts: Counter[EntityKey] = Counter()
    for entities in groups:
        named = set(entities)
        if target in named:
            named.discard(target)
            counts.update(named)
    return counts


def co_mentions(
    target: EntityKey,
    article_entities: Iterable[Collection[EntityKey]],
    sentence_entities: Iterable[Collection[EntityKey]] = (),
    limit: int | None = None,
) -> list[CoMention]:
    """Entities named in the same articles as `target` (one collection of entities per
    article) and in the same sentences (one per sentence), most articles first, then most
    sentences, then by kind and id."""
    in_articles = _counts_beside(target, article_entities)
    in_sentences = _counts_beside(target, sentence_entities)
    ranked = sorted(
        (
            CoMention(kind, entity_id, count, in_sentences[(kind, entity_id)])
            for (kind, entity_id), count in in_articles.items()
        ),
        key=lambda c: (-c.articles, -c.sentences, c.kind, c.id),
    )
    return ranked[:limit] if limit is not None else ranked
