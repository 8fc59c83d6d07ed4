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
