"""The timeline above the results: matching articles per month (or day) as a sparkline, with
its range and peak."""

from __future__ import annotations

from collections.abc import Sequence

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.widgets import Sparkline, Static

from tui.timeline_text import dated, range_text


class TimelineBar(Horizontal):
    """One line: the sparkline on the left, "2017-01 … 2017-07, peak 312 (2017-03)" beside."""

    DEFAULT_CSS = """
    TimelineBar {
        height: 1;
        padding: 0 1;
        Sparkline { width: 1fr; min-width: 8; margin-right: 1; }
        #timeline-range { width: auto; max-width: 50%; color: $text-muted; }
    }
    """

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.periods: list[tuple[str, int]] = []

    def compose(self) -> ComposeResult:
        yield Sparkline([], summary_function=max)
        yield Static("", id="timeline-range", markup=False)

    @property
    def range_text(self) -> str:
        return range_text(self.periods) if self.periods else ""

    def show_periods(self, periods: Sequence[tuple[str, int]]) -> None:
        self.periods = list(periods)
        counts = [count for _period, count in dated(self.periods)]
        sparkline = self.query_one(Sparkline)
        sparkline.data = counts
        sparkline.display = bool(counts)
        self.query_one("#timeline-range", Static).update(self.range_text)
