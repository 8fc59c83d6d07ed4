"""`diplonews meetings` and `diplonews search --timeline` on a made-up corpus."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from relations_corpus import write_corpus

from index.build.builder import build_index
from tui.cli import main


@pytest.fixture(scope="module")
def relations_index(tmp_path_factory: pytest.TempPathFactory) -> Path:
    root = tmp_path_factory.mktemp("relations-cli")
    build_index(root / "ix", [write_corpus(root / "articles")])
    return root / "ix"


def run(capsys, index_dir: Path, *argv: str) -> tuple[int, str, str]:
    code = main(["--index-dir", str(index_dir), *argv])
    out, err = capsys.readouterr()
    return code, out, err


def test_meetings_json_is_the_contract_shape(capsys, relations_index) -> None:
    code, out, _err = run(capsys, relations_index, "meetings", "--json")
    assert code == 0
    meetings = json.loads(out)["meetings"]
    assert [m["article"] for m in meetings] == ["talks-moscow", "reception-hanoi", "call-beijing"]
    keys = {"article", "date", "kind", "leaders", "place", "sentence", "start", "end", "planned"}
    assert all(set(m) == keys for m in meetings)
    assert meetings[0]["leaders"] == [
        {"id": "tran-dai-quang", "name": "Trần Đại Quang"},
        {"id": "vladimir-putin", "name": "Vladimir Putin"},
    ]


def test_meetings_filters_and_planned(capsys, relations_index) -> None:
    _code, out, _err = run(
        capsys, relations_index, "meetings", "--leader", "Trần Đại Quang", "--planned", "--json"
    )
    listed = json.loads(out)["meetings"]
    assert [(m["article"], m["planned"]) for m in listed] == [
        ("talks-moscow", False),
        ("planned-visit", True),
    ]
    _code, out, _err = run(
        capsys, relations_index, "meetings", "--country", "Nga", "--since", "2017-02", "--json"
    )
    assert [m["article"] for m in json.loads(out)["meetings"]] == ["call-beijing"]


def test_meetings_table_fits_80_columns(capsys, relations_index) -> None:
    code, out, _err = run(capsys, relations_index, "meetings")
    lines = out.splitlines()
    assert code == 0
    assert lines[0].split() == ["date", "who", "whom", "kind", "place"]
    assert lines[1].split("  ")[0] == "2017-01-10"
    assert "Trần Đại Quang" in lines[1] and "talks" in lines[1] and "Moskva" in lines[1]
    assert lines[-1] == "3 meetings"
    assert all(len(line) <= 80 for line in lines)


@pytest.mark.parametrize("option", ["--since", "--until"])
@pytest.mark.parametrize("value", ["2017-13", "yesterday", "2017-02-30"])
def test_a_bad_date_is_a_one_line_usage_error(capsys, relations_index, option, value) -> None:
    code, out, err = run(capsys, relations_index, "meetings", option, value)
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "is not a date" in err


def test_an_unknown_leader_is_a_usage_error(capsys, relations_index) -> None:
    code, _out, err = run(capsys, relations_index, "meetings", "--leader", "Nobody Atall")
    assert code == 2 and "no leader" in err


def test_search_timeline_json_and_text(capsys, relations_index) -> None:
    code, out, _err = run(capsys, relations_index, "search", "--timeline", "--json")
    assert code == 0
    assert json.loads(out)["timeline"][:3] == [
        {"period": "2017-01", "count": 1},
        {"period": "2017-02", "count": 0},
        {"period": "2017-03", "count": 2},
    ]
    code, out, _err = run(
        capsys, relations_index, "search", "--timeline", "Putin", "--leader", "Vladimir Putin"
    )
    lines = out.splitlines()
    assert len(lines[0]) == 4 and lines[0][1] == " "
    assert lines[1] == "2017-01 … 2017-04, peak 1 (2017-01)"
    assert lines[2].split() == ["2017-01", "1"]


def test_help_mentions_planned_meetings(capsys) -> None:
    with pytest.raises(SystemExit):
        main(["meetings", "--help"])
    assert "--planned" in capsys.readouterr().out
