"""The text output counts in the singular and the plural: "1 article", "2 articles"."""

from pathlib import Path

import pytest

from index.build.builder import build_index
from tui.cli import main


@pytest.fixture()
def small_index(tmp_path: Path) -> Path:
    folder = tmp_path / "articles"
    folder.mkdir()
    for name, text in {
        "biden-trump.txt": "Biden và Trump\nBiden gặp Trump.",
        "biden-china.txt": "Biden và Bắc Kinh\nBiden tới Bắc Kinh.",
    }.items():
        (folder / name).write_text(text, encoding="utf-8")
    build_index(tmp_path / "ix", [folder])
    return tmp_path / "ix"


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_counts_one_article_in_the_singular(capsys, small_index):
    _code, out, _err = run(capsys, "--index-dir", str(small_index), "search", "Trump")
    assert out.rstrip().endswith("1 of 1 matching article")
    _code, out, _err = run(capsys, "--index-dir", str(small_index), "search", "Biden")
    assert out.rstrip().endswith("2 of 2 matching articles")
    _code, out, _err = run(capsys, "--index-dir", str(small_index), "search", "Obama")
    assert out.rstrip().endswith("0 of 0 matching articles")
