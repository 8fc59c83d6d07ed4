"""Waiting for the browser in Pilot tests: for a condition, never for a fixed time."""

from __future__ import annotations

import asyncio
from collections.abc import Callable

from textual.pilot import Pilot

from tui.app import DiplonewsApp


async def wait_until(
    pilot: Pilot[int], condition: Callable[[], bool], timeout: float = 30.0
) -> None:
    """Let the app run until `condition()` holds; fail after `timeout` seconds."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        if loop.time() > deadline:
            raise AssertionError("timed out waiting for the app")
        await pilot.pause(0.01)


async def settle(pilot: Pilot[int], timeout: float = 30.0) -> None:
    """Wait until the typed query has been searched, its results shown and the article opened,
    and every message they caused handled (twice idle in a row: one result may ask for more)."""
    app = pilot.app
    assert isinstance(app, DiplonewsApp)
    for _ in range(2):
        await pilot.pause()
        await wait_until(pilot, lambda: app.browser.idle, timeout)
        await app.workers.wait_for_complete()
    await pilot.pause()
