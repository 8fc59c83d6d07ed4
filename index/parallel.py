"""Whoosh's multi-process writer, with sub-writers that die with the build that started them.

A build killed with `kill -9` would otherwise leave its sub-writers waiting on their job queue
forever, holding memory and the files they inherited.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import signal
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphaned sub-writers then exit when their queue breaks


class _MortalSubWriter(SubWriterTask):
    def run(self) -> None:
        _die_with_parent()
        super().run()


class ParallelWriter(MpWriter):
    """`MpWriter` whose sub-writers receive SIGKILL when the build process dies."""

    def _new_task(self) -> Any:
        task = _MortalSubWriter(
            self.storage,
            self.indexname,
            self.jobqueue,
            self.resultqueue,
            self.subargs,
            self.multisegment,
        )
        self.tasks.append(task)
        task.start()
        return task
