"""`diplonews search Biden -Trump`: a word with one dash is a negation, not an unknown option."""

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


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "Biden", "-Trump"],
        ["search", "-Trump", "Biden", "--limit", "5"],
        ["search", "Biden", "--json", "-Trump"],
        ["search", "--", "Biden", "-Trump"],
        ["search", "--lim", "5", "Biden", "-Trump"],
    ],
)
def test_a_dash_word_is_a_negation_not_an_option(capsys, small_index, argv):
    code, out, err = run(capsys, "--index-dir", str(small_index), *argv)
    assert code == 0, err
    assert "biden-china" in out and "biden-trump" not in out


def test_an_unknown_long_option_is_still_refused(capsys, small_index):
    code, _out, err = run(capsys, "--index-dir", str(small_index), "search", "Biden", "--limt", "5")
    assert code == 2 and "unrecognized arguments: --limt" in err


def test_an_option_value_that_starts_with_a_dash_stays_the_value(capsys, small_index):
    code, _out, err = run(capsys, "--index-dir", str(small_index), "search", "x", "--limit", "-3")
    assert code == 2 and "--limit" in err
