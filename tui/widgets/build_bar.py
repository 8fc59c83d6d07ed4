"""A progress bar for an index build running while the user keeps reading."""

from __future__ import annotations

from typing import Any

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Label, ProgressBar

PHASES = {
    "reading": "Reading articles",
    "indexing": "Indexing articles",
    "saving": "Saving the index",
    "publishing": "Saving the index",
}


class BuildBar(Horizontal):
    """Hidden until a build starts; `advance` is fed from the build's progress callback."""

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

    def advance(self, progress: Any) -> None:
        """Show a `BuildProgress(phase, done, total)`."""
        self.query_one(Label).update(f"{PHASES.get(progress.phase, progress.phase)}")
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.done)

    def finish(self) -> None:
        self.remove_class("-building")
