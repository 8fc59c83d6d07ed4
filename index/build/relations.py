"""The build's part of the relations: each article's packed relations, and the generation's
side files computed over every article at the end of a build (meetings.json, stories.json)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from index.build.annotate import Annotation
from index.engine.opening import live_column_values
from index.engine.store import MEETINGS_FILE, STORIES_FILE, write_json_atomic
from index.entities import Gazetteer
from index.ingest.articles import Article
from index.relations.same_story import SameStory
from index.relations.stored import ArticleRelations, decode, encode, relations_of
from index.text.vietnamese import column_syllables

RELATIONS_COLUMN = "relations"


def relations_value(article: Article, annotation: Annotation, columns: tuple[str, str]) -> bytes:
    """The article's meetings, sentence co-mentions and same-story signature, packed; `columns`
    are its title's and body's `syllable_column`s."""
    folded = [syllable for column in columns for syllable in column_syllables(column)]
    return encode(
        relations_of(
            article.id,
            article.title,
            article.body,
            article.date,
            annotation.mentions,
            annotation.leaders,
            folded,
        )
    )


def _live_relations(generation: Path) -> list[tuple[int, ArticleRelations]]:
    """(document number, relations) of every live article: the numbers hold for the whole
    life of the generation, which no build changes once it is published."""
    values = live_column_values(generation, RELATIONS_COLUMN)
    decoded = ((docnum, decode(value)) for docnum, value in values)
    return [(docnum, relations) for docnum, relations in decoded if relations is not None]


def _stories(articles: list[tuple[int, ArticleRelations]]) -> dict[str, Any]:
    collector = SameStory()
    for _docnum, article in articles:
        collector.add_sketch(article.id, article.sketch, article.leaders, article.cast_anchors)
    group_of = collector.groups()
    members: dict[str, list[str]] = {}
    for article_id, group in sorted(group_of.items()):
        members.setdefault(group, []).append(article_id)
    return {"version": 1, "article": group_of, "groups": members}


def _meetings(articles: list[tuple[int, ArticleRelations]], gazetteer: Gazetteer) -> dict[str, Any]:
    """Every meeting as [article, *compact meeting, docnum]: dated ones oldest first, then the
    undated."""
    listed = [
        [article.id, *meeting, docnum]
        for docnum, article in articles
        for meeting in article.meetings
    ]
    listed.sort(key=lambda row: (row[4] is None, row[4] or "", row[0], row[7]))
    met = {leader for row in listed for leader in row[2:4]}
    countries = {
        leader: gazetteer.leaders[leader].country
        for leader in sorted(met)
        if leader in gazetteer.leaders and gazetteer.leaders[leader].country
    }
    return {"version": 1, "meetings": listed, "leader_countries": countries}


def write_relation_files(generation: Path, gazetteer: Gazetteer) -> None:
    """Group same-story articles and list every meeting, over the generation's live articles."""
    articles = _live_relations(generation)
    write_json_atomic(generation / STORIES_FILE, _stories(articles))
    write_json_atomic(generation / MEETINGS_FILE, _meetings(articles, gazetteer))
