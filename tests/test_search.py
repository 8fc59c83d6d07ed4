import json
import unicodedata
from pathlib import Path

import pytest

from index import open_index
from index.build.builder import build_index
from index.errors import QueryError

ARTICLES = {
    "exact": (
        "2021-05-01",
        "Hội đàm cấp cao Việt Nam - Lào",
        "Hai bên hội đàm cấp cao tại Hà Nội. Hải quân hai nước sẽ tuần tra chung.",
    ),
    "other_tones": (
        "2021-04-01",
        "Kiểm tra hàng hoá",
        "Lực lượng hải quan sân bay kiểm tra hàng hoá nhập khẩu.",
    ),
    "apart": ("2021-03-01", "Bàn về hội nghị", "Hội nghị bàn nhiều việc, không có đàm phán."),
    "nfd": (
        "2021-02-01",
        "Tin NFD",
        unicodedata.normalize("NFD", "Hòa bình và thủy sản ở Đà Nẵng."),
    ),
    "old_tones": ("2021-01-01", "Tin cũ", "Hoà bình, thuỷ lợi và Thuỵ Sĩ."),
    "undated": (None, "Không ngày", "Bài không có ngày tháng."),
}


@pytest.fixture(scope="module")
def index(tmp_path_factory):
    folder = tmp_path_factory.mktemp("articles")
    for name, (date, title, body) in ARTICLES.items():
        header = f"# date = {date.replace('-', '')}\n" if date else ""
        (folder / f"{name}.txt").write_text(f"{header}{title}\n{body}\n", encoding="utf-8")
    index_dir = tmp_path_factory.mktemp("ix")
    build_index(index_dir, [folder])
    with open_index(index_dir) as opened:
        yield opened


def found(index, query: str) -> list[str]:
    return [hit.id for hit in index.search(query, limit=None).hits]


def test_marks_typed_match_that_form_and_no_marks_match_every_form(index):
    assert set(found(index, "hội đàm")) == set(found(index, "hoi dam")) == {"exact"}
    assert set(found(index, "Hội Đàm")) == {"exact"}
    assert set(found(index, "hải quân")) == set(found(index, "HẢI QUÂN")) == {"exact"}
    assert set(found(index, "hải quan")) == {"exact", "other_tones"}  # per syllable: "quan" bare
    assert set(found(index, "hải quản")) == set()
    assert set(found(index, "hai quan")) == {"exact", "other_tones"}


def test_a_typed_word_is_a_word_not_syllables_anywhere(index):
    assert "apart" not in found(index, "hội đàm")


def test_exact_diacritics_rank_first(index):
    assert found(index, "hải quân")[0] == "exact"
    assert found(index, "hải quan")[0] == "other_tones"


def test_old_and_new_tone_placement_and_nfd_match_each_other(index):
    assert set(found(index, "hòa bình")) == set(found(index, "hoà bình")) == {"nfd", "old_tones"}
    assert set(found(index, "Thụy Sĩ")) == {"old_tones"}
    assert set(found(index, unicodedata.normalize("NFD", "thủy sản"))) == {"nfd"}


def test_d_bar_folds_to_d(index):
    assert found(index, "Da Nang") == ["nfd"]


def test_quoted_phrases_need_adjacent_words_with_or_without_diacritics(index):
    assert found(index, '"hội đàm cấp cao"') == ["exact"]
    assert found(index, '"hoi dam cap cao"') == ["exact"]
    assert "apart" not in found(index, '"hội đàm"')


def test_or_and_not(index):
    assert set(found(index, 'thuỷ OR "nhập khẩu"')) == {"nfd", "old_tones", "other_tones"}
    assert "exact" not in found(index, "hội -Lào")


def test_empty_query_lists_everything_newest_first_undated_last(index):
    assert found(index, "") == ["exact", "other_tones", "apart", "nfd", "old_tones", "undated"]


@pytest.mark.parametrize(
    ("query", "message"),
    [
        ('"hội đàm', "quote"),
        ("(hội đàm", "parenthesis"),
        ("hội)", "parenthesis"),
        ("OR", "OR"),
        ("title:", "nothing after"),
        ("leader:Nobody", "no leader"),
        ("x" * 5000, "too long"),
    ],
)
def test_query_mistakes_are_one_line_errors(index, query, message):
    with pytest.raises(QueryError, match=message) as caught:
        index.search(query)
    assert "\n" not in str(caught.value)


def test_title_field_only_searches_titles(index):
    assert found(index, "title:hàng hoá") == ["other_tones"]
    assert found(index, "title:ngày") == ["undated"]


def test_match_spans_point_at_the_exact_words(index):
    document = index.document("exact")
    title_spans, body_spans = index.match_spans("exact", "hội đàm")
    assert [document.body[s.start : s.end] for s in body_spans] == ["hội đàm"]
    assert [document.title[s.start : s.end] for s in title_spans] == ["Hội đàm"]


def test_unaccented_query_highlights_the_accented_text(index):
    document = index.document("nfd")
    _title, body_spans = index.match_spans("nfd", "da nang")
    assert [document.body[s.start : s.end] for s in body_spans] == ["Đà Nẵng"]


def test_snippet_shows_the_match(index):
    hit = index.search("thuỷ lợi").hits[0]
    assert "thuỷ lợi" in hit.snippet


def test_json_shape(index):
    data = json.loads(json.dumps(index.search("hai quan", limit=1).to_json()))
    assert set(data) == {"query", "total", "hits", "facets"}
    assert data["total"] == 2 and len(data["hits"]) == 1
    assert set(data["hits"][0]) == {
        "id",
        "title",
        "date",
        "score",
        "snippet",
        "leaders",
        "countries",
        "organisations",
    }
    assert set(data["facets"]) == {"leaders", "countries", "organisations"}


def test_seeds_mentioning_putin(seed_index: Path):
    with open_index(seed_index) as index:
        result = index.search("Putin")
    assert {hit.id[:3] for hit in result.hits} == {"000", "002", "003"}
    assert all("Putin" in hit.snippet for hit in result.hits)


def test_total_and_facets_count_every_match_not_just_the_page(seed_index: Path):
    with open_index(seed_index) as index:
        everything = index.search("Tổng thống", limit=None)
        page = index.search("Tổng thống", limit=1)
    assert len(page.hits) == 1
    assert page.total == everything.total == len(everything.hits) >= 3
    assert page.facets == everything.facets


def test_a_search_stops_when_its_caller_cancels_it(index):
    from index.search.index import SearchCancelled

    asked = []

    def cancelled() -> bool:
        asked.append(True)
        return len(asked) > 1  # wanted at first, then given up

    with pytest.raises(SearchCancelled):
        index.search("hội đàm", cancelled=cancelled)
    assert index.search("hội đàm", cancelled=lambda: False).hits
