"""The first-run screen: builds the index (from the bundled seeds) with a progress bar."""

from __future__ import annotations

from pathlib import Path
from typing import ClassVar

from textual import work
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Vertical
from textual.screen import Screen
from textual.widgets import Label, ProgressBar

from index.model import BuildProgress
from tui.sanitize import one_line


class BuildingScreen(Screen[str | None]):
    """Builds the index at `index_dir`, then dismisses with None, or with an error message."""

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "app.quit", "Quit", id="building.quit"),
    ]

    DEFAULT_CSS = """
    BuildingScreen {
        align: center middle;
        & > Vertical {
            width: 70;
            max-width: 100%;
            height: auto;
            border: round $border;
            border-title-align: center;
            padding: 1 2;
            background: $surface;
        }
        Vertical > Label { width: 100%; margin-bottom: 1; }
        #building-error { color: $text-error; text-style: bold; display: none; }
        #building-error.-shown { display: block; }
        ProgressBar { margin-bottom: 1; }
    }
    """

    def __init__(self, index_dir: Path, *, full: bool = False, reason: str = "") -> None:
        super().__init__()
        self.index_dir = index_dir
        self.full = full
        self.reason = reason

    def compose(self) -> ComposeResult:
        box = Vertical()
        box.border_title = "diplonews"
        with box:
            reason = self.reason or "No index yet: building it from the bundled articles."
            yield Label(one_line(reason))
            yield Label(f"Index: {one_line(str(self.index_dir))}", id="building-path")
            yield Label("Reading articles…", id="building-phase")
            yield ProgressBar(show_eta=False, id="building-progress")
            yield Label("", id="building-error")

    def on_mount(self) -> None:
        self.build()

    @work(thread=True, exclusive=True, group="first-build")
    def build(self) -> None:
        from index import build_index
        from index.errors import BuildError

        try:
            build_index(self.index_dir, full=self.full, progress=self._from_thread)
        except (BuildError, OSError) as error:
            self.app.call_from_thread(self._failed, str(error))
            return
        self.app.call_from_thread(self.dismiss, None)

    def _from_thread(self, progress: BuildProgress) -> None:
        self.app.call_from_thread(self.show_progress, progress)

    def show_progress(self, progress: BuildProgress) -> None:
        label = self.query_one("#building-phase", Label)
        label.update(f"{progress.describe()}: {progress.done}/{progress.total}")
        self.query_one(ProgressBar).update(total=max(progress.total, 1), progress=progress.done)

    def _failed(self, message: str) -> None:
        error = self.query_one("#building-error", Label)
        error.update(f"The build failed: {one_line(message)}\nPress q to quit.")
        error.add_class("-shown")
