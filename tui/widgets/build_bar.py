"""A progress bar for an index build running while the user keeps reading."""

from __future__ import annotations

from pathlib import Path

from textual import work
from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.message import Message
from textual.widgets import Label, ProgressBar

from index.model import BuildProgress, BuildSummary


class BuildBar(Horizontal):
    """Runs a build of the index and shows its progress; hidden the rest of the time."""

    DEFAULT_CSS = """
    BuildBar {
        display: none;
        height: 1;
        padding: 0 1;
        background: $panel;
        &.-building { display: block; }
        & > Label { width: auto; margin-right: 1; }
        & > ProgressBar { width: 1fr; }
    }
    """

    class Finished(Message):
        """The build is over: its summary, or why it failed."""

        def __init__(self, summary: BuildSummary | None, error: str | None) -> None:
            super().__init__()
            self.summary = summary
            self.error = error

    def compose(self) -> ComposeResult:
        yield Label("Building the index", id="build-label")
        yield ProgressBar(show_eta=False, id="build-progress")

    @property
    def building(self) -> bool:
        return self.has_class("-building")

    def start(self, label: str) -> None:
        self.query_one(Label).update(label)
        self.query_one(ProgressBar).update(total=None, progress=0)
        self.add_class("-building")

    def advance(self, progress: BuildProgress) -> None:
        self.query_one(Label).update(progress.describe())
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.done)

    def finish(self) -> None:
        self.remove_class("-building")

    def rebuild(self, index_dir: Path, full: bool) -> None:
        """Bring the index at `index_dir` up to date (`full`: from scratch), off the UI thread."""
        self.start("Rebuilding the index" if full else "Updating the index")
        self._build(index_dir, full)

    @work(thread=True, exclusive=True, group="build")
    def _build(self, index_dir: Path, full: bool) -> None:
        from index import build_index
        from index.errors import BuildError

        advance = self.advance

        def progress(update: BuildProgress) -> None:
            self.app.call_from_thread(advance, update)

        try:
            summary = build_index(index_dir, full=full, progress=progress)
        except (BuildError, OSError) as error:
            self.app.call_from_thread(self._finished, None, str(error))
            return
        self.app.call_from_thread(self._finished, summary, None)

    def _finished(self, summary: BuildSummary | None, error: str | None) -> None:
        self.finish()
        self.post_message(self.Finished(summary, error))
