"""Drive the browser headless on an index and report how fast it answers, as JSON lines.

    python tests/perf/browser_probe.py INDEX_DIR

Prints {"ready": true} the moment the first results are on screen (the caller times process
start to that line), then one line of figures: keystroke-to-results latencies and memory.

Each word is typed a key at a time, each key pressed once the app has handled the one before.
A latency runs from pressing a word's last key to the first frame drawn with that word's
results: the frame the terminal would show; the timeline's, to the first frame drawn with that
word's timeline above them. The meetings view is timed from pressing `m` to its first frame,
for all meetings and for a few queries.
"""

from __future__ import annotations

import asyncio
import json
import statistics
import sys
import time
from pathlib import Path

WORDS = [
    "hội đàm",
    "Putin",
    "kinh tế",
    "biển",
    "Trump",
    "ngoại giao",
    "APEC",
    "Nhật Bản",
    "thương mại",
    "Triều Tiên",
    "Thủ tướng",
    "bóng đá",
]
MEETING_QUERIES = ["", "hội đàm", "Trump", "Nhật Bản"]


def rss_mb() -> float:
    for line in Path("/proc/self/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    return 0.0


async def wait_for(condition, timeout: float = 10.0) -> None:  # type: ignore[no-untyped-def]
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("the browser did not answer")
        await asyncio.sleep(0.02)


def percentiles(latencies: list[float], name: str) -> dict[str, float]:
    latencies = sorted(latencies)
    p95 = latencies[min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))]
    return {f"{name}_p50_ms": statistics.median(latencies) * 1000, f"{name}_p95_ms": p95 * 1000}


async def probe(index_dir: Path) -> dict[str, float]:
    from tui.app import DiplonewsApp
    from tui.screens.meetings import MeetingsScreen
    from tui.widgets.search_bar import SearchBar
    from tui.widgets.timeline_bar import TimelineBar

    app = DiplonewsApp(index_dir)
    drawn: dict[str, float] = {}  # query → when the first frame showing its results was drawn
    timelines: dict[str, float] = {}  # query → the first frame showing its timeline
    pending_timeline: list[str] = []
    meetings_drawn: list[float] = []
    display = app._display
    show_periods = TimelineBar.show_periods

    def timed_periods(bar: TimelineBar, periods: object) -> None:
        show_periods(bar, periods)  # type: ignore[arg-type]
        pending_timeline.append(app.browser.query_text)

    def timed_display(screen: object, update: object) -> None:
        display(screen, update)  # type: ignore[arg-type]
        if update is None:
            return
        now = time.perf_counter()
        if app.browser.result is not None:
            drawn.setdefault(app.browser.result.query, now)
        while pending_timeline:
            timelines.setdefault(pending_timeline.pop(), now)
        if isinstance(screen, MeetingsScreen) and not meetings_drawn:
            meetings_drawn.append(now)

    TimelineBar.show_periods = timed_periods  # type: ignore[method-assign]
    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: app.browser.result is not None)
        print(json.dumps({"ready": True}), flush=True)
        latencies, timeline_latencies = [], []
        for word in WORDS:
            await pilot.press("slash")
            app.query_one(SearchBar).value = ""
            keys = [char if char != " " else "space" for char in word]
            for key in keys[:-1]:
                await pilot.press(key)
            drawn.clear()
            timelines.clear()
            typed = time.perf_counter()
            await pilot.press(keys[-1])
            await wait_for(lambda word=word: word in drawn and word in timelines)
            latencies.append(drawn[word] - typed)
            timeline_latencies.append(timelines[word] - typed)
        meetings = []
        for query in MEETING_QUERIES:
            await pilot.press("slash")
            app.query_one(SearchBar).value = query
            await wait_for(lambda query=query: query in drawn)
            await pilot.press("escape")
            meetings_drawn.clear()
            pressed = time.perf_counter()
            await pilot.press("m")
            await wait_for(lambda: bool(meetings_drawn))
            meetings.append(meetings_drawn[0] - pressed)
            await pilot.press("escape")
            await wait_for(lambda: not isinstance(app.screen, MeetingsScreen))
        return {
            **percentiles(latencies, "keystroke"),
            **percentiles(timeline_latencies, "timeline"),
            **percentiles(meetings, "meetings"),
            "keystrokes": len(latencies),
            "rss_mb": rss_mb(),
        }


def main() -> None:
    figures = asyncio.run(probe(Path(sys.argv[1])))
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
