"""The command line's date options: --since, --until, --sort, --offset on search and export."""

import json

import pytest

from tests.test_dates_search import index_dir  # noqa: F401  (the dated index fixture)
from tui.cli import main


def run(capsys, index_dir, *arguments: str) -> tuple[int, str, str]:  # noqa: F811
    code = main(["--index-dir", str(index_dir), *arguments])
    captured = capsys.readouterr()
    return code, captured.out, captured.err


def test_search_filters_sorts_and_pages(capsys, index_dir):  # noqa: F811
    code, out, _ = run(
        capsys, index_dir, "search", "hội đàm", "--since", "2020", "--sort", "oldest", "--json"
    )
    assert code == 0
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["b2020mar", "c2020jun"]
    _, out, _ = run(
        capsys,
        index_dir,
        "search",
        "hội đàm",
        "--sort",
        "newest",
        "--limit",
        "1",
        "--offset",
        "3",
        "--json",
    )
    assert [hit["id"] for hit in json.loads(out)["hits"]] == ["undated"]


def test_text_output_shows_each_date(capsys, index_dir):  # noqa: F811
    _, out, _ = run(capsys, index_dir, "search", "hội đàm", "--sort", "newest")
    ranked = [line for line in out.splitlines() if line[:3].strip().rstrip(".").isdigit()]
    assert ranked[0].endswith("2020-06-30")
    assert ranked[-1].endswith("undated")


def test_export_takes_the_same_filters(capsys, index_dir):  # noqa: F811
    code, out, _ = run(capsys, index_dir, "export", "--until", "2020-03", "--sort", "oldest")
    assert code == 0
    assert [json.loads(line)["id"] for line in out.splitlines()] == ["a2019", "b2020mar"]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["search", "--since", "2020-13"], "bad date"),
        (["search", "--until", "soon"], "bad date"),
        (["export", "--since", "2021", "--until", "2020"], "the date range"),
        (["search", "--offset", "-1"], "--offset must be at least 0"),
        (["search", "foo:bar"], "unknown field 'foo:'"),
        (["search", "--sort", "best"], "invalid choice"),
    ],
)
def test_bad_options_are_one_line_errors(capsys, index_dir, arguments, message):  # noqa: F811
    code, _, err = run(capsys, index_dir, *arguments)
    assert code == 2
    assert message in err
    assert len(err.strip().splitlines()) == 1
