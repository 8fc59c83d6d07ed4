"""Whoosh's multi-process writer, with term-pool sub-writers that die with the build.

A build killed with `kill -9` would otherwise leave its sub-writers waiting on their job queue
forever, holding memory and the files they inherited.
"""

from __future__ import annotations

import ctypes
import ctypes.util
import gc
import signal
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from index.engine.writer import TermPool, TermPoolWriter

_PR_SET_PDEATHSIG = 1


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphaned sub-writers then exit when their queue breaks


class _SubWriter(SubWriterTask):
    """Whoosh's sub-writer loop (each writes its own segment), with a `TermPoolWriter`."""

    def run(self) -> None:
        _die_with_parent()
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = TermPoolWriter(ix, _lk=False, **self.kwargs)
        while self.running:
            job = self.jobqueue.get()
            if job is None:
                break
            self._process_file(*job)
            # The postings held so far live until the end: keep the cyclic garbage collector
            # from walking them again after every few thousand new objects.
            gc.freeze()
        if not self.running:
            writer.cancel()
            return
        segment = writer._finalize_segment()
        self.resultqueue.put((None, writer.pool.fieldnames, segment), timeout=5)


class ParallelWriter(MpWriter, TermPoolWriter):
    """`MpWriter` whose sub-writers each write a segment of their own (no merge) from a
    `TermPool`, and receive SIGKILL when the build process dies."""

    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        MpWriter.__init__(self, ix, procs=procs, multisegment=True, **kwargs)
        self.pool = TermPool()

    def _new_task(self) -> Any:
        task = _SubWriter(
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
