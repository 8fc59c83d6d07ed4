"""An index directory named on the command line must exist: a mistyped one creates nothing."""

from pathlib import Path

import pytest

from tui.cli import main


def run(capsys, *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


@pytest.mark.parametrize(
    "argv",
    [
        [],  # the browser
        ["search", "Biden"],
        ["show", "biden-china"],
        ["entities"],
        ["export"],
        ["index", "status"],
    ],
)
def test_a_mistyped_index_directory_is_an_error_and_nothing_is_created(
    capsys, monkeypatch, tmp_path, argv
):
    import tui.app

    monkeypatch.setattr(tui.app, "run_browser", lambda path: 0)  # never a real browser here
    missing = tmp_path / "mistyped" / "path"
    code, out, err = run(capsys, "--index-dir", str(missing), *argv)
    assert code == 1 and out == ""
    assert err.startswith(f"diplonews: the index directory {missing} does not exist; run ")
    assert len(err.strip().splitlines()) == 1
    assert not (tmp_path / "mistyped").exists()


def test_a_file_is_not_an_index_directory(capsys, tmp_path):
    file = tmp_path / "notes.txt"
    file.write_text("x")
    code, _out, err = run(capsys, "--index-dir", str(file), "search", "x")
    assert code == 1 and "is not a directory" in err


def test_the_default_index_directory_is_built_on_first_run(monkeypatch, tmp_path):
    import tui.app

    default = tmp_path / "data" / "index"
    monkeypatch.setenv("DIPLONEWS_INDEX_DIR", str(default))
    opened: list[Path] = []
    monkeypatch.setattr(tui.app, "run_browser", lambda path: opened.append(path) or 0)
    assert main([]) == 0
    assert main(["--index-dir", str(default)]) == 0
    assert opened == [default, default]
