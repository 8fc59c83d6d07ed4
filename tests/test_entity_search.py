"""Leaders and countries in search: filters by any name, AND, query expansion, facet counts."""

import json
from pathlib import Path

import pytest

from index import open_index
from tui.cli import main


@pytest.fixture(scope="module")
def index(seed_index: Path):
    with open_index(seed_index) as opened:
        yield opened


def ids(result) -> set[str]:
    return {hit.id[:3] for hit in result.hits}


def test_a_leader_filter_takes_any_of_his_names(index):
    by_pinyin = index.search(leaders=["Xi Jinping"])
    assert ids(by_pinyin) == ids(index.search(leaders=["Tập Cận Bình"]))
    assert ids(by_pinyin) == ids(index.search(leaders=["tap can binh"]))
    assert by_pinyin.total >= 2


def test_a_country_filter_takes_any_of_its_names(index):
    united_states = ids(index.search(countries=["Mỹ"]))
    assert (
        united_states
        == ids(index.search(countries=["Hoa Kỳ"]))
        == ids(index.search(countries=["US"]))
    )
    assert united_states


def test_filters_combine_with_and_and_with_a_query(index):
    china, russia = (
        ids(index.search(countries=["Trung Quốc"])),
        ids(index.search(countries=["Nga"])),
    )
    both = ids(index.search(countries=["Trung Quốc", "Nga"]))
    assert both == china & russia
    with_query = ids(index.search("Putin", countries=["Trung Quốc"]))
    assert with_query == ids(index.search("Putin")) & china


def test_a_query_naming_a_leader_finds_his_other_spellings(index):
    # Seed 000 writes only "Trương Jinchuang", "Zhang Jinchuang", "Jim Chong" and the like.
    assert "000" in ids(index.search("Trương Tấn Sang"))


def test_garbled_names_become_one_leader(index):
    document = index.document("000_499571635b3814d9")
    sang = [m for m in document.entities if m.id == "truong-tan-sang"]
    assert [ref.name for ref in document.leaders].count("Trương Tấn Sang") == 1
    assert {"Zhang Jinchuang", "Jim Chong"} <= {m.text for m in sang}
    assert all(m.name == "Trương Tấn Sang" for m in sang)


def test_facets_count_the_articles_naming_each_entity(index):
    result = index.search("", limit=1)
    counts = {f.id: f.count for f in result.facets.countries}
    for country_id, count in counts.items():
        assert index.search(countries=[country_id], limit=None).total == count


def test_unknown_filter_is_a_one_line_error(capsys, seed_index):
    assert main(["--index-dir", str(seed_index), "search", "--leader", "Nobody Atall"]) == 2
    assert "no leader called 'Nobody Atall'" in capsys.readouterr().err


def test_entities_command_lists_the_whole_corpus(capsys, seed_index):
    assert main(["--index-dir", str(seed_index), "entities", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    leaders = {entry["name"]: entry["count"] for entry in data["leaders"]}
    assert leaders["Tập Cận Bình"] >= 2 and leaders["Trương Tấn Sang"] >= 1
    assert {"Mỹ", "Nga", "Trung Quốc"} <= {entry["name"] for entry in data["countries"]}


def test_a_leader_filter_takes_the_family_name_the_press_writes_alone(capsys, index, seed_index):
    putin = ids(index.search(leaders=["Vladimir Putin"]))
    assert putin
    assert ids(index.search(leaders=["Putin"])) == putin
    assert ids(index.search("leader:putin")) == putin
    # "Phúc" ends the names of several leaders: the error names them instead of "no leader".
    assert main(["--index-dir", str(seed_index), "search", "--leader", "Phúc"]) == 2
    error = capsys.readouterr().err
    assert "could be any of" in error and "Nguyễn Xuân Phúc" in error
    assert error.count("\n") == 1
