"""`diplonews export [QUERY] [--leader NAME]... [--country NAME]... [--format jsonl|csv]`."""

import csv
import io
import json
from pathlib import Path

import pytest

from index.build.builder import build_index
from tui.cli import main

ARTICLES = {
    "biden-trump.txt": "# url = https://x.vn/1\nBiden và Trump\nJoe Biden nói về Donald Trump.",
    "biden-china.txt": "Biden và Trung Quốc\nTổng thống Biden hội đàm với Trung Quốc.",
    "putin.txt": "Putin thăm Việt Nam\nTổng thống Nga Vladimir Putin đến Hà Nội.",
}


@pytest.fixture()
def small_index(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    build_index(tmp_path / "ix", [folder])
    return tmp_path / "ix"


def export(capsys, index_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--index-dir", str(index_dir), "export", *argv])
    out, err = capsys.readouterr()
    return code, out, err


def exported_ids(out: str) -> set[str]:
    return {json.loads(line)["id"] for line in out.splitlines()}


def test_without_a_query_every_article_is_exported(capsys, small_index):
    code, out, _err = export(capsys, small_index)
    assert code == 0 and exported_ids(out) == {"biden-trump", "biden-china", "putin"}


def test_a_query_exports_its_results_only(capsys, small_index):
    code, out, _err = export(capsys, small_index, "Biden")
    assert code == 0 and exported_ids(out) == {"biden-trump", "biden-china"}


def test_a_negated_word_and_a_filter_narrow_the_export(capsys, small_index):
    _code, out, _err = export(capsys, small_index, "Biden", "-Trump")
    assert exported_ids(out) == {"biden-china"}
    _code, out, _err = export(capsys, small_index, "--country", "Nga")
    assert exported_ids(out) == {"putin"}
    _code, out, _err = export(capsys, small_index, "--leader", "Vladimir Putin", "Biden")
    assert out == ""


def test_csv_has_the_contract_columns_and_joined_names(capsys, small_index):
    code, out, _err = export(capsys, small_index, "Biden", "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(out)))
    assert code == 0
    assert out.splitlines()[0] == "id,title,date,url,source,leaders,countries,organisations"
    by_id = {row["id"]: row for row in rows}
    assert set(by_id) == {"biden-trump", "biden-china"}
    assert by_id["biden-trump"]["url"] == "https://x.vn/1"
    assert by_id["biden-trump"]["leaders"] == "Joe Biden; Donald Trump"
    assert by_id["biden-china"]["countries"] == "Trung Quốc"
    assert by_id["biden-china"]["organisations"] == ""


def test_a_bad_query_is_a_usage_error(capsys, small_index):
    code, out, err = export(capsys, small_index, '"unbalanced')
    assert code == 2 and out == "" and "missing closing quote" in err
    code, _out, err = export(capsys, small_index, "--leader", "Nobody Atall")
    assert code == 2 and len(err.strip().splitlines()) == 1
