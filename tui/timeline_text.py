"""A timeline as text: a sparkline of block characters and the line naming its range."""

from __future__ import annotations

from collections.abc import Sequence

BLOCKS = "▁▂▃▄▅▆▇█"
UNDATED = "undated"


def dated(periods: Sequence[tuple[str, int]]) -> list[tuple[str, int]]:
    return [(period, count) for period, count in periods if period != UNDATED]


def sparkline(periods: Sequence[tuple[str, int]], width: int | None = None) -> str:
    """One block a period (the last `width` periods when they do not fit); blank when empty."""
    counts = [count for _period, count in dated(periods)]
    if width is not None and len(counts) > width:
        counts = counts[-width:]
    peak = max(counts, default=0)
    if not peak:
        return " " * len(counts)
    top = len(BLOCKS) - 1
    return "".join(" " if not c else BLOCKS[max(1, round(c / peak * top))] for c in counts)


def range_text(periods: Sequence[tuple[str, int]]) -> str:
    """ "2017-01 … 2017-07, peak 312 (2017-03)", "no dated articles" when there are none."""
    shown = dated(periods)
    if not shown:
        return "no dated articles"
    period, peak = max(shown, key=lambda item: item[1])
    return f"{shown[0][0]} … {shown[-1][0]}, peak {peak} ({period})"
