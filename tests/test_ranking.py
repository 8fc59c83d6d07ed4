"""Ranking: every page of results is the top of the whole ranking, scored as Whoosh's BM25F."""

import random

import pytest

from index import open_index
from index.build.builder import build_index

# Words of real articles, common and rare, so that terms have from a few to hundreds of postings
# (more than one posting block of 128) and articles differ in length.
WORDS = [
    "hội đàm",
    "kinh tế",
    "Việt Nam",
    "hợp tác",
    "thương mại",
    "đầu tư",
    "an ninh",
    "quốc phòng",
    "biển",
    "đảo",
    "du lịch",
    "giáo dục",
    "y tế",
    "nông nghiệp",
    "ngoại giao",
    "hòa bình",
    "phát triển",
    "bền vững",
    "Thủ tướng",
    "Chủ tịch",
    "Bộ trưởng",
    "đại sứ",
    "hội nghị",
    "thượng đỉnh",
    "khu vực",
    "quốc tế",
    "người",
    "năm",
    "ngày",
    "tháng",
    "hai nước",
    "quan hệ",
    "chiến lược",
    "toàn diện",
    "đối tác",
    "tăng cường",
]


def _article(rng: random.Random) -> str:
    words = [
        WORDS[min(int(rng.expovariate(0.12)), len(WORDS) - 1)] for _ in range(rng.randint(8, 160))
    ]
    title = " ".join(rng.sample(WORDS, rng.randint(2, 6))).capitalize()
    return f"{title}\n{' '.join(words).capitalize()}.\n"


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    rng = random.Random(20171)
    folder = tmp_path_factory.mktemp("generated")
    for number in range(420):
        (folder / f"{number:04}.txt").write_text(_article(rng), encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ix")
    build_index(index_dir, [folder])
    with open_index(index_dir) as opened:
        yield opened


QUERIES = [
    "người",
    "kinh tế",
    "hội đàm Việt Nam",
    "hoi dam",
    "biển OR đảo",
    "hợp tác NOT tháng",
    "title:hội nghị",
    "(du lịch OR giáo dục) phát triển",
]


@pytest.mark.parametrize("query", QUERIES)
def test_a_page_of_results_is_the_top_of_the_whole_ranking(index, query):
    everything = index.search(query, limit=None)
    assert everything.total > 20
    for limit in (1, 5, 20):
        page = index.search(query, limit=limit)
        assert page.hits == everything.hits[:limit]
    scores = [hit.score for hit in everything.hits]
    assert scores == sorted(scores, reverse=True)


@pytest.mark.parametrize("query", QUERIES)
def test_scores_are_whooshs_bm25f_over_every_match(index, query):
    """The figures Whoosh itself gives each matching article, scoring every one of them."""
    engine = index._engine
    compiled = engine._query(index._plan(query))
    whoosh = engine._searcher.search(compiled, limit=None, optimize=False)
    expected = {whoosh.docnum(i): round(whoosh.score(i), 4) for i in range(len(whoosh))}
    ours = index.search(query, limit=None)
    assert ours.total == len(expected)
    by_id = {engine.stored(d)["id"]: score for d, score in expected.items()}
    assert {hit.id: hit.score for hit in ours.hits} == by_id


def test_a_phrase_beside_or_adds_nothing_where_it_does_not_match(index):
    """An article found through the other side of OR scores what that side gives it, even if it
    holds some of the phrase's syllables."""
    alone = {hit.id: hit.score for hit in index.search("biển", limit=None).hits}
    either = {
        hit.id: hit.score for hit in index.search('"hội nghị thượng đỉnh" OR biển', limit=None).hits
    }
    phrase = {hit.id for hit in index.search('"hội nghị thượng đỉnh"', limit=None).hits}
    syllable = {hit.id for hit in index.search("thượng", limit=None).hits}
    only_beside = (set(alone) - phrase) & syllable
    assert only_beside
    assert {i: either[i] for i in only_beside} == {i: alone[i] for i in only_beside}
