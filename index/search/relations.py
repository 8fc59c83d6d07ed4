"""Relations over an opened index: meetings, timelines, co-mentions and same-story groups.

Meetings and same-story groups come from the generation's side files (written at the end of
each build); timelines and co-mentions count over the documents a query matches.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Collection, Sequence
from datetime import date as Date
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING, Any

from index.engine.store import MEETINGS_FILE, STORIES_FILE, read_json
from index.model import CoMentionCount, EntityRef, ListedMeeting, Meeting
from index.relations.stored import decode
from index.relations.timeline import timeline
from index.search.query import QueryError

if TYPE_CHECKING:
    from index.search.index import Index

RELATIONS_COLUMN = "relations"


def _day(value: str | None) -> Date | None:
    try:
        return Date.fromisoformat(value) if value else None
    except ValueError:
        return None


class Relations:
    """Loads the side files of one generation once, on first use."""

    def __init__(self, index: Index) -> None:
        self.index = index

    @cached_property
    def _meetings_file(self) -> dict[str, Any]:
        return read_json(Path(self.index.generation) / MEETINGS_FILE, {})

    @cached_property
    def _stories_file(self) -> dict[str, Any]:
        return read_json(Path(self.index.generation) / STORIES_FILE, {})

    def _resolved(self, kind: str, names: Sequence[str]) -> set[str]:
        found = set()
        for name in names:
            entity_id = self.index.names.resolve(kind, name)
            if entity_id is None:
                raise QueryError(self.index.names.unknown(kind, name))
            found.add(entity_id)
        return found

    def meetings(
        self,
        leaders: Sequence[str] = (),
        countries: Sequence[str] = (),
        since: str | None = None,
        until: str | None = None,
        planned: bool = False,
        docnums: Collection[int] | None = None,
    ) -> list[ListedMeeting]:
        """Meetings oldest first, the undated last; each leader filter must be one side, each
        country filter the country of one side (the gazetteer's); planned meetings only when
        asked for; only those of the articles `docnums` when given."""
        wanted_leaders = self._resolved("leader", leaders)
        wanted_countries = self._resolved("country", countries)
        country_of: dict[str, str] = self._meetings_file.get("leader_countries", {})
        listed = []
        for row in self._meetings_file.get("meetings", []):
            article, kind, first, second, day, place, is_planned, start, end, sentence = row[:10]
            if (is_planned and not planned) or (docnums is not None and row[10] not in docnums):
                continue
            if not wanted_leaders <= {first, second}:
                continue
            sides = {country_of.get(first), country_of.get(second)}
            if not all(country in sides for country in wanted_countries):
                continue
            if (since and (not day or day < since)) or (until and (not day or day > until)):
                continue
            refs = (self._ref(first), self._ref(second))
            meeting = Meeting(kind, refs, _day(day), place, is_planned, sentence, start, end)
            listed.append(ListedMeeting(article, meeting))
        return listed

    def _ref(self, leader: str) -> EntityRef:
        return EntityRef(leader, self.index.names.name("leader", leader))

    def timeline(self, docnums: Collection[int]) -> list[tuple[str, int]]:
        dates = self._dates
        return timeline(_day(dates[d].decode()) for d in docnums)

    @cached_property
    def _dates(self) -> list[bytes]:
        return self.index._engine.column_values("date")

    def co_mentions(
        self, kind: str, entity_id: str, docnums: Collection[int], limit: int | None = 20
    ) -> list[CoMentionCount]:
        """Who else the articles of `docnums` name (they all name the entity), and in how many
        of the entity's sentences, most articles first."""
        target = (kind, entity_id)
        in_sentences: Counter[tuple[str, str]] = Counter()
        for docnum in docnums:
            for group in self._sentences(docnum):
                if target in group:
                    in_sentences.update(key for key in group if key != target)
        counted = []
        for other_kind, counter in self.index._entity_counters.items():
            for other_id, articles in counter.counts(set(docnums)).items():
                if (other_kind, other_id) != target:
                    name = self.index.names.name(other_kind, other_id)
                    sentences = in_sentences[(other_kind, other_id)]
                    counted.append(CoMentionCount(other_kind, other_id, name, articles, sentences))
        counted.sort(key=lambda c: (-c.articles, -c.sentences, c.kind, c.id))
        return counted[:limit] if limit is not None else counted

    def _sentences(self, docnum: int) -> list[list[tuple[str, str]]]:
        relations = decode(self.index._engine.column_value(RELATIONS_COLUMN, docnum))
        return [[tuple(key) for key in group] for group in relations.sentences] if relations else []

    def same_story(self, article_id: str) -> list[str]:
        group = self._stories_file.get("article", {}).get(article_id)
        members = self._stories_file.get("groups", {}).get(group, []) if group else []
        return [member for member in members if member != article_id]

    def story_sizes(self) -> dict[str, int]:
        """Article id → how many other articles tell the same story (grouped articles only)."""
        return {
            member: len(members) - 1
            for members in self._stories_file.get("groups", {}).values()
            for member in members
        }
