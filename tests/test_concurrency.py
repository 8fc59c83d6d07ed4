"""Readers and a build at the same time: searching never stops while another process builds."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from index import open_index
from index.build.builder import build_index

REPO = Path(__file__).resolve().parent.parent


def _corpus(folder: Path, articles: int) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    seeds = sorted((REPO / "seeds").glob("*.txt"))
    for number in range(articles):
        text = seeds[number % len(seeds)].read_text(encoding="utf-8")
        (folder / f"a{number:04}.txt").write_text(f"Bài {number}\n{text}", encoding="utf-8")
    return folder


def _build_in_another_process(index_dir: Path, *extra: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "tui.cli", "--index-dir", str(index_dir), "index", "build", *extra],
        cwd=REPO,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def test_two_readers_keep_searching_while_another_process_builds(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 30)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus])
    _corpus(corpus, 450)
    first, second = open_index(index_dir), open_index(index_dir)
    build = _build_in_another_process(index_dir, "--full")
    searches_during_the_build = 0
    while build.poll() is None:
        for reader in (first, second):
            assert reader.search("Putin", limit=5).total > 0
            assert reader.search("", limit=None).total == 30
        searches_during_the_build += 1
    assert build.returncode == 0, build.stderr.read()
    assert searches_during_the_build > 10
    for reader in (first, second):
        assert reader.search("", limit=None).total == 30  # the generation it opened
        assert reader.is_stale()
        reader.close()
    with open_index(index_dir) as reopened:
        assert reopened.search("", limit=None).total == 450


def test_readers_of_an_older_generation_survive_two_builds(tmp_path):
    corpus = _corpus(tmp_path / "corpus", 10)
    index_dir = tmp_path / "ix"
    build_index(index_dir, [corpus])
    with open_index(index_dir) as reader:
        for articles in (20, 30):
            _corpus(corpus, articles)
            build = _build_in_another_process(index_dir)
            while build.poll() is None:
                assert reader.search("", limit=None).total == 10
            assert build.returncode == 0
        # its files were deleted by now, but they are open: searching still works
        assert reader.search("Putin", limit=None).total > 0
