"""Organisations end to end: tagged at build time, filtered, faceted, queried, shown by the CLI."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest

from index import open_index
from index.build.builder import build_index
from index.errors import QueryError
from index.search.index import Index
from tui.cli import main

ARTICLES = {
    "un": (
        "Tổng thư ký Liên Hợp Quốc thăm Hà Nội",
        "Tổng thư ký Liên Hợp Quốc gặp lãnh đạo Việt Nam bàn về hòa bình.",
    ),
    "asean": ("Hội nghị ASEAN khai mạc", "Hội nghị ASEAN bàn về Biển Đông và thương mại."),
    "who": ("WHO cảnh báo dịch bệnh", "WHO cảnh báo các nước về dịch cúm mới."),
    "english": ("Bài tiếng Anh", "The minister, who spoke in English, said nothing new."),
    "none": ("Tin trong nước", "Hà Nội mưa lớn suốt đêm."),
}


@pytest.fixture(scope="module")
def index_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("org-articles")
    for name, (title, body) in ARTICLES.items():
        (folder / f"{name}.txt").write_text(f"# date = 20200101\n{title}\n{body}\n", "utf-8")
    index_dir = tmp_path_factory.mktemp("org-ix")
    build_index(index_dir, [folder])
    return index_dir


@pytest.fixture(scope="module")
def index(index_dir: Path) -> Iterator[Index]:
    with open_index(index_dir) as opened:
        yield opened


def ids(index: Index, query: str = "", **filters: tuple[str, ...]) -> set[str]:
    return {hit.id for hit in index.search(query, limit=None, **filters).hits}


def test_articles_are_tagged_with_the_organisations_they_name(index: Index) -> None:
    document = index.document("un")
    assert document is not None
    assert [ref.id for ref in document.organisations] == ["un"]
    mentions = [m for m in document.entities if m.kind == "organisation"]
    assert mentions and all(document.body[m.start : m.end] == m.text for m in mentions)
    assert mentions[0].name == "Liên Hợp Quốc"


def test_the_english_who_is_not_the_health_organisation(index: Index) -> None:
    document = index.document("english")
    assert document is not None and document.organisations == ()


def test_the_organisation_filter_by_name_abbreviation_or_id(index: Index) -> None:
    assert ids(index, organisations=("Liên hợp quốc",)) == {"un"}
    assert ids(index, organisations=("lien hop quoc",)) == {"un"}
    assert ids(index, organisations=("ASEAN",)) == {"asean"}
    assert ids(index, organisations=("who",)) == {"who"}
    with pytest.raises(QueryError):
        index.search("", organisations=("Không có",))


def test_org_in_the_query_language(index: Index) -> None:
    assert ids(index, "org:ASEAN") == {"asean"}
    assert ids(index, 'org:"Tổ chức Y tế Thế giới"') == {"who"}
    assert ids(index, "hội nghị -org:ASEAN") == set()


def test_a_name_as_the_gazetteer_writes_it_matches_tagged_articles(index: Index) -> None:
    # Neither article writes these names out: they match through the articles' tags.
    assert ids(index, "Tổ chức Y tế Thế giới") == {"who"}
    assert ids(index, "Hiệp hội các quốc gia Đông Nam Á") == {"asean"}
    # The words themselves still match as words: "who" in English text too.
    assert ids(index, "WHO") == {"who", "english"}
    assert ids(index, "WHO -org:WHO") == {"english"}


def test_facets_count_organisations(index: Index) -> None:
    result = index.search("", limit=None)
    counts = {f.id: f.count for f in result.facets.organisations}
    assert counts == {"un": 1, "asean": 1, "who": 1}
    assert {f.id for f in index.entities("organisation")} == {"un", "asean", "who"}
    hit = next(h for h in result.hits if h.id == "asean")
    assert [ref.name for ref in hit.organisations] == ["ASEAN"]


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str]:
    code = main(list(argv))
    return code, capsys.readouterr().out


def test_cli_search_org_json(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    code, out = run(capsys, "search", "--org", "WHO", "--json", "--index-dir", str(index_dir))
    data = json.loads(out)
    assert code == 0 and data["total"] == 1
    assert data["hits"][0]["organisations"] == [{"id": "who", "name": "Tổ chức Y tế Thế giới"}]
    assert data["facets"]["organisations"] == [
        {"id": "who", "name": "Tổ chức Y tế Thế giới", "count": 1}
    ]


def test_cli_show_entities_and_export(capsys: pytest.CaptureFixture[str], index_dir: Path) -> None:
    where = ("--index-dir", str(index_dir))
    code, out = run(capsys, "show", "asean", "--json", *where)
    data = json.loads(out)
    assert code == 0 and data["organisations"] == [{"id": "asean", "name": "ASEAN"}]
    assert {e["kind"] for e in data["entities"]} >= {"organisation"}
    code, out = run(capsys, "show", "asean", *where)
    assert "organisations: ASEAN" in out
    code, out = run(capsys, "entities", "--kind", "organisation", "--json", *where)
    assert {f["id"] for f in json.loads(out)["organisations"]} == {"un", "asean", "who"}
    code, out = run(capsys, "export", "--org", "ASEAN", "--format", "csv", *where)
    rows = list(csv.DictReader(io.StringIO(out)))
    assert [row["id"] for row in rows] == ["asean"] and rows[0]["organisations"] == "ASEAN"
