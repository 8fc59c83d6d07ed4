"""Where each article's date comes from, kept in the index and shown by `show` and `export`."""

import json
from pathlib import Path

import pytest

from index.build.builder import build_index
from tui.cli import main

ARTICLES = {
    "dateline.txt": "Thủ tướng tiếp Đại sứ Nhật Bản\nHà Nội, ngày 12/11/2016, Thủ tướng tiếp.",
    "metadata.txt": "# date = 20201001\n# url = https://dantri.com.vn/a.htm\nTin có ngày\nBài.",
    "undated.txt": "Tin không ngày\nHội đàm diễn ra ngày 12/11/2016 tại Hà Nội.",
}


@pytest.fixture()
def dated_index(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    build_index(tmp_path / "ix", [folder])
    return tmp_path / "ix"


def show_json(capsys, index_dir: Path, article_id: str) -> dict:
    assert main(["--index-dir", str(index_dir), "show", article_id, "--json"]) == 0
    return json.loads(capsys.readouterr().out)


@pytest.mark.parametrize(
    ("article_id", "date", "source", "url"),
    [
        ("dateline", "2016-11-12", "text", None),
        ("metadata", "2020-10-01", "metadata", "https://dantri.com.vn/a.htm"),
        ("undated", None, None, None),
    ],
)
def test_show_json_says_where_the_date_comes_from(
    capsys, dated_index, article_id, date, source, url
):
    data = show_json(capsys, dated_index, article_id)
    assert (data["date"], data["date_source"], data["url"]) == (date, source, url)


def test_export_lines_carry_the_date_source(capsys, dated_index):
    assert main(["--index-dir", str(dated_index), "export"]) == 0
    lines = [json.loads(line) for line in capsys.readouterr().out.splitlines()]
    assert {line["id"]: line["date_source"] for line in lines} == {
        "dateline": "text",
        "metadata": "metadata",
        "undated": None,
    }


def test_show_text_says_a_date_was_read_from_the_text(capsys, dated_index):
    assert main(["--index-dir", str(dated_index), "show", "dateline"]) == 0
    assert "2016-11-12 (from the dateline)" in capsys.readouterr().out
    assert main(["--index-dir", str(dated_index), "show", "metadata"]) == 0
    out = capsys.readouterr().out
    assert "2020-10-01 ·" in out and "from the dateline" not in out
    assert "https://dantri.com.vn/a.htm" in out


def test_a_text_date_sorts_and_filters_like_any_date(dated_index):
    from index import open_index

    with open_index(dated_index) as index:
        newest_first = [hit.id for hit in index.search("", limit=None).hits]
    assert newest_first[:2] == ["metadata", "dateline"]
