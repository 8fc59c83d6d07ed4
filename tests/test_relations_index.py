"""Meetings, timelines, co-mentions and same-story groups through the Index, on a made-up
corpus built for them; and what an incremental build keeps of them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from relations_corpus import write_corpus

from index import open_index
from index.build.builder import build_index
from index.engine.store import MEETINGS_FILE, STORIES_FILE, current_generation
from index.errors import QueryError


@pytest.fixture(scope="module")
def relations_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("relations")
    build_index(root / "ix", [write_corpus(root / "articles")])
    return root / "ix"


def pairs(listed) -> list[tuple[str, str, str]]:
    return [(m.article, *sorted(ref.id for ref in m.meeting.leaders)) for m in listed]


def test_meetings_are_listed_oldest_first_without_the_planned_one(relations_index) -> None:
    with open_index(relations_index) as index:
        assert pairs(index.meetings()) == [
            ("talks-moscow", "tran-dai-quang", "vladimir-putin"),
            ("reception-hanoi", "nguyen-xuan-phuc", "shinzo-abe"),
            ("call-beijing", "tap-can-binh", "vladimir-putin"),
        ]
        planned = [m for m in index.meetings(planned=True) if m.meeting.planned]
        assert pairs(planned) == [("planned-visit", "tran-dai-quang", "vladimir-putin")]


def test_meeting_json_has_the_contract_keys(relations_index) -> None:
    with open_index(relations_index) as index:
        first = index.meetings()[0].to_json()
    assert set(first) >= {"article", "date", "kind", "leaders", "place", "sentence", "start"}
    assert first["date"] == "2017-01-10" and first["kind"] == "talks"
    assert first["place"] == "Moskva"
    assert first["leaders"][1] == {"id": "vladimir-putin", "name": "Vladimir Putin"}


def test_meeting_filters_by_leader_country_and_dates(relations_index) -> None:
    with open_index(relations_index) as index:
        assert [m.article for m in index.meetings(leaders=["Vladimir Putin"])] == [
            "talks-moscow",
            "call-beijing",
        ]
        assert [m.article for m in index.meetings(countries=["Nhật Bản"])] == ["reception-hanoi"]
        assert [m.article for m in index.meetings(countries=["RU", "CN"])] == ["call-beijing"]
        assert [m.article for m in index.meetings(since="2017-03-10")] == ["call-beijing"]
        assert [m.article for m in index.meetings(until="2017-01-31")] == ["talks-moscow"]
        with pytest.raises(QueryError):
            index.meetings(leaders=["Nobody Atall"])


def test_timeline_counts_the_matching_articles_per_month(relations_index) -> None:
    with open_index(relations_index) as index:
        assert index.timeline() == [
            ("2017-01", 1),
            ("2017-02", 0),
            ("2017-03", 2),
            ("2017-04", 1),
            ("2017-05", 0),
            ("2017-06", 0),
            ("2017-07", 2),
        ]
        assert index.timeline("", leaders=["Vladimir Putin"]) == [
            ("2017-01", 1),
            ("2017-02", 0),
            ("2017-03", 1),
            ("2017-04", 1),
        ]
        assert index.timeline("thượng đỉnh") == [("2017-07-02", 1), ("2017-07-03", 1)]


def test_co_mentions_rank_by_articles_and_count_sentences(relations_index) -> None:
    with open_index(relations_index) as index:
        ranked = index.co_mentions("leader", "vladimir-putin")
        by_key = {(c.kind, c.id): c for c in ranked}
        assert (ranked[0].kind, ranked[0].id, ranked[0].articles) == ("country", "RU", 3)
        quang = by_key[("leader", "tran-dai-quang")]
        assert (quang.name, quang.articles, quang.sentences) == ("Trần Đại Quang", 2, 2)
        assert by_key[("country", "VN")].sentences == 0
        narrowed = index.co_mentions("leader", "vladimir-putin", query="điện đàm")
        assert {(c.kind, c.id) for c in narrowed} >= {("leader", "tap-can-binh")}
        assert ("leader", "tran-dai-quang") not in {(c.kind, c.id) for c in narrowed}


def test_near_duplicates_are_one_story(relations_index) -> None:
    with open_index(relations_index) as index:
        assert index.same_story("summit-report-a") == ["summit-report-b"]
        assert index.same_story("talks-moscow") == []
        assert index.story_sizes() == {"summit-report-a": 1, "summit-report-b": 1}


def test_an_incremental_build_relists_and_regroups_from_what_it_kept(tmp_path) -> None:
    articles = write_corpus(tmp_path / "articles")
    build_index(tmp_path / "ix", [articles])
    (articles / "call-beijing.txt").unlink()
    copy = (articles / "summit-report-a.txt").read_text(encoding="utf-8")
    (articles / "summit-report-c.txt").write_text(copy.replace("2017-07-02", "2017-07-04"))
    summary = build_index(tmp_path / "ix", [articles])
    assert not summary.full and summary.added == 1 and summary.removed == 1
    generation = current_generation(tmp_path / "ix")
    assert generation is not None
    stories = json.loads((generation / STORIES_FILE).read_text(encoding="utf-8"))
    assert stories["groups"] == {
        "summit-report-a": ["summit-report-a", "summit-report-b", "summit-report-c"]
    }
    listed = json.loads((generation / MEETINGS_FILE).read_text(encoding="utf-8"))
    assert "call-beijing" not in {row[0] for row in listed["meetings"]}
    assert "talks-moscow" in {row[0] for row in listed["meetings"]}


def test_meetings_of_the_articles_a_query_matches(relations_index) -> None:
    with open_index(relations_index) as index:
        assert [m.article for m in index.meetings(query="điện đàm")] == ["call-beijing"]
        assert index.meetings(query="thượng đỉnh") == []
