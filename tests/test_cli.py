import json
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from tui.cli import main

REPO = Path(__file__).resolve().parent.parent


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_search_lists_matching_seeds_with_snippets(capsys, seed_index):
    code, out, _err = run(capsys, "--index-dir", str(seed_index), "search", "Putin")
    assert code == 0
    assert "3 of 3 matching articles" in out
    assert out.count("Putin") >= 3


def test_search_json_shape(capsys, seed_index):
    code, out, _err = run(
        capsys, "search", "Tổng thống", "--limit", "2", "--json", "--index-dir", str(seed_index)
    )
    data = json.loads(out)
    assert code == 0
    assert data["query"] == "Tổng thống" and len(data["hits"]) == 2 and data["total"] >= 2
    hit = data["hits"][0]
    assert set(hit) == {
        "id", "title", "date", "score", "snippet", "leaders", "countries", "organisations"
    }
    assert set(data["facets"]) == {"leaders", "countries", "organisations"}


def test_show_json_has_the_repaired_article(capsys, seed_index):
    code, out, _err = run(
        capsys, "--index-dir", str(seed_index), "show", "002_8b65aa2e01a6e9fd", "--json"
    )
    data = json.loads(out)
    assert code == 0
    assert set(data) == {
        "id",
        "title",
        "date",
        "date_source",
        "url",
        "source",
        "path",
        "body",
        "leaders",
        "countries",
        "organisations",
        "entities",
    }
    assert data["title"] == "Chủ tịch nước gặp Tổng thống Mỹ, Nga, Chủ tịch Trung Quốc tại Peru"
    assert "thế giới. Ngày 19/11" in data["body"]
    for entity in data["entities"]:
        assert data["body"][entity["start"] : entity["end"]] == entity["text"]


def test_export_writes_one_json_article_per_line(capsys, seed_index):
    code, out, _err = run(capsys, "--index-dir", str(seed_index), "export", "--format", "jsonl")
    lines = out.splitlines()
    assert code == 0 and len(lines) == 5
    assert {json.loads(line)["id"][:3] for line in lines} == {"000", "001", "002", "003", "004"}


def test_status_reports_articles_and_sources(capsys, seed_index):
    code, out, _err = run(capsys, "index", "status", "--index-dir", str(seed_index), "--json")
    data = json.loads(out)
    assert code == 0 and data["articles"] == 5 and data["sources"][0].endswith("seeds")


def test_build_prints_a_summary_with_skipped_reasons(capsys, tmp_path, seeds_copy):
    (seeds_copy / "notes.pdf").write_bytes(b"%PDF")
    code, out, _err = run(
        capsys, "index", "build", str(seeds_copy), "--index-dir", str(tmp_path / "ix")
    )
    assert code == 0
    assert "5 added" in out and "1 skipped" in out
    assert "notes.pdf: not an article file (.pdf)" in out


@pytest.mark.parametrize(
    ("argv", "code", "message"),
    [
        (["search", '"unbalanced'], 2, "missing closing quote"),
        (["search", "x", "--limit", "0"], 2, "--limit"),
        (["search", "x", "--limit", "many"], 2, "invalid int"),
        (["show", "no-such-article"], 1, "no article with id"),
        (["frobnicate"], 2, "invalid choice"),
    ],
)
def test_errors_are_one_line_with_exit_status(capsys, seed_index, argv, code, message):
    status, _out, err = run(capsys, *argv, "--index-dir", str(seed_index))
    assert status == code
    assert message in err
    assert len(err.strip().splitlines()) == 1 and "Traceback" not in err


def test_missing_index_is_explained(capsys, tmp_path):
    status, _out, err = run(capsys, "--index-dir", str(tmp_path / "none"), "search", "x")
    assert status == 1 and "diplonews index build" in err


def test_installed_command_answers_version_and_help():
    script = Path(sys.executable).parent / "diplonews"
    version = subprocess.run([str(script), "--version"], capture_output=True, text=True, check=True)
    assert version.stdout.startswith("diplonews ")
    help_text = subprocess.run([str(script), "--help"], capture_output=True, text=True, check=True)
    for command in ("index", "search", "show", "entities", "export"):
        assert command in help_text.stdout


def test_wheel_ships_the_seeds(tmp_path):
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(tmp_path), str(REPO)],
        capture_output=True,
        text=True,
    )
    if built.returncode != 0:
        pytest.skip(f"cannot build a wheel here: {built.stderr.strip().splitlines()[-1:]}")
    wheel = next(tmp_path.glob("diplonews-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert sum(1 for n in names if n.startswith("index/_seeds/") and n.endswith(".txt")) == 5
    assert "tui/cli.py" in names and "index/entities/data/countries.jsonl" in names


def test_a_typo_in_a_source_is_a_one_line_error_that_changes_nothing(capsys, tmp_path, seeds_copy):
    index_dir = str(tmp_path / "ix")
    assert run(capsys, "--index-dir", index_dir, "index", "build", str(seeds_copy))[0] == 0
    code, out, err = run(capsys, "--index-dir", index_dir, "index", "build", str(tmp_path / "typ"))
    assert (code, out) == (1, "")
    assert len(err.splitlines()) == 1 and "does not exist" in err
    code, out, _err = run(capsys, "--index-dir", index_dir, "index", "build")
    assert code == 0 and "5 unchanged" in out


def test_prune_drops_a_vanished_source(capsys, tmp_path, seeds_copy):
    index_dir = str(tmp_path / "ix")
    run(capsys, "--index-dir", index_dir, "index", "build", str(seeds_copy))
    seeds_copy.rename(tmp_path / "elsewhere")
    code, _out, err = run(capsys, "--index-dir", index_dir, "index", "build")
    assert code == 1 and "--prune" in err and len(err.splitlines()) == 1
    code, out, _err = run(capsys, "--index-dir", index_dir, "index", "build", "--prune")
    assert code == 0 and "5 removed" in out


def _written_by_an_older_version(index_dir: Path, how: str) -> None:
    from index.engine.store import META_FILE, current_generation

    generation = current_generation(index_dir)
    if how == "schema":
        meta = json.loads((generation / META_FILE).read_text(encoding="utf-8"))
        (generation / META_FILE).write_text(json.dumps(meta | {"schema": 1}), encoding="utf-8")
        return
    toc = next(generation.glob("*.toc"))  # Whoosh's pickled schema, naming our classes' modules
    data = toc.read_bytes()
    assert b"index.engine.analysis" in data
    toc.write_bytes(data.replace(b"index.engine.analysis", b"index.engine.analysiz"))


@pytest.mark.parametrize("how", ["schema", "pickled classes moved"])
def test_an_index_of_an_older_version_says_rebuild_needed_and_builds_again(
    capsys, tmp_path, seeds_copy, how
):
    index_dir = str(tmp_path / "ix")
    run(capsys, "--index-dir", index_dir, "index", "build", str(seeds_copy))
    _written_by_an_older_version(tmp_path / "ix", how)
    for argv in (["index", "status"], ["search", "Putin"], ["show", "000_499571635b3814d9"]):
        code, out, err = run(capsys, "--index-dir", index_dir, *argv)
        assert (code, out) == (1, ""), argv
        assert "rebuild needed" in err and len(err.splitlines()) == 1, argv
    code, out, _err = run(capsys, "--index-dir", index_dir, "index", "build")
    assert code == 0 and out.startswith("full build") and "5 added" in out
    code, out, _err = run(capsys, "--index-dir", index_dir, "search", "Putin")
    assert code == 0 and "3 of 3 matching articles" in out
