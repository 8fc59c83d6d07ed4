"""SVG snapshots of the browser at 80×24 and 120×40 (pytest-textual-snapshot).

Update the baselines with `pytest tests/test_snapshots.py --snapshot-update`, then look at them.
The index is built from the bundled seeds, and nothing on screen depends on the clock.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import pytest_textual_snapshot
from browser_waits import settle
from textual.pilot import Pilot

from tui.app import DiplonewsApp
from tui.widgets import search_bar
from tui.widgets.facet_list import FacetList
from tui.widgets.search_bar import SearchBar

SIZES = [(80, 24), (120, 40)]


class _SnapshotsDirectory(pytest_textual_snapshot.SVGImageExtension):
    """Keep the baselines in tests/snapshots/<module>/ rather than syrupy's __snapshots__."""

    @classmethod
    def dirname(cls, *, test_location: Any) -> str:
        return str(Path(test_location.filepath).parent / "snapshots" / test_location.basename)


@pytest.fixture(autouse=True)
def _snapshots_directory(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(pytest_textual_snapshot, "SVGImageExtension", _SnapshotsDirectory)
    # One search per typed query however busy the machine: a search for a half-typed word
    # would leave the facet highlight wherever its results put it.
    monkeypatch.setattr(search_bar, "DEBOUNCE_SECONDS", 0.5)


def browser(index_dir: Path) -> DiplonewsApp:
    return DiplonewsApp(index_dir, poll_seconds=3600)


async def steady(pilot: Pilot[int]) -> None:
    pilot.app.query_one(SearchBar).cursor_blink = False
    await settle(pilot)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_main_screen(snap_compare, seed_index: Path, size: tuple[int, int]) -> None:
    """Search bar, filters, results (newest first), the first article, facets, footer."""
    assert snap_compare(browser(seed_index), terminal_size=size, run_before=steady)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article_with_highlights(snap_compare, seed_index: Path, size: tuple[int, int]) -> None:
    """A search for Putin: matches in reverse video, the current one marked ▶, entities styled."""

    async def run_before(pilot: Pilot[int]) -> None:
        await steady(pilot)
        await pilot.press("slash", *"Putin", "enter")
        await settle(pilot)
        await pilot.press("n")
        await pilot.pause()

    assert snap_compare(browser(seed_index), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_help_screen(snap_compare, seed_index: Path, size: tuple[int, int]) -> None:
    """The help screen lists every key, pane by pane."""

    async def run_before(pilot: Pilot[int]) -> None:
        await steady(pilot)
        await pilot.press("question_mark")
        await pilot.pause()

    assert snap_compare(browser(seed_index), terminal_size=size, run_before=run_before)


@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_filtered_view(snap_compare, seed_index: Path, size: tuple[int, int]) -> None:
    """Two filters on (a leader and a country): the filter line, fewer results, ticked facets."""

    async def run_before(pilot: Pilot[int]) -> None:
        await steady(pilot)
        facets = pilot.app.query_one(FacetList)
        facets.focus()
        leader = next(e for e in facets.entries if e.id == "vladimir-putin")
        facets.highlight_entry(leader)
        await pilot.press("enter")
        await settle(pilot)
        country = next(e for e in facets.entries if e.kind == "country" and e.id == "CL")
        facets.highlight_entry(country)
        await pilot.press("enter")
        await settle(pilot)

    assert snap_compare(browser(seed_index), terminal_size=size, run_before=run_before)
