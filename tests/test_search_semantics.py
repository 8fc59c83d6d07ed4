"""What a result set is (DESIGN.md, "Search semantics"), on small hand-written articles."""

import unicodedata

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

from index import open_index
from index.build.builder import build_index

ARTICLES = {
    "dam": ("Hội đàm cấp cao", "Hai bên hội đàm tại Đà Nẵng về hợp tác kinh tế."),
    "hoi": ("Thời trang", "Học hỏi, dám nghĩ dám làm. Lễ hội. Đám đông đổ về."),
    "nang": ("Tin ngắn", "Anh ấy đã nặng lời với đồng nghiệp."),
    "pho": ("Phó Thủ tướng", "Phó Thủ tướng thăm tỉnh Quảng Ninh."),
    "jet": ("Máy bay", "Mỹ bán F-35 cho đồng minh; TP.HCM đón Kim Jong-un? Không."),
    "line": ("Xuống dòng", "Ông F\n35 người dự lễ hội\nđàm thoại."),
    "tone": ("Hoà bình", "Hòa bình và thuỷ điện, sức khỏe."),
    "nfd": ("NFD", unicodedata.normalize("NFD", "Thủy điện Hoà Bình ở miền Trung.")),
    "words": ("Y tế", "Mỹ phẩm, y tế và pháp luật; anh hùng."),
    "usa": ("Mỹ", "Tổng thống Mỹ hội đàm tại châu Âu."),
    "asia": ("Châu Á", "Kinh tế châu Á tăng trưởng, miền Trung mưa lớn."),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, (title, body) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(f"{title}\n{body}\n", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ix")
    build_index(index_dir, [folder])
    with open_index(index_dir) as opened:
        yield opened


def ids(index, query):
    return {hit.id for hit in index.search(query, limit=None).hits}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("hội đàm", {"dam", "usa"}),  # not "học hỏi, dám" nor "lễ hội. Đám"
        ('"hoi dam"', {"dam", "usa"}),
        ("hoi dam", {"dam", "usa"}),
        ("Đà Nẵng", {"dam"}),  # never "đã nặng lời"
        ("da nang", {"dam", "nang"}),
        ("Thủ tướng", {"pho"}),  # inside "Phó Thủ tướng"
        ("F-35", {"jet"}),
        ("F 35", {"jet"}),  # not across the line break of "line"
        ("TP HCM", {"jet"}),
        ("TP.HCM", {"jet"}),
        ("Kim Jong-un", {"jet"}),
        ('"lễ hội đàm"', set()),  # a line break between
        ("hoà bình", {"tone", "nfd"}),
        ("hòa bình", {"tone", "nfd"}),
        ("thủy điện", {"tone", "nfd"}),
        ("thuỷ điện", {"tone", "nfd"}),
        (unicodedata.normalize("NFD", "thủy điện"), {"tone", "nfd"}),
        ("sức khoẻ", {"tone"}),
        ("miền Trung", {"nfd", "asia"}),
        ("châu Á", {"asia"}),
        ("châu Âu", {"usa"}),
    ],
)
def test_result_sets(index, query, expected):
    assert ids(index, query) == expected


@pytest.mark.parametrize("query", ["y tế", "mỹ phẩm", "pháp luật", "anh hùng"])
def test_lowercase_words_are_not_countries(index, query):
    assert ids(index, query) == {"words"}


def test_a_country_written_as_the_gazetteer_writes_it_also_finds_its_tag(index):
    tagged = {hit.id for hit in index.search("", countries=["Mỹ"], limit=None).hits}
    assert "usa" in tagged
    assert ids(index, "Mỹ") >= tagged


def test_iso_codes_only_in_filters(index):
    assert ids(index, "us") == set()
    assert ids(index, "country:us") == ids(index, "country:Mỹ")


def test_highlights_are_the_occurrences_that_matched(index):
    title, body = index.match_spans("hoi", "hoi dam")
    assert title == [] and body == []
    text = ARTICLES["pho"][1]
    _title, body = index.match_spans("pho", "Thủ tướng")
    assert [text[s.start : s.end] for s in body] == ["Thủ tướng"]
    text = ARTICLES["dam"][1]
    _title, body = index.match_spans("dam", "da nang hội đàm")
    assert [text[s.start : s.end] for s in body] == ["hội đàm", "Đà Nẵng"]


WORDS = ["hội đàm", "Đà Nẵng", "kinh tế", "hợp tác", "hai bên", "cấp cao", "về"]


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(st.lists(st.sampled_from(WORDS), min_size=1, max_size=4, unique=True), st.randoms())
def test_word_order_never_changes_a_result_set(index, words, rng):
    shuffled = list(words)
    rng.shuffle(shuffled)
    groups = index._compiler.groups
    first, second = " ".join(words), " ".join(shuffled)
    split = [s for w in words for s in w.split()]
    assume(len(groups(split, [False] * len(split))) == len(words))
    assert ids(index, first) == ids(index, second)
    assert index.search(first).total == index.search(second).total


@pytest.mark.parametrize(
    "query", ["hội đàm", "hoi dam", "da nang", "Thủ tướng", "F 35", '"lễ hội đàm"', "thủy điện"]
)
def test_an_article_shows_a_highlight_exactly_when_the_query_matches_it(index, query):
    found = ids(index, query)
    for article in ARTICLES:
        title, body = index.match_spans(article, query)
        assert bool(title or body) == (article in found), article
