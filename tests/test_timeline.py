"""Timeline counts and co-mentions on small made-up data."""

from __future__ import annotations

from datetime import date

from index.model import EntityMention
from index.relations.timeline import (
    UNDATED,
    CoMention,
    co_mentions,
    sentence_entities,
    timeline,
)

PUTIN = ("leader", "putin")
XI = ("leader", "xi")
MODI = ("leader", "modi")
RUSSIA = ("country", "RU")
CHINA = ("country", "CN")


def test_months_from_first_to_last_with_empty_ones_between() -> None:
    dates = [date(2019, 11, 5), date(2020, 2, 1), date(2019, 11, 30), date(2020, 2, 29)]
    assert timeline(dates) == [("2019-11", 2), ("2019-12", 0), ("2020-01", 0), ("2020-02", 2)]


def test_days_when_the_range_is_short() -> None:
    dates = [date(2020, 3, 1), date(2020, 3, 3), date(2020, 3, 3)]
    assert timeline(dates) == [("2020-03-01", 1), ("2020-03-02", 0), ("2020-03-03", 2)]


def test_62_days_are_days_and_63_are_months() -> None:
    first = date(2020, 1, 1)
    assert len(timeline([first, date(2020, 3, 2)])) == 62
    assert timeline([first, date(2020, 3, 3)]) == [("2020-01", 1), ("2020-02", 0), ("2020-03", 1)]


def test_undated_articles_are_counted_last_and_apart() -> None:
    assert timeline([None, date(2021, 4, 20), None]) == [("2021-04-20", 1), (UNDATED, 2)]
    assert timeline([None]) == [(UNDATED, 1)]
    assert timeline([]) == []


def test_co_mentions_rank_by_articles_then_sentences() -> None:
    articles = [{PUTIN, XI, RUSSIA}, {PUTIN, XI}, {PUTIN, MODI}, {XI, MODI, CHINA}, {PUTIN, CHINA}]
    sentences = [{PUTIN, XI}, {PUTIN, RUSSIA}, {PUTIN, MODI}, {PUTIN, MODI}, {XI, MODI}]
    assert co_mentions(PUTIN, articles, sentences) == [
        CoMention("leader", "xi", 2, 1),
        CoMention("leader", "modi", 1, 2),
        CoMention("country", "RU", 1, 1),
        CoMention("country", "CN", 1, 0),
    ]
    assert co_mentions(PUTIN, articles, sentences, limit=1) == [CoMention("leader", "xi", 2, 1)]


def test_co_mentions_of_an_entity_never_named_is_empty() -> None:
    assert co_mentions(("leader", "nobody"), [{PUTIN, XI}], [{PUTIN, XI}]) == []


def test_an_article_naming_an_entity_twice_counts_once() -> None:
    assert co_mentions(PUTIN, [[PUTIN, XI, XI, PUTIN]]) == [CoMention("leader", "xi", 1, 0)]


def test_sentence_entities_from_mentions() -> None:
    body = "Ông Putin gặp ông Tập. Nga và Trung Quốc ký thỏa thuận. Trời mưa."
    mentions = [
        EntityMention("leader", "putin", "Putin", "Putin", 4, 9),
        EntityMention("leader", "xi", "Tập", "Tập", 18, 21),
        EntityMention("country", "RU", "Nga", "Nga", 23, 26),
        EntityMention("country", "CN", "Trung Quốc", "Trung Quốc", 30, 40),
    ]
    assert sentence_entities(body, mentions) == [
        frozenset({PUTIN, XI}),
        frozenset({RUSSIA, CHINA}),
    ]
