"""Drive the browser headless on an index and report how fast it answers, as JSON lines.

    python tests/perf/browser_probe.py INDEX_DIR

Prints {"ready": true} the moment the first results are on screen (the caller times process
start to that line), then one line of figures: keystroke-to-results latencies and memory.

Each word is typed a key at a time, each key pressed once the app has handled the one before.
A latency runs from pressing a word's last key to the first frame drawn with that word's
results: the frame the terminal would show.
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


async def probe(index_dir: Path) -> dict[str, float]:
    from tui.app import DiplonewsApp
    from tui.widgets.search_bar import SearchBar

    app = DiplonewsApp(index_dir)
    drawn: dict[str, float] = {}  # query → when the first frame showing its results was drawn
    display = app._display

    def timed_display(screen: object, update: object) -> None:
        display(screen, update)  # type: ignore[arg-type]
        if update is not None and app.browser.result is not None:
            drawn.setdefault(app.browser.result.query, time.perf_counter())

    app._display = timed_display  # type: ignore[method-assign]
    async with app.run_test(size=(120, 40)) as pilot:
        await wait_for(lambda: app.browser.result is not None)
        print(json.dumps({"ready": True}), flush=True)
        latencies = []
        for word in WORDS:
            await pilot.press("slash")
            app.query_one(SearchBar).value = ""
            keys = [char if char != " " else "space" for char in word]
            for key in keys[:-1]:
                await pilot.press(key)
            drawn.clear()
            typed = time.perf_counter()
            await pilot.press(keys[-1])
            await wait_for(lambda word=word: word in drawn)
            latencies.append(drawn[word] - typed)
        latencies.sort()
        return {
            "keystroke_p50_ms": statistics.median(latencies) * 1000,
            "keystroke_p95_ms": latencies[
                min(len(latencies) - 1, round(0.95 * (len(latencies) - 1)))
            ]
            * 1000,
            "keystrokes": len(latencies),
            "rss_mb": rss_mb(),
        }


def main() -> None:
    figures = asyncio.run(probe(Path(sys.argv[1])))
    print(json.dumps(figures), flush=True)


if __name__ == "__main__":
    main()
