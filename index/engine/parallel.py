"""Whoosh's multi-process writer, with term-pool sub-writers that die with the build.

A build killed with `kill -9` would otherwise leave its sub-writers waiting on their job queue
forever, holding memory and the files they inherited. Ctrl+C reaches every process of the
terminal's group: the sub-writers ignore it and the build process cancels them, so only the build
process reports it. A sub-writer that fails (a full disk) reports the error to the build process
instead of printing a traceback, and the build fails rather than commit without its segment.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import errno
import gc
import queue
import signal
import threading
from collections.abc import Iterator
from typing import Any

from whoosh.multiproc import MpWriter, SubWriterTask

from index.engine.pool import TermPool
from index.engine.writer import TermPoolWriter, counted_boosts

_PR_SET_PDEATHSIG = 1
_FAILED = "failed"
_RESULT_SECONDS = 5
# A sub-writer holds a segment's postings in memory until it writes them: it starts a new
# segment once it holds this many (about half a gigabyte), so a corpus of any size fits.
SEGMENT_POSTINGS = 10_000_000


def _die_with_parent() -> None:
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or "libc.so.6", use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)
    except (OSError, AttributeError):
        pass  # not Linux: orphaned sub-writers then exit when their queue breaks


@contextlib.contextmanager
def _sigint_ignored_in_children() -> Iterator[None]:
    """Children forked meanwhile start with SIGINT ignored (no window before they set it)."""
    if threading.current_thread() is not threading.main_thread():
        yield  # only the main thread may change signal handlers; the child sets its own
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


class _SubWriter(SubWriterTask):
    """Whoosh's sub-writer loop (each writes its own segment), with a `TermPoolWriter`."""

    def run(self) -> None:
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        _die_with_parent()
        try:
            self._write_segment()
        except Exception as error:  # reported to the build process, which fails the build
            code = getattr(error, "errno", None) or errno.EIO
            reason = getattr(error, "strerror", None) or f"{error.__class__.__name__}: {error}"
            self.resultqueue.put((_FAILED, code, reason), timeout=_RESULT_SECONDS)

    def _write_segment(self) -> None:
        ix = self.storage.open_index(self.indexname)
        writer = self.writer = TermPoolWriter(ix, _lk=False, **self.kwargs)
        segments, fieldnames = [], set()
        while True:
            job = self.jobqueue.get()
            if job is None:
                break
            if writer.pool.postings >= SEGMENT_POSTINGS:
                fieldnames |= writer.pool.fieldnames
                segments.append(writer._finalize_segment())
                writer = self.writer = TermPoolWriter(ix, _lk=False, **self.kwargs)
            self._process_file(*job)
            # The postings held so far live until the segment is written: keep the cyclic
            # garbage collector from walking them again after every few thousand new objects.
            gc.freeze()
        fieldnames |= writer.pool.fieldnames
        segments.append(writer._finalize_segment())
        self.resultqueue.put((None, fieldnames, segments), timeout=_RESULT_SECONDS)


class ParallelWriter(MpWriter, TermPoolWriter):
    """`MpWriter` whose sub-writers each write segments of their own (no merge) from a
    `TermPool`, and receive SIGKILL when the build process dies."""

    def __init__(self, ix: Any, procs: int, **kwargs: Any) -> None:
        MpWriter.__init__(self, ix, procs=procs, multisegment=True, **kwargs)
        self.pool = TermPool(counted_boosts(self.schema))

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
        with _sigint_ignored_in_children():
            task.start()
        return task

    def cancel(self) -> None:
        """Stop the sub-writers now: waiting on their job queue, they would never end."""
        try:
            for task in self.tasks:
                task.terminate()
            for task in self.tasks:
                task.join()
        finally:
            TermPoolWriter.cancel(self)

    def _commit(self, mergetype: Any, optimize: bool, merge: bool) -> None:
        """Whoosh's multi-segment commit, refusing to go on without every sub-writer's segment."""
        if self.docbuffer:
            self._enqueue()
        for _task in self.tasks:
            self.jobqueue.put(None)
        finalsegments = self._merge_segments(mergetype, optimize, merge)
        results = [self._result() for _task in self.tasks]
        for task in self.tasks:
            task.join()
        failed = [result for result in results if result[0] == _FAILED]
        if failed:
            _, code, reason = failed[0]
            raise OSError(code, reason)
        finalsegments += [segment for _, _, segments in results for segment in segments]
        if self._added:
            finalsegments.append(self._finalize_segment())
        else:
            self._close_segment()
        self._commit_toc(finalsegments)
        self._finish()

    def _result(self) -> tuple[Any, Any, Any]:
        while True:
            try:
                return self.resultqueue.get(timeout=1)
            except queue.Empty:
                if not any(task.is_alive() for task in self.tasks):
                    return (_FAILED, errno.EIO, "a writer process ended without its segment")
