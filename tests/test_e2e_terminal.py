"""End to end: the installed `diplonews` in a real terminal (tmux), driven by keys like a person.

Skips when tmux or the installed `diplonews` command is missing.
"""

from __future__ import annotations

import re
import shlex
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from index.build.builder import build_index

REPO = Path(__file__).resolve().parent.parent
SEEDS = REPO / "seeds"
WIDTH, HEIGHT = 100, 30
REVERSE_VIDEO = re.compile(r"\x1b\[(?:[0-9;]*;)?7(?:;[0-9;]*)?m")


def _diplonews() -> str | None:
    beside_python = Path(sys.executable).parent / "diplonews"
    return str(beside_python) if beside_python.is_file() else shutil.which("diplonews")


class Terminal:
    """One tmux server on a private socket, holding one session that runs the program."""

    def __init__(self, socket: Path) -> None:
        self.socket = socket

    def tmux(self, *args: str, check: bool = True) -> str:
        done = subprocess.run(
            ["tmux", "-S", str(self.socket), *args], capture_output=True, text=True, check=check
        )
        return done.stdout

    def start(self, command: str) -> None:
        size = ["-x", str(WIDTH), "-y", str(HEIGHT)]
        self.tmux("-f", "/dev/null", "new-session", "-d", "-s", "app", *size, command)

    def screen(self, escapes: bool = False) -> str:
        return self.tmux("capture-pane", "-p", *(["-e"] if escapes else []), "-t", "app")

    def keys(self, *keys: str, literal: bool = False) -> None:
        self.tmux("send-keys", "-t", "app", *(["-l"] if literal else []), *keys)

    def wait_for(self, condition: Callable[[str], bool], what: str, timeout: float = 20) -> str:
        deadline = time.monotonic() + timeout
        while True:
            screen = self.screen()
            if condition(screen):
                return screen
            if time.monotonic() > deadline:
                raise AssertionError(f"timed out waiting for {what}; the screen was:\n{screen}")
            time.sleep(0.02)

    def close(self) -> None:
        self.tmux("kill-server", check=False)


@pytest.fixture()
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    if shutil.which("tmux") is None:
        pytest.skip("tmux is not installed")
    term = Terminal(tmp_path / "tmux.sock")
    yield term
    term.close()


def test_search_read_and_quit_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    program = _diplonews()
    if program is None:
        pytest.skip("the diplonews command is not installed")
    index_dir = tmp_path / "index"
    build_index(index_dir, [SEEDS])
    environment = {
        "TERM": "xterm-256color",
        "DIPLONEWS_INDEX_DIR": str(index_dir),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),  # no user keymap
        "XDG_STATE_HOME": str(tmp_path / "state"),  # no search history of the user's
    }
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
    started = time.monotonic()
    exit_file = tmp_path / "exit-status"
    terminal.start(f"env {command} {shlex.quote(program)}; echo $? > {shlex.quote(str(exit_file))}")

    # the first usable screen: the results listed, every pane drawn
    def first_screen(screen: str) -> bool:
        drawn = ("Hội nghị thượng đỉnh APEC", "Results · newest first", "Leaders (", "Article")
        return all(part in screen for part in drawn) and "Filters: none" in screen

    terminal.wait_for(first_screen, "the first screen")
    print(f"start-up to first results in tmux: {time.monotonic() - started:.2f} s")

    # Results follow the query as it is typed: wait for the whole word's results, not the
    # first results of "P" or "Pu".
    terminal.keys("/")
    terminal.keys("Putin", literal=True)

    def putin_results(screen: str) -> bool:
        three = "─ 3 ─" in screen or "─3─" in screen  # three articles match
        return "Putin" in screen.splitlines()[0] and "Results · best first" in screen and three

    terminal.wait_for(putin_results, "the results for Putin")

    terminal.keys("Enter")  # to the results, showing the first one
    terminal.keys("n")

    def first_match(screen: str) -> bool:
        shown = ("match 1/", "leader: Vladimir Putin", "Chủ tịch Chen Daguang", "▶")
        return all(part in screen for part in shown)  # status, title in the reader, gutter mark

    terminal.wait_for(first_match, "the first match, marked")

    # the current match reaches the terminal in reverse video (SGR 7), not as colour alone
    coloured = terminal.screen(escapes=True)
    line = next(row for row in coloured.splitlines() if "▶" in row)
    before = line[: line.index("Putin")]
    assert REVERSE_VIDEO.search(before[before.rindex("Vladimir") :])

    terminal.keys("q")
    deadline = time.monotonic() + 10
    while not exit_file.is_file() or not exit_file.read_text().strip():
        assert time.monotonic() < deadline, f"diplonews did not quit on q:\n{terminal.screen()}"
        time.sleep(0.05)
    assert exit_file.read_text().strip() == "0"


LINKED_ARTICLES = {
    "lima.txt": ("https://example.org/tin/apec-lima", "2016-11-20", "Hội đàm bên lề APEC Lima"),
    "danang.txt": (
        "https://example.org/tin/apec-da-nang",
        "2017-11-10",
        "Hội đàm tại APEC Đà Nẵng",
    ),
}


def _linked_articles(folder: Path) -> None:
    """Made-up articles with `# url` and `# date` lines."""
    folder.mkdir()
    for name, (url, date, title) in LINKED_ARTICLES.items():
        body = f"{title}. Hai nhà lãnh đạo hội đàm về thương mại và an ninh khu vực."
        text = f"# url = {url}\n# date = {date.replace('-', '')}\n{title}\n\n{body}\n"
        (folder / name).write_text(text, encoding="utf-8")


def test_next_article_open_link_and_copy_in_a_real_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    program = _diplonews()
    if program is None:
        pytest.skip("the diplonews command is not installed")
    _linked_articles(tmp_path / "articles")
    index_dir = tmp_path / "index"
    build_index(index_dir, [tmp_path / "articles"])
    opened = tmp_path / "opened.txt"
    browser = tmp_path / "browser.sh"
    browser.write_text(f'#!/bin/sh\nprintf "%s\\n" "$1" > {shlex.quote(str(opened))}\n')
    browser.chmod(0o755)
    environment = {
        "TERM": "xterm-256color",
        "DIPLONEWS_INDEX_DIR": str(index_dir),
        "XDG_CONFIG_HOME": str(tmp_path / "config"),
        "XDG_STATE_HOME": str(tmp_path / "state"),
        "BROWSER": str(browser),
    }
    command = " ".join(f"{k}={shlex.quote(v)}" for k, v in environment.items())
    terminal.start(f"env {command} {shlex.quote(program)}")
    raw = tmp_path / "raw-output"
    terminal.tmux("pipe-pane", "-o", "-t", "app", f"cat >> {shlex.quote(str(raw))}")

    terminal.wait_for(lambda screen: "Results · newest first" in screen, "the first screen")
    terminal.keys("/")
    terminal.keys("hội đàm", literal=True)
    terminal.wait_for(lambda screen: "Results · best first" in screen, "the results")
    terminal.keys("Enter")  # the first result in the reader; the focus in the results
    terminal.keys("Tab")  # to the reader
    first = terminal.wait_for(lambda screen: "example.org/tin/" in screen, "a web address")
    first_url = next(url for url, _, _ in LINKED_ARTICLES.values() if url in first)
    second_url = next(url for url, _, _ in LINKED_ARTICLES.values() if url != first_url)

    terminal.keys("]")  # the next article, without leaving the reader
    terminal.wait_for(lambda screen: second_url in screen, "the next article")

    terminal.keys("o")
    deadline = time.monotonic() + 10
    while not opened.is_file() or not opened.read_text().strip():
        assert time.monotonic() < deadline, f"$BROWSER was not run:\n{terminal.screen()}"
        time.sleep(0.05)
    assert opened.read_text().strip() == second_url

    terminal.keys("y")
    terminal.wait_for(lambda screen: f"Copied {second_url}" in screen, "the copy message")
    deadline = time.monotonic() + 10
    while b"\x1b]52;" not in (raw.read_bytes() if raw.is_file() else b""):
        assert time.monotonic() < deadline, "no OSC 52 sequence in the terminal output"
        time.sleep(0.05)
    terminal.keys("q")
