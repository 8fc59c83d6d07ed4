"""Run `diplonews index build` and, at a named point of its progress, do what a test asks.

    python tests/build_driver.py PHASE[:DONE] kill|interrupt -- [diplonews arguments]

`kill` sends SIGKILL to the build process; `interrupt` sends SIGINT to its whole process group, as
Ctrl+C in a terminal does. Both happen when the build reports PHASE with at least DONE done.
"""

from __future__ import annotations

import os
import signal
import sys
from pathlib import Path
from typing import Any

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from index.build import builder
from tui.cli import main


def _act(action: str) -> None:
    if action == "kill":
        os.kill(os.getpid(), signal.SIGKILL)
    elif action == "interrupt":
        os.killpg(os.getpgid(0), signal.SIGINT)


def _hooked(phase: str, done: int, action: str) -> Any:
    real_build = builder.build_index

    def build_index(*args: Any, progress: Any = None, **kwargs: Any) -> Any:
        acted = False

        def report(update: Any) -> None:
            nonlocal acted
            if not acted and update.phase == phase and update.done >= done:
                acted = True
                _act(action)
            if progress is not None:
                progress(update)

        return real_build(*args, progress=report, **kwargs)

    return build_index


if __name__ == "__main__":
    point, action, separator, *argv = sys.argv[1:]
    assert separator == "--"
    phase, _, done = point.partition(":")
    builder.build_index = _hooked(phase, int(done or 0), action)
    sys.exit(main(argv))
